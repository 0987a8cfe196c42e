//! What a diagnostic declares about itself ([`Meta`]) and the builder its findings come from
//! ([`FindingBuilder`]).
//!
//! Each diagnostic module holds one `pub(crate) const META: Meta`: its id, the severity and owner its findings
//! usually have, and the What / Why / Fix text that `docs/diagnostics.md` is generated from. Its `check` then
//! builds findings with `META.finding(title, detail)`, overriding the defaults only where one message differs.

use crate::model::{Confidence, Evidence, Finding, FindingId, Fix, Owner, Severity, Text};

/// A diagnostic's description of itself: one per finding id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Meta {
    pub id: FindingId,
    /// The severity its findings have unless the evidence calls for another one.
    pub severity: Severity,
    /// Whose systems its fix usually changes.
    pub owner: Owner,
    /// What it checks (Markdown).
    pub what: &'static str,
    /// Why it matters (Markdown).
    pub why: &'static str,
    /// How to fix it, in general (Markdown); each finding gives the fix for its own message.
    pub fix: &'static str,
}

impl Meta {
    /// A finding of this diagnostic with the default severity and owner, `Certain`, with no evidence and no fix yet.
    ///
    /// Always inlined, and the finding built by [`FindingBuilder::new`] from the three fields it needs: a call
    /// that kept `&self` would keep every diagnostic's `META` in the program as a static, and with it its What /
    /// Why / Fix text (33 KB of the site's wasm that nothing there reads).
    #[inline(always)]
    pub(crate) fn finding(&self, title: impl Into<Text>, detail: impl Into<Text>) -> FindingBuilder {
        FindingBuilder::new(self.id, self.severity, self.owner, title.into(), detail.into())
    }
}

/// Builds one [`Finding`]; see [`Meta::finding`].
#[must_use = "a finding is reported only by push"]
pub(crate) struct FindingBuilder {
    finding: Finding,
}

impl FindingBuilder {
    fn new(id: FindingId, severity: Severity, owner: Owner, title: Text, detail: Text) -> Self {
        FindingBuilder {
            finding: Finding {
                id,
                severity,
                confidence: Confidence::Certain,
                owner,
                caused_by: None,
                title,
                detail,
                evidence: Vec::new(),
                fix: None,
            },
        }
    }

    pub(crate) fn severity(mut self, severity: Severity) -> Self {
        self.finding.severity = severity;
        self
    }

    /// The evidence is indirect: the text says "likely".
    pub(crate) fn likely(self) -> Self {
        self.confidence(Confidence::Likely)
    }

    pub(crate) fn confidence(mut self, confidence: Confidence) -> Self {
        self.finding.confidence = confidence;
        self
    }

    pub(crate) fn owner(mut self, owner: Owner) -> Self {
        self.finding.owner = owner;
        self
    }

    /// Appends a sentence to the detail.
    pub(crate) fn append_detail(mut self, more: impl Into<Text>) -> Self {
        self.finding.detail.push(more);
        self
    }

    /// Adds evidence (one piece as `[e]`, or any list). A piece already there (the same header, text and span)
    /// is not added twice: its highlights join the ones already shown.
    pub(crate) fn evidence(mut self, evidence: impl IntoIterator<Item = Evidence>) -> Self {
        for e in evidence {
            add_evidence(&mut self.finding.evidence, e);
        }
        self
    }

    /// Starts the fix with its one-line summary.
    pub(crate) fn fix(mut self, summary: impl Into<Text>) -> Self {
        self.fix_mut().summary = summary.into();
        self
    }

    /// The finding is a consequence of `cause`, which fired on the same message and carries the fix (set here when
    /// the link depends on more than which findings fired; `diagnostics::link_causes` says so in the detail, or
    /// replaces it with the DMARC failure on a likely impersonation).
    pub(crate) fn caused_by(mut self, cause: Option<FindingId>) -> Self {
        if let Some(cause) = cause {
            self.finding.caused_by = Some(cause);
            self.finding.fix = None;
        }
        self
    }

    /// A fix built elsewhere (or none).
    pub(crate) fn with_fix(mut self, fix: impl Into<Option<Fix>>) -> Self {
        self.finding.fix = fix.into();
        self
    }

    /// Adds ordered steps in words to the fix.
    pub(crate) fn steps<S: Into<Text>>(mut self, steps: impl IntoIterator<Item = S>) -> Self {
        self.fix_mut().steps.extend(steps.into_iter().map(Into::into));
        self
    }

