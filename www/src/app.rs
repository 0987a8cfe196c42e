//! The page: the input panel (paste, file, drop, sample, clear, analyze) and, below it, the report views,
//! answer first: verdict, root causes with their fix, the route, then the details (folded where long).
//! Analysis runs at once on a paste or drop into the box, after a short pause in typing (longer for big
//! texts), and on the Analyze button.

use std::rc::Rc;

use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use web_sys::{DragEvent, HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::analysis::{Analysis, Input, MAX_MESSAGES, Walker};
use crate::browser;
use crate::strings::{self, Lang};
use crate::views::compare::Compare;
use crate::views::delivery::{DeliveryProps, delivery_view};
use crate::views::export::Export;
use crate::views::findings::{FindingsProps, findings};
use crate::views::headers_table::HeadersTable;
use crate::views::messages::MessageList;
use crate::views::panels::{PanelsProps, panels};
use crate::views::summary::{SummaryProps, summary_card};
use crate::views::timeline::Timeline;
use crate::views::verdict::{VerdictProps, verdict};
use crate::views::{Frame, FrameProps};

/// The sample shown by "Load a sample": a hybrid-relayed message with a `.local` Return-Path.
pub const SAMPLE_HEADERS: &str = include_str!("../e2e/fixtures/hybrid-local-return-path.eml");

/// Inputs above this size get an "Analyzing…" status painted before the analysis runs, and are analysed
/// a few messages per turn of the event loop (see [`Walker`]).
const BIG_INPUT: usize = 200_000;
/// How long one turn of a big input's analysis may hold the page, at most about: 40 ms (the page answers a
/// key or a click within a frame or three; `www/bench/startup.mjs` prints the longest block).
const SLICE_MS: f64 = 40.0;

/// The most of a big input the box shows (bytes, cut at a line end): laying out megabytes of text in a
/// textarea holds the page for seconds, longer than the analysis. The whole text is kept in memory
/// (`browser::held_text`) and analysed; the box is read-only while it shows a part.
pub const BOX_PREVIEW: usize = 50_000;

/// What the box shows of `text`: all of it up to [`BIG_INPUT`] bytes, else its beginning (at most
/// [`BOX_PREVIEW`] bytes, ending at a line end when there is one).
pub fn box_preview(text: &str) -> &str {
    if text.len() <= BIG_INPUT {
        return text;
    }
    let mut end = BOX_PREVIEW;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    head.rfind('\n').map_or(head, |i| &head[..=i])
}

/// How long to wait after the last keystroke: longer for big texts, so typing stays fluid.
pub fn debounce_ms(len: usize) -> u32 {
    (60 + len / 4_000).min(1_500) as u32
}

/// True for the input events that put a whole text in at once (a paste, a drop): analysed without waiting.
pub fn is_whole_text_input(input_type: &str) -> bool {
    matches!(input_type, "insertFromPaste" | "insertFromPasteAsQuotation" | "insertFromDrop")
}

thread_local! {
    static WARMED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// After the page is up, analyses the sample a few times and renders its views once, off the page (into
/// an element that is never attached), one piece per turn of the event loop, unless the user's own input
/// came first (`started`). The browser compiles the module's code when it first runs and optimises it
/// once it has run a while, and a function in a long loop keeps running its first, slower form until it
/// returns: without this, the first paste after load held the page 3 to 5 times longer than the next one
/// (a 5 MB one in blocks of 300–800 ms on the build machine, `www/bench/startup.mjs`). Once per page.
async fn warm_up(started: impl Fn() -> bool) {
    if WARMED.with(|w| w.replace(true)) {
        return;
    }
    warm_up_steps(started).await;
    // For the browser tests: the page has finished its warm-up (or the user's input stopped it).
    browser::mark("hl-warm");
}

async fn warm_up_steps(started: impl Fn() -> bool) {
    for _ in 0..8 {
        browser::sleep_ms(20).await;
        if started() {
            return;
        }
        let _ = Analysis::walk(SAMPLE_HEADERS.as_bytes(), None, 0, || 0.0);
    }
    // The loops of a big paste's read (cleaning the text, splitting thousands of fields, the cut at the field
    // limit and the search for the originator fields below it) run once per analysis, each for a long time:
    // without a few runs on many fields here, the first big paste ran them in their first, slower form
    // (a read stage of 190–230 ms against 60–110 ms warm for 5 MB of fields, `www/bench/paste.mjs`).
    for fields in [1_500, 1_500, 1_500, headerlens::MAX_FIELDS + 50] {
        browser::sleep_ms(20).await;
        if started() {
            return;
        }
        let _ = Analysis::walk(warm_up_fields(fields).as_bytes(), None, 0, || 0.0);
    }
    let a = Analysis::run(SAMPLE_HEADERS, 0, || 0.0);
    macro_rules! render_off_page {
        ($($view:expr),* $(,)?) => {$(
            browser::sleep_ms(20).await;
            if started() {
                return;
            }
            render_detached($view).await;
        )*};
    }
    use crate::views::{compare, export, headers_table, messages, timeline};
    render_off_page!(
        delivery_view(&DeliveryProps { analysis: a.clone() }),
        verdict(&VerdictProps { analysis: a.clone() }),
        findings(&FindingsProps { analysis: a.clone() }),
        html! { <Timeline ..timeline::TimelineProps { analysis: a.clone() } /> },
        summary_card(&SummaryProps { analysis: a.clone() }),
        html! { <Export ..export::ExportProps { analysis: a.clone() } /> },
        html! { <Compare ..compare::CompareProps { left: a.clone() } /> },
        panels(&PanelsProps { analysis: a.clone() }),
        html! { <HeadersTable ..headers_table::HeadersTableProps { analysis: a.clone() } /> },
        html! { <MessageList ..messages::MessageListProps {
            messages: Rc::new(vec![a.clone(), a.clone()]),
            selected: 0,
            stopped: None,
            on_select: Callback::noop(),
        } /> },
    );
}

/// The sample followed by `n` short fields (then a blank line and a body), for the warm-up.
fn warm_up_fields(n: usize) -> String {
    use std::fmt::Write;
    let mut text = SAMPLE_HEADERS.trim_end().to_string();
    for i in 0..n {
        let _ = write!(text, "\nX-Warm-{i}: {i} value");
    }
    text.push_str("\nX-Last: after the fields\n\nbody\n");
    text
}

/// Where the answer starts in the results: the delivery card when it opens with the delivery sentence (where
/// the message landed and why) and leaves room for the verdict below it (at most 40 % of the window), else
/// the verdict. A delivery card with a long spam-filter table would otherwise fill a phone's first screen.
fn answer_start(results: &web_sys::Element) -> web_sys::Element {
    let find = |sel: &str| results.query_selector(sel).ok().flatten();
    let window_height =
        web_sys::window().and_then(|w| w.inner_height().ok()).and_then(|h| h.as_f64()).unwrap_or(900.0);
    match find("[data-testid=\"delivery\"]") {
        Some(card)
            if find("[data-testid=\"delivery-sentence\"]").is_some()
                && f64::from(card.client_height()) <= window_height * 0.4 =>
        {
            results.clone()
        }
        _ => find("[data-testid=\"verdict\"]").unwrap_or_else(|| results.clone()),
    }
}

/// Renders a view into an element that is not in the page, then removes it (see [`warm_up`]).
async fn render_detached(html: Html) {
    let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.create_element("div").ok())
    else {
        return;
    };
    let handle = yew::Renderer::<Frame>::with_root_and_props(el, FrameProps { html }).render();
    browser::sleep_ms(0).await;
    handle.destroy();
}

/// What the analysis of one input gave: its messages, why the walk stopped early (if it did), the input's
/// size in bytes and the milliseconds the analysis of all its messages took.
#[derive(Default)]
pub struct Walked {
    pub messages: Vec<Analysis>,
    pub stopped: Option<headerlens::Text>,
    pub bytes: usize,
    pub ms: f64,
}

#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    pub analysis: Analysis,
    /// The report of a big input: rendered one part per turn of the event loop, the answer first
    /// ([`PARTS`]), so the page is never held for the whole render of a first report.
    #[prop_or_default]
    pub staged: bool,
}

