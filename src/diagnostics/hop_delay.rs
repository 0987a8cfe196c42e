//! `hop-delay`: see [`META`] for what it checks, why it matters and the fix.

use crate::catalog::{IntoText, Msg, Text, msg};
use crate::diagnostics::hop_facts::{by_name, hop_evidence, is_exchange_stamp, is_microsoft_host};
use crate::diagnostics::timeline::{
    Anomaly, QUEUE_SECONDS, anomalies, corroborated, delivered_between, looks_like_zone_error, resent_step,
};
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
          last Received stamp, in delivery to the mailbox. A gap before a mailbox fetch (a stamp `with IMAP` / \
          `with POP3` as fetchmail writes it, or getmail's) is when the user's client collected the mail: info, \
          nobody's to fix, whatever its length. So is a wait on a mailing list's servers or before its software's \
          stamp (LISTSERV, Mailman, Listar, Ecartis, …): list managers hold posts for moderation and send in batches. \
          A gap during which the Date header was written, within five minutes of the later stamp, after an earlier \
          trip of its own (a `Delivered-To` between the stamps, two servers before the gap, or a gap longer than any \
          queue) is a message likely sent again with a new Date: info, nobody's to fix, with `date-drift` under it. \
          The same gap with one stamp before it is told once with both readings (a wait before the Date was \
          written, or the earlier clocks behind), `date-drift` again under it. A queue's owner is whoever runs the \
          waiting host, as the route reads it: the receiving organisation for its own servers and gateway, an \
          intermediary for a relay, forwarder or list, the sending organisation for its own servers and provider.",
    why: "Transit between servers normally takes seconds. A long gap means the message sat in a queue: the next \
         server refused it temporarily (greylisting, throttling, a 4xx), was unreachable, or the queue was stuck. \
         Users see it as \"the mail arrived hours late\".",
    fix: "Look in the mail log of the named host around the earlier stamp's time, for the queue ID the stamp gives; \
         the deferral reason names the fix. When the gap is a whole number of half hours, first rule out a \
         time-zone error on one of the two servers.",
};

/// From this many seconds on, High.
const LONG_SECONDS: f64 = 3600.0;

