//! The route at a glance: an SVG chart drawn by the app (one mark per hop, grouped by the route's own
//! segments: the administrative domains of `report.route`, sender, provider, forwarder, receiver; delays to scale, a log scale when one hop dominates, clock skew drawn as such, TLS shown, the
//! receiver's boundary marked), the focused or hovered hop's details under it, and the compact hop table
//! (from, by, with, TLS, time, delay, raw line folded) for people who prefer rows. Colours are classes
//! (no inline style: the CSP forbids it); geometry is SVG attributes.

use headerlens::render::{fixed, number};
use headerlens::route::{Domain, Role};
use headerlens::{Hop, ParseStatus, Report};
use yew::prelude::*;

use crate::analysis::Analysis;
use crate::strings;
use crate::views::breakable;

/// The route's segments in order: consecutive hops received by the same administrative domain
/// (`report.route.domains`), with that domain. A hop the route gives no domain (a bare date stamp) stays with
/// the segment before it; hops before any domain form a segment of their own (`None`).
pub fn groups(report: &Report) -> Vec<(Option<&Domain>, Vec<&Hop>)> {
    let route = &report.route;
    let mut out: Vec<(Option<usize>, Vec<&Hop>)> = Vec::new();
    for hop in &report.hops {
        let domain = route.hops.iter().find(|h| h.hop == hop.index).and_then(|h| h.domain);
        match out.last_mut() {
            Some((d, v)) if *d == domain || domain.is_none() => v.push(hop),
            _ => out.push((domain, vec![hop])),
        }
    }
    out.into_iter().map(|(d, v)| (d.and_then(|i| route.domains.get(i)), v)).collect()
}

/// The side of the route a segment is on: its CSS class (`seg-…`, the stripe colour) and words.
pub fn side(domain: Option<&Domain>) -> (&'static str, &'static str) {
    let s = strings::s();
    match domain.map(|d| d.role) {
        Some(Role::SubmittingClient) => ("seg-sender", s.ROLE_CLIENT),
        Some(Role::SendingOrg) => ("seg-sender", s.ROLE_SENDING_ORG),
        Some(Role::SendingProvider) => ("seg-provider", s.ROLE_SENDING_PROVIDER),
        Some(Role::Forwarder) => ("seg-forwarder", s.ROLE_FORWARDER),
        Some(Role::MailingList) => ("seg-forwarder", s.ROLE_LIST),
        Some(Role::Relay) => ("seg-forwarder", s.ROLE_RELAY),
        Some(Role::ReceivingGateway) => ("seg-receiver", s.ROLE_RECEIVING_GATEWAY),
        Some(Role::ReceivingOrg) => ("seg-receiver", s.ROLE_RECEIVING_ORG),
        None => ("seg-unknown", s.ROLE_UNKNOWN),
    }
}

/// A segment's label: the domain's name and its role in the route.
pub fn segment_label(domain: Option<&Domain>) -> String {
    let (_, role) = side(domain);
    match domain {
        Some(d) if d.unnamed => {
            format!("{} · {role}", headerlens::catalog::word("route.unnamed-servers", strings::lang().core()))
        }
        Some(d) => format!("{} · {role}", d.name),
        None => role.to_string(),
    }
}

/// How delays are drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scale {
    Linear { longest: f64 },
    Log { longest: f64 },
}

/// Linear, unless one hop's delay is at least ten times the next longest: then a log scale, so the other
/// delays stay visible.
pub fn scale(delays: &[f64]) -> Scale {
    let mut d: Vec<f64> = delays.iter().copied().filter(|x| x.is_finite() && *x > 0.0).collect();
    headerlens::sort::sort_by(&mut d, |a, b| b.total_cmp(a));
    let longest = d.first().copied().unwrap_or(0.0);
    match d.get(1) {
        Some(&second) if longest >= 10.0 * second => Scale::Log { longest },
        _ => Scale::Linear { longest },
    }
}

impl Scale {
    /// The fraction (0..=1) of the bar area a delay fills; a positive delay gets at least a sliver.
    pub fn fraction(self, delay: f64) -> f64 {
        if !delay.is_finite() || delay <= 0.0 {
            return 0.0;
        }
        let f = match self {
            Scale::Linear { longest } if longest > 0.0 => delay / longest,
            Scale::Log { longest } if longest > 0.0 => (1.0 + delay).ln() / (1.0 + longest).ln(),
            _ => 0.0,
        };
        f.clamp(0.015, 1.0)
    }

    pub fn is_log(self) -> bool {
        matches!(self, Scale::Log { .. })
    }
}

