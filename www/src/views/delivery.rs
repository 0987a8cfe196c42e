//! Where the message landed and why: the core's one-sentence delivery answer, its reasons with their
//! evidence, and one row per spam filter whose headers survive. Shown at the top of the results.

use headerlens::delivery::{Delivery, Filter, FilterVerdict, Position};
use yew::prelude::*;

use crate::analysis::Analysis;
use crate::strings;
use crate::views::{breakable, inline_text};

fn verdict_word(v: FilterVerdict) -> (&'static str, &'static str) {
    match v {
        FilterVerdict::Spam => (strings::s().FILTER_SPAM, "res-fail"),
        FilterVerdict::NotSpam => (strings::s().FILTER_NOT_SPAM, "res-pass"),
        FilterVerdict::Unknown => (strings::s().FILTER_UNKNOWN, "res-neutral"),
    }
}

fn position_word(p: Position) -> &'static str {
    match p {
        Position::Receiver => strings::s().POSITION_RECEIVER,
        Position::Upstream => strings::s().POSITION_UPSTREAM,
        Position::Unknown => strings::s().POSITION_UNKNOWN,
    }
}

/// "7.1 / 5" or "7.1" or "-" (French "7,1 / 5").
fn score_text(f: &Filter) -> String {
    match (f.score, f.threshold) {
        (Some(s), Some(t)) => format!("{} / {}", strings::number(s), strings::number(t)),
        (Some(s), None) => strings::number(s),
        _ => "-".to_string(),
    }
}

fn filter_row(f: &Filter) -> Html {
    let (word, class) = verdict_word(f.verdict);
    const TOP: usize = 3;
    html! {
        <tr>
            <th scope="row">{f.filter.clone()}</th>
            <td><span class={classes!("res", class)}>{word}</span></td>
            <td>{score_text(f)}</td>
            <td>{position_word(f.position)}</td>
            <td>
                <ul class="plain-list">
                    { for f.rules.iter().take(TOP).map(|r| html! {
                        <li><code>{breakable(&r.name)}</code>
                            { r.score.map(|s| format!(" {}", strings::number(s))).unwrap_or_default() }
                            {" — "}{breakable(&strings::t(&r.meaning))}</li>
                    }) }
                    if f.rules.len() > TOP {
                        <li class="muted">{strings::more_rules(f.rules.len() - TOP)}</li>
                    }
                </ul>
            </td>
        </tr>
    }
}

/// True when the report has something to show here.
pub fn has_delivery(d: &Delivery) -> bool {
    d.sentence.is_some() || !d.filters.is_empty()
}

pub struct DeliveryProps {
    pub analysis: Analysis,
}

/// A plain function, not a component (see [`crate::views::Frame`]).
pub fn delivery_view(props: &DeliveryProps) -> Html {
    let d = &props.analysis.report.delivery;
    if !has_delivery(d) {
        return html! {};
    }
    html! {
        <section class="card delivery" aria-labelledby="delivery-h" data-testid="delivery">
            <h2 id="delivery-h">{strings::s().DELIVERY_HEADING}</h2>
            if let Some(sentence) = &d.sentence {
                <p class="delivery-sentence" data-testid="delivery-sentence">
                    <span class={classes!("placement", format!("placement-{}", d.placement.as_str()))}>
                        {strings::t(&d.placement.word().into())}</span>{" "}{inline_text(&strings::t(sentence))}
                </p>
            }
            if !d.reasons.is_empty() {
                <details class="delivery-reasons">
                    <summary>{strings::s().DELIVERY_REASONS}</summary>
                    <ul>
                        { for d.reasons.iter().map(|r| html! {
                            <li>{inline_text(&strings::t(&r.text))}
                                { for r.evidence.iter().map(|e| html! {
                                    <>{" "}<code>{breakable(&e.text)}</code></>
                                }) }
                            </li>
                        }) }
                    </ul>
                </details>
            }
            if !d.filters.is_empty() {
                // The table scrolls inside the card on a small screen, not the page.
                <div class="table-wrap" tabindex="0" role="region" aria-label={strings::s().FILTERS_CAPTION}>
                <table class="filters" data-testid="delivery-filters">
                    <caption>{strings::s().FILTERS_CAPTION}</caption>
                    <thead><tr>
                        <th scope="col">{strings::s().FILTER_COL}</th>
                        <th scope="col">{strings::s().VERDICT_COL}</th>
                        <th scope="col">{strings::s().SCORE_COL}</th>
                        <th scope="col">{strings::s().POSITION_COL}</th>
                        <th scope="col">{strings::s().RULES_COL}</th>
                    </tr></thead>
                    <tbody>{ for d.filters.iter().map(filter_row) }</tbody>
                </table>
                </div>
            }
        </section>
    }
}
