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
