//! Still English in French? The words of the readers (part A of the French work): the spam filters' notes and
//! rule meanings, the input readers' clean-up notes, notices and container labels, the date zone notes, the
//! delivery heading's placement word, and `compare`'s rows and labels, rendered in French.
//!
//! The heuristic is the one of `tests/french.rs` ([`english_words`]): English function words that are not French
//! words, counted in the French rendering outside data (a raw piece that occurs in the input, such as a rule
//! description the header carries, is data; one that does not is words written without the catalogue) and
//! outside code spans. Here one such word fails a text: these texts are short ("the anti-spam scan ran").

use std::fs;
use std::path::Path;

use headerlens::catalog::{Lang, Msg, Piece, Text};
use headerlens::container;
use headerlens::{Report, compare, render};

use crate::french::{english_words, squash};
use crate::support::{corpus, header_files};

/// Every text of part A's areas in a report: (area, text).
fn texts(r: &Report) -> Vec<(&'static str, &Text)> {
    let mut out = Vec::new();
    for f in &r.delivery.filters {
        out.extend(f.notes.iter().map(|n| ("filter note", n)));
        out.extend(f.rules.iter().map(|x| ("rule meaning", &x.meaning)));
    }
    out.extend(r.input.normalizations.iter().map(|n| ("input note", n)));
    out.extend(r.input.notice.iter().map(|n| ("notice", n)));
    out.extend(r.input.container.iter().map(|n| ("container", n)));
    out.extend(r.hops.iter().filter_map(|h| h.zone_note.as_ref()).map(|n| ("zone note", n)));
    if let Some(d) = &r.summary.date {
        out.extend(d.zone_note.iter().map(|n| ("zone note", n)));
    }
    out
}

/// `t` with the raw arguments of its messages left out (a finding id such as `hop-no-tls`, a filter name):
/// technical tokens a row names, not words.
fn without_arguments(t: &Text) -> Text {
    let blank = |m: &Msg| {
        let args = m
            .args
            .iter()
            .map(|(name, value)| {
                let kept = value.pieces().iter().filter(|p| matches!(p, Piece::Msg(_))).cloned().collect();
                (*name, without_arguments(&Text(kept)))
            })
            .collect();
        Msg { id: m.id, args }
    };
    Text(
        t.pieces()
            .iter()
            .map(|p| match p {
                Piece::Msg(m) => Piece::Msg(blank(m)),
                raw => raw.clone(),
            })
            .collect(),
    )
}

/// One analysed message: a name, its input (lower case, white space squashed: what counts as data) and report.
struct Case {
    name: String,
    input: String,
    report: Report,
}

/// The French renderings of `cases` (and of each report compared with the next) that still read as English:
/// (texts checked, problems).
fn check(cases: &[Case]) -> (usize, Vec<String>) {
    let (mut checked, mut problems, mut other) = (0, Vec::new(), Vec::new());
    let mut flag = |name: &str, input: &str, area: &str, text: &Text| {
        checked += 1;
        let words = english_words(text, input);
        if !words.is_empty() {
            problems.push(format!("{name}: {area}: {words:?} in \"{}\"", text.render(Lang::Fr)));
        }
    };
    for Case { name, input, report: r } in cases {
        for (area, text) in texts(r) {
            flag(name, input, area, text);
        }
        // The delivery heading names the folder in French ("emplacement : Courrier indésirable", no-break space).
        let fr = render::text_in(r, Lang::Fr);
        if let Some(line) = fr.lines().find(|l| l.starts_with("Remise (emplacement\u{a0}: ")) {
            flag(name, input, "delivery heading", &Text::raw(line));
            let token = r.delivery.placement.as_str();
            if line.ends_with(&format!(": {token})")) {
                other.push(format!("{name}: the delivery heading keeps the token `{token}`: {line}"));
            }
        }
    }
    for pair in cases.windows(2) {
        let c = compare::compare(&pair[0].report, &pair[1].report);
        let name = format!("compare {} {}", pair[0].name, pair[1].name);
        let input = format!("{} {}", pair[0].input, pair[1].input);
        for d in &c.differences {
            flag(&name, &input, "compare row", &without_arguments(&d.what));
            for side in [&d.left, &d.right].into_iter().flatten() {
                // A finding's title is its diagnostic's text (checked by tests/french.rs): only the row's own
                // words are part A's.
                let own: Vec<Piece> = side
                    .pieces()
                    .iter()
                    .filter(|p| !matches!(p, Piece::Msg(m) if !m.id.starts_with("compare.") && !m.id.starts_with("placement.")))
                    .cloned()
                    .collect();
                flag(&name, &input, "compare value", &Text(own));
            }
        }
        for caveat in render::comparison_caveats(&c) {
            flag(&name, &input, "compare caveat", &caveat);
        }
        let text = render::comparison_text_in(&c, "a", "b", Lang::Fr);
        for label in ["Before:", "After:", "Differences (", "No differences"] {
            if text.contains(label) {
                other.push(format!("{name}: the French comparison says \"{label}\""));
            }
        }
    }
    problems.extend(other);
    (checked, problems)
}

/// The reports of every message of `bytes` (as the command line walks it), named `name`.
fn walk(name: &str, bytes: &[u8], out: &mut Vec<Case>) {
    let input = squash(&headerlens::charset::decode(bytes).text);
    for a in container::walk(bytes, container::MAX_MESSAGES).messages {
        // A .msg file's text is UTF-16 inside: its data is the headers the walk decoded.
        let input = if a.text.is_empty() { input.clone() } else { format!("{input} {}", squash(&a.text)) };
        out.push(Case { name: name.to_string(), input, report: a.report });
    }
}

