//! The `headerlens` command line, run as a process: formats, several files (JSON Lines), standard input,
//! and exit code 2 with a clear message for usage errors and unreadable files.

use std::io::Write;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_headerlens");
const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/basic/postfix-two-hops.eml");

fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run headerlens");
    if let Some(input) = stdin {
        child.stdin.take().unwrap().write_all(input).unwrap();
    } else {
        drop(child.stdin.take());
    }
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn text_is_the_default() {
    let o = run(&[FIXTURE], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("Subject:     Quarterly report"), "{out}");
    assert!(out.contains("Hops (2, oldest first):"), "{out}");
    assert!(out.contains("mail.example.com [192.0.2.10]  mx.example.org"), "{out}");
}

#[test]
fn json_lines_for_several_files() {
    let o = run(&["--format", "json", FIXTURE, FIXTURE], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    for line in lines {
        let v: serde_json::Value = serde_json::from_str(line).expect("each line is one JSON report");
        assert_eq!(v["hops"].as_array().map(Vec::len), Some(2));
        assert_eq!(v["hops"][1]["by"], "mx.example.org");
        assert_eq!(v["summary"]["subject"], "Quarterly report");
    }
}

#[test]
fn markdown_and_banners_for_several_files() {
    let o = run(&["--format", "markdown", FIXTURE, "-"], Some(b"Subject: from stdin\nFrom: a@example.org\n"));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(out.matches("## headerlens report").count(), 2, "{out}");
    assert!(out.contains(&format!("==> {FIXTURE} <==")), "{out}");
    assert!(out.contains("==> - <=="), "{out}");
    assert!(out.contains("| Subject | from stdin |"), "{out}");
}

#[test]
fn standard_input_by_default() {
    let o = run(&["--format", "json"], Some(b"Received: from a by b; Mon, 1 Jan 2024 10:00:00 +0000\r\n"));
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(v["hops"][0]["timestamp"], "2024-01-01T10:00:00Z");
}

#[test]
fn unreadable_file_exits_2_before_any_output() {
    let missing = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/does-not-exist.eml");
    let o = run(&[FIXTURE, missing], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).is_empty(), "{}", stdout(&o));
    let err = stderr(&o);
    assert!(err.starts_with("headerlens: cannot read "), "{err}");
    assert!(err.contains("does-not-exist.eml"), "{err}");
}

#[test]
fn usage_error_exits_2() {
    let o = run(&["--format", "yaml", FIXTURE], None);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("invalid value 'yaml'"), "{err}");
    assert!(err.contains("text, json, markdown") || err.contains("possible values"), "{err}");
    let o = run(&["--no-such-flag"], None);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn help_exits_0() {
    let o = run(&["--help"], None);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("--format"));
}