/// The hop where the message entered the receiver whose authentication results are trusted, if known.
pub fn boundary_hop(report: &Report) -> Option<usize> {
    report.authentication.receiver.as_ref()?.entry_hop
}

fn tls_text(hop: &Hop) -> String {
    match &hop.tls {
        Some(t) => {
            let parts: Vec<&str> =
                [t.version.as_deref(), t.cipher.as_deref()].into_iter().flatten().collect();
            if parts.is_empty() { strings::s().TLS_YES.to_string() } else { parts.join(", ") }
        }
        None if hop.shows_tls() => {
            format!("{} ({})", strings::s().TLS_YES, hop.with.as_deref().unwrap_or_default())
        }
        None => strings::s().NO_TLS_STATED.to_string(),
    }
}

/// Short TLS tag for the chart and the table: "TLS1_2" / "TLS" (recorded, or an `S` protocol such as
/// ESMTPS) / "TLS not stated" (the stamp does not say; many servers never record it).
fn tls_tag(hop: &Hop) -> String {
    match &hop.tls {
        Some(t) => t.version.clone().unwrap_or_else(|| strings::s().TLS.to_string()),
        None if hop.shows_tls() => strings::s().TLS.to_string(),
        None => strings::s().NO_TLS_TAG.to_string(),
    }
}

fn host(name: Option<&str>) -> String {
    name.unwrap_or("?").to_string()
}

/// At most `n` characters of `s`, with an ellipsis when cut.
pub fn shorten(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(n - 1).collect::<String>())
    }
}

fn delay_text(hop: &Hop) -> String {
    match hop.delay_seconds {
        Some(d) if hop.clock_skew => format!("{} ({})", strings::duration(d), strings::s().CLOCK_SKEW),
        Some(d) => strings::duration(d),
        None => strings::s().NONE.to_string(),
    }
}

/// One hop's details in words (the chart's hover / focus panel and the mark's accessible name).
fn hop_summary(hop: &Hop) -> String {
    strings::hop_summary(
        hop.index,
        &host(hop.from.as_deref()),
        &host(hop.by.as_deref()),
        &delay_text(hop),
        &tls_text(hop),
    )
}

// Chart geometry (SVG user units). The TLS tag is anchored at its end, so a longer word ("TLS non indiqué")
// grows to the left; the bars stop early enough that the longest bar's delay label ("30 min 0 s") still ends
// before the longest tag starts, in either language (checked in the browser: www/e2e/tests/answer.test.mjs).
const WIDTH: f64 = 720.0;
const ROW: f64 = 30.0;
const GROUP_HEAD: f64 = 22.0;
const BAR_X: f64 = 250.0;
const BAR_W: f64 = 270.0;
const TLS_END: f64 = WIDTH - 8.0;
const BOUNDARY_BAND: f64 = 14.0;

#[derive(Properties, PartialEq)]
struct ChartProps {
    analysis: Analysis,
}