/// Past this many seconds no queue explains the gap: RFC 5321 §4.5.4.1 has senders give up after 4–5 days
/// (Postfix `maximal_queue_lifetime` 5d, Exchange's message expiration 2 days).
pub(crate) const BEYOND_QUEUE_SECONDS: f64 = 5.0 * 86_400.0;

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
    let resent = resent_step(ctx.headers, ctx.hops, date);
    let late_date = crate::diagnostics::timeline::late_date_step(ctx.hops, date);
    for anomaly in found {
        let Anomaly::Queue { prev, hop, seconds } = anomaly else { continue };
        // Postfix's and qmail's `unknown` is no name: the server is then told by its address, else by its hop.
        let host_name = prev.by.clone().or_else(|| hop.from.clone()).filter(|n| crate::hops::is_host_name(n));
        let host: Text = match (host_name.as_deref(), hop.from_ip) {
            (Some(name), _) => Text::raw(name),
            (None, Some(ip)) if prev.by.is_none() => Text::raw(ip.to_string()),
            (None, _) => by_name(prev),
        };
        let next = by_name(hop);
        let took = duration(seconds);
        let at = |h: &Hop| h.timestamp.clone().unwrap_or_else(|| "?".to_string());
        let route = ctx.route;
        // A mailing list's own stamp after a long wait is its moderation hold or digest; a bulk mailer of the
        // sender releases its queue on its own schedule. Neither is a delivery problem.
        // The list's software stamped the later hop, or the message waited on the list's own servers (list
        // managers such as Listar, Ecartis or Mailman send to their subscribers in batches).
        let list_stamp = route.list.as_ref().is_some_and(|l| l.hops.contains(&hop.index));
        let list_queue = route.list.as_ref().is_some_and(|l| l.hops.contains(&prev.index))
            || route.role_of(prev.index) == Some(crate::route::Role::MailingList);
        let list_hold = list_stamp || list_queue;
        let bulk_mailer = route.domain_of(prev.index).is_some_and(|d| {
            d.role.is_sender_side()
                && d.provider
                    .and_then(|p| crate::net::PROVIDERS.iter().find(|x| x.name == p))
                    .is_some_and(|p| p.kind == crate::net::ProviderKind::Esp)
        });
        // A fetch (fetchmail's `with IMAP` / `with POP3`, getmail): the mail waited in a mailbox until a client
        // collected it, which is the user's schedule, not a queue.
        let fetch = is_fetch(hop);
        // The Date header was written during the gap, next to the later stamp: the message was likely sent again
        // with a new Date (see `timeline::sent_again`); no queue, nobody's to fix. `date-drift` sits under it.
        let resent = resent.is_some_and(|(p, h)| p.index == prev.index && h.index == hop.index);
        // Longer than any queue keeps a message: re-sent, imported or uploaded later, or a wrong clock; nobody's
        // queue and no log to read.
        let beyond_queue = seconds > BEYOND_QUEUE_SECONDS && !list_hold && !bulk_mailer && !fetch && !resent;
        let (title_id, detail_id) = if fetch {
            ("hop-delay.title-fetch", "hop-delay.detail-fetch")
        } else if resent {
            ("hop-delay.title-resent", "hop-delay.detail-resent")
        } else if beyond_queue {
            ("hop-delay.title-beyond-queue", "hop-delay.detail-beyond-queue")
        } else {
            ("hop-delay.title", "hop-delay.detail")
        };
        let mut detail: Text = Msg::new(
            detail_id,
            vec![
                ("host", host.clone()),
                ("host_at", at(prev).into_text()),
                ("host_hop", prev.index.into_text()),
                ("next", next.clone()),
                ("next_at", at(hop).into_text()),
                ("next_hop", hop.index.into_text()),
                ("took", took.clone()),
            ],
        )
        .into();
        let zone_like = looks_like_zone_error(seconds);
        if zone_like && !beyond_queue && !fetch && !resent {
            detail.push(msg!("hop-delay.detail-half-hours", host, next));
        }
        if resent {
            let date = date.and_then(|d| d.utc.clone()).unwrap_or_default();
            detail.push(msg!(
                "hop-delay.detail-resent-date",
                date,
                next_hop = hop.index,
                from_hop = prev.index
            ));
            // A final delivery between the two stamps (Delivered-To, written into the mailbox it reached).
            if let Some(to) = delivered_between(ctx.headers, prev, hop) {
                detail.push(msg!("hop-delay.detail-resent-delivered", to));
            }
        } else if late_date.is_some_and(|(p, h)| p.index == prev.index && h.index == hop.index) {
            // The Date was written during this gap, next to the later stamp, with no earlier trip to explain
            // it: a wait before the Date was written, or the earlier clocks behind. Told here once; `date-drift`
            // sits under this finding.
            let date = date.and_then(|d| d.utc.clone()).unwrap_or_default();
            detail.push(msg!(
                "hop-delay.detail-late-date",
                date,
                next_hop = hop.index,
                from_hop = prev.index,
                host = host.clone()
            ));
        }
        let evidence = [prev, hop].into_iter().filter_map(|h| hop_evidence(ctx, h, h.date_raw.as_deref()));
        let title = Msg::new(
            title_id,
            vec![
                ("from_hop", prev.index.into_text()),
                ("to_hop", hop.index.into_text()),
                ("took", took.clone()),
                ("host", host.clone()),
            ],
        );
        let builder = META.finding(title, detail).likely().evidence(evidence);
        let builder = if fetch || resent {
            builder.severity(Severity::Info).owner(crate::model::Owner::Nobody)
        } else if list_hold {
            builder.severity(Severity::Info).owner(crate::model::Owner::Nobody).append_detail(if list_stamp {
                msg!("hop-delay.detail-list")
            } else {
                msg!("hop-delay.detail-list-queue")
            })
        } else if bulk_mailer {
            builder
                .severity(Severity::Info)
                .owner(crate::model::Owner::Nobody)
                .append_detail(msg!("hop-delay.detail-esp"))
        } else if beyond_queue {
            builder.severity(Severity::Low).owner(crate::model::Owner::Nobody)
        } else {
            // The queue is on the receiver of the earlier hop: whoever runs it reads its log and fixes it
            // (the receiving organisation's own gateway or server, an intermediary's relay, the sender's own
            // outbound server). Without a route role for it, the sender's side, as before.
            let owner = route.role_of(prev.index).map_or(META.owner, crate::route::Role::owner);
            builder
                .severity(if seconds > LONG_SECONDS { Severity::High } else { Severity::Medium })
                .owner(owner)
                .with_fix(fix(ctx, prev, host_name.as_deref(), &host, &next, zone_like))
        };
        builder.push(acc);
    }
}

