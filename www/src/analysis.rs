//! One analysis run as the views see it: the text that was analysed (spans point into it), the core's
//! report and how long it took. Compared by run number, so re-rendering never compares whole reports.

use std::cell::Cell;
use std::rc::Rc;

use headerlens::container::{self, Analysed, Message, Pending};
use headerlens::{Finding, FindingId, Report, Span};

/// Messages the page lists at most from one input (an mbox or a paste of many header blocks): 200.
/// Beyond, the list says where it stopped; the command line has no such cap.
pub const MAX_MESSAGES: usize = 200;

#[derive(Clone)]
pub struct Analysis {
    pub input: Rc<str>,
    pub report: Rc<Report>,
    pub ms: f64,
    pub run: u64,
}

impl PartialEq for Analysis {
    fn eq(&self, other: &Self) -> bool {
        self.run == other.run
    }
}

impl Analysis {
    /// Runs the core on `text`, timing it with `clock` (milliseconds).
    pub fn run(text: &str, run: u64, clock: impl Fn() -> f64) -> Analysis {
        let start = clock();
        let report = headerlens::analyze(text.as_bytes());
        let ms = clock() - start;
        Analysis { input: Rc::from(text), report: Rc::new(report), ms, run }
    }

    /// Every message in `bytes` (an mbox, header blocks pasted one after another, attached messages, a
    /// `.msg`), at most [`MAX_MESSAGES`], each with the text its spans point into. `prefix` (a file name)
    /// is put before each message's `input.container`. Run numbers are `first_run`, `first_run + 1`, ….
    /// Also says why the walk stopped early, if it did. All at once: [`Walker`] does the same in slices.
    pub fn walk(
        bytes: &[u8],
        prefix: Option<&str>,
        first_run: u64,
        clock: impl Fn() -> f64,
    ) -> (Vec<Analysis>, Option<headerlens::Text>) {
        let mut walker = Walker::new(Input::Bytes(bytes.to_vec()), prefix, first_run, &clock);
        while !walker.step(f64::INFINITY, &clock) {}
        walker.finish()
    }

    pub fn findings_with_id(&self, id: FindingId) -> impl Iterator<Item = &Finding> + '_ {
        self.report.findings.iter().filter(move |f| f.id == id)
    }

    /// Highlight spans (absolute) on the Return-Path from the core's odd-case finding.
    pub fn return_path_highlights(&self) -> Vec<Span> {
        self.findings_with_id(FindingId::ReturnPathCaseOdd)
            .flat_map(|f| f.evidence.iter())
            .flat_map(|e| e.highlights.iter().copied())
            .collect()
    }

    /// True when the core reports the Return-Path domain as non-routable.
    pub fn core_says_non_routable(&self) -> bool {
        self.findings_with_id(FindingId::ReturnPathNonRoutable).next().is_some()
    }
}

/// Message `i` of a walker's input, borrowing its bytes (see [`Walker::within`]).
fn message<'b>(
    bytes: &'b [u8],
    found: &'b Pending<'static>,
    within: &[Option<std::ops::Range<usize>>],
    i: usize,
) -> Option<Message<'b>> {
    let m = found.messages.get(i)?;
    let bytes = match &within[i] {
        Some(range) => &bytes[range.clone()],
        None => &m.bytes[..],
    };
    Some(Message {
        bytes: std::borrow::Cow::Borrowed(bytes),
        format: m.format,
        container: m.container.clone(),
        notes: m.notes.clone(),
    })
}

/// What a walk reads: text (a paste, the box; kept as it is, not copied) or a file's bytes.
pub enum Input {
    Text(Rc<str>),
    Bytes(Vec<u8>),
}

/// [`Analysis::walk`] a few messages at a time, so that a big input (a 5 MB paste of many header blocks,
/// a mailbox) never holds the page for long: the caller gives the page its turn between [`Walker::step`]s
/// (the app waits for a timer), then takes the result with [`Walker::finish`].
pub struct Walker {
    bytes: Rc<[u8]>,
    /// The same input as text, when it came as text: the text of a single message without a copy.
    text: Option<Rc<str>>,
    prefix: Option<String>,
    first_run: u64,
    /// The messages found, owning their bytes only when they are not a piece of the input (an attached
    /// message decoded from its part); the others have no bytes here and are read from `bytes` at `within`.
    found: Pending<'static>,
    within: Vec<Option<std::ops::Range<usize>>>,
    done: Vec<Analysed>,
    /// Milliseconds spent in the walk so far (finding the messages, then analysing them).
    ms: f64,
}