#[function_component(Chart)]
fn chart(props: &ChartProps) -> Html {
    let report = &props.analysis.report;
    let selected = use_state(|| None::<usize>);
    let delays: Vec<f64> =
        report.hops.iter().filter(|h| !h.clock_skew).filter_map(|h| h.delay_seconds).collect();
    let sc = scale(&delays);
    let boundary = boundary_hop(report);
    let mut y = 4.0;
    let mut marks = Vec::new();
    for (domain, members) in groups(report) {
        let (class, _) = side(domain);
        let label = shorten(&segment_label(domain), 60);
        let top = y;
        y += GROUP_HEAD;
        let mut rows = Vec::new();
        for (k, hop) in members.into_iter().enumerate() {
            let i = hop.index;
            // The boundary's label sits above its row: in the segment's heading band for the segment's first
            // hop, else in a band of its own (never over the previous row's TLS tag).
            if boundary == Some(i) && k > 0 {
                y += BOUNDARY_BAND;
            }
            let cy = y + ROW / 2.0;
            let on = {
                let selected = selected.clone();
                Callback::from(move |_: FocusEvent| selected.set(Some(i)))
            };
            let hover = {
                let selected = selected.clone();
                Callback::from(move |_: MouseEvent| selected.set(Some(i)))
            };
            let is_boundary = boundary == Some(i);
            let bar = match hop.delay_seconds {
                Some(d) if hop.clock_skew => html! {
                    <>
                        <rect class="skew-mark" x={number(BAR_X - 36.0)} y={number(cy - 7.0)} width="36" height="14" rx="2" />
                        <line class="skew-line" x1={number(BAR_X)} y1={number(cy - 11.0)} x2={number(BAR_X)} y2={number(cy + 11.0)} />
                        <text class="chart-text skew-text" x={number(BAR_X + 8.0)} y={number(cy + 4.0)}>
                            {format!("{} {}", strings::s().CLOCK_SKEW, strings::duration(d))}</text>
                    </>
                },
                Some(d) => {
                    let w = sc.fraction(d) * BAR_W;
                    html! {
                        <>
                            <rect class="delay-bar" x={number(BAR_X)} y={number(cy - 6.0)} width={fixed(w, 1)} height="12" rx="2" />
                            <text class="chart-text" x={fixed(BAR_X + w + 6.0, 1)} y={number(cy + 4.0)}>{strings::duration(d)}</text>
                        </>
                    }
                }
                None => html! {
                    <text class="chart-text muted-text" x={number(BAR_X)} y={number(cy + 4.0)}>{strings::s().NO_DELAY}</text>
                },
            };
            rows.push(html! {
                <g class={classes!("hop-mark", is_boundary.then_some("boundary"), (*selected == Some(i)).then_some("selected"))}
                   data-hop={i.to_string()} tabindex="0" role="img" aria-label={hop_summary(hop)}
                   onfocus={on} onmouseenter={hover}>
                    <title>{hop_summary(hop)}</title>
                    <rect class="row-bg" x="8" y={number(y)} width={number(WIDTH - 8.0)} height={number(ROW)} rx="4" />
                    if is_boundary {
                        <line class="boundary-line" x1="8" y1={number(y)} x2={number(WIDTH)} y2={number(y)} />
                    }
                    <circle class="hop-dot" cx="26" cy={number(cy)} r="10" />
                    <text class="hop-num" x="26" y={number(cy + 4.0)} text-anchor="middle">{i.to_string()}</text>
                    <text class="chart-text host-text" x="44" y={number(cy + 4.0)}>{shorten(&host(hop.by.as_deref()), 28)}</text>
                    { bar }
                    <text class={classes!("chart-text", "tls-tag", (!hop.shows_tls()).then_some("no-tls"))}
                          x={number(TLS_END)} y={number(cy + 4.0)} text-anchor="end">{tls_tag(hop)}</text>
                    if is_boundary {
                        <text class="chart-text boundary-text" x={number(WIDTH - 4.0)} y={number(y - 4.0)} text-anchor="end">{strings::s().BOUNDARY}</text>
                    }
                </g>
            });
            y += ROW;
        }
        marks.push(html! {
            <g class={classes!("zone-group", class)} data-zone={class}>
                <rect class="zone-stripe" x="0" y={number(top)} width="4" height={number(y - top)} />
                <text class="zone-label" x="12" y={number(top + 15.0)}>{label}</text>
                { for rows }
            </g>
        });
        y += 6.0;
    }
    let height = y;
    let detail = (*selected).and_then(|i| report.hops.iter().find(|h| h.index == i));
    html! {
        <>
            // A card narrower than the chart scrolls it sideways inside itself and shows the cue (style.css:
            // a container query on `.chart-box`, and edge shadows on the side with more to see).
            <div class="chart-box">
                <div class="chart-wrap" data-testid="chart-scroll">
                    <svg class="timeline-chart" data-testid="timeline-chart" role="group" aria-label={strings::s().CHART_LABEL}
                         viewBox={format!("0 0 {} {}", number(WIDTH), fixed(height, 0))} width={number(WIDTH)} height={fixed(height, 0)}
                         data-scale={if sc.is_log() { "log" } else { "linear" }}>
                        { for marks }
                    </svg>
                </div>
                <p class="scroll-cue small muted" aria-hidden="true" data-testid="scroll-cue">{strings::s().CHART_SCROLL_CUE}</p>
            </div>
            <div class="hop-detail" aria-live="polite" data-testid="hop-detail">
                if let Some(h) = detail {
                    <p><strong>{format!("{} {}", strings::s().HOP, h.index)}</strong>{strings::label_sep()}
                        <span class="mono">{breakable(&host(h.from.as_deref()))}</span>{" → "}
                        <span class="mono">{breakable(&host(h.by.as_deref()))}</span></p>
                    <p class="small">
                        {strings::s().PROTOCOL}{strings::label_sep()}{h.with.clone().unwrap_or_else(|| strings::s().NONE.into())}{" · "}
                        {strings::s().TLS}{strings::label_sep()}{tls_text(h)}{" · "}
                        {strings::s().DELAY}{strings::label_sep()}{delay_text(h)}{" · "}
                        {strings::s().TIME_UTC}{strings::label_sep()}{h.timestamp.clone().unwrap_or_else(|| strings::s().NO_DATE.into())}
                        if let Some(e) = h.epoch { {" · "}{strings::s().TIME_LOCAL}{strings::label_sep()}{crate::browser::local_time(e)} }
                        if let Some(ip) = h.from_ip { {" · "}{strings::s().FROM_IP}{strings::label_sep()}{ip.to_string()} }
                    </p>
                    if h.clock_skew { <p class="small">{strings::s().CLOCK_SKEW_NOTE}</p> }
                    <p class="small muted chart-legend">{ if sc.is_log() { strings::s().SCALE_LOG } else { strings::s().SCALE_LINEAR } }</p>
                } else {
                    <p class="small muted">{strings::s().CHART_HINT}{" "}
                    <span class="chart-legend">{ if sc.is_log() { strings::s().SCALE_LOG } else { strings::s().SCALE_LINEAR } }</span></p>
                }
            </div>
        </>
    }
}

