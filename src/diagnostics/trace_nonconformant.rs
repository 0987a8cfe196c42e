//! `trace-nonconformant`: see [`META`] for what it checks, why it matters and the fix.

use crate::catalog::{Msg, Text, msg};
use crate::diagnostics::{Ctx, Meta};
use crate::hops::received::TraceForm;
use crate::model::{Evidence, Finding, FindingId, HeaderField, Hop, Owner, ParseStatus, Severity};

pub(crate) const META: Meta = Meta {
    id: FindingId::TraceNonconformant,
    severity: Severity::Low,
    owner: Owner::Nobody,
    what: "Received fields that do not follow the trace format of RFC 5321 §4.4: a field that could not be read \
          at all, one without a date or with a date that cannot be read, a date without the `;` before it \
          (SendGrid's Go-style stamps), or a date in an obsolete form (2-digit year, a zone name such as `EST` \
          instead of a numeric offset, no zone).",
    why: "Hop timing is computed from these dates. A hop without a readable date is left out of the delays, and \
         an obsolete zone is read as RFC 5322 §4.3 says (military letters and unknown names as `-0000`), so the \
         timeline around that hop may be approximate. It also tells which server writes non-standard trace lines.",
    fix: "Usually nothing to do: the field was written by the server named in its `by` clause. If that server is \
         yours, configure or update it to end each Received field with `; ` and an RFC 5322 date with a numeric \
         offset (e.g. `; Mon, 8 Jan 2024 13:54:34 +0000`).",
};

/// What is wrong with one hop's field, in words; empty when it conforms.
fn problems(hop: &Hop, form: TraceForm) -> Vec<Msg> {
    if hop.parse_status == ParseStatus::Raw {
        return vec![msg!("trace-nonconformant.unreadable")];
    }
    let Some(date) = hop.date_raw.as_deref() else {
        return vec![msg!("trace-nonconformant.no-date")];
    };
    if hop.epoch.is_none() {
        return vec![msg!("trace-nonconformant.date-unreadable", date)];
    }
    let mut out = Vec::new();
    if form.no_semicolon {
        out.push(msg!("trace-nonconformant.no-semicolon"));
    }
    let forms = form.date_forms.words();
    if !forms.is_empty() {
        let forms: Text = match forms.as_slice() {
            [a, b] => msg!("dates.and", a, b).into(),
            _ => Text::join(forms, ", "),
        };
        out.push(msg!("trace-nonconformant.date-uses", forms));
    }
    out
}

fn hop_name(hop: &Hop) -> Msg {
    match &hop.by {
        Some(by) => msg!("trace-nonconformant.hop-by", index = hop.index, by),
        None => msg!("trace-nonconformant.hop", index = hop.index),
    }
}