/// The parts of a report in the page, in order: the answer (delivery and verdict), the findings, the
/// route, the summary with the export and compare, the panels, the headers table.
const PARTS: usize = 6;

#[derive(Properties, PartialEq)]
struct PartProps {
    analysis: Analysis,
    part: usize,
}

/// One part of the report ([`PARTS`]). A component, so that it is not rendered again while the parts
/// after it are added (its props, compared by run, do not change).
#[function_component(Part)]
fn part(props: &PartProps) -> Html {
    let a = &props.analysis;
    match props.part {
        0 => html! {
            <>
                {delivery_view(&DeliveryProps { analysis: a.clone() })}
                {verdict(&VerdictProps { analysis: a.clone() })}
            </>
        },
        1 => findings(&FindingsProps { analysis: a.clone() }),
        2 => html! { <Timeline analysis={a.clone()} /> },
        3 => html! {
            <>
                <div class="grid">
                    {summary_card(&SummaryProps { analysis: a.clone() })}
                    <Export analysis={a.clone()} />
                </div>
                <Compare left={a.clone()} />
            </>
        },
        4 => panels(&PanelsProps { analysis: a.clone() }),
        _ => html! { <HeadersTable analysis={a.clone()} /> },
    }
}

/// Everything below the input panel for one analysis. Marks `hl-rendered` once all of it is in the page.
#[function_component(Results)]
pub fn results(props: &ResultsProps) -> Html {
    let a = &props.analysis;
    // How many parts of which run are in the page (a staged report adds one per turn of the event loop).
    let shown = use_state(|| (0_u64, 0_usize));
    let parts = if !props.staged {
        PARTS
    } else if shown.0 == a.run {
        shown.1.max(1)
    } else {
        1
    };
    {
        let shown = shown.clone();
        use_effect_with((a.run, parts), move |&(run, parts)| {
            if parts >= PARTS {
                browser::mark("hl-rendered");
            } else {
                // A timer task (the page paints and answers input before the next part).
                Timeout::new(0, move || shown.set((run, parts + 1))).forget();
            }
        });
    }
    if !a.report.input.looks_like_headers {
        // A .msg without Internet headers or a damaged file: the core's notice (and the MAPI summary if any).
        if let Some(notice) = &a.report.input.notice {
            let s = &a.report.summary;
            let has_summary = s.subject.is_some() || !s.from.is_empty() || !s.to.is_empty();
            return html! {
                <>
                    <p class="notice" role="alert" data-testid="input-notice">{strings::t(notice)}</p>
                    if has_summary { {summary_card(&SummaryProps { analysis: a.clone() })} }
                </>
            };
        }
        return html! { <p class="notice" role="alert" data-testid="not-headers">{strings::s().NOT_HEADERS}</p> };
    }
    // One child per part, empty until its turn, so the parts already shown keep their elements.
    html! {
        <>
            { for (0..PARTS).map(|part| if part < parts {
                html! { <Part analysis={a.clone()} {part} /> }
            } else {
                html! {}
            }) }
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
    // The size of a big input kept in memory while the box shows its beginning (see [`box_preview`]).
    let held = use_state(|| None::<(usize, usize)>);
    let analysis = use_state(|| None::<Analysis>);
    // Several messages in the input: the list, and why it stopped early (if it did).
    let list = use_state(|| None::<(Rc<Vec<Analysis>>, Option<headerlens::Text>)>);
    let selected = use_state(|| 0_usize);
    // The whole input's size in bytes, its number of messages and the milliseconds their analysis took.
    let whole = use_state(|| None::<(usize, usize, f64)>);
    // The text analysed last: the same text again (a paste event and then an input event with the same
    // value, a re-render) is not analysed again unless asked for (Analyze, the sample, a file).
    let last_text = use_mut_ref(|| None::<Rc<str>>);
    let busy = use_state(|| false);
    let notice = use_state(String::new);
    let dragging = use_state(|| false);
    let runs = use_mut_ref(|| 0_u64);
    // The run of the latest input: a big input analysed in slices stops when a newer one arrives.
    let current = use_mut_ref(|| 0_u64);
    let timer = use_mut_ref(|| None::<Timeout>);
    // Set by an explicit action (Analyze, sample, file, drop): the next report is scrolled into view so the
    // answer is the first screen (`answer_start`); typing and pasting leave the page where it is.
    let reveal = use_mut_ref(|| false);
    let results_ref = use_node_ref();
    // Performance marks for www/bench/startup.mjs: the box is usable; a report is in the page.
    {
        let current = current.clone();
        use_effect_with((), move |_| {
            browser::mark("hl-ready");
            yew::platform::spawn_local(warm_up(move || *current.borrow() != 0));
        });
    }
    {
        let (reveal, results_ref) = (reveal.clone(), results_ref.clone());
        use_effect_with((*analysis).as_ref().map(|a| a.run), move |run| {
            if run.is_some()
                && std::mem::take(&mut *reveal.borrow_mut())
                && let Some(el) = results_ref.cast::<web_sys::Element>()
            {
                answer_start(&el).scroll_into_view();
            }
        });
    }

    // Show the messages of one or more inputs: the first one's report, and the list when there are several;
    // the status says how big the whole input was, how many messages it held and how long they all took.
    let show = {
        let (analysis, list, selected, whole) =
            (analysis.clone(), list.clone(), selected.clone(), whole.clone());
        Callback::from(move |Walked { messages, stopped, bytes, ms }: Walked| {
            selected.set(0);
            whole.set((!messages.is_empty()).then_some((bytes, messages.len(), ms)));
            analysis.set(messages.first().cloned());
            if messages.len() > 1 || stopped.is_some() {
                list.set(Some((Rc::new(messages), stopped)));
            } else {
                list.set(None);
            }
        })
    };
    // Run numbers for `count` new analyses (each message has its own, so views re-render on a switch).
    let next_runs = {
        let runs = runs.clone();
        move |count: usize| -> u64 {
            let mut r = runs.borrow_mut();
            let first = *r + 1;
            *r += count.max(1) as u64 + MAX_MESSAGES as u64;
            first
        }
    };

    // Analyse a text now (big texts: after the "Analyzing…" status has been painted, in slices). `again`:
    // analyse it even when it is the text analysed last (an explicit action); otherwise that is skipped.
    let analyze = {
        let (show, busy, timer, next_runs, current, last_text) = (
            show.clone(),
            busy.clone(),
            timer.clone(),
            next_runs.clone(),
            current.clone(),
            last_text.clone(),
        );
        // The text is shared, not copied (a 5 MB paste is one text for the box, this memory and the walk).
        Callback::from(move |(text, again): (Rc<str>, bool)| {
            timer.borrow_mut().take();
            {
                let mut last = last_text.borrow_mut();
                if !again && last.as_ref().is_some_and(|l| Rc::ptr_eq(l, &text) || **l == *text) {
                    return;
                }
                *last = Some(text.clone());
            }
            let run = next_runs(1);
            *current.borrow_mut() = run;
            if text.trim().is_empty() {
                busy.set(false);
                show.emit(Walked::default());
                return;
            }
            let bytes = text.len();
            browser::mark("hl-analyze");
            if text.len() > BIG_INPUT {
                busy.set(true);
                let (show, busy, current) = (show.clone(), busy.clone(), current.clone());
                yew::platform::spawn_local(async move {
                    browser::sleep_ms(30).await;
                    let still = || *current.borrow() == run;
                    if !still() {
                        return;
                    }
                    let mut walker = Walker::new(Input::Text(text), None, run, browser::now_ms);
                    loop {
                        browser::sleep_ms(0).await;
                        if !still() {
                            return;
                        }
                        if walker.step_staged(SLICE_MS, browser::now_ms, || browser::sleep_ms(0)).await {
                            break;
                        }
                    }
                    // The reports, then the page's own turn, then the render of the first one and the list.
                    let ms = walker.ms();
                    let (messages, stopped) = walker.finish();
                    browser::sleep_ms(0).await;
                    if !still() {
                        return;
                    }
                    show.emit(Walked { messages, stopped, bytes, ms });
                    busy.set(false);
                });
            } else {
                busy.set(false);
                let mut walker = Walker::new(Input::Text(text), None, run, browser::now_ms);
                while !walker.step(f64::INFINITY, browser::now_ms) {}
                let ms = walker.ms();
                let (messages, stopped) = walker.finish();
                show.emit(Walked { messages, stopped, bytes, ms });
            }
        })
    };

    // The whole input: the text kept in memory when the box shows only its beginning.
    let read_box = {
        let textarea = textarea.clone();
        move || -> Rc<str> {
            browser::held_text().unwrap_or_else(|| {
                Rc::from(textarea.cast::<HtmlTextAreaElement>().map(|t| t.value()).unwrap_or_default())
            })
        }
    };

    // Put a text into the box: a big one is kept in memory and the box shows its beginning.
    let put_in_box = {
        let (textarea, held) = (textarea.clone(), held.clone());
        move |text: &Rc<str>| {
            let shown = box_preview(text);
            let whole = shown.len() == text.len();
            browser::set_held_text((!whole).then(|| text.clone()));
            if let Some(t) = textarea.cast::<HtmlTextAreaElement>() {
                t.set_value(shown);
            }
            held.set((!whole).then_some((text.len(), shown.len())));
        }
    };

    // Put a text into the box (sample, file, recovery) and analyse it.
    let set_text = {
        let (put_in_box, analyze) = (put_in_box.clone(), analyze.clone());
        Callback::from(move |text: String| {
            let text: Rc<str> = Rc::from(text);
            put_in_box(&text);
            analyze.emit((text, true));
        })
    };

    // A big paste never goes into the box as it is (see [`box_preview`]); nor does any paste while the box
    // shows part of a big input: the new text replaces the whole input.
    let onpaste = {
        let (put_in_box, analyze, notice, busy) =
            (put_in_box.clone(), analyze.clone(), notice.clone(), busy.clone());
        let pastes = use_mut_ref(|| 0_u64);
        Callback::from(move |e: Event| {
            let Some(data) = e.dyn_ref::<web_sys::ClipboardEvent>().and_then(|c| c.clipboard_data()) else {
                return;
            };
            let text = browser::clipboard_text(&data);
            if text.length() as usize <= BIG_INPUT && browser::held_text().is_none() {
                return; // the box takes it; the input event analyses it
            }
            e.prevent_default();
            // As for typing (see `oninput`): the status no longer describes an earlier file or recovery.
            if !notice.is_empty() {
                notice.set(String::new());
            }
            // The text crosses into the module in a task of its own (encoding and copying megabytes takes
            // 50-130 ms on the build machine): the paste's own task stays short, and the status says an
            // analysis is coming. A newer paste meanwhile replaces this one.
            busy.set(true);
            let paste = {
                let mut p = pastes.borrow_mut();
                *p += 1;
                *p
            };
            let (put_in_box, analyze, pastes) = (put_in_box.clone(), analyze.clone(), pastes.clone());
            yew::platform::spawn_local(async move {
                browser::sleep_ms(0).await;
                if *pastes.borrow() != paste {
                    return;
                }
                let text = browser::js_string_to_rc(&text);
                put_in_box(&text);
                analyze.emit((text, false));
            });
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
        let (timer, analyze, read_box, textarea, notice) =
            (timer.clone(), analyze.clone(), read_box.clone(), textarea.clone(), notice.clone());
        Callback::from(move |e: InputEvent| {
            // What the status said about an earlier file or recovery no longer describes the box's text.
            if !notice.is_empty() {
                notice.set(String::new());
            }
            // A plain `input` event (a script or an extension setting the value) is not an InputEvent: typing.
            let whole =
                e.dyn_ref::<web_sys::InputEvent>().is_some_and(|e| is_whole_text_input(&e.input_type()));
            if whole {
                analyze.emit((read_box(), false));
                return;
            }
            // The length only (not the text): copying a 5 MB value out of the DOM on every keystroke is slow.
            let len =
                textarea.cast::<HtmlTextAreaElement>().map(|t| t.text_length() as usize).unwrap_or_default();
            let (analyze, read_box) = (analyze.clone(), read_box.clone());
            *timer.borrow_mut() =
                Some(Timeout::new(debounce_ms(len), move || analyze.emit((read_box(), false))));
        })
    };
    let on_analyze = {
        let (analyze, read_box, reveal) = (analyze.clone(), read_box.clone(), reveal.clone());
        Callback::from(move |_: MouseEvent| {
            *reveal.borrow_mut() = true;
            analyze.emit((read_box(), true))
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
    // Files are read as bytes in the page (File API), never uploaded. One text file goes into the box
    // like a paste; a .msg or several files are analysed from their bytes.
    let load_files = {
        let (set_text, notice, show, put_in_box, next_runs, reveal, current, last_text) = (
            set_text.clone(),
            notice.clone(),
            show.clone(),
            put_in_box.clone(),
            next_runs.clone(),
            reveal.clone(),
            current.clone(),
            last_text.clone(),
        );
        Callback::from(move |files: Vec<web_sys::File>| {
            *reveal.borrow_mut() = true;
            let (set_text, notice, show, put_in_box, next_runs, current, last_text) = (
                set_text.clone(),
                notice.clone(),
                show.clone(),
                put_in_box.clone(),
                next_runs.clone(),
                current.clone(),
                last_text.clone(),
            );
            yew::platform::spawn_local(async move {
                let mut read = Vec::new();
                for file in files {
                    let name = file.name();
                    match browser::read_file_bytes(file).await {
                        Ok(bytes) => read.push((name, bytes)),
                        Err(_) => {
                            notice.set(strings::s().FILE_READ_ERROR.to_string());
                            return;
                        }
                    }
                }
                let total: usize = read.iter().map(|(_, b)| b.len()).sum();
                // A file that is not text (a PDF, an image, an empty file…) is not put in the box: its report is
                // the core's notice saying what it looks like (`Results`).
                if let [(name, bytes)] = read.as_slice()
                    && !headerlens::msg::is_compound_file(bytes)
                    && headerlens::not_headers(bytes).is_none()
                {
                    // One reading of bytes as text for the core and the page: UTF-16 and
                    // Windows-1252 text are not shown as U+FFFD, and the status says how it was read.
                    let decoded = headerlens::charset::decode(bytes);
                    notice.set(strings::loaded_file_as(name, bytes.len(), decoded.encoding));
                    set_text.emit(decoded.text.into_owned());
                    return;
                }
                notice.set(if read.len() == 1 {
                    strings::loaded_file(&read[0].0, total)
                } else {
                    strings::loaded_files(read.len(), total)
                });
                // The box will not hold what was analysed: any text pasted next is analysed.
                *last_text.borrow_mut() = None;
                let many = read.len() > 1;
                let mut messages = Vec::new();
                let mut stopped = None;
                let mut ms = 0.0;
                // Analysed in slices like a big paste; a newer input (a paste, another drop) stops this one.
                let token = next_runs(1);
                *current.borrow_mut() = token;
                for (name, bytes) in read {
                    if messages.len() >= MAX_MESSAGES {
                        stopped.get_or_insert_with(|| headerlens::container::stopped_note(MAX_MESSAGES));
                        break;
                    }
                    let first = next_runs(MAX_MESSAGES);
                    let mut walker = Walker::new(
                        Input::Bytes(bytes),
                        many.then_some(name.as_str()),
                        first,
                        browser::now_ms,
                    );
                    loop {
                        browser::sleep_ms(0).await;
                        if *current.borrow() != token {
                            return;
                        }
                        if walker.step_staged(SLICE_MS, browser::now_ms, || browser::sleep_ms(0)).await {
                            break;
                        }
                    }
                    ms += walker.ms();
                    let (mut found, why) = walker.finish();
                    found.truncate(MAX_MESSAGES - messages.len());
                    messages.extend(found);
                    if let Some(w) = why {
                        stopped.get_or_insert(w);
                    }
                }
                // The box shows the text of the first message (a .msg's Internet headers).
                put_in_box(&messages.first().map_or_else(|| Rc::from(""), |a| a.input.clone()));
                show.emit(Walked { messages, stopped, bytes: total, ms });
            });
        })
    };
    let on_file = {
        let load_files = load_files.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(list) = input.files() {
                let files: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
                if !files.is_empty() {
                    load_files.emit(files);
                }
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
        let (dragging, load_files, set_text) = (dragging.clone(), load_files.clone(), set_text.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            let Some(dt) = e.data_transfer() else { return };
            let files: Vec<web_sys::File> =
                dt.files().map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect()).unwrap_or_default();
            if !files.is_empty() {
                load_files.emit(files);
            } else if let Ok(text) = dt.get_data("text/plain")
                && !text.is_empty()
            {
                set_text.emit(text);
            }
        })
    };

    let on_select = {
        let (list, selected, analysis) = (list.clone(), selected.clone(), analysis.clone());
        Callback::from(move |i: usize| {
            if let Some((messages, _)) = &*list
                && let Some(a) = messages.get(i)
            {
                selected.set(i);
                analysis.set(Some(a.clone()));
            }
        })
    };

    let input_info = (*analysis).as_ref().map(|a| {
        let info = &a.report.input;
        let (bytes, count, ms) = (*whole).unwrap_or((info.bytes, 1, a.ms));
        html! {
            <>
                <p class="muted" data-testid="analysis-time">{strings::analysed(bytes, count, ms)}</p>
                if let Some(s) = &info.receiver_summary {
                    <details class="receiver-summary" data-testid="receiver-summary">
                        <summary>{strings::receiver_summary(&s.source)}</summary>
                        <dl>{ for s.items.iter().map(|i| html! { <><dt>{i.label.clone()}</dt><dd>{i.value.clone()}</dd></> }) }</dl>
                    </details>
                }
                if info.lossy_utf8 { <p class="notice">{strings::s().LOSSY}</p> }
                if !info.normalizations.is_empty() {
                    <details class="normalizations"><summary>{strings::s().NORMALIZED}</summary>
                        <ul>{ for info.normalizations.iter().map(|n| html! { <li>{strings::t(n)}</li> }) }</ul>
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
                <textarea id="header-input" ref={textarea} data-testid="header-input" {oninput} {onpaste}
                          readonly={held.is_some()}
                          spellcheck="false" autocomplete="off" placeholder={strings::s().INPUT_PLACEHOLDER}
                          aria-describedby="input-hint" rows="12"
                          class={classes!((*analysis).is_some().then_some("has-report"))} />
                if let Some((bytes, shown)) = *held {
                    <p class="notice" data-testid="held-input">{strings::held_input(bytes, shown)}</p>
                }
                <p id="input-hint" class="hint">
                    {if *dragging { strings::s().DROP_HERE } else { strings::s().INPUT_HINT }}
                </p>
                <div class="toolbar">
                    <button type="button" class="btn btn-primary" onclick={on_analyze} data-testid="analyze">{strings::s().ANALYZE}</button>
                    <label class="btn file-btn">
                        {strings::s().OPEN_FILE}
                        <input type="file" class="file-input" accept=".eml,.txt,.msg,.mbox,message/rfc822,text/plain,application/vnd.ms-outlook,application/mbox"
                               multiple=true onchange={on_file} data-testid="file-input" />
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
            if let Some((messages, stopped)) = &*list {
                <MessageList messages={messages.clone()} selected={*selected} stopped={stopped.clone()}
                             on_select={on_select} />
            }
            <div id="results" data-testid="results" ref={results_ref}>
                if let Some(a) = &*analysis {
                    // Keyed by language: a switch re-renders every view in the new language.
                    <Results key={lang.code()} analysis={a.clone()}
                             staged={(*whole).is_some_and(|(bytes, _, _)| bytes > BIG_INPUT)} />
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
        assert_eq!(debounce_ms(0), 60);
        assert!(debounce_ms(400_000) > debounce_ms(4_000));
        assert_eq!(debounce_ms(50_000_000), 1_500);
    }

    #[test]
    fn the_box_shows_a_big_text_s_beginning_up_to_a_line_end() {
        assert_eq!(box_preview(SAMPLE_HEADERS), SAMPLE_HEADERS);
        let line = "X-Filler: é value\n"; // 19 bytes, a two-byte character inside
        let big = line.repeat(BIG_INPUT / line.len() + 1);
        let shown = box_preview(&big);
        assert!(shown.len() <= BOX_PREVIEW && shown.len() > BOX_PREVIEW - line.len(), "{}", shown.len());
        assert!(shown.ends_with('\n') && big.starts_with(shown));
        // One endless line: cut at a character boundary.
        let one_line = "é".repeat(BIG_INPUT);
        let shown = box_preview(&one_line);
        assert!(shown.len() <= BOX_PREVIEW && shown.len() >= BOX_PREVIEW - 1 && one_line.starts_with(shown));
    }

    #[test]
    fn pastes_and_drops_are_whole_texts_and_typing_is_not() {
        assert!(is_whole_text_input("insertFromPaste"));
        assert!(is_whole_text_input("insertFromDrop"));
        assert!(!is_whole_text_input("insertText"));
        assert!(!is_whole_text_input("deleteContentBackward"));
        assert!(!is_whole_text_input(""));
    }

    #[test]
    fn the_warm_up_reaches_the_field_limit() {
        let (list, _) =
            Analysis::walk(warm_up_fields(headerlens::MAX_FIELDS + 50).as_bytes(), None, 0, || 0.0);
        assert_eq!(list.len(), 1);
        assert!(list[0].findings_with_id(headerlens::FindingId::InputTruncated).next().is_some());
    }

    #[test]
    fn the_sample_is_a_hybrid_message_with_a_local_return_path() {
        let r = headerlens::analyze_str(SAMPLE_HEADERS);
        assert_eq!(r.hops.len(), 6);
        assert!(r.summary.return_path[0].raw.contains("ResDomain.local"));
    }
}
