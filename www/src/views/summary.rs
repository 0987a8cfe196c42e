//! The summary card: who, what, when, and the envelope sender (Return-Path) with its odd-case characters
//! marked (from the core's `return-path-case-odd` evidence) and a text badge when its domain is not routable.

use headerlens::Mailbox;
use yew::prelude::*;

use crate::analysis::Analysis;
use crate::highlight::runs_in_text;
use crate::strings;
use crate::views::{breakable, render_runs};

fn mailboxes(list: &[Mailbox]) -> Option<String> {
    let v: Vec<String> = list.iter().map(Mailbox::display).filter(|s| !s.is_empty()).collect();
    (!v.is_empty()).then(|| v.join(", "))
}

fn row(label: &'static str, value: Option<String>) -> Html {
    html! {
        <div class="kv"><dt>{label}</dt><dd>{ breakable(value.as_deref().unwrap_or(strings::s().NONE)) }</dd></div>
    }
}

pub struct SummaryProps {
    pub analysis: Analysis,
}

/// A plain function, not a component (see [`crate::views::Frame`]).
pub fn summary_card(props: &SummaryProps) -> Html {
    let a = &props.analysis;
    let s = &a.report.summary;
    let highlights = a.return_path_highlights();
    let core_non_routable = a.core_says_non_routable();
    let date = s.date.as_ref().map(|d| match &d.utc {
        Some(utc) if *utc != d.raw => format!("{}  ({utc})", d.raw),
        _ => d.raw.clone(),
    });
    let return_paths = s.return_path.iter().map(|rp| {
        let body = if rp.null {
            html! { <span>{strings::s().NULL_SENDER}</span> }
        } else {
            render_runs(&runs_in_text(&rp.raw, rp.span.start(), &highlights))
        };
        // The core classifies the topmost Return-Path's domain (public suffix list, special-use names).
        let classified = a.report.envelope.return_path.as_ref().filter(|e| rp.address.as_deref() == Some(e.address.as_str()));
        let non_routable = classified.is_some_and(|e| !e.domain_class.is_routable()) || (core_non_routable && !rp.null);
        let odd = !highlights.is_empty() && highlights.iter().any(|h| h.start() >= rp.span.start() && h.end() <= rp.span.end());
        html! {
            <div class="kv">
                <dt>{strings::s().FIELD_RETURN_PATH}</dt>
                <dd>
                    <code class="addr" data-testid="return-path">{body}</code>
                    if non_routable {
                        {" "}<span class="badge badge-bad" data-testid="badge-non-routable">{strings::s().BADGE_NON_ROUTABLE}</span>
                    }
                    if odd {
                        {" "}<span class="badge badge-warn">{strings::s().BADGE_ODD_CASE}</span>
                        <span class="legend">{strings::s().ODD_CASE_LEGEND}</span>
                    }
                </dd>
            </div>
        }
    });
    html! {
        <section class="card summary" aria-labelledby="summary-h" data-testid="summary">
            <h2 id="summary-h">{strings::s().SUMMARY_HEADING}</h2>
            <dl class="kvs">
                { row(strings::s().FIELD_SUBJECT, s.subject.clone()) }
                { row(strings::s().FIELD_FROM, mailboxes(&s.from)) }
                { row(strings::s().FIELD_TO, mailboxes(&s.to)) }
                if !s.cc.is_empty() { { row(strings::s().FIELD_CC, mailboxes(&s.cc)) } }
                if !s.reply_to.is_empty() { { row(strings::s().FIELD_REPLY_TO, mailboxes(&s.reply_to)) } }
                { row(strings::s().FIELD_DATE, date) }
                { row(strings::s().FIELD_MESSAGE_ID, s.message_id.clone()) }
                if s.return_path.is_empty() { { row(strings::s().FIELD_RETURN_PATH, None) } }
                { for return_paths }
                if s.mailer.is_some() { { row(strings::s().FIELD_MAILER, s.mailer.clone()) } }
            </dl>
        </section>
    }
}
