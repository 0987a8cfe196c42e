//! Diagnostics: one module per finding id, each with its What / Why / Fix and its tests.
//!
//! A handler has the signature `fn check(ctx: &Ctx<'_>, acc: &mut Vec<Finding>)` and pushes zero or
//! more findings. It reads only the [`Ctx`]: parsed fields, summary, hops, authentication and the
//! Microsoft model. Text is filled in from the message; where the evidence is indirect the finding
//! says "likely" and carries [`Confidence::Likely`](crate::model::Confidence::Likely).
//!
//! To add a diagnostic: create `diagnostics/<id_with_underscores>.rs` with a module doc
//! (`## What it checks`, `## Why it matters`, `## Fix`), a `pub(crate) fn check`, and tests that
//! show it firing and staying quiet; then list it in [`HANDLERS`].

mod arc_broken;
mod auth_upstream_only;
mod clock_skew;
mod compauth_fail;
mod date_drift;
mod dkim_fail;
mod dkim_lint;
mod dkim_tenant_default;
mod dmarc_dkim_unaligned;
mod dmarc_fail;
mod dmarc_spf_unaligned;
mod eop_bulk;
mod eop_filter_bypassed;
mod eop_spam_verdict;
mod exo_high_risk_pool;
mod exo_relay_pool;
mod from_invalid;
mod from_non_routable;
mod helo_weak;
mod hop_delay;
mod hop_facts;
mod hop_no_tls;
mod hybrid_not_internal;
mod hybrid_path;
mod input_truncated;
mod internal_names_exposed;
mod mail_contact_envelope_rewrite;
mod return_path_case_odd;
mod return_path_missing;
mod return_path_multiple;
mod return_path_non_routable;
mod return_path_null;
mod return_path_srs;
mod spf_not_pass;
mod timeline;
mod trace_nonconformant;
mod tz_misconfig;

use crate::auth::Authentication;
use crate::envelope::Envelope;
use crate::input::Source;
use crate::limits::Truncation;
use crate::microsoft::Microsoft;
use crate::model::{Evidence, Finding, HeaderField, Hop, Span, Summary, Timing};

/// What every diagnostic can read.
pub struct Ctx<'a> {
    pub source: &'a Source,
    pub headers: &'a [HeaderField],
    pub summary: &'a Summary,
    pub hops: &'a [Hop],
    pub timing: &'a Timing,
    pub authentication: &'a Authentication,
    pub microsoft: &'a Microsoft,
    pub envelope: &'a Envelope,
    /// Where the analysis stopped when the input was over a limit (see `crate::limits`).
    pub truncation: Option<&'a Truncation>,
}

