//! `hop-delay`: see [`META`] for what it checks, why it matters and the fix.

use crate::diagnostics::hop_facts::{by_name, hop_evidence, is_exchange_stamp, is_microsoft_host};
use crate::diagnostics::timeline::{Anomaly, QUEUE_SECONDS, anomalies, corroborated, looks_like_zone_error};
use crate::diagnostics::{Ctx, Meta};
use crate::microsoft::timespan_seconds;
use crate::model::{Finding, FindingId, Fix, Hop, Owner, Severity};
use crate::words::duration;

pub(crate) const META: Meta = Meta {
    id: FindingId::HopDelay,
    severity: Severity::Medium,
    owner: Owner::SendingOrg,
    what: "Two consecutive dated hops more than five minutes apart (Medium), or more than an hour (High), when the \
          gap is not explained by a stamp that is out of line with both its neighbours (that is a clock error, \
          reported by `clock-skew` / `tz-misconfig`). Names the host where the message waited: the receiver of \
          the earlier hop, which had to pass it on. Also Exchange's own measure, \
          `X-MS-Exchange-Transport-EndToEndLatency` (arrival in the organisation to mailbox delivery), over five \
          minutes when no Received step inside Microsoft 365 already shows the wait: it sees delays after the \
          last Received stamp, in delivery to the mailbox.",
    why: "Transit between servers normally takes seconds. A long gap means the message sat in a queue: the next \
         server refused it temporarily (greylisting, throttling, a 4xx), was unreachable, or the queue was stuck. \
         Users see it as \"the mail arrived hours late\".",
    fix: "Look in the mail log of the named host around the earlier stamp's time, for the queue ID the stamp gives; \
         the deferral reason names the fix. When the gap is a whole number of half hours, first rule out a \
         time-zone error on one of the two servers.",
};

/// From this many seconds on, High.
const LONG_SECONDS: f64 = 3600.0;

pub(crate) fn check(ctx: &Ctx<'_>, acc: &mut Vec<Finding>) {
    let found = anomalies(ctx.hops);
    // A whole-hour step next to a stamp without a reliable offset is the zone, unless the Date header confirms
    // that stamp: then it is a wait like any other.
    let date = ctx.summary.date.as_ref();
    let found: Vec<Anomaly<'_>> = found
        .into_iter()
        .map(|a| match a {
            Anomaly::ZoneGap { prev, hop, seconds, unsure }
                if seconds > 0.0 && corroborated(unsure, date) =>
            {
                Anomaly::Queue { prev, hop, seconds }
            }
            other => other,
        })
        .collect();
    let microsoft_queue = found
        .iter()
        .any(|a| matches!(a, Anomaly::Queue { hop, .. } if hop.by.as_deref().is_some_and(is_microsoft_host)));
    if !microsoft_queue {
        exchange_latency(ctx, acc);
    }
    for anomaly in found {
        let Anomaly::Queue { prev, hop, seconds } = anomaly else { continue };
        let host = prev.by.clone().or_else(|| hop.from.clone()).unwrap_or_else(|| by_name(prev));
        let next = by_name(hop);
        let took = duration(seconds);
        let at = |h: &Hop| h.timestamp.clone().unwrap_or_else(|| "?".to_string());
        let mut detail = format!(
            "{host} received the message at {} (hop {}) and {next} at {} (hop {}), {took} later. Transit \
             between servers normally takes seconds, so the message likely waited in {host}'s queue: {next} \
             deferred it (greylisting, throttling, a temporary 4xx error), could not be reached, or the queue \
             was held.",
            at(prev),
            prev.index,
            at(hop),
            hop.index
        );
        let zone_like = looks_like_zone_error(seconds);
        if zone_like {
            detail.push_str(&format!(
                " The gap is close to a whole number of half hours, so a clock or time-zone error on {host} or \
                 {next} would look the same: compare the offsets of the two stamps."
            ));
        }
        let evidence = [prev, hop].into_iter().filter_map(|h| hop_evidence(ctx, h, h.date_raw.as_deref()));
        let route = ctx.route;
        // A mailing list's own stamp after a long wait is its moderation hold or digest; a bulk mailer of the
        // sender releases its queue on its own schedule. Neither is a delivery problem.
        let list_hold = route.list.as_ref().is_some_and(|l| l.hops.contains(&hop.index))
            || route.role_of(hop.index) == Some(crate::route::Role::MailingList)
                && route.role_of(prev.index) == Some(crate::route::Role::MailingList);
        let bulk_mailer = route.domain_of(prev.index).is_some_and(|d| {
            d.role.is_sender_side()
                && d.provider
                    .and_then(|p| crate::net::PROVIDERS.iter().find(|x| x.name == p))
                    .is_some_and(|p| p.kind == crate::net::ProviderKind::Esp)
        });
        let builder = META
            .finding(
                format!(
                    "Hop {} → {} took {took}: the message likely queued on {host}",
                    prev.index, hop.index
                ),
                detail,
            )
            .likely()
            .evidence(evidence);
        let builder = if list_hold {
            builder
                .severity(Severity::Info)
                .owner(crate::model::Owner::Nobody)
                .append_detail(" The later stamp is the mailing list's own: most likely a moderation hold or a digest, not a delivery problem.")
        } else if bulk_mailer {
            builder.severity(Severity::Info).owner(crate::model::Owner::Nobody).append_detail(
                " The wait was at the sender's bulk-mail service, which sends campaigns on its own schedule.",
            )
        } else {
            builder
                .severity(if seconds > LONG_SECONDS { Severity::High } else { Severity::Medium })
                .with_fix(fix(ctx, prev, &host, &next, zone_like))
        };
        builder.push(acc);
    }
}

