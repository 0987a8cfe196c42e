//! The page: the input panel (paste, file, drop, sample, clear, analyze) and, below it, the report views,
//! answer first: verdict, root causes with their fix, the route, then the details (folded where long).
//! Analysis runs when the text changes (debounced, longer for big pastes) or on the Analyze button.

use gloo::timers::callback::Timeout;
use web_sys::{DragEvent, HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::analysis::Analysis;
use crate::browser;
use crate::strings::{self, Lang};
use crate::views::export::Export;
use crate::views::findings::Findings;
use crate::views::headers_table::HeadersTable;
use crate::views::panels::Panels;
use crate::views::summary::SummaryCard;
use crate::views::timeline::Timeline;
use crate::views::verdict::Verdict;

/// The sample shown by "Load a sample": a hybrid-relayed message with a `.local` Return-Path.
pub const SAMPLE_HEADERS: &str = include_str!("../e2e/fixtures/hybrid-local-return-path.eml");

/// Inputs above this size get an "Analyzing…" status painted before the analysis runs.
const BIG_INPUT: usize = 200_000;

/// How long to wait after the last keystroke: longer for big texts, so typing stays fluid.
pub fn debounce_ms(len: usize) -> u32 {
    (250 + len / 4_000).min(1_500) as u32
}

#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    pub analysis: Analysis,
}

/// Everything below the input panel for one analysis.
#[function_component(Results)]
pub fn results(props: &ResultsProps) -> Html {
    let a = &props.analysis;
    if !a.report.input.looks_like_headers {
        return html! { <p class="notice" role="alert" data-testid="not-headers">{strings::s().NOT_HEADERS}</p> };
    }
    html! {
        <>
            <Verdict analysis={a.clone()} />
            <Findings analysis={a.clone()} />
            <Timeline analysis={a.clone()} />
            <div class="grid">
                <SummaryCard analysis={a.clone()} />
                <Export analysis={a.clone()} />
            </div>
            <Panels analysis={a.clone()} />
            <HeadersTable analysis={a.clone()} />
        </>
    }
}

/// The language switch: one button per language, the current one pressed; the choice is remembered.
#[derive(Properties, PartialEq)]
pub struct LangSwitchProps {
    pub lang: Lang,
    pub on_change: Callback<Lang>,
}

#[function_component(LangSwitch)]
pub fn lang_switch(props: &LangSwitchProps) -> Html {
    html! {
        <div class="lang-switch" role="group" aria-label={strings::s().LANGUAGE} data-testid="lang-switch">
            { for [Lang::En, Lang::Fr].into_iter().map(|l| {
                let on_change = props.on_change.clone();
                html! {
                    <button type="button" class={classes!("btn", "btn-small", (l == props.lang).then_some("current"))}
                            lang={l.code()} aria-pressed={if l == props.lang { "true" } else { "false" }}
                            data-lang={l.code()} onclick={Callback::from(move |_: MouseEvent| on_change.emit(l))}>
                        {l.name()}
                    </button>
                }
            }) }
        </div>
    }
}

