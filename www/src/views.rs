//! The report views, one module per part of the page. Each takes an [`Analysis`](crate::analysis::Analysis)
//! and renders header text as text only (Yew escapes text nodes; nothing here builds HTML from strings).

pub mod copy_button;
pub mod export;
pub mod findings;
pub mod headers_table;
pub mod panels;
pub mod summary;
pub mod timeline;
pub mod verdict;

use yew::prelude::*;

use crate::highlight::{Mark, Run};

/// Renders highlight runs: plain text, `<mark class="ev">` for evidence, `<mark class="hl">` for highlights.
pub fn render_runs(runs: &[Run]) -> Html {
    runs.iter()
        .map(|r| match r.mark {
            Mark::None => html! { {r.text.clone()} },
            Mark::Evidence => html! { <mark class="ev">{r.text.clone()}</mark> },
            Mark::Strong => html! { <mark class="hl">{r.text.clone()}</mark> },
        })
        .collect()
}