/// A long `X-MS-Exchange-Transport-EndToEndLatency`: the wait was inside Exchange.
fn exchange_latency(ctx: &Ctx<'_>, acc: &mut Vec<Finding>) {
    let Some(field) = ctx.microsoft.header("X-MS-Exchange-Transport-EndToEndLatency") else { return };
    let Some(seconds) = timespan_seconds(field.value.trim()).filter(|&s| s > QUEUE_SECONDS) else { return };
    let took = duration(seconds);
    let online =
        ctx.microsoft.header("X-MS-Exchange-CrossTenant-Id").is_some() || ctx.microsoft.report.is_some();
    let system = if online { "Exchange Online" } else { "Exchange" };
    let mut commands = Vec::new();
    if let Some(mid) = &ctx.summary.message_id {
        commands.push(if online {
            format!("Get-MessageTraceV2 -MessageId \"{mid}\" | Format-List Received,Status,Subject")
        } else {
            format!("Get-MessageTrackingLog -MessageId \"{mid}\" | Sort-Object Timestamp | Format-Table Timestamp,EventId,Source,ServerHostname")
        });
    }
    META.finding(
        format!("{system} took {took} from arrival to mailbox delivery"),
        format!(
            "{system} measured {took} between the message entering the organisation and its delivery to the \
             mailbox (X-MS-Exchange-Transport-EndToEndLatency, observed in real headers; undocumented). The \
             Received stamps do not show this wait, so it happened inside {system}, likely in delivery to the \
             mailbox (a busy or throttled mailbox, transport rules, journaling or an add-in scan)."
        ),
    )
    .severity(if seconds > LONG_SECONDS { Severity::High } else { Severity::Medium })
    .evidence([ctx.ms_evidence(field)])
    .fix(format!("Trace the message in {system} to see which step held it"))
    .steps([
        "Run the message trace below and look for the event that comes long after the one before it.".to_string(),
        format!("Check {system}'s service health for delivery delays at that time."),
    ])
    .commands(commands)
    .verify(["A new message shows an EndToEndLatency of seconds."])
    .references(["Message trace in the Exchange admin center"])
    .push(acc);
}