/// Protocols a mail client or fetcher collects a mailbox with, as fetchmail writes them after `with` (RFC 5321's
/// trace field names the protocol the message was received with; fetchmail stamps the one it fetched with).
const FETCH_PROTOCOLS: &[&str] = &["IMAP", "POP", "APOP", "KPOP", "RPOP", "SDPS", "ODMR"];

/// True when the hop is a mailbox fetch (fetchmail, getmail) rather than a relay: its stamp names IMAP or POP as
/// the protocol, or the fetcher.
pub(crate) fn is_fetch(hop: &Hop) -> bool {
    let with = hop.with.as_deref().unwrap_or("").to_ascii_uppercase();
    FETCH_PROTOCOLS.iter().any(|p| with.starts_with(p))
        || crate::words::contains_ignore_case(&hop.raw, "(fetchmail")
        || crate::words::contains_ignore_case(&hop.raw, "getmail")
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
            format!("Get-TransportService | Get-MessageTrackingLog -MessageId \"{mid}\" | Sort-Object Timestamp | Format-Table Timestamp,EventId,Source,ServerHostname")
        });
    }
    META.finding(
        msg!("hop-delay.title-latency", system, took),
        msg!("hop-delay.detail-latency", system, took),
    )
    .severity(if seconds > LONG_SECONDS { Severity::High } else { Severity::Medium })
    .evidence([ctx.ms_evidence(field)])
    .fix(msg!("hop-delay.fix-trace", system))
    .steps([msg!("hop-delay.step-trace"), msg!("hop-delay.step-health", system)])
    .commands(commands)
    .verify([msg!("hop-delay.verify-latency")])
    .references(["Message trace in the Exchange admin center"])
    .push(acc);
}

