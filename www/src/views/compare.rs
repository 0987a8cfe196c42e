//! "Compare with another message": the headers of a second message (pasted or dropped, any format) against
//! the one shown, each difference judged better or worse for the second (the retest after a fix).

use std::rc::Rc;

use gloo::timers::callback::Timeout;
use web_sys::{DragEvent, HtmlTextAreaElement};
use yew::prelude::*;

use headerlens::Report;
use headerlens::compare::{Difference, Judgement};

use crate::analysis::Analysis;
use crate::browser;
use crate::strings;

#[derive(Properties, PartialEq)]
pub struct CompareProps {
    /// The message shown (before the change).
    pub left: Analysis,
}

/// The first message of some bytes (any format).
fn first_report(bytes: &[u8]) -> Option<Report> {
    headerlens::container::walk(bytes, 1).messages.into_iter().next().map(|a| a.report)
}

#[function_component(Compare)]
pub fn compare(props: &CompareProps) -> Html {
    let open = use_state(|| false);
    let right = use_state(|| None::<Rc<Report>>);
    let timer = use_mut_ref(|| None::<Timeout>);
    let textarea = use_node_ref();

    let on_toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let oninput = {
        let (right, timer, textarea) = (right.clone(), timer.clone(), textarea.clone());
        Callback::from(move |_: InputEvent| {
            let (right, textarea) = (right.clone(), textarea.clone());
            *timer.borrow_mut() = Some(Timeout::new(300, move || {
                let text = textarea.cast::<HtmlTextAreaElement>().map(|t| t.value()).unwrap_or_default();
                right.set(if text.trim().is_empty() {
                    None
                } else {
                    first_report(text.as_bytes()).map(Rc::new)
                });
            }));
        })
    };
    let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
    let ondrop = {
        let (right, textarea) = (right.clone(), textarea.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            let Some(dt) = e.data_transfer() else { return };
            if let Some(file) = dt.files().and_then(|f| f.get(0)) {
                let (right, textarea) = (right.clone(), textarea.clone());
                yew::platform::spawn_local(async move {
                    if let Ok(bytes) = browser::read_file_bytes(file).await {
                        if let Some(t) = textarea.cast::<HtmlTextAreaElement>() {
                            let shown = if headerlens::msg::is_compound_file(&bytes) {
                                String::new()
                            } else {
                                headerlens::charset::decode(&bytes).text.into_owned()
                            };
                            t.set_value(&shown);
                        }
                        right.set(first_report(&bytes).map(Rc::new));
                    }
                });
            } else if let Ok(text) = dt.get_data("text/plain")
                && !text.is_empty()
            {
                if let Some(t) = textarea.cast::<HtmlTextAreaElement>() {
                    t.set_value(&text);
                }
                right.set(first_report(text.as_bytes()).map(Rc::new));
            }
        })
    };

    let diffs = (*right).as_ref().map(|r| {
        let c = headerlens::compare::compare(&props.left.report, r);
        (headerlens::render::comparison_caveats(&c), c.differences)
    });
    html! {
        <section class="card compare no-print" id="compare" aria-labelledby="compare-h">
            <h2 id="compare-h">
                <button type="button" class="btn" onclick={on_toggle} data-testid="compare-toggle"
                        aria-expanded={(*open).to_string()}>
                    {strings::s().COMPARE_TOGGLE}
                </button>
            </h2>
            if *open {
                <label for="compare-input">{strings::s().COMPARE_LABEL}</label>
                <textarea id="compare-input" ref={textarea} data-testid="compare-input" {oninput} {ondragover} {ondrop}
                          spellcheck="false" autocomplete="off" rows="8" placeholder={strings::s().COMPARE_PLACEHOLDER} />
                { diffs.map(|(caveats, d)| view_differences(caveats, d)).unwrap_or_default() }
            }
        </section>
    }
}

fn view_differences(caveats: Vec<headerlens::Text>, diffs: Vec<Difference>) -> Html {
    // Why nothing is judged (a message without Internet headers), in the core's words.
    let caveats = html! {
        <>{ for caveats.into_iter().map(|c| html! { <p class="muted" data-testid="compare-caveat">{strings::t(&c)}</p> }) }</>
    };
    if diffs.is_empty() {
        return html! { <>{caveats}<p class="muted" data-testid="no-differences">{strings::s().NO_DIFFERENCES}</p></> };
    }
    let rows = diffs.into_iter().map(|d| {
        let (class, word) = match d.verdict {
            Judgement::Better => ("diff-better", strings::s().BETTER),
            Judgement::Worse => ("diff-worse", strings::s().WORSE),
            Judgement::Changed => ("diff-changed", strings::s().CHANGED),
        };
        let side = |v: Option<headerlens::Text>| v.map_or_else(|| strings::s().DIFF_NONE.to_string(), |t| strings::t(&t));
        html! {
            <tr class={classes!("difference", class)} data-testid="difference" data-verdict={d.verdict.as_str()}>
                <td class="diff-verdict">{word}</td>
                <th scope="row">{strings::t(&d.what)}</th>
                <td class="diff-left">{side(d.left)}</td>
                <td class="diff-right">{side(d.right)}</td>
            </tr>
        }
    });
    html! {
        <>
        {caveats}
        <table class="differences" data-testid="differences">
            <thead><tr><th>{strings::s().VERDICT_COL}</th><th>{strings::s().WHAT_COL}</th><th>{strings::s().BEFORE_COL}</th><th>{strings::s().AFTER_COL}</th></tr></thead>
            <tbody>{ for rows }</tbody>
        </table>
        </>
    }
}
