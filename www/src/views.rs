//! The report views, one module per part of the page. Each takes an [`Analysis`](crate::analysis::Analysis)
//! and renders header text as text only (Yew escapes text nodes; nothing here builds HTML from strings).

pub mod compare;
pub mod copy_button;
pub mod delivery;
pub mod export;
pub mod findings;
pub mod headers_table;
pub mod messages;
pub mod panels;
pub mod summary;
pub mod timeline;
pub mod verdict;

use yew::prelude::*;

use crate::highlight::{Mark, Run};

/// A view given as [`Html`], mounted on its own: how the warm-up (`crate::app::warm_up`) and the component
/// tests render a view that is a plain function. The views without hooks of their own (delivery, verdict,
/// findings, summary, panels) are functions called by `Results` rather than components: each component is
/// about 3.5 KB of yew's generic lifecycle code in the wasm.
#[derive(Properties, PartialEq)]
pub struct FrameProps {
    pub html: Html,
}

#[function_component(Frame)]
pub fn frame(props: &FrameProps) -> Html {
    props.html.clone()
}

/// Renders highlight runs: plain text, `<mark class="ev">` for evidence, `<mark class="hl">` for highlights.
pub fn render_runs(runs: &[Run]) -> Html {
    runs.iter()
        .map(|r| match r.mark {
            Mark::None => breakable(&r.text),
            Mark::Evidence => html! { <mark class="ev">{breakable(&r.text)}</mark> },
            Mark::Strong => html! { <mark class="hl">{breakable(&r.text)}</mark> },
        })
        .collect()
}

/// Characters of an unbroken run (no whitespace) after which [`breakable`] offers a line break.
pub const BREAK_EVERY: usize = 64;

/// `text` cut after every [`BREAK_EVERY`] characters of a run without whitespace (one piece when it has
/// no such run). The pieces concatenate to `text`.
pub fn unbroken_pieces(text: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let (mut start, mut run) = (0, 0);
    for (i, c) in text.char_indices() {
        run = if c.is_whitespace() { 0 } else { run + 1 };
        if run > BREAK_EVERY {
            pieces.push(&text[start..i]);
            start = i;
            run = 1;
        }
    }
    pieces.push(&text[start..]);
    pieces
}

/// Text with a `<wbr>` break opportunity every [`BREAK_EVERY`] characters inside long runs without
/// whitespace. Chromium lays out one long word under `overflow-wrap: anywhere` in quadratic time: a
/// 100 KB token in a header froze the page for minutes; with break opportunities it takes milliseconds.
/// The text content (copy, search, screen readers) is unchanged: `<wbr>` holds no text.
pub fn breakable(text: &str) -> Html {
    let pieces = unbroken_pieces(text);
    if pieces.len() == 1 {
        return html! { {text.to_string()} };
    }
    pieces
        .into_iter()
        .enumerate()
        .map(|(n, p)| {
            if n == 0 {
                html! { {p.to_string()} }
            } else {
                html! { <><wbr />{p.to_string()}</> }
            }
        })
        .collect()
}

/// Splits text at backticks into (is_code, piece): the core writes addresses, hosts and commands inside
/// `backticks`. With an odd number of backticks the text is returned as one plain piece.
pub fn code_spans(text: &str) -> Vec<(bool, &str)> {
    if text.matches('`').count() % 2 == 1 {
        return vec![(false, text)];
    }
    text.split('`').enumerate().filter(|(_, p)| !p.is_empty()).map(|(i, p)| (i % 2 == 1, p)).collect()
}

/// Text with its `backtick` spans shown as code. Text nodes only.
pub fn inline_text(text: &str) -> Html {
    code_spans(text)
        .into_iter()
        .map(|(code, p)| {
            if code {
                html! { <code>{breakable(p)}</code> }
            } else {
                breakable(p)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_runs_get_break_opportunities_and_keep_their_text() {
        let token = "é".repeat(150);
        let text = format!("short words {token} end");
        let p = unbroken_pieces(&text);
        assert_eq!(p.concat(), text);
        assert_eq!(p.iter().map(|x| x.chars().count()).collect::<Vec<_>>(), vec![12 + 64, 64, 22 + 4]);
        assert_eq!(p[1], "é".repeat(64));
        assert_eq!(unbroken_pieces("a b c"), vec!["a b c"]);
        assert_eq!(unbroken_pieces(&"x".repeat(64)).len(), 1);
        assert_eq!(unbroken_pieces(&"x".repeat(65)), vec!["x".repeat(64).as_str(), "x"]);
        assert!(matches!(breakable("a b c"), Html::VText(_)));
        assert!(matches!(breakable(&token), Html::VList(_)));
    }

    #[test]
    fn backticks_become_code_spans() {
        assert_eq!(
            code_spans("The Return-Path is `a@b.local`, see `x`."),
            vec![
                (false, "The Return-Path is "),
                (true, "a@b.local"),
                (false, ", see "),
                (true, "x"),
                (false, ".")
            ]
        );
        assert_eq!(code_spans("odd ` count"), vec![(false, "odd ` count")]);
        assert_eq!(code_spans(""), Vec::<(bool, &str)>::new());
    }
}