    /// Adds exact commands, ready to paste, to the fix.
    pub(crate) fn commands<S: Into<Text>>(mut self, commands: impl IntoIterator<Item = S>) -> Self {
        self.fix_mut().commands.extend(commands.into_iter().map(Into::into));
        self
    }

    /// Adds checks that confirm the fix worked.
    pub(crate) fn verify<S: Into<Text>>(mut self, verify: impl IntoIterator<Item = S>) -> Self {
        self.fix_mut().verify.extend(verify.into_iter().map(Into::into));
        self
    }

    /// Adds other ways to solve it.
    pub(crate) fn alternatives<S: Into<Text>>(mut self, alternatives: impl IntoIterator<Item = S>) -> Self {
        self.fix_mut().alternatives.extend(alternatives.into_iter().map(Into::into));
        self
    }

    /// Adds documentation titles to read further.
    pub(crate) fn references<S: Into<String>>(mut self, references: impl IntoIterator<Item = S>) -> Self {
        self.fix_mut().references.extend(references.into_iter().map(Into::into));
        self
    }

    fn fix_mut(&mut self) -> &mut Fix {
        self.finding.fix.get_or_insert_with(Fix::default)
    }

    /// Adds the finding to the list, the placeholders of its texts (`<sender address>`) in the catalogue's
    /// words (see [`Text::with_placeholders`]).
    pub(crate) fn push(self, acc: &mut Vec<Finding>) {
        let mut f = self.finding;
        f.title = f.title.with_placeholders();
        f.detail = f.detail.with_placeholders();
        if let Some(fix) = &mut f.fix {
            let convert = |v: &mut Vec<Text>| {
                for t in v.iter_mut() {
                    *t = std::mem::take(t).with_placeholders();
                }
            };
            fix.summary = std::mem::take(&mut fix.summary).with_placeholders();
            convert(&mut fix.steps);
            convert(&mut fix.commands);
            convert(&mut fix.verify);
            convert(&mut fix.alternatives);
        }
        acc.push(f);
    }
}

/// Adds `e` to `list` unless the same line (header, text, span) is there already; then only its highlights that
/// are new are added to that line's.
fn add_evidence(list: &mut Vec<Evidence>, e: Evidence) {
    match list.iter_mut().find(|x| x.span == e.span && x.header == e.header && x.text == e.text) {
        Some(same) => {
            for h in e.highlights {
                if !same.highlights.contains(&h) {
                    same.highlights.push(h);
                }
            }
        }
        None => list.push(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Span;

    const META: Meta = Meta {
        id: FindingId::HopDelay,
        severity: Severity::Medium,
        owner: Owner::Nobody,
        what: "",
        why: "",
        fix: "",
    };

    fn line(start: usize, text: &str, highlights: Vec<Span>) -> Evidence {
        Evidence {
            header: "Received".into(),
            text: text.into(),
            span: Span::new(start, start + text.len()),
            highlights,
        }
    }

    fn built(b: FindingBuilder) -> Finding {
        let mut acc = Vec::new();
        b.push(&mut acc);
        acc.pop().expect("one finding")
    }

    #[test]
    fn the_same_evidence_line_pushed_twice_appears_once() {
        let text = "from mx.example.com (mx.example.com [192.0.2.10]) by mail.example.net";
        let f = built(
            META.finding("title", "detail")
                .evidence([line(100, text, vec![])])
                .evidence([line(100, text, vec![]), line(300, "by relay.example.org", vec![])])
                .evidence([line(100, text, vec![])]),
        );
        assert_eq!(f.evidence.len(), 2, "{:#?}", f.evidence);
        assert_eq!(f.evidence[0].span, Span::new(100, 100 + text.len()));
        assert_eq!(f.evidence[1].text, "by relay.example.org");
    }

    #[test]
    fn a_repeated_line_keeps_the_highlights_of_both_pushes() {
        let text = "Return-Path: <Bounce@Example.com>";
        let f = built(
            META.finding("title", "detail")
                .evidence([line(10, text, vec![Span::new(24, 25)])])
                .evidence([line(10, text, vec![Span::new(24, 25), Span::new(31, 32)])]),
        );
        assert_eq!(f.evidence.len(), 1);
        assert_eq!(f.evidence[0].highlights, vec![Span::new(24, 25), Span::new(31, 32)]);
    }

    #[test]
    fn the_same_text_at_another_place_is_other_evidence() {
        // Two hops can carry the very same words (a server stamping twice); each is its own line of the input.
        let text = "by mail.example.net with ESMTP";
        let f = built(
            META.finding("title", "detail").evidence([line(40, text, vec![]), line(200, text, vec![])]),
        );
        assert_eq!(f.evidence.len(), 2);
    }
}