impl Walker {
    /// Finds the messages in the input (a quick pass: field names and MIME boundaries), not analysed yet.
    pub fn new(input: Input, prefix: Option<&str>, first_run: u64, clock: impl Fn() -> f64) -> Walker {
        let start = clock();
        let (bytes, text): (Rc<[u8]>, _) = match input {
            Input::Text(text) => (Rc::from(text.clone()), Some(text)),
            Input::Bytes(bytes) => (Rc::from(bytes), None),
        };
        let found = container::find(&bytes, MAX_MESSAGES);
        // A message that is a piece of the input is kept as its place in it, not as a copy (a 5 MB paste of
        // one message would be copied whole), so the walker can wait between steps without borrowing `bytes`.
        let base = bytes.as_ptr() as usize;
        let mut within = Vec::with_capacity(found.messages.len());
        let messages = found
            .messages
            .into_iter()
            .map(|m| {
                let at = m.bytes.as_ptr() as usize;
                let inside = matches!(m.bytes, std::borrow::Cow::Borrowed(_))
                    && at >= base
                    && at + m.bytes.len() <= base + bytes.len();
                within.push(inside.then(|| at - base..at - base + m.bytes.len()));
                if inside {
                    let Message { format, container, notes, .. } = m;
                    Message { bytes: std::borrow::Cow::Borrowed(&[]), format, container, notes }
                } else {
                    m.into_owned()
                }
            })
            .collect();
        let found =
            Pending { format: found.format, messages, analysed: found.analysed, stopped: found.stopped };
        let ms = clock() - start;
        Walker {
            bytes,
            text,
            prefix: prefix.map(str::to_string),
            first_run,
            found,
            within,
            done: Vec::new(),
            ms,
        }
    }

    /// Analyses messages until `budget_ms` have passed (at least one message); true when all are done.
    pub fn step(&mut self, budget_ms: f64, clock: impl Fn() -> f64) -> bool {
        let start = clock();
        while let Some(m) = message(&self.bytes, &self.found, &self.within, self.done.len()) {
            let analysed = container::analyze_message(&m);
            self.done.push(analysed);
            if clock() - start >= budget_ms {
                break;
            }
        }
        self.ms += clock() - start;
        self.done.len() == self.found.messages.len()
    }

    /// [`Walker::step`] for the page: inside one message's analysis, once `budget_ms` have passed since the
    /// page last had its turn, awaits `pause()` (a timer) after the stage that ran over, so a single huge
    /// message holds the page for one stage at a time, not for its whole analysis. Paused time is not
    /// counted as analysis time.
    pub async fn step_staged<F: std::future::Future<Output = ()>>(
        &mut self,
        budget_ms: f64,
        clock: impl Fn() -> f64,
        pause: impl Fn() -> F,
    ) -> bool {
        let start = clock();
        let (turn, paused) = (Cell::new(start), Cell::new(0.0));
        while let Some(m) = message(&self.bytes, &self.found, &self.within, self.done.len()) {
            let (turn, paused, clock, pause) = (&turn, &paused, &clock, &pause);
            let analysed = container::analyze_message_staged(&m, |_stage| {
                let wait = (clock() - turn.get() >= budget_ms).then(pause);
                async move {
                    if let Some(wait) = wait {
                        let before = clock();
                        wait.await;
                        turn.set(clock());
                        paused.set(paused.get() + turn.get() - before);
                    }
                }
            })
            .await;
            self.done.push(analysed);
            if clock() - turn.get() >= budget_ms {
                break;
            }
        }
        self.ms += clock() - start - paused.get();
        self.done.len() == self.found.messages.len()
    }

    /// Milliseconds the walk has taken so far: finding the messages and analysing them, without the pauses.
    pub fn ms(&self) -> f64 {
        self.ms
    }

