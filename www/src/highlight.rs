//! Cuts a piece of the input into plain and highlighted runs, so evidence can be shown as the header line
//! with the supporting text (and, inside it, the exact characters a finding points at) marked.
//! Spans are byte offsets into the input; anything that does not fall on a character boundary is shown
//! unmarked rather than guessed.

use headerlens::Span;

/// How strongly a run is marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Mark {
    /// Plain text.
    None,
    /// The evidence text of a finding.
    Evidence,
    /// A highlight inside the evidence (e.g. the characters whose case is odd).
    Strong,
}

/// A run of text with one marking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub text: String,
    pub mark: Mark,
}

/// Splits `input[window]` into runs, marking the parts covered by `evidence` spans and, more strongly,
/// by `strong` spans (all absolute offsets into `input`). Returns the whole window as one plain run
/// when the window itself is not a valid range of `input`.
pub fn runs(input: &str, window: Span, evidence: &[Span], strong: &[Span]) -> Vec<Run> {
    let Some(whole) = input.get(window.start()..window.end()) else {
        return Vec::new();
    };
    let clip = |s: &Span| -> Option<(usize, usize)> {
        let a = s.start().max(window.start());
        let b = s.end().min(window.end());
        (a < b && input.is_char_boundary(a) && input.is_char_boundary(b)).then_some((a, b))
    };
    let ev: Vec<(usize, usize)> = evidence.iter().filter_map(clip).collect();
    let st: Vec<(usize, usize)> = strong.iter().filter_map(clip).collect();
    let mut cuts = vec![window.start(), window.end()];
    for &(a, b) in ev.iter().chain(st.iter()) {
        cuts.push(a);
        cuts.push(b);
    }
    headerlens::sort::sort(&mut cuts);
    cuts.dedup();
    let mut out: Vec<Run> = Vec::new();
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let inside = |v: &[(usize, usize)]| v.iter().any(|&(s, e)| s <= a && b <= e);
        let mark = if inside(&st) {
            Mark::Strong
        } else if inside(&ev) {
            Mark::Evidence
        } else {
            Mark::None
        };
        let Some(text) = input.get(a..b) else {
            return vec![Run { text: whole.to_string(), mark: Mark::None }];
        };
        match out.last_mut() {
            Some(last) if last.mark == mark => last.text.push_str(text),
            _ => out.push(Run { text: text.to_string(), mark }),
        }
    }
    out
}

/// Runs for a short text that is known to sit at `at` in the input (e.g. a Return-Path value), marking
/// the `strong` spans (absolute input offsets) that fall inside it. Used where the text is shown on its
/// own rather than as a window of the input; when the text is not at that position the text is returned
/// unmarked.
pub fn runs_in_text(text: &str, at: usize, strong: &[Span]) -> Vec<Run> {
    let mut cuts = vec![0, text.len()];
    let mut rel = Vec::new();
    for s in strong {
        let (Some(a), Some(b)) = (s.start().checked_sub(at), s.end().checked_sub(at)) else { continue };
        let b = b.min(text.len());
        if a < b && text.is_char_boundary(a) && text.is_char_boundary(b) {
            rel.push((a, b));
            cuts.push(a);
            cuts.push(b);
        }
    }
    headerlens::sort::sort(&mut cuts);
    cuts.dedup();
    let mut out: Vec<Run> = Vec::new();
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let mark = if rel.iter().any(|&(s, e)| s <= a && b <= e) { Mark::Strong } else { Mark::None };
        let piece = text.get(a..b).unwrap_or_default();
        match out.last_mut() {
            Some(last) if last.mark == mark => last.text.push_str(piece),
            _ => out.push(Run { text: piece.to_string(), mark }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(runs: &[Run]) -> String {
        runs.iter()
            .map(|r| match r.mark {
                Mark::None => r.text.clone(),
                Mark::Evidence => format!("[{}]", r.text),
                Mark::Strong => format!("{{{}}}", r.text),
            })
            .collect()
    }

    #[test]
    fn marks_evidence_and_strong_highlights_inside_a_header_line() {
        let input = "Subject: x\nReturn-Path: <App.MAILBOX@ResDomain.local>\n";
        let line_start = input.find("Return-Path").unwrap();
        let line = Span::new(line_start, input.len() - 1);
        let value_start = input.find('<').unwrap();
        let value = Span::new(value_start, input.len() - 1);
        let m = input.find("MAILBOX").unwrap();
        let r = runs(input, line, &[value], &[Span::new(m, m + 7)]);
        assert_eq!(show(&r), "Return-Path: [<App.]{MAILBOX}[@ResDomain.local>]");
    }

    #[test]
    fn spans_outside_the_window_or_off_char_boundaries_are_ignored() {
        let input = "Subject: café crème";
        let window = Span::new(0, input.len());
        let e = input.find('é').unwrap();
        // Ends in the middle of 'é': not a char boundary, so not marked.
        let r = runs(input, window, &[Span::new(e, e + 1)], &[Span::new(500, 600)]);
        assert_eq!(show(&r), "Subject: café crème");
    }

    #[test]
    fn an_invalid_window_yields_nothing_rather_than_panicking() {
        assert!(runs("abc", Span::new(2, 10), &[], &[]).is_empty());
    }

    #[test]
    fn text_runs_use_absolute_offsets() {
        // The Return-Path value sits at offset 13 of the input; highlights are absolute.
        let text = "<Application.MAILBOX@ResDomain.local>";
        let at = 13;
        let m = text.find("MAILBOX").unwrap() + at;
        let r = runs_in_text(text, at, &[Span::new(m, m + 7), Span::new(0, 2)]);
        assert_eq!(show(&r), "<Application.{MAILBOX}@ResDomain.local>");
    }
}
