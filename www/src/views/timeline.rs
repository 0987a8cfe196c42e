//! The hop timeline: one entry per Received field, oldest first, grouped by where the hop happened, each
//! with its delay as a bar proportional to the longest delay (width buckets in CSS: no inline style).

use headerlens::{Hop, ParseStatus, Report};
use yew::prelude::*;

use crate::analysis::Analysis;
use crate::hop_zone::{Zone, zones};
use crate::strings;
use crate::views::breakable;

/// Number of width buckets of the delay bar (`w-0` … `w-20`, 5 % each).
pub const BAR_BUCKETS: u32 = 20;

/// The bar bucket of `delay` against the longest delay: 0 for no delay, at least 1 for any positive delay.
pub fn bar_bucket(delay: f64, longest: f64) -> u32 {
    if delay <= 0.0 || longest <= 0.0 || !delay.is_finite() {
        return 0;
    }
    ((delay / longest * BAR_BUCKETS as f64).round() as u32).clamp(1, BAR_BUCKETS)
}

/// Consecutive hops of the same zone, in order.
pub fn groups(report: &Report) -> Vec<(Zone, Vec<&Hop>)> {
    let mut out: Vec<(Zone, Vec<&Hop>)> = Vec::new();
    for (hop, zone) in report.hops.iter().zip(zones(report)) {
        match out.last_mut() {
            Some((z, v)) if *z == zone => v.push(hop),
            _ => out.push((zone, vec![hop])),
        }
    }
    out
}

fn tls_text(hop: &Hop) -> String {
    match &hop.tls {
        Some(t) => {
            let parts: Vec<&str> =
                [t.version.as_deref(), t.cipher.as_deref()].into_iter().flatten().collect();
            if parts.is_empty() { "yes".to_string() } else { parts.join(", ") }
        }
        None => strings::NO_TLS_STATED.to_string(),
    }
}

fn host(name: Option<&str>) -> String {
    name.unwrap_or("?").to_string()
}

fn hop_view(hop: &Hop, longest: f64) -> Html {
    let from_ip = hop.from_ip.map(|ip| ip.to_string());
    let by_ip = hop.by_ip.map(|ip| ip.to_string());
    let local = hop.epoch.map(crate::browser::local_time);
    let status = match hop.parse_status {
        ParseStatus::Full => None,
        ParseStatus::Partial => Some(strings::PARSE_PARTIAL),
        ParseStatus::Raw => Some(strings::PARSE_RAW),
    };
    let delay = match hop.delay_seconds {
        Some(d) if hop.clock_skew => html! {
            <div class="delay skew">
                <span class="badge badge-warn">{strings::CLOCK_SKEW}</span>{" "}
                <span>{strings::duration(d)}</span>
                <span class="muted">{" — "}{strings::CLOCK_SKEW_NOTE}</span>
            </div>
        },
        Some(d) => html! {
            <div class="delay">
                <span class="delay-label">{strings::DELAY}{": "}{strings::duration(d)}</span>
                <span class="bar-track" aria-hidden="true">
                    <span class={classes!("bar", format!("w-{}", bar_bucket(d, longest)))}></span>
                </span>
            </div>
        },
        None => html! {},
    };
    html! {
        <li class="hop" data-testid="hop" data-index={hop.index.to_string()}>
            <div class="hop-head">
                <span class="hop-index" aria-label={format!("{} {}", strings::HOP, hop.index)}>{hop.index}</span>
                <span class="host">{breakable(&host(hop.from.as_deref()))}</span>
                <span class="arrow" aria-hidden="true">{" → "}</span>
                <span class="visually-hidden">{" to "}</span>
                <span class="host">{breakable(&host(hop.by.as_deref()))}</span>
                if let Some(s) = status { {" "}<span class="badge badge-warn">{s}</span> }
            </div>
            <dl class="hop-facts">
                <div><dt>{strings::PROTOCOL}</dt><dd>{breakable(hop.with.as_deref().unwrap_or(strings::NONE))}</dd></div>
                <div><dt>{strings::TLS}</dt><dd>{breakable(&tls_text(hop))}</dd></div>
                if let Some(ip) = from_ip { <div><dt>{strings::FROM_IP}</dt><dd><code>{ip}</code></dd></div> }
                if let Some(ip) = by_ip { <div><dt>{strings::BY_IP}</dt><dd><code>{ip}</code></dd></div> }
                <div><dt>{strings::TIME_UTC}</dt><dd>{hop.timestamp.clone().unwrap_or_else(|| strings::NO_DATE.into())}</dd></div>
                if let Some(l) = local { <div><dt>{strings::TIME_LOCAL}</dt><dd>{l}</dd></div> }
            </dl>
            {delay}
            if !hop.parse_notes.is_empty() {
                <ul class="notes">{ for hop.parse_notes.iter().map(|n| html! { <li>{breakable(n)}</li> }) }</ul>
            }
            <details class="raw">
                <summary>{strings::RAW_LINE}</summary>
                <pre><code>{breakable(&hop.raw)}</code></pre>
            </details>
        </li>
    }
}

#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    pub analysis: Analysis,
}

#[function_component(Timeline)]
pub fn timeline(props: &TimelineProps) -> Html {
    let report = &props.analysis.report;
    let hops = &report.hops;
    let longest =
        hops.iter().filter_map(|h| h.delay_seconds).filter(|d| d.is_finite()).fold(0.0_f64, f64::max);
    html! {
        <section class="card timeline" aria-labelledby="timeline-h" data-testid="timeline">
            <h2 id="timeline-h">{strings::TIMELINE_HEADING}</h2>
            <p class="timeline-summary">
                <span data-testid="hop-count">{strings::hop_count(hops.len())}</span>
                if let Some(t) = report.timing.total_seconds {
                    {" · "}<span data-testid="total-transit">{strings::TOTAL_TRANSIT}{": "}{strings::duration(t)}</span>
                }
                if let Some(t) = report.timing.submission_seconds {
                    {" · "}<span>{strings::SUBMISSION}{": "}{strings::submission(t)}</span>
                }
            </p>
            if hops.is_empty() {
                <p class="muted">{strings::NO_HOPS}</p>
            } else {
                <ol class="zones">
                    { for groups(report).into_iter().map(|(zone, members)| html! {
                        <li class={classes!("zone", zone.class())}>
                            <h3 class="zone-label">{zone.label()}</h3>
                            <ol class="hops">{ for members.into_iter().map(|h| hop_view(h, longest)) }</ol>
                        </li>
                    }) }
                </ol>
            }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_proportional_and_visible_for_any_delay() {
        assert_eq!(bar_bucket(7.0, 7.0), 20);
        assert_eq!(bar_bucket(3.5, 7.0), 10);
        assert_eq!(bar_bucket(0.01, 3600.0), 1);
        assert_eq!(bar_bucket(0.0, 7.0), 0);
        assert_eq!(bar_bucket(-5.0, 7.0), 0);
        assert_eq!(bar_bucket(f64::NAN, 7.0), 0);
    }

    #[test]
    fn hybrid_fixture_groups_in_route_order() {
        let text = include_str!("../../e2e/fixtures/hybrid-local-return-path.eml");
        let report = headerlens::analyze_str(text);
        let zones: Vec<Zone> = groups(&report).into_iter().map(|(z, _)| z).collect();
        assert_eq!(zones, vec![Zone::ExchangeOnPrem, Zone::ExchangeOnline, Zone::Internet]);
        let sizes: Vec<usize> = groups(&report).into_iter().map(|(_, v)| v.len()).collect();
        assert_eq!(sizes, vec![2, 3, 1]);
    }
}