#[function_component(App)]
pub fn app() -> Html {
    let lang = use_state(|| {
        let l = browser::initial_lang();
        strings::set_lang(l);
        l
    });
    {
        let l = *lang;
        use_effect_with(l, move |l| {
            strings::set_lang(*l);
            browser::localize_page(*l);
        });
    }
    let on_lang = {
        let lang = lang.clone();
        Callback::from(move |l: Lang| {
            strings::set_lang(l);
            browser::remember_lang(l);
            lang.set(l);
        })
    };
    let textarea = use_node_ref();
    let analysis = use_state(|| None::<Analysis>);
    let busy = use_state(|| false);
    let notice = use_state(String::new);
    let dragging = use_state(|| false);
    let runs = use_mut_ref(|| 0_u64);
    let timer = use_mut_ref(|| None::<Timeout>);
    // Set by an explicit action (Analyze, sample, file, drop): the next report is scrolled into view so the
    // answer is the first screen; typing and pasting leave the page where it is.
    let reveal = use_mut_ref(|| false);
    let results_ref = use_node_ref();
    // Performance marks for www/bench/startup.mjs: the box is usable; a report is in the page.
    use_effect_with((), |_| browser::mark("hl-ready"));
    {
        let (reveal, results_ref) = (reveal.clone(), results_ref.clone());
        use_effect_with((*analysis).as_ref().map(|a| a.run), move |run| {
            if run.is_some() {
                browser::mark("hl-rendered");
                if std::mem::take(&mut *reveal.borrow_mut())
                    && let Some(el) = results_ref.cast::<web_sys::Element>()
                {
                    el.scroll_into_view();
                }
            }
        });
    }

    // Analyse a text now (big texts: after the "Analyzing…" status has been painted).
    let analyze = {
        let (analysis, busy, runs, timer) = (analysis.clone(), busy.clone(), runs.clone(), timer.clone());
        Callback::from(move |text: String| {
            timer.borrow_mut().take();
            if text.trim().is_empty() {
                analysis.set(None);
                return;
            }
            browser::mark("hl-analyze");
            let run = {
                let mut r = runs.borrow_mut();
                *r += 1;
                *r
            };
            if text.len() > BIG_INPUT {
                busy.set(true);
                let (analysis, busy) = (analysis.clone(), busy.clone());
                *timer.borrow_mut() = Some(Timeout::new(30, move || {
                    analysis.set(Some(Analysis::run(&text, run, browser::now_ms)));
                    busy.set(false);
                }));
            } else {
                analysis.set(Some(Analysis::run(&text, run, browser::now_ms)));
            }
        })
    };

    let read_box = {
        let textarea = textarea.clone();
        move || textarea.cast::<HtmlTextAreaElement>().map(|t| t.value()).unwrap_or_default()
    };

    // Put a text into the box (sample, file, recovery) and analyse it.
    let set_text = {
        let (textarea, analyze) = (textarea.clone(), analyze.clone());
        Callback::from(move |text: String| {
            if let Some(t) = textarea.cast::<HtmlTextAreaElement>() {
                t.set_value(&text);
            }
            analyze.emit(text);
        })
    };

    {
        let (set_text, notice) = (set_text.clone(), notice.clone());
        use_effect_with((), move |_| {
            if let Some(text) = browser::take_recovered_input() {
                notice.set(strings::s().PANIC_TITLE.to_string());
                set_text.emit(text);
            }
        });
    }

    let oninput = {
        let (timer, analyze, read_box, textarea) =
            (timer.clone(), analyze.clone(), read_box.clone(), textarea.clone());
        Callback::from(move |_: InputEvent| {
            // The length only (not the text): copying a 5 MB value out of the DOM on every keystroke is slow.
            let len =
                textarea.cast::<HtmlTextAreaElement>().map(|t| t.text_length() as usize).unwrap_or_default();
            let (analyze, read_box) = (analyze.clone(), read_box.clone());
            *timer.borrow_mut() = Some(Timeout::new(debounce_ms(len), move || analyze.emit(read_box())));
        })
    };
    let on_analyze = {
        let (analyze, read_box, reveal) = (analyze.clone(), read_box.clone(), reveal.clone());
        Callback::from(move |_: MouseEvent| {
            *reveal.borrow_mut() = true;
            analyze.emit(read_box())
        })
    };
    let on_sample = {
        let (set_text, notice, reveal) = (set_text.clone(), notice.clone(), reveal.clone());
        Callback::from(move |_: MouseEvent| {
            *reveal.borrow_mut() = true;
            notice.set(String::new());
            set_text.emit(SAMPLE_HEADERS.to_string());
        })
    };
    let on_clear = {
        let (set_text, notice, textarea) = (set_text.clone(), notice.clone(), textarea.clone());
        Callback::from(move |_: MouseEvent| {
            notice.set(String::new());
            set_text.emit(String::new());
            if let Some(t) = textarea.cast::<web_sys::HtmlElement>() {
                let _ = t.focus();
            }
        })
    };
    let load_file = {
        let (set_text, notice, reveal) = (set_text.clone(), notice.clone(), reveal.clone());
        Callback::from(move |file: web_sys::File| {
            *reveal.borrow_mut() = true;
            let (set_text, notice) = (set_text.clone(), notice.clone());
            yew::platform::spawn_local(async move {
                let name = file.name();
                match browser::read_file(file).await {
                    Ok(text) => {
                        notice.set(strings::loaded_file(&name, text.len()));
                        set_text.emit(text);
                    }
                    Err(_) => notice.set(strings::s().FILE_READ_ERROR.to_string()),
                }
            });
        })
    };
    let on_file = {
        let load_file = load_file.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                load_file.emit(file);
            }
            input.set_value("");
        })
    };
    let on_dragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if !*dragging {
                dragging.set(true);
            }
        })
    };
    let on_dragleave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let on_drop = {
        let (dragging, load_file, set_text) = (dragging.clone(), load_file.clone(), set_text.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            let Some(dt) = e.data_transfer() else { return };
            if let Some(file) = dt.files().and_then(|f| f.get(0)) {
                load_file.emit(file);
            } else if let Ok(text) = dt.get_data("text/plain")
                && !text.is_empty()
            {
                set_text.emit(text);
            }
        })
    };

    let input_info = (*analysis).as_ref().map(|a| {
        let info = &a.report.input;
        html! {
            <>
                <p class="muted" data-testid="analysis-time">{strings::analysed_in(info.bytes, a.ms)}</p>
                if info.lossy_utf8 { <p class="notice">{strings::s().LOSSY}</p> }
                if !info.normalizations.is_empty() {
                    <details class="normalizations"><summary>{strings::s().NORMALIZED}</summary>
                        <ul>{ for info.normalizations.iter().map(|n| html! { <li>{n.clone()}</li> }) }</ul>
                    </details>
                }
            </>
        }
    });

    html! {
        <>
            <section class={classes!("card", "input-panel", "no-print", dragging.then_some("dragging"))}
                     aria-labelledby="input-h"
                     ondragover={on_dragover} ondragleave={on_dragleave} ondrop={on_drop} data-testid="drop-zone">
                <div class="input-head">
                    <h2 id="input-h">{strings::s().INPUT_HEADING}</h2>
                    <LangSwitch lang={*lang} on_change={on_lang} />
                </div>
                <label for="header-input">{strings::s().INPUT_LABEL}</label>
                <textarea id="header-input" ref={textarea} data-testid="header-input" {oninput}
                          spellcheck="false" autocomplete="off" placeholder={strings::s().INPUT_PLACEHOLDER}
                          aria-describedby="input-hint" rows="12"
                          class={classes!((*analysis).is_some().then_some("has-report"))} />
                <p id="input-hint" class="hint">
                    {if *dragging { strings::s().DROP_HERE } else { strings::s().INPUT_HINT }}
                </p>
                <div class="toolbar">
                    <button type="button" class="btn btn-primary" onclick={on_analyze} data-testid="analyze">{strings::s().ANALYZE}</button>
                    <label class="btn file-btn">
                        {strings::s().OPEN_FILE}
                        <input type="file" class="file-input" accept=".eml,.txt,.msg,message/rfc822,text/plain"
                               onchange={on_file} data-testid="file-input" />
                    </label>
                    <button type="button" class="btn" onclick={on_sample} data-testid="sample">{strings::s().SAMPLE}</button>
                    <button type="button" class="btn" onclick={on_clear} data-testid="clear">{strings::s().CLEAR}</button>
                </div>
                <div role="status" aria-live="polite" class="status" data-testid="status">
                    if *busy { <p>{strings::s().ANALYZING}</p> }
                    if !notice.is_empty() { <p>{(*notice).clone()}</p> }
                    { input_info.unwrap_or_default() }
                </div>
            </section>
            <div id="results" data-testid="results" ref={results_ref}>
                if let Some(a) = &*analysis {
                    // Keyed by language: a switch re-renders every view in the new language.
                    <Results key={lang.code()} analysis={a.clone()} />
                } else {
                    <p class="card muted empty" data-testid="empty">{strings::s().EMPTY_INPUT}</p>
                }
            </div>
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debounce_grows_with_size_and_is_capped() {
        assert_eq!(debounce_ms(0), 250);
        assert!(debounce_ms(400_000) > debounce_ms(4_000));
        assert_eq!(debounce_ms(50_000_000), 1_500);
    }

    #[test]
    fn the_sample_is_a_hybrid_message_with_a_local_return_path() {
        let r = headerlens::analyze_str(SAMPLE_HEADERS);
        assert_eq!(r.hops.len(), 6);
        assert!(r.summary.return_path[0].raw.contains("ResDomain.local"));
    }
}