fn hop_row(hop: &Hop, boundary: Option<usize>) -> Html {
    let status = match hop.parse_status {
        ParseStatus::Full => None,
        ParseStatus::Partial => Some(strings::s().PARSE_PARTIAL),
        ParseStatus::Raw => Some(strings::s().PARSE_RAW),
    };
    html! {
        <tr class={classes!("hop", hop.clock_skew.then_some("skew"), (boundary == Some(hop.index)).then_some("boundary"))}
            data-testid="hop" data-index={hop.index.to_string()}>
            <td class="num">{hop.index}</td>
            <td><span class="host">{breakable(&host(hop.from.as_deref()))}</span>
                if let Some(ip) = hop.from_ip { {" "}<code class="ip">{format!("[{ip}]")}</code> }</td>
            <td><span class="host">{breakable(&host(hop.by.as_deref()))}</span>
                if let Some(s) = status { {" "}<span class="badge badge-warn">{s}</span> }
                if boundary == Some(hop.index) { {" "}<span class="badge">{strings::s().BOUNDARY}</span> }</td>
            <td>{breakable(hop.with.as_deref().unwrap_or(strings::s().NONE))}</td>
            <td class={classes!("nowrap", (!hop.shows_tls()).then_some("no-tls"))}>
                { if hop.shows_tls() { tls_tag(hop) } else { strings::s().NO_TLS_STATED.to_string() } }</td>
            <td class="nowrap">{hop.timestamp.clone().unwrap_or_else(|| strings::s().NO_DATE.into())}</td>
            <td class="nowrap">
                if hop.clock_skew { <span class="badge badge-warn">{strings::s().CLOCK_SKEW}</span>{" "} }
                {hop.delay_seconds.map(strings::duration).unwrap_or_else(|| strings::s().NONE.into())}
            </td>
            <td class="raw-cell">
                <details class="raw">
                    <summary><span aria-hidden="true">{strings::s().RAW}</span>
                        <span class="visually-hidden">{strings::raw_line_of(hop.index)}</span></summary>
                    <pre><code>{breakable(&hop.raw)}</code></pre>
                    if !hop.parse_notes.is_empty() {
                        <ul class="notes">{ for hop.parse_notes.iter().map(|n| html! { <li>{breakable(&strings::t(n))}</li> }) }</ul>
                    }
                </details>
            </td>
        </tr>
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
    let boundary = boundary_hop(report);
    html! {
        <section class="card timeline" aria-labelledby="timeline-h" data-testid="timeline">
            <h2 id="timeline-h">{strings::s().TIMELINE_HEADING}</h2>
            <p class="timeline-summary">
                <span data-testid="hop-count">{strings::hop_count(hops.len())}</span>
                if let Some(t) = report.timing.total_seconds {
                    {" · "}<span data-testid="total-transit">{strings::s().TOTAL_TRANSIT}{strings::label_sep()}{strings::total_transit(t)}</span>
                }
                if let Some(t) = report.timing.submission_seconds {
                    {" · "}<span>{strings::s().SUBMISSION}{strings::label_sep()}{strings::submission(t)}</span>
                }
            </p>
            if hops.is_empty() {
                <p class="muted">{strings::s().NO_HOPS}</p>
            } else {
                <Chart analysis={props.analysis.clone()} />
                <div class="table-wrap" tabindex="0" role="region" aria-label={strings::s().HOP_TABLE}>
                    <table class="hop-table" data-testid="hop-table">
                        <caption class="visually-hidden">{strings::s().HOP_TABLE}</caption>
                        <thead><tr>
                            <th scope="col">{strings::s().COL_NUMBER}</th>
                            <th scope="col">{strings::s().COL_FROM}</th>
                            <th scope="col">{strings::s().COL_BY}</th>
                            <th scope="col">{strings::s().COL_WITH}</th>
                            <th scope="col">{strings::s().TLS}</th>
                            <th scope="col">{strings::s().TIME_UTC}</th>
                            <th scope="col">{strings::s().DELAY}</th>
                            <th scope="col">{strings::s().RAW}</th>
                        </tr></thead>
                        <tbody>{ for hops.iter().map(|h| hop_row(h, boundary)) }</tbody>
                    </table>
                </div>
            }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linear_until_one_delay_dominates() {
        assert_eq!(scale(&[1.0, 2.0, 7.0]), Scale::Linear { longest: 7.0 });
        assert_eq!(scale(&[1.0, 3.0, 3600.0]), Scale::Log { longest: 3600.0 });
        assert_eq!(scale(&[0.0, 3600.0]), Scale::Linear { longest: 3600.0 });
        assert_eq!(scale(&[]), Scale::Linear { longest: 0.0 });
        let lin = Scale::Linear { longest: 7.0 };
        assert_eq!(lin.fraction(7.0), 1.0);
        assert_eq!(lin.fraction(3.5), 0.5);
        assert_eq!(lin.fraction(0.0), 0.0);
        assert_eq!(lin.fraction(-5.0), 0.0);
        assert_eq!(lin.fraction(f64::NAN), 0.0);
        assert!(Scale::Linear { longest: 3600.0 }.fraction(0.01) > 0.0, "any delay is visible");
        let log = Scale::Log { longest: 3600.0 };
        assert!(log.fraction(3.0) > 0.15, "short delays stay visible on a log scale: {}", log.fraction(3.0));
        assert_eq!(log.fraction(3600.0), 1.0);
    }

    #[test]
    fn an_unnamed_sending_domain_is_labelled_in_the_readers_language() {
        let report = headerlens::analyze_str(include_str!("../../../tests/fixtures/received/qmail.eml"));
        let unnamed = report.route.domains.iter().find(|d| d.unnamed);
        assert!(unnamed.is_some(), "{:?}", report.route.domains);
        strings::set_lang(strings::Lang::Fr);
        let fr = segment_label(unnamed);
        strings::set_lang(strings::Lang::En);
        let en = segment_label(unnamed);
        assert!(fr.starts_with("serveurs sans nom · "), "{fr}");
        assert!(en.starts_with("unnamed servers · "), "{en}");
    }

    #[test]
    fn the_founding_case_groups_by_the_routes_segments() {
        let text = include_str!("../../../tests/fixtures/exchange/hybrid-mail-contact-broken.eml");
        let report = headerlens::analyze_str(text);
        let segments: Vec<(Option<Role>, Vec<usize>)> = groups(&report)
            .into_iter()
            .map(|(d, v)| (d.map(|d| d.role), v.iter().map(|h| h.index).collect()))
            .collect();
        assert_eq!(
            segments,
            vec![
                (Some(Role::SendingOrg), vec![1, 2]),
                (Some(Role::SendingProvider), vec![3, 4, 5]),
                (Some(Role::ReceivingOrg), vec![6]),
            ]
        );
        let labels: Vec<String> = groups(&report).into_iter().map(|(d, _)| segment_label(d)).collect();
        assert_eq!(
            labels,
            [
                "acmecorp.local · Sending organisation",
                "Microsoft 365 · Sending provider",
                "example.net · Receiving organisation"
            ]
        );
        // Every hop is in exactly one segment, in order.
        let all: Vec<usize> =
            groups(&report).into_iter().flat_map(|(_, v)| v.into_iter().map(|h| h.index)).collect();
        assert_eq!(all, (1..=6).collect::<Vec<_>>());
    }

    #[test]
    fn a_forwarded_message_shows_the_forwarder_then_the_receiver() {
        let text = include_str!("../../../tests/fixtures/route/forwarded-with-srs.eml");
        let report = headerlens::analyze_str(text);
        // The sender's own servers received no hop here (it is only the first hop's `from`).
        let classes: Vec<&str> = groups(&report).into_iter().map(|(d, _)| side(d).0).collect();
        assert_eq!(classes, ["seg-forwarder", "seg-receiver"]);
    }

    #[test]
    fn the_boundary_is_the_receivers_entry_hop() {
        let text = include_str!("../../../tests/fixtures/exchange/hybrid-mail-contact-broken.eml");
        let report = headerlens::analyze_str(text);
        assert_eq!(boundary_hop(&report), Some(6));
        assert_eq!(shorten("AM4PEPF00027A5C.mail.protection.outlook.com", 10), "AM4PEPF00…");
        assert_eq!(shorten("mx", 10), "mx");
    }
}