pub(crate) fn check(ctx: &Ctx<'_>, acc: &mut Vec<Finding>) {
    let fields: Vec<&HeaderField> = ctx.fields("Received").collect();
    let mut lines: Vec<Text> = Vec::new();
    let mut undated = false;
    let mut evidence: Vec<Evidence> = Vec::new();
    let mut hosts: Vec<String> = Vec::new();
    let mut indexes: Vec<usize> = Vec::new();
    for (k, hop) in ctx.hops.iter().enumerate() {
        let found = problems(hop, ctx.trace_forms.get(k).copied().unwrap_or_default());
        if found.is_empty() {
            continue;
        }
        undated |= hop.parse_status == ParseStatus::Raw || hop.epoch.is_none();
        let mut line: Text = hop_name(hop).into();
        line.push(msg!("render.label-sep"));
        line.push(Text::join_clauses(found));
        lines.push(line);
        indexes.push(hop.index);
        if let Some(field) = fields.iter().find(|f| f.span == hop.span) {
            evidence.push(match hop.date_raw.as_deref().filter(|_| hop.epoch.is_some()) {
                Some(date) => ctx.evidence_for(field, date),
                None => ctx.evidence(field),
            });
        }
        if let Some(by) = &hop.by
            && !hosts.contains(by)
        {
            hosts.push(by.clone());
        }
    }
    if lines.is_empty() {
        return;
    }
    let n = lines.len();
    let title = if n == 1 {
        msg!("trace-nonconformant.title-one", index = indexes[0])
    } else {
        msg!("trace-nonconformant.title", n)
    };
    let mut consequences = Vec::new();
    if undated {
        consequences.push(msg!("trace-nonconformant.detail-undated"));
    }
    if ctx.hops.iter().any(|h| {
        indexes.contains(&h.index)
            && h.epoch.is_some()
            && h.offset_minutes.is_none()
            && !h.date_raw.as_deref().unwrap_or("").contains("-0000")
    }) {
        consequences.push(msg!("trace-nonconformant.detail-zone"));
    }
    if consequences.is_empty() {
        consequences.push(msg!("trace-nonconformant.detail-still-read"));
    }
    let servers: Text = if hosts.is_empty() {
        msg!("trace-nonconformant.the-server").into()
    } else {
        hosts.join(", ").into()
    };
    let mut detail = Text::join(lines, ". ");
    detail.push_str(". ");
    detail.push(Text::join(consequences, " "));
    META.finding(title, detail)
        .evidence(evidence)
        .fix(msg!("trace-nonconformant.fix", servers))
        .steps([msg!("trace-nonconformant.step-update", servers), msg!("trace-nonconformant.step-otherwise")])
        .references([
            "RFC 5321 §4.4 Trace Information",
            "RFC 5322 §3.3 Date and Time Specification, §4.3 Obsolete Date and Time",
        ])
        .push(acc);
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::test_support::{analyze, with_id};

    #[test]
    fn fires_on_go_stamp_without_semicolon_and_obsolete_zone() {
        let report = analyze(
            "Received: from a.example.org ([192.0.2.1]) by mx.example.net with ESMTP id 1; Tue, 12 Mar 24 09:15:30 GMT\n\
             Received: by filter01.example.com with SMTP id f-1\n 2018-04-22 02:54:17.028704749 +0000 UTC\n\
             Received: from c.example.org by d.example.org; Mon, 1 Jan 2024 10:00:00 +0000\n",
        );
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1);
        let f = found[0];
        assert_eq!(f.title, "2 Received fields do not follow the trace format");
        // GMT is a known offset: the time is exact.
        assert!(!f.detail.contains("may be off"), "{}", f.detail);
        let military = analyze("Received: from a by b.example.org; Tue, 12 Mar 2024 09:15:30 X\n");
        let m = with_id(&military, super::META.id)[0];
        assert!(m.detail.contains("may be off by its real offset"), "{}", m.detail);
        assert!(
            f.detail.contains("hop 2 (by filter01.example.com): there is no \";\" before the date"),
            "{}",
            f.detail
        );
        assert!(
            f.detail.contains("hop 3 (by mx.example.net): the date uses a 2-digit year and a zone name"),
            "{}",
            f.detail
        );
        assert_eq!(f.evidence[0].text, "2018-04-22 02:54:17.028704749 +0000 UTC");
        assert_eq!(f.evidence[1].text, "Tue, 12 Mar 24 09:15:30 GMT");
        assert!(f.fix.as_ref().unwrap().summary.contains("filter01.example.com, mx.example.net"));
    }

    #[test]
    fn fires_on_missing_and_unreadable_dates() {
        let report =
            analyze("Received: from a.example.org by b.example.org\nReceived: by c.example.org; yesterday\n");
        let f = with_id(&report, super::META.id)[0];
        assert!(
            f.detail.contains("hop 1 (by c.example.org): its date \"yesterday\" could not be read"),
            "{}",
            f.detail
        );
        assert!(f.detail.contains("hop 2 (by b.example.org): it has no date"), "{}", f.detail);
        assert_eq!(f.evidence.len(), 2);
        assert!(
            f.detail.ends_with("Hops without a readable date are left out of the delays."),
            "{}",
            f.detail
        );
        let report =
            analyze("Received: by f.example.com with SMTP id 1 2018-04-22 02:54:17.0287 +0000 UTC\n");
        let f = with_id(&report, super::META.id)[0];
        assert_eq!(f.title, "The Received field of hop 1 does not follow the trace format");
        assert!(
            f.detail.ends_with("The dates were still read; only the format is non-standard."),
            "{}",
            f.detail
        );
    }

    #[test]
    fn quiet_on_conformant_fields() {
        let report = analyze(
            "Received: from a.example.org (a.example.org [192.0.2.1]) by mx.example.net (Postfix) with ESMTPS \
             id 4E6; Thu,  4 Apr 2024 10:41:22 +0200 (CEST)\n\
             Received: (qmail 10876 invoked from network); 24 Aug 2014 16:13:38 -0000\n",
        );
        assert!(with_id(&report, super::META.id).is_empty());
    }
}