    /// The analyses (see [`Analysis::walk`]) and why the walk stopped early, if it did.
    pub fn finish(self) -> (Vec<Analysis>, Option<headerlens::Text>) {
        let Walker { bytes, text, prefix, first_run, found, done, ms, .. } = self;
        let walk = found.into_walk(done);
        let ms = ms / walk.messages.len().max(1) as f64;
        let single = walk.messages.len() == 1;
        let list = walk
            .messages
            .into_iter()
            .enumerate()
            .map(|(i, a)| {
                let mut report = a.report;
                if let Some(p) = &prefix {
                    let mut place = headerlens::Text::raw(p.as_str());
                    if let Some(c) = report.input.container.take() {
                        place.push(headerlens::catalog::Msg::new("render.label-sep", Vec::new()));
                        place.push(c);
                    }
                    report.input.container = Some(place);
                }
                // A single message pasted as text keeps the whole text (the view of the input), as before; input
                // that is not text (a PDF, an image, binary data: the report is its notice) keeps none, so the
                // box never shows it.
                let text_input = report.input.format != headerlens::InputFormat::Msg
                    && !(report.input.notice.is_some() && report.headers.is_empty());
                let input: Rc<str> = if single && text_input {
                    let decoded = headerlens::charset::decode(&bytes).text;
                    match &text {
                        // Text read as the text it is (UTF-8): the input itself, not a copy of it.
                        Some(text) if matches!(decoded, std::borrow::Cow::Borrowed(d) if d.len() == text.len()) => {
                            text.clone()
                        }
                        _ => Rc::from(decoded.as_ref()),
                    }
                } else {
                    Rc::from(a.text)
                };
                Analysis { input, report: Rc::new(report), ms, run: first_run + i as u64 }
            })
            .collect();
        (list, walk.stopped)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HYBRID: &str = include_str!("../e2e/fixtures/hybrid-local-return-path.eml");

    #[test]
    fn a_walk_in_slices_gives_what_the_walk_at_once_gives() {
        // Three header blocks pasted one after another, analysed one message per step.
        let text = format!("{HYBRID}\n{HYBRID}\n{HYBRID}");
        let clock = || 0.0;
        let (whole, stopped) = Analysis::walk(text.as_bytes(), Some("paste"), 10, clock);
        let mut walker = Walker::new(Input::Text(Rc::from(text.as_str())), Some("paste"), 10, clock);
        let mut steps = 0;
        while !walker.step(0.0, clock) {
            steps += 1;
        }
        let (sliced, sliced_stopped) = walker.finish();
        assert_eq!(whole.len(), 3, "three header blocks");
        assert_eq!(steps, 2, "one message per step, the last step says it is done");
        assert_eq!(stopped, sliced_stopped);
        for (a, b) in whole.iter().zip(&sliced) {
            assert_eq!((a.run, &a.input, &a.report), (b.run, &b.input, &b.report));
        }
        assert_eq!(
            sliced[1].report.input.container.as_ref().map(ToString::to_string).as_deref(),
            Some("paste: header block 2 of 3")
        );
    }

    #[test]
    fn a_staged_step_pauses_inside_a_message_and_gives_what_the_walk_at_once_gives() {
        // A clock that moves 1 ms per reading, a budget of 0: a pause after every stage of every message.
        let text = format!("{HYBRID}\n{HYBRID}");
        let (whole, _) = Analysis::walk(text.as_bytes(), None, 1, || 0.0);
        let now = Cell::new(0.0);
        let clock = || {
            now.set(now.get() + 1.0);
            now.get()
        };
        let pauses = Cell::new(0);
        let mut walker = Walker::new(Input::Bytes(text.into_bytes()), None, 1, clock);
        let mut steps = 0;
        while !headerlens::run_ready(walker.step_staged(0.0, &clock, || {
            pauses.set(pauses.get() + 1);
            std::future::ready(())
        })) {
            steps += 1;
        }
        assert_eq!(steps, 1, "a step ends after the message that ran over");
        assert!(pauses.get() >= 2 * 9, "a pause after each stage: {}", pauses.get());
        let (sliced, _) = walker.finish();
        for (a, b) in whole.iter().zip(&sliced) {
            assert_eq!((&a.input, &a.report), (&b.input, &b.report));
        }
        assert_eq!(sliced.len(), 2);
    }

    #[test]
    fn a_single_message_keeps_the_whole_text() {
        let text: Rc<str> = Rc::from(HYBRID);
        let mut walker = Walker::new(Input::Text(text.clone()), None, 1, || 0.0);
        assert!(walker.step(f64::INFINITY, || 0.0));
        let (list, stopped) = walker.finish();
        assert_eq!((list.len(), stopped), (1, None));
        assert!(Rc::ptr_eq(&list[0].input, &text), "the pasted text itself, not a copy");
        let mut walker = Walker::new(Input::Bytes(HYBRID.as_bytes().to_vec()), None, 1, || 0.0);
        assert!(walker.step(f64::INFINITY, || 0.0));
        assert_eq!(&*walker.finish().0[0].input, HYBRID);
    }

    #[test]
    fn input_that_is_not_text_keeps_no_text_for_the_box() {
        let pdf = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n";
        let (list, _) = Analysis::walk(pdf, None, 1, || 0.0);
        assert_eq!(list.len(), 1);
        assert_eq!(&*list[0].input, "");
        assert!(list[0].report.input.notice.is_some() && list[0].report.hops.is_empty());
    }
}
