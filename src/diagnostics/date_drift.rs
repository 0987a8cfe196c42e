//! `date-drift`: see [`META`] for what it checks, why it matters and the fix.

use crate::catalog::{Msg, Text, msg};
use crate::diagnostics::hop_facts::{by_name, hop_evidence};
use crate::diagnostics::timeline::{looks_like_zone_error, offset_text, zone_minutes};
use crate::diagnostics::{Ctx, Meta};
use crate::model::{Finding, FindingId, Owner, Severity};
use crate::words::duration;

pub(crate) const META: Meta = Meta {
    id: FindingId::DateDrift,
    severity: Severity::Medium,
    owner: Owner::SendingOrg,
    what: "The Date header against the first (oldest) dated Received stamp: a Date more than five minutes in the \
          future of that stamp (Low; Medium beyond an hour), or more than 24 hours before it (Low). A Date ahead \
          because the message was likely sent again after an earlier trip, or written during a long gap between \
          two stamps next to the later one (see `hop-delay`), is that finding's consequence: info, no clock to \
          fix.",
    why: "The Date is written by the sender's computer or application; the first stamp by the first server. A Date \
         in the future means the sender's clock or time zone is wrong, which spam filters score (SpamAssassin's \
         `DATE_IN_FUTURE_*` rules) and which sorts the message wrongly in mailboxes. A Date days older than the \
         first stamp means the message waited in an outbox or a queue, or the sender's clock is behind.",
    fix: "Correct the clock and time zone of the computer or application that wrote the Date.",
};

const FUTURE_SECONDS: f64 = 300.0;
const FUTURE_MEDIUM_SECONDS: f64 = 3600.0;
const PAST_SECONDS: f64 = 86_400.0;