fn fix(ctx: &Ctx<'_>, prev: &Hop, host: &str, next: &str, zone_like: bool) -> Fix {
    let when = prev.timestamp.clone().unwrap_or_default();
    let queue_id = prev.id.clone();
    let message_id = ctx.summary.message_id.clone();
    let raw = prev.raw.to_ascii_lowercase();
    let mut commands = Vec::new();
    if is_microsoft_host(host) {
        if let Some(mid) = &message_id {
            commands.push(format!(
                "Get-MessageTraceV2 -MessageId \"{mid}\" | Format-List Received,Status,FromIP,ToIP"
            ));
        }
    } else if is_exchange_stamp(prev) {
        let server = host.split('.').next().unwrap_or(host);
        if let Some(mid) = &message_id {
            commands.push(format!(
                "Get-MessageTrackingLog -Server {server} -MessageId \"{mid}\" | Sort-Object Timestamp | Format-Table Timestamp,EventId,Source,RecipientStatus"
            ));
        }
        commands.push(format!("Get-Queue -Server {server}"));
    } else if raw.contains("(postfix") {
        if let Some(id) = &queue_id {
            commands.push(format!("grep '{id}' /var/log/mail.log"));
        }
        commands.push("postqueue -p".to_string());
    } else if raw.contains("exim") {
        if let Some(id) = &queue_id {
            commands.push(format!("exigrep '{id}' /var/log/exim4/mainlog"));
        }
        commands.push("exim -bp".to_string());
    }
    let id_text = queue_id.map(|id| format!(" (queue ID {id})")).unwrap_or_default();
    let mut steps = vec![
        format!(
            "On {host}, read the mail log around {when} for this message{id_text}: a deferral line gives the reason (\"connection timed out\", \"451 greylisted\", \"421 too many connections\")."
        ),
        format!(
            "Fix what the reason names: the route or firewall to {next}, a sending rate limit, or a stuck queue."
        ),
    ];
    if zone_like {
        steps.insert(
            0,
            format!("Rule out a clock error first: check the time and time zone on {host} and {next}."),
        );
    }
    Fix {
        summary: format!("Find out why {host} held the message"),
        steps,
        commands,
        verify: vec![format!("A new message shows seconds, not minutes, between {host} and {next}.")],
        alternatives: Vec::new(),
        references: vec!["RFC 5321 §4.5.4.1 (sending strategy and retry)".to_string()],
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::test_support::{analyze, with_id};
    use crate::model::Severity;

    const QUEUED: &str = "Received: from mx.example.org (mx.example.org [198.51.100.20]) by in.example.com (Postfix) with ESMTPS id 4XyZ1; Wed, 29 Oct 2025 12:31:40 +0000\n\
        Received: from relay.example.org (relay.example.org [198.51.100.21]) by mx.example.org (Postfix) with ESMTPS id 4XyA2; Wed, 29 Oct 2025 12:31:38 +0000\n\
        Received: from app01.example.org (app01.example.org [198.51.100.50]) by relay.example.org (Postfix) with ESMTPS id 9F2C3; Wed, 29 Oct 2025 10:24:07 +0000\n";

    #[test]
    fn fires_on_a_two_hour_queue_and_names_the_host() {
        let report = analyze(QUEUED);
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::High);
        assert_eq!(
            found[0].title,
            "Hop 1 → 2 took 2 h 7 min: the message likely queued on relay.example.org"
        );
        assert_eq!(found[0].evidence[0].text, "Wed, 29 Oct 2025 10:24:07 +0000");
        let fix = found[0].fix.as_ref().unwrap();
        assert_eq!(fix.commands[0], "grep '9F2C3' /var/log/mail.log");
    }

    #[test]
    fn medium_for_minutes() {
        let report = analyze(&QUEUED.replace("10:24:07", "12:21:07"));
        assert_eq!(with_id(&report, super::META.id)[0].severity, Severity::Medium);
    }

    #[test]
    fn fires_on_a_long_exchange_latency() {
        let text = "Received: from mx.example.org (198.51.100.20) by BN2PEPF000044A1.mail.protection.outlook.com (10.167.243.152) with Microsoft SMTP Server (version=TLS1_3, cipher=TLS_AES_256_GCM_SHA384) id 15.20.7633.15 via Frontend Transport; Mon, 3 Jun 2024 17:44:07 +0000\n\
            Message-ID: <m1@example.org>\n\
            X-MS-Exchange-CrossTenant-Id: 11111111-2222-3333-4444-555555555555\n\
            X-MS-Exchange-Transport-EndToEndLatency: 00:17:03.5512000\n";
        let report = analyze(text);
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Medium);
        assert_eq!(found[0].title, "Exchange Online took 17 min 4 s from arrival to mailbox delivery");
        assert_eq!(found[0].evidence[0].text, "00:17:03.5512000");
        assert!(
            found[0].fix.as_ref().unwrap().commands[0]
                .starts_with("Get-MessageTraceV2 -MessageId \"<m1@example.org>\"")
        );
        let quick = analyze(&text.replace("00:17:03", "00:00:03"));
        assert!(with_id(&quick, super::META.id).is_empty());
    }

    #[test]
    fn quiet_on_fast_transit_and_on_a_zone_error() {
        assert!(with_id(&analyze(&QUEUED.replace("10:24:07", "12:29:07")), super::META.id).is_empty());
        // The middle hop is three hours late, then time goes back: a clock error, not a queue.
        let odd = QUEUED.replace("10:24:07", "12:31:30").replace("12:31:38 +0000", "15:31:35 +0000");
        assert!(with_id(&analyze(&odd), super::META.id).is_empty());
    }
}