#[test]
fn one_english_word_outside_data_fails_a_text() {
    // A sentence written without the catalogue is English; the same words quoted from the input are data.
    assert_eq!(english_words(&Text::raw("the anti-spam scan ran"), ""), ["the"]);
    // A message's data (a finding id, a filter name) is not judged: only its words are.
    assert!(english_words(&Text::raw("the anti-spam scan ran"), "x-note: the anti-spam scan ran").is_empty());
    let mut cases = Vec::new();
    walk("two", b"Subject: a\n\nbody\n", &mut cases);
    cases[0].report.input.normalizations.push(Text::raw("the rest was not analysed"));
    let (checked, problems) = check(&cases);
    assert!(checked > 0 && problems.len() == 1, "{problems:#?}");
}

/// Own fixtures (always run): every filter family, zone names, a damaged MIME structure, an mbox.
#[test]
fn own_fixtures_read_in_french() {
    let filters = "\
Received: from mx.example.net (mx.example.net [192.0.2.10]) by mail.example.org with ESMTPS; Tue, 12 Mar 2024 09:15:30 IST
X-Spam-Status: Yes, score=7.1 required=5.0 tests=BAYES_99,DKIM_SIGNED,SPF_SOFTFAIL,MISSING_MID autolearn=no version=3.4.6
X-Spam-Level: *******
X-Spam-Checker-Version: SpamAssassin 3.4.6 (2021-04-09) on mail.example.org
X-Spamd-Result: default: False [-1.31 / 15.00]; R_SPF_ALLOW(-0.20)[+ip4:192.0.2.10]; BAYES_HAM(-3.00)[99.99%]
X-Rspamd-Action: no action
X-IronPort-Anti-Spam-Filtered: true
X-IronPort-Anti-Spam-Result: A0AAAABx
X-SBRS: 3.5
X-IronPort-AV: E=Sophos;i=\"6.0\"
X-Mimecast-Spam-Score: 4
X-Mimecast-Impersonation-Protect: Policy=Default;Similar Internal Domain=false;Newly Observed Domain=true
X-Proofpoint-Spam-Details: rule=notspam policy=default score=0 spamscore=12 phishscore=3 classifier=spam
X-Barracuda-Spam-Status: No, SCORE=3.20 using global scores of TAG_LEVEL=1000.0 QUARANTINE_LEVEL=1000.0 KILL_LEVEL=5.0 tests=BSF_SC0_MISMATCH_TO
X-TM-AS-Result: No--8.322-5.0-31-10
X-Gm-Spam: 0
X-Gm-Phy: 1
From: a@example.com
To: b@example.org
Subject: filters
Date: Tue, 12 Mar 2024 09:15:30 EST5EDT
Message-ID: <1@example.com>
";
    let mime = "\
From: a@example.com
Subject: damaged
Date: Tue, 12 Mar 24 09:15:30 GMT
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary=\"b\"

--b
Content-Type: message/rfc822

Received: from x.example.com (x.example.com [198.51.100.2]) by y.example.org; Tue, 12 Mar 2024 09:15:30 -0000
From: c@example.com
Subject: inner
";
    let mbox = format!(
        "From a@example.com Mon Jan  1 10:00:00 2024\n{filters}\nFrom a@example.com Mon Jan  1 10:00:00 2024\n{mime}"
    );
    let mut cases = Vec::new();
    walk("filters", filters.as_bytes(), &mut cases);
    walk("mime", mime.as_bytes(), &mut cases);
    walk("mbox", mbox.as_bytes(), &mut cases);
    // A damaged Outlook file: the Compound File signature, then nothing readable.
    let mut damaged = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    damaged.extend_from_slice(&[0u8; 600]);
    walk("msg", &damaged, &mut cases);
    // The fixtures reach every area the check looks at.
    let all: Vec<&str> = cases.iter().flat_map(|c| texts(&c.report)).map(|(area, _)| area).collect();
    for area in ["filter note", "rule meaning", "input note", "notice", "container", "zone note"] {
        assert!(all.contains(&area), "no {area} in the fixtures");
    }
    let families: Vec<&str> = cases[0].report.delivery.filters.iter().map(|f| f.filter.as_str()).collect();
    assert_eq!(families.len(), 8, "{families:?}");
    let (checked, problems) = check(&cases);
    println!("own fixtures: {checked} texts checked in French, {} still English", problems.len());
    assert!(problems.is_empty(), "{problems:#?}");
    // English stays as it was; French is French.
    let fr = render::text_in(&cases[0].report, Lang::Fr);
    assert!(
        fr.contains("BAYES_99 (probabilité bayésienne de spam élevée (apprise du courrier de ce site))"),
        "{fr}"
    );
    let en = render::text_in(&cases[0].report, Lang::En);
    assert!(en.contains("BAYES_99 (Bayesian spam probability high (learned from this site's mail))"), "{en}");
}

/// Every corpus file (as the command line walks it) and each compared with the next, rendered in French:
/// no text in part A's areas still reads as English. Skipped with a note when ../shared is absent.
#[test]
fn corpus_reads_in_french() {
    let Some(dir) = corpus() else { return };
    let mut cases = Vec::new();
    for path in header_files(&dir) {
        let name = path.strip_prefix(&dir).unwrap_or(&path).display().to_string();
        walk(&name, &fs::read(&path).unwrap(), &mut cases);
    }
    let msg_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/msg");
    if let Ok(entries) = fs::read_dir(&msg_dir) {
        for e in entries.flatten() {
            walk(&e.path().display().to_string(), &fs::read(e.path()).unwrap(), &mut cases);
        }
    }
    assert!(cases.len() > 300, "only {} reports", cases.len());
    let (checked, problems) = check(&cases);
    println!(
        "corpus: {} reports, {checked} texts checked in French, {} still English",
        cases.len(),
        problems.len()
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