type Handler = fn(&Ctx<'_>, &mut Vec<Finding>);

/// Every diagnostic, in the order they run. Findings are sorted by severity afterwards.
const HANDLERS: &[Handler] = &[
    return_path_missing::check,
    dmarc_fail::check,
    spf_not_pass::check,
    compauth_fail::check,
    dkim_fail::check,
    dkim_tenant_default::check,
    arc_broken::check,
    auth_upstream_only::check,
    dkim_lint::check,
    return_path_non_routable::check,
    return_path_case_odd::check,
    mail_contact_envelope_rewrite::check,
    return_path_multiple::check,
    return_path_null::check,
    return_path_srs::check,
    dmarc_spf_unaligned::check,
    dmarc_dkim_unaligned::check,
    from_non_routable::check,
    from_invalid::check,
    hybrid_path::check,
    exo_relay_pool::check,
    eop_spam_verdict::check,
    eop_bulk::check,
    eop_filter_bypassed::check,
    exo_high_risk_pool::check,
    hybrid_not_internal::check,
    hop_no_tls::check,
    helo_weak::check,
    internal_names_exposed::check,
    hop_delay::check,
    clock_skew::check,
    tz_misconfig::check,
    date_drift::check,
    trace_nonconformant::check,
    input_truncated::check,
];

/// Runs every diagnostic and sorts the findings, most severe first (stable within a severity).
pub fn run(ctx: &Ctx<'_>) -> Vec<Finding> {
    let mut acc = Vec::new();
    for handler in HANDLERS {
        handler(ctx, &mut acc);
    }
    rank_root_causes(&mut acc);
    acc.sort_by_key(|f| (std::cmp::Reverse(f.severity), !ROOT_CAUSES.contains(&f.id)));
    acc
}

/// Findings that explain other findings: when one fires, it is raised to the severity of the worst
/// finding it explains and listed first within that severity, so the verdict leads with the cause
/// rather than its symptoms.
const ROOT_CAUSES: &[&str] = &[mail_contact_envelope_rewrite::ID];

/// The symptoms each root cause explains.
const EXPLAINED_BY_MAIL_CONTACT: &[&str] =
    &[return_path_non_routable::ID, return_path_case_odd::ID, dmarc_spf_unaligned::ID, exo_relay_pool::ID];

fn rank_root_causes(acc: &mut [Finding]) {
    let worst_symptom =
        acc.iter().filter(|f| EXPLAINED_BY_MAIL_CONTACT.contains(&f.id)).map(|f| f.severity).max();
    if let Some(worst) = worst_symptom {
        for f in acc.iter_mut().filter(|f| f.id == mail_contact_envelope_rewrite::ID) {
            f.severity = f.severity.max(worst);
        }
    }
}

/// The text with its first letter in upper case, for sentences that start with a value.
pub(crate) fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

impl<'a> Ctx<'a> {
    /// All fields with this name (case-insensitive), topmost first.
    pub fn fields(&self, name: &'a str) -> impl Iterator<Item = &'a HeaderField> + 'a {
        crate::headers::all(self.headers, name)
    }

    /// The topmost field with this name (case-insensitive).
    pub fn field(&self, name: &str) -> Option<&'a HeaderField> {
        crate::headers::first(self.headers, name)
    }

    /// Evidence for a whole field value.
    pub fn evidence(&self, field: &HeaderField) -> Evidence {
        Evidence {
            header: field.name.clone(),
            text: field.value.clone(),
            span: field.value_span,
            highlights: Vec::new(),
        }
    }

    /// Evidence for part of a field value: `needle` is searched in the field as written in the input
    /// (case-sensitively, first occurrence). Falls back to the whole value when it is not found
    /// verbatim (for example when it crosses a folded line).
    pub fn evidence_for(&self, field: &HeaderField, needle: &str) -> Evidence {
        match self.locate(field, needle) {
            Some(span) => Evidence {
                header: field.name.clone(),
                text: needle.to_string(),
                span,
                highlights: Vec::new(),
            },
            None => self.evidence(field),
        }
    }

    /// Evidence for a span of the input inside `field` (for example a span the parsers recorded), with the
    /// text exactly as written there, folds included.
    pub fn evidence_at(&self, field: &HeaderField, span: Span) -> Evidence {
        Evidence {
            header: field.name.clone(),
            text: self.source.text(span).to_string(),
            span,
            highlights: Vec::new(),
        }
    }

    /// Evidence for the tag `name` of a tag-list field (DKIM-Signature, ARC-Seal, …) as written, e.g. `l=1536`,
    /// up to the end of its first line (so the text is the same whatever the line endings); the first line of
    /// the value when the tag is absent.
    pub fn evidence_for_tag(&self, field: &HeaderField, name: &str) -> Evidence {
        let text = self.source.text(field.value_span);
        let (s, e) = crate::auth::tags::locate(text, name).unwrap_or((0, text.len()));
        let piece = text.get(s..e).unwrap_or_default();
        let e = s + piece.find(['\r', '\n']).map_or(piece.len(), |i| piece[..i].trim_end().len());
        let start = field.value_span.start();
        self.evidence_at(field, Span::new(start + s, start + e))
    }

    /// Where `needle` sits inside `field` in the input, if it appears there verbatim.
    pub fn locate(&self, field: &HeaderField, needle: &str) -> Option<Span> {
        if needle.is_empty() {
            return None;
        }
        let hay = self.source.text(field.value_span);
        let at = hay.find(needle)?;
        let start = field.value_span.start() + at;
        Some(Span::new(start, start + needle.len()))
    }
}

#[cfg(test)]
pub(crate) mod test_support {
    //! Helpers for the diagnostics' unit tests.
    use crate::model::{Finding, Report};

    /// Analyses a header block given as text (leading indentation of each line removed, so tests
    /// can indent fixtures).
    pub(crate) fn analyze(text: &str) -> Report {
        crate::analyze_str(text)
    }

    /// The findings with this id.
    pub(crate) fn with_id<'a>(report: &'a Report, id: &str) -> Vec<&'a Finding> {
        report.findings.iter().filter(|f| f.id == id).collect()
    }
}

#[cfg(test)]
mod ordering_tests {
    use crate::model::Severity;

    #[test]
    fn the_mail_contact_diagnosis_leads_the_findings_it_explains() {
        let report =
            crate::analyze(include_bytes!("../tests/fixtures/exchange/hybrid-mail-contact-broken.eml"));
        let first = &report.findings[0];
        assert_eq!(first.id, "mail-contact-envelope-rewrite");
        let non_routable = report.findings.iter().find(|f| f.id == "return-path-non-routable").unwrap();
        assert_eq!(first.severity, non_routable.severity);
        assert!(first.severity >= Severity::High);
    }

    #[test]
    fn findings_stay_sorted_by_severity() {
        let report =
            crate::analyze(include_bytes!("../tests/fixtures/exchange/hybrid-mail-contact-broken.eml"));
        assert!(report.findings.windows(2).all(|w| w[0].severity >= w[1].severity));
    }
}