/// `host_name` is the waiting server's name when the headers give one (commands need it), `host` the same in
/// words.
fn fix(ctx: &Ctx<'_>, prev: &Hop, host_name: Option<&str>, host: &Text, next: &Text, zone_like: bool) -> Fix {
    let when = prev.timestamp.clone().unwrap_or_default();
    let queue_id = prev.id.clone();
    let message_id = ctx.summary.message_id.clone();
    let raw = prev.raw.to_ascii_lowercase();
    let mut commands = Vec::new();
    if host_name.is_some_and(is_microsoft_host) {
        if let Some(mid) = &message_id {
            commands.push(format!(
                "Get-MessageTraceV2 -MessageId \"{mid}\" | Format-List Received,Status,FromIP,ToIP"
            ));
        }
    } else if let Some(host) = host_name.filter(|_| is_exchange_stamp(prev)) {
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
    let id_text = queue_id.map(|id| msg!("hop-delay.queue-id", id));
    let mut steps =
        vec![msg!("hop-delay.step-log", host, when, id_text), msg!("hop-delay.step-fix-reason", next)];
    if zone_like {
        steps.insert(0, msg!("hop-delay.step-clock", host, next));
    }
    Fix {
        summary: msg!("hop-delay.fix", host).into(),
        steps: steps.into_iter().map(Into::into).collect(),
        commands: commands.into_iter().map(Into::into).collect(),
        verify: vec![msg!("hop-delay.verify", host, next).into()],
        alternatives: Vec::new(),
        references: vec!["RFC 5321 §4.5.4.1 (sending strategy and retry)".to_string()],
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::test_support::{analyze, with_id};
    use crate::model::Severity;

    /// fetchmail collected the mailbox over IMAP seven hours after it was delivered there: no queue.
    #[test]
    fn a_mailbox_fetch_is_not_a_queue() {
        let fetched = "Received: from imap.example.net [198.51.100.7]\n\tby laptop.example.com with IMAP (fetchmail-6.4.37)\n\tfor <jo@localhost> (single-drop); Wed, 29 Oct 2025 19:31:40 +0000\n\
            Received: from out.example.org (out.example.org [203.0.113.9]) by imap.example.net (Postfix) with ESMTPS id 4XyZ1; Wed, 29 Oct 2025 12:31:40 +0000\n";
        let report = analyze(fetched);
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1, "{:#?}", report.findings);
        assert_eq!(found[0].severity, Severity::Info);
        assert_eq!(found[0].owner, crate::model::Owner::Nobody);
        assert!(found[0].fix.is_none());
        assert!(
            found[0].title.contains("until it was fetched") && !found[0].title.contains("queued"),
            "{}",
            found[0].title
        );
        // POP3, and a fetch weeks later: still the user's schedule, not "longer than any queue".
        let pop = analyze(
            &fetched
                .replace("with IMAP", "with POP3")
                .replace("Wed, 29 Oct 2025 19:31:40", "Wed, 26 Nov 2025 19:31:40"),
        );
        let found = with_id(&pop, super::META.id);
        assert_eq!(found[0].severity, Severity::Info);
        assert!(found[0].title.contains("until it was fetched"), "{}", found[0].title);
        // The same gap between two relays is a queue.
        let relay = analyze(&fetched.replace("with IMAP (fetchmail-6.4.37)", "with ESMTPS id 9"));
        assert_eq!(with_id(&relay, super::META.id)[0].severity, Severity::High);
    }

    /// qmail's and Postfix's `unknown` is the placeholder for a client with no name, never a host to name: the
    /// waiting server is told by its address.
    #[test]
    fn the_placeholder_unknown_is_no_host_name() {
        let report = analyze(
            "Received: from unknown (HELO ) (198.51.100.106) by smtp.example.net with SMTP; 24 May 2016 12:30:11 -0000\n\
             Received: from [192.0.2.5] (account a@example.org HELO pc.example.org) by  (Postfix) with ESMTPA id 24hEA8; Tue, 24 May 2016 13:09:41 +0100\n",
        );
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1, "{:#?}", report.findings);
        assert!(!found[0].title.contains("unknown"), "{}", found[0].title);
        assert!(found[0].title.contains("queued on 198.51.100.106"), "{}", found[0].title);
        assert_eq!(found[0].fix.as_ref().unwrap().summary, "Find out why 198.51.100.106 held the message");
    }

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

    /// Whose queue it was follows the route: a wait on the receiving organisation's own gateway is its to read
    /// and fix, a wait on the sender's outbound relay the sender's.
    #[test]
    fn the_owner_is_whoever_runs_the_waiting_host() {
        let at_receiver = "Received: from gw.example.com (gw.example.com [192.0.2.10]) by mbx.example.com (Postfix) with ESMTPS id 4XyZ1; Wed, 29 Oct 2025 12:40:02 +0000\n\
            Received: from out.example.org (out.example.org [198.51.100.21]) by gw.example.com (Postfix) with ESMTPS id 4XyA2; Wed, 29 Oct 2025 12:01:40 +0000\n\
            Received: from app01.example.org (app01.example.org [198.51.100.50]) by out.example.org (Postfix) with ESMTPS id 9F2C3; Wed, 29 Oct 2025 12:01:38 +0000\n\
            From: Ann <ann@example.org>\nTo: Bob <bob@example.com>\nDate: Wed, 29 Oct 2025 12:01:37 +0000\n";
        let report = analyze(at_receiver);
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1, "{:#?}", report.findings);
        assert!(found[0].title.ends_with("queued on gw.example.com"), "{}", found[0].title);
        assert_eq!(found[0].severity, Severity::Medium);
        assert_eq!(found[0].owner, crate::model::Owner::ReceivingOrg, "{:#?}", report.route);
        // The same wait one hop earlier, on the sender's outbound relay: the sender's.
        let at_sender = analyze(
            &at_receiver
                .replace("12:40:02 +0000", "12:40:04 +0000")
                .replace("12:01:40 +0000", "12:40:02 +0000"),
        );
        let found = with_id(&at_sender, super::META.id);
        assert_eq!(found.len(), 1, "{:#?}", at_sender.findings);
        assert!(found[0].title.ends_with("queued on out.example.org"), "{}", found[0].title);
        assert_eq!(found[0].owner, crate::model::Owner::SendingOrg, "{:#?}", at_sender.route);
    }

    #[test]
    fn a_gap_of_weeks_is_no_queue_and_sends_nobody_to_a_mail_log() {
        // 37 days: longer than any queue keeps a message (re-sent, imported later, or a wrong clock).
        let report = analyze(&QUEUED.replace("Wed, 29 Oct 2025 10:24:07", "Mon, 22 Sep 2025 10:24:07"));
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Low);
        assert_eq!(found[0].owner, crate::model::Owner::Nobody);
        assert!(found[0].fix.is_none(), "no queue, no log to read: {:?}", found[0].fix);
        assert!(found[0].title.contains("longer than any mail queue keeps a message"), "{}", found[0].title);
        assert!(found[0].detail.contains("RFC 5321 §4.5.4.1"), "{}", found[0].detail);
        // Four days is still a queue (a sender retrying before it gives up).
        let four_days = analyze(&QUEUED.replace("Wed, 29 Oct 2025 10:24:07", "Sat, 25 Oct 2025 12:24:07"));
        assert_eq!(with_id(&four_days, super::META.id)[0].severity, Severity::High);
    }

    /// A mailing list's software sends in batches: a wait on the list's servers is the list's schedule.
    #[test]
    fn a_wait_on_the_lists_servers_is_info() {
        let report = analyze(
            "Received: from lists.example.org (lists.example.org [198.51.100.50]) by mx.example.net (Postfix) with ESMTP id 7; Fri, 7 Feb 2003 17:57:31 +0000\n\
             Received: from lists.example.org (localhost [127.0.0.1]) by lists.example.org (Postfix) with ESMTP id 6; Fri, 7 Feb 2003 17:38:06 +0000\n\
             Received: with LISTAR (v0.129a; list talk); Fri, 07 Feb 2003 17:38:05 +0000\n\
             Received: from out.example.com (out.example.com [203.0.113.5]) by lists.example.org (Postfix) with ESMTP id 5; Fri, 7 Feb 2003 17:38:02 +0000\n\
             X-list: talk\nPrecedence: bulk\nFrom: author@example.com\nTo: talk@example.org\n",
        );
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1, "{:#?}", report.findings);
        assert_eq!(found[0].severity, Severity::Info);
        assert_eq!(found[0].owner, crate::model::Owner::Nobody);
        assert!(found[0].fix.is_none());
        assert!(found[0].detail.contains("in batches"), "{}", found[0].detail);
        // The same wait on a relay of no list is a queue to look into.
        let relay = analyze(
            "Received: from relay.example.org (relay.example.org [198.51.100.50]) by mx.example.net (Postfix) with ESMTP id 7; Fri, 7 Feb 2003 17:57:31 +0000\n\
             Received: from out.example.com (out.example.com [203.0.113.5]) by relay.example.org (Postfix) with ESMTP id 5; Fri, 7 Feb 2003 17:38:02 +0000\n",
        );
        assert_eq!(with_id(&relay, super::META.id)[0].severity, Severity::Medium);
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