pub(crate) fn check(ctx: &Ctx<'_>, acc: &mut Vec<Finding>) {
    let Some(date) = ctx.summary.date.as_ref() else { return };
    let Some(date_epoch) = date.epoch else { return };
    let Some(first) = ctx.hops.iter().find(|h| h.epoch.is_some()) else { return };
    let Some(first_epoch) = first.epoch else { return };
    // Positive: the Date is ahead of (later than) the first stamp.
    let ahead = date_epoch as f64 - first_epoch;
    let (severity, title, mut detail): (Severity, Msg, Text) = if ahead > FUTURE_SECONDS {
        (
            if ahead > FUTURE_MEDIUM_SECONDS { Severity::Medium } else { Severity::Low },
            msg!("date-drift.title-ahead", by = duration(ahead)),
            (msg!(
                "date-drift.detail-ahead",
                written = date.utc.as_deref().unwrap_or(&date.raw),
                first = by_name(first),
                received = first.timestamp.as_deref().unwrap_or("?"),
                by = duration(ahead)
            ))
            .into(),
        )
    } else if -ahead > PAST_SECONDS {
        (
            Severity::Low,
            msg!("date-drift.title-older", by = duration(-ahead)),
            (msg!(
                "date-drift.detail-older",
                written = date.utc.as_deref().unwrap_or(&date.raw),
                first = by_name(first),
                received = first.timestamp.as_deref().unwrap_or("?"),
                by = duration(-ahead)
            ))
            .into(),
        )
    } else {
        return;
    };
    // The Date matches a later hop after a long gap, so `hop-delay` tells the gap once and this is its consequence,
    // with no clock to fix: either the message was likely sent again with a new Date (the first stamp is from an
    // earlier trip), or the Date was written during the gap after the first stamps and agrees with the later
    // servers, so its writer's clock is not the one to doubt (`hop-delay` gives both readings).
    if ahead > FUTURE_SECONDS {
        let written = date.utc.as_deref().unwrap_or(&date.raw);
        let received = first.timestamp.as_deref().unwrap_or("?");
        let (first_name, by) = (by_name(first), duration(ahead));
        let explained = match crate::diagnostics::timeline::resent_step(ctx.headers, ctx.hops, Some(date)) {
            Some((_, hop)) => Some(msg!(
                "date-drift.detail-resent",
                written,
                first = first_name,
                received,
                by,
                hop = hop.index
            )),
            None => crate::diagnostics::timeline::late_date_step(ctx.hops, Some(date)).map(|(prev, hop)| {
                msg!(
                    "date-drift.detail-late",
                    written,
                    first = first_name,
                    received,
                    by,
                    hop = hop.index,
                    from_hop = prev.index
                )
            }),
        };
        if let Some(detail) = explained {
            let mut evidence: Vec<_> = ctx.field("Date").map(|f| vec![ctx.evidence(f)]).unwrap_or_default();
            evidence.extend(hop_evidence(ctx, first, first.date_raw.as_deref()));
            META.finding(title, detail)
                .severity(Severity::Info)
                .owner(Owner::Nobody)
                .likely()
                .caused_by(Some(FindingId::HopDelay))
                .evidence(evidence)
                .push(acc);
            return;
        }
    }
    // A Date without a reliable offset (`-0000`, an ambiguous or unknown zone name, none) a whole number of half
    // hours off: most likely local time written without its offset, not a wrong clock nor a queue.
    if date.zone.is_some_and(crate::model::ZoneReading::uncertain)
        && crate::diagnostics::timeline::looks_like_zone_gap(ahead)
    {
        let note: Text = match &date.zone_note {
            Some(n) => n.into(),
            None => msg!("date-drift.no-usable-offset").into(),
        };
        let title = msg!("date-drift.title-local", note, by = duration(ahead.abs()));
        let detail = msg!(
            "date-drift.detail-local",
            raw = date.raw,
            note,
            first = by_name(first),
            received = first.timestamp.as_deref().unwrap_or("?")
        );
        let writer = ctx.summary.mailer.clone().map(|m| format!(" ({m})")).unwrap_or_default();
        let mut evidence: Vec<_> = ctx.field("Date").map(|f| vec![ctx.evidence(f)]).unwrap_or_default();
        evidence.extend(hop_evidence(ctx, first, first.date_raw.as_deref()));
        META.finding(title, detail)
            .severity(Severity::Low)
            .likely()
            .evidence(evidence)
            .fix(msg!("date-drift.fix-offset", writer))
            .steps([msg!("date-drift.step-offset", writer)])
            .verify([msg!("date-drift.verify-offset")])
            .references(["RFC 5322 §3.3 (date and time specification)"])
            .push(acc);
        return;
    }
    if looks_like_zone_error(ahead) {
        let written = date.offset_minutes.unwrap_or(0);
        detail.push(msg!(
            "date-drift.detail-zone",
            fitting = offset_text(written + zone_minutes(ahead)),
            written = offset_text(written)
        ));
    }
    let writer = ctx.summary.mailer.clone().map(|m| format!(" ({m})")).unwrap_or_default();
    let mut evidence: Vec<_> = ctx.field("Date").map(|f| vec![ctx.evidence(f)]).unwrap_or_default();
    evidence.extend(hop_evidence(ctx, first, first.date_raw.as_deref()));
    META.finding(title, detail)
        .severity(severity)
        .likely()
        .evidence(evidence)
        .fix(msg!("date-drift.fix", writer))
        .steps([msg!("date-drift.step-clock", writer), msg!("date-drift.step-outbox")])
        .verify([msg!("date-drift.verify")])
        .references(["RFC 5322 §3.6.1 (the origination date)"])
        .push(acc);
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::test_support::{analyze, with_id};
    use crate::model::Severity;

    #[test]
    fn a_date_without_a_known_offset_a_whole_number_of_hours_off_is_a_zone_artefact() {
        // India's local time written with the ambiguous name IST, 5 h 30 min "ahead" of the first stamp.
        let report = analyze(&format!("{STAMP}Date: Tue, 5 Nov 2024 14:30:05 IST\n"));
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Low);
        assert!(
            found[0].title.contains("likely local time without its offset (IST is ambiguous"),
            "{}",
            found[0].title
        );
        // The same wall time with a numeric offset that is wrong is a Date in the future (Medium).
        let report = analyze(&format!("{STAMP}Date: Tue, 5 Nov 2024 14:30:05 +0000\n"));
        let found = with_id(&report, super::META.id);
        assert_eq!(found[0].severity, Severity::Medium);
        assert!(found[0].title.contains("ahead of the first server's stamp"));
    }

    const STAMP: &str = "Received: from pc.example.com (pc.example.com [198.51.100.9]) by mail.example.com (Postfix) with ESMTPSA id 1A2B; Tue, 5 Nov 2024 09:00:10 +0000\n";

    #[test]
    fn fires_on_a_date_in_the_future() {
        let report =
            analyze(&format!("{STAMP}Date: Tue, 5 Nov 2024 10:00:05 +0000\nX-Mailer: ExampleMail 2.1\n"));
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Low);
        assert_eq!(found[0].title, "The Date header is 59 min 55 s ahead of the first server's stamp");
        assert!(
            found[0].detail.contains("+0100 instead of +0000 would make it agree"),
            "{}",
            found[0].detail
        );
        assert_eq!(found[0].evidence[0].text, "Tue, 5 Nov 2024 10:00:05 +0000");
        assert!(found[0].fix.as_ref().unwrap().summary.contains("ExampleMail 2.1"));
    }

    #[test]
    fn fires_on_a_date_days_old() {
        let report = analyze(&format!("{STAMP}Date: Sat, 2 Nov 2024 08:00:00 +0000\n"));
        let found = with_id(&report, super::META.id);
        assert_eq!(found[0].title, "The Date header is 3 d 1 h older than the first server's stamp");
    }

    #[test]
    fn quiet_on_a_normal_submission() {
        assert!(
            with_id(&analyze(&format!("{STAMP}Date: Tue, 5 Nov 2024 09:00:02 +0000\n")), super::META.id)
                .is_empty()
        );
        assert!(
            with_id(&analyze(&format!("{STAMP}Date: Tue, 5 Nov 2024 09:04:02 +0000\n")), super::META.id)
                .is_empty()
        );
        assert!(with_id(&analyze(STAMP), super::META.id).is_empty());
    }

    /// A Date written during a long gap, next to the later stamp, with one stamp before it: the Date agrees with
    /// the later servers, so no clock of its writer to fix; the gap is told once, by `hop-delay`, with both
    /// readings, and this sits under it. A Date before the first stamp leaves the gap a plain queue.
    #[test]
    fn a_date_written_at_the_end_of_a_gap_is_the_gaps_consequence() {
        let late = "Received: from out.example.org (out.example.org [198.51.100.5]) by mx.example.com (Postfix) with ESMTPS id 7B; Wed, 29 Oct 2025 10:20:02 +0000\n\
            Received: from localhost (localhost [127.0.0.1]) by out.example.org (Postfix) with SMTP id 9A; Wed, 29 Oct 2025 10:20:00 +0000\n\
            Date: Wed, 29 Oct 2025 10:19:59 +0000\n\
            Received: by out.example.org; Wed, 29 Oct 2025 10:00:00 +0000\n\
            From: News <news@example.org>\nTo: Bob <bob@example.com>\n";
        let report = analyze(late);
        let drift = with_id(&report, super::META.id);
        assert_eq!(drift.len(), 1, "{:#?}", report.findings);
        assert_eq!((drift[0].severity, drift[0].owner), (Severity::Info, crate::model::Owner::Nobody));
        assert_eq!(drift[0].caused_by, Some(crate::model::FindingId::HopDelay));
        assert!(drift[0].fix.is_none(), "{:?}", drift[0].fix);
        assert!(drift[0].detail.contains("The Date matches hop 2"), "{}", drift[0].detail);
        let delay = with_id(&report, crate::model::FindingId::HopDelay);
        assert_eq!(delay.len(), 1, "{:#?}", report.findings);
        assert!(delay[0].detail.contains("before its Date was written"), "{}", delay[0].detail);
        assert!(delay[0].detail.contains("clocks up to hop 1 are behind"), "{}", delay[0].detail);
        // The Date before the first stamp: a plain queue, no drift and no second reading.
        let early =
            analyze(&late.replace("Date: Wed, 29 Oct 2025 10:19:59", "Date: Wed, 29 Oct 2025 09:59:58"));
        assert!(with_id(&early, super::META.id).is_empty(), "{:#?}", early.findings);
        let delay = with_id(&early, crate::model::FindingId::HopDelay);
        assert_eq!(delay.len(), 1);
        assert!(!delay[0].detail.contains("before its Date was written"), "{}", delay[0].detail);
    }
}