/// A temporary file under target/ (removed by the caller when it matters).
fn temp_file(name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn mbox(n: usize) -> String {
    let fixture = std::fs::read_to_string(FIXTURE).unwrap();
    (1..=n)
        .map(|i| {
            let msg = fixture.replace("Subject: Quarterly report", &format!("Subject: Report {i}"));
            format!("From sender@example.com Mon Jan  1 10:00:00 2024\n{msg}\n")
        })
        .collect()
}

#[test]
fn an_mbox_gives_one_json_line_per_message_in_order() {
    let path = temp_file("three.mbox", mbox(3).as_bytes());
    let o = run(&["--format", "json", path.to_str().unwrap(), FIXTURE], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 4, "{out}");
    for (i, v) in lines[..3].iter().enumerate() {
        assert_eq!(v["summary"]["subject"], format!("Report {}", i + 1));
        assert_eq!(v["input"]["format"], "mbox");
        assert_eq!(v["input"]["container"], format!("mbox message {} of 3", i + 1));
        assert_eq!(v["hops"].as_array().map(Vec::len), Some(2));
    }
    assert_eq!(lines[3]["summary"]["subject"], "Quarterly report");
    assert!(lines[3]["input"].get("container").is_none());
    // No progress line when standard error is not a terminal.
    assert_eq!(stderr(&o), "");
    // From standard input the total is not known in advance.
    let o = run(&["--format", "json"], Some(mbox(2).as_bytes()));
    let second: serde_json::Value = serde_json::from_str(stdout(&o).lines().nth(1).unwrap()).unwrap();
    assert_eq!(second["input"]["container"], "mbox message 2");
}

#[test]
fn text_output_has_a_banner_per_message() {
    let path = temp_file("two.mbox", mbox(2).as_bytes());
    let o = run(&[path.to_str().unwrap()], None);
    let out = stdout(&o);
    assert!(out.contains(&format!("==> {}: mbox message 2 of 2 <==", path.display())), "{out}");
    assert!(out.contains("Message:     mbox message 1 of 2"), "{out}");
}

#[test]
fn broken_msg_file_is_analysed_with_a_notice_and_exit_0() {
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.extend(std::iter::repeat_n(0xAB, 700));
    let path = temp_file("broken.msg", &bytes);
    let o = run(&["--format", "json", path.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(v["input"]["format"], "msg");
    assert!(v["input"]["notice"].as_str().unwrap().contains("cannot be read as an Outlook message"));
}

#[test]
fn an_attached_message_in_a_truncated_file_is_reported_with_a_note() {
    let fixture = std::fs::read_to_string(FIXTURE).unwrap();
    let phish = fixture.replace("Subject: Quarterly report", "Subject: Attached phish");
    let forward = format!(
        "From: employee@example.org\nTo: security@example.org\nSubject: Fwd: suspicious\nMIME-Version: 1.0\n\
         Content-Type: multipart/mixed; boundary=\"fwd\"\n\n--fwd\nContent-Type: text/plain\n\nSee attached.\n\
         --fwd\nContent-Type: message/rfc822\n\n{phish}\n--fwd--\n"
    );
    // Cut in the attached message's body: the closing boundary is gone.
    let cut = &forward[..forward.find("--fwd--").unwrap() - 1];
    let path = temp_file("truncated-forward.eml", cut.as_bytes());
    let o = run(&["--format", "json", path.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let lines: Vec<serde_json::Value> =
        stdout(&o).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["summary"]["subject"], "Fwd: suspicious");
    assert_eq!(lines[0]["hops"].as_array().map(Vec::len), Some(0), "the forward's own header section only");
    assert_eq!(lines[1]["summary"]["subject"], "Attached phish");
    assert_eq!(lines[1]["input"]["container"], "attached message 1 (message/rfc822) in the message");
    assert_eq!(lines[1]["hops"].as_array().map(Vec::len), Some(2));
    let notes = |v: &serde_json::Value| v["input"]["normalizations"].to_string();
    assert!(notes(&lines[0]).contains("without its closing"), "{}", notes(&lines[0]));
    assert!(notes(&lines[1]).contains("cut short"), "{}", notes(&lines[1]));
    // In text, the note is under the message's input clean-up.
    let text = stdout(&run(&[path.to_str().unwrap()], None));
    assert!(text.contains("the input looks truncated"), "{text}");
}

#[test]
fn compare_text_and_json() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/exchange/");
    let before = format!("{dir}hybrid-mail-contact-broken.eml");
    let after = format!("{dir}hybrid-mail-contact-fixed.eml");
    let o = run(&["compare", &before, &after], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("[better] finding mail-contact-envelope-rewrite resolved"), "{out}");
    let o = run(&["compare", "--format", "json", &before, &after], None);
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(v["left"]["summary"]["subject"], v["right"]["summary"]["subject"]);
    let diffs = v["differences"].as_array().unwrap();
    assert!(diffs.iter().any(|d| d["what"] == "Return-Path" && d["verdict"] == "better"));
    // A file that cannot be read: exit 2, a message, nothing on standard output.
    let o = run(&["compare", &before, "/nonexistent/after.eml"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot read /nonexistent/after.eml"));
    assert_eq!(stdout(&o), "");
}

#[test]
fn compare_shows_the_placement_and_filter_verdicts() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/compare/");
    let (before, after) = (format!("{dir}m365-junk-before.eml"), format!("{dir}m365-inbox-after.eml"));
    let o = run(&["compare", &before, &after], None);
    assert!(stdout(&o).contains("[better] placement: junk -> inbox"), "{}", stdout(&o));
    let o = run(&["compare", "--format", "json", &before, &after], None);
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(v["left"]["delivery"]["placement"], "junk");
    let diffs = v["differences"].as_array().unwrap();
    let placement = diffs.iter().find(|d| d["what"] == "placement").expect("placement row");
    assert_eq!(
        (&placement["left"], &placement["right"], &placement["verdict"]),
        (&"junk".into(), &"inbox".into(), &"better".into())
    );
    assert_eq!(stderr(&o), "", "one message each: no note");
    // A file of several messages: the first is compared, and standard error says so.
    let two = temp_file("two-for-compare.mbox", mbox(2).as_bytes());
    let o = run(&["compare", "--format", "json", two.to_str().unwrap(), &after], None);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(v["left"]["summary"]["subject"], "Report 1");
    assert!(stderr(&o).contains("holds more than one message"), "{}", stderr(&o));
    let (before, after) = (format!("{dir}spamassassin-before.eml"), format!("{dir}spamassassin-after.eml"));
    let o = run(&["compare", "--format", "markdown", &before, &after], None);
    let md = stdout(&o);
    assert!(
        md.contains("| filter verdict (SpamAssassin) | not spam, score 4.2 (threshold 5) | not spam, score 0.3 (threshold 5) | better |"),
        "{md}"
    );
}

#[test]
fn the_command_line_speaks_french_with_lang_fr() {
    // Its own messages.
    let missing = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/does-not-exist.eml");
    let o = run(&["--lang", "fr", missing], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).starts_with("headerlens: impossible de lire "), "{}", stderr(&o));
    // Its help: our texts and clap's own words ("Usage", the help flag), the values in our words.
    let o = run(&["--lang=fr", "--help"], None);
    assert_eq!(o.status.code(), Some(0));
    let help = stdout(&o);
    for french in [
        "Utilisation\u{a0}: headerlens",
        "Format de sortie\u{a0}: text, json ou markdown",
        "Arguments\u{a0}:\n  [FILES]",
        "Options\u{a0}:\n      --format",
        "Afficher l'aide",
        "Commandes",
    ] {
        assert!(help.contains(french), "{french} in\n{help}");
    }
    assert!(!help.contains("Usage:") && !help.contains("Print help") && !help.contains("[default"), "{help}");
    let o = run(&["compare", "--lang", "fr", "--help"], None);
    assert!(stdout(&o).contains("Le message antérieur (avant la modification)"), "{}", stdout(&o));
    // English help is clap's, unchanged.
    let o = run(&["--help"], None);
    assert!(
        stdout(&o).contains("Usage: headerlens") && stdout(&o).contains("[default: text]"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn compare_in_french() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/compare/");
    let (before, after) = (format!("{dir}m365-junk-before.eml"), format!("{dir}m365-inbox-after.eml"));
    let o = run(&["compare", "--lang", "fr", &before, &after], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("[mieux] emplacement\u{a0}: Courrier indésirable -> Boîte de réception"), "{out}");
    assert!(out.starts_with("Avant\u{a0}: ") && out.contains("\nAprès\u{a0}: "), "{out}");
    assert!(out.contains("Différences ("), "{out}");
    let (before, after) = (format!("{dir}spamassassin-before.eml"), format!("{dir}spamassassin-after.eml"));
    let o = run(&["compare", "--lang", "fr", "--format", "markdown", &before, &after], None);
    let md = stdout(&o);
    assert!(md.contains("| Quoi | Avant | Après | Verdict |"), "{md}");
    assert!(
        md.contains("| verdict du filtre (SpamAssassin) | non-spam, score 4,2 (seuil 5) | non-spam, score 0,3 (seuil 5) | mieux |"),
        "{md}"
    );
    // JSON in French: the strings in French, the verdict tokens as they are.
    let o = run(&["compare", "--lang", "fr", "--format", "json", &before, &after], None);
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    let row =
        v["differences"].as_array().unwrap().iter().find(|d| d["verdict"] == "better").expect("a better row");
    assert_eq!(row["what"], "verdict du filtre (SpamAssassin)");
}

#[test]
fn on_a_terminal_the_notice_of_input_that_is_not_headers_shows_once() {
    // `script` (util-linux) runs the program with a terminal as standard output and standard error; without it
    // there is nothing to check here.
    let bin = temp_file("bin.dat", b"\x00\x01\x02\x03\xff\xfe\x00\x00\x10\x11\x12\x13\x14\x15\x16\x17");
    let Ok(o) = Command::new("script")
        .args(["-qec", &format!("{BIN} {}", bin.display()), "/dev/null"])
        .stdin(Stdio::null())
        .output()
    else {
        return;
    };
    let seen = stdout(&o);
    assert!(seen.contains("binary"), "{seen}");
    assert_eq!(seen.matches("not email headers").count(), 1, "{seen}");
}

#[test]
fn input_that_is_not_text_gets_a_notice_on_standard_error_and_exit_1() {
    let pdf = temp_file(
        "invoice.pdf",
        b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n",
    );
    let o = run(&[pdf.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.starts_with(&format!(
            "headerlens: {}: This looks like a PDF file, not email headers.",
            pdf.display()
        )),
        "{err}"
    );
    // The report says it too, first, and has nothing else to show.
    let out = stdout(&o);
    assert!(
        out.starts_with("note: This looks like a PDF file, not email headers. Paste the headers"),
        "{out}"
    );
    assert!(!out.contains("Hops (") && !out.contains("Findings (0)"), "{out}");

    // Empty standard input, in JSON and in French: the notice is in the report's `input.notice`.
    let o = run(&["--format", "json", "--lang", "fr"], Some(b""));
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).starts_with("headerlens: -: L'entrée est vide"), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert!(v["input"]["notice"].as_str().unwrap().starts_with("L'entrée est vide"), "{v}");
    assert_eq!(v["hops"].as_array().map(Vec::len), Some(0));

    // A PNG among header files: every file is reported, and the exit code tells that one was not headers.
    let png = temp_file("screenshot.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\0\xC8\x08\x06\0\0\0");
    let o = run(&["--format", "markdown", FIXTURE, png.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("| Subject | Quarterly report |"), "{out}");
    assert!(out.contains("This looks like an image (PNG), not email headers"), "{out}");
    assert!(stderr(&o).contains("screenshot.png: This looks like an image (PNG)"), "{}", stderr(&o));

    // Headers exit 0 and say nothing on standard error.
    let o = run(&[FIXTURE], None);
    assert_eq!(o.status.code(), Some(0));
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
}
