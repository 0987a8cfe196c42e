//! Native speed of `headerlens::analyze`, measured against its floor: a bare
//! `mail_parser::MessageParser::new().parse(bytes)` of the same bytes (the parse every analysis starts with).
//!
//! Inputs: the largest MHA sample (`mha/hist-constantcontact-outlook-full.txt`, 8.7 KB) and the whole shared
//! corpus (every `*.txt` under `../shared/corpus`, analysed one after another; one iteration is one pass over
//! all files). Both are skipped with a printed note when the corpus is absent; a repository fixture is always
//! measured so the benchmark never comes out empty.
//!
//! Run: `cargo bench --bench analyze` (criterion's statistics, throughput in MB/s), followed by a summary
//! table with MB/s and the ratio analyze/parse, then per-stage timings of `analyze` (read, summary, hops,
//! auth, microsoft, envelope, delivery, diagnostics, report) and of the text + Markdown rendering, then the
//! container walk of built messages with a 5 MB attachment and attached messages (`containers`). `cargo bench --bench analyze -- --quick` is faster and noisier.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus");
const LARGEST_MHA: &str = "mha/hist-constantcontact-outlook-full.txt";
const FIXTURE: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/microsoft/m365-outbound-hybrid-external.eml");

/// One benchmark input: a name and the files analysed, in order, per iteration.
struct Input {
    name: String,
    files: Vec<Vec<u8>>,
}

impl Input {
    fn bytes(&self) -> u64 {
        self.files.iter().map(|f| f.len() as u64).sum()
    }
}

#[path = "corpus_files.rs"]
mod corpus_files;
use corpus_files::text_files;

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn inputs() -> Vec<Input> {
    let mut inputs = vec![Input {
        name: "fixture m365-outbound-hybrid-external".into(),
        files: vec![read(Path::new(FIXTURE))],
    }];
    let corpus = Path::new(CORPUS);
    if !corpus.join("INDEX.tsv").exists() {
        println!("note: {CORPUS} not found; corpus and MHA benchmarks skipped");
        return inputs;
    }
    inputs.push(Input {
        name: "mha hist-constantcontact-outlook-full".into(),
        files: vec![read(&corpus.join(LARGEST_MHA))],
    });
    let mut paths = Vec::new();
    text_files(corpus, &mut paths);
    paths.sort();
    let count = paths.len();
    inputs.push(Input {
        name: format!("corpus ({count} files)"),
        files: paths.iter().map(|p| read(p)).collect(),
    });
    inputs
}

fn analyze_all(files: &[Vec<u8>]) {
    for f in files {
        black_box(headerlens::analyze(black_box(f)));
    }
}

fn parse_all(files: &[Vec<u8>]) {
    for f in files {
        black_box(mail_parser::MessageParser::new().parse(black_box(f.as_slice())));
    }
}

fn criterion_benches(c: &mut Criterion, inputs: &[Input]) {
    for input in inputs {
        let mut group = c.benchmark_group(&input.name);
        group.throughput(Throughput::Bytes(input.bytes()));
        group.bench_function("analyze", |b| b.iter(|| analyze_all(&input.files)));
        group.bench_function("mail_parser parse (floor)", |b| b.iter(|| parse_all(&input.files)));
        group.finish();
    }
}

/// Median seconds per pass of `run`, over batches lasting about `budget` in total.
fn median_seconds(budget: Duration, run: impl Fn()) -> f64 {
    let start = Instant::now();
    run();
    let once = start.elapsed().max(Duration::from_nanos(100));
    let per_sample = (Duration::from_millis(20).as_secs_f64() / once.as_secs_f64()).ceil().max(1.0) as u32;
    let mut samples = Vec::new();
    let deadline = Instant::now() + budget;
    while samples.len() < 11 || (Instant::now() < deadline && samples.len() < 200) {
        let t = Instant::now();
        for _ in 0..per_sample {
            run();
        }
        samples.push(t.elapsed().as_secs_f64() / f64::from(per_sample));
    }
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

/// The figures the README quotes: MB/s (10^6 bytes) of both, and analyze's speed as a fraction of the parse's.
fn summary(inputs: &[Input]) {
    println!("\nsummary (median of ~1 s of batches; MB = 10^6 bytes)");
    println!("{:<45} {:>10} {:>12} {:>12} {:>9}", "input", "bytes", "analyze MB/s", "parse MB/s", "ratio");
    for input in inputs {
        let bytes = input.bytes() as f64;
        let analyze = median_seconds(Duration::from_secs(1), || analyze_all(&input.files));
        let parse = median_seconds(Duration::from_secs(1), || parse_all(&input.files));
        let (a, p) = (bytes / analyze / 1e6, bytes / parse / 1e6);
        println!("{:<45} {:>10} {:>12.1} {:>12.1} {:>9.2}", input.name, input.bytes(), a, p, a / p);
    }
    println!("ratio = analyze speed / bare parse speed (goal: at least 0.50)");
}

/// Where one analysis spends its time: each stage of `analyze` (through `analyze_observed`, which calls
/// back as each stage ends), then the text and Markdown renderings of the report and freeing the report
/// (outside the share: `analyze` in the summary above includes the freeing). Microseconds per pass
/// over the input's files, medians of about 1 s of passes, and each stage's share of `analyze`.
fn stages(inputs: &[Input]) {
    println!("\nper-stage timings (µs per pass, median over ~1 s; share of analyze in brackets)");
    for input in inputs {
        let mut names: Vec<&'static str> = Vec::new();
        let mut samples: Vec<Vec<f64>> = Vec::new();
        let deadline = Instant::now() + Duration::from_secs(1);
        while samples.first().map_or(0, Vec::len) < 11 || Instant::now() < deadline {
            let mut pass: Vec<(&'static str, f64)> = Vec::new();
            for f in &input.files {
                let mut last = Instant::now();
                let mut i = 0;
                let report = headerlens::analyze_observed(black_box(f), |stage| {
                    let now = Instant::now();
                    match pass.get_mut(i) {
                        Some(slot) => slot.1 += (now - last).as_secs_f64(),
                        None => pass.push((stage, (now - last).as_secs_f64())),
                    }
                    i += 1;
                    last = now;
                });
                let t = Instant::now();
                black_box(headerlens::render::text(&report));
                black_box(headerlens::render::markdown(&report));
                let render = t.elapsed().as_secs_f64();
                let t = Instant::now();
                drop(black_box(report));
                let dropped = t.elapsed().as_secs_f64();
                for (k, (name, secs)) in [("render", render), ("drop", dropped)].into_iter().enumerate() {
                    match pass.get_mut(i + k) {
                        Some(slot) => slot.1 += secs,
                        None => pass.push((name, secs)),
                    }
                }
            }
            if names.is_empty() {
                names = pass.iter().map(|(n, _)| *n).collect();
                samples = vec![Vec::new(); names.len()];
            }
            for (k, (_, secs)) in pass.iter().enumerate() {
                samples[k].push(*secs);
            }
        }
        let medians: Vec<f64> = samples
            .iter_mut()
            .map(|xs| {
                xs.sort_by(f64::total_cmp);
                xs[xs.len() / 2] * 1e6
            })
            .collect();
        let analyze: f64 = medians[..medians.len() - 2].iter().sum();
        let cells: Vec<String> = names
            .iter()
            .zip(&medians)
            .map(|(n, us)| {
                if *n == "render" || *n == "drop" {
                    format!("{n} {us:.0}")
                } else {
                    format!("{n} {us:.0} ({:.0}%)", 100.0 * us / analyze)
                }
            })
            .collect();
        println!("{:<45} analyze {analyze:.0}: {}", input.name, cells.join(", "));
    }
}

/// A message from mail`n`.example.net with a multipart/mixed body of the given parts.
fn mime_message(n: u32, boundary: &str, parts: &[String]) -> String {
    let mut s = format!(
        "Received: from mail{n}.example.net (mail{n}.example.net [192.0.2.{n}])\n\tby mx.example.org with ESMTPS id a{n}; \
         Mon, 1 Jan 2024 10:00:00 +0000\nFrom: a{n}@example.net\nTo: b@example.org\nSubject: message {n}\n\
         Date: Mon, 1 Jan 2024 10:00:00 +0000\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"{boundary}\"\n\n"
    );
    for p in parts {
        s.push_str(&format!("--{boundary}\n{p}\n"));
    }
    s.push_str(&format!("--{boundary}--\n"));
    s
}

/// The container walk over a 5 MB message: the outer message with a 5 MB base64 attachment and an attached
/// message, and the same nested three deep (the attachment in the middle message). Milliseconds per walk,
/// next to one whole-message parse by mail-parser of the same bytes (what the walk paid per level before it
/// read the MIME structure itself) and `analyze` of the outer message alone.
fn containers() {
    let line = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0\n";
    let pdf = format!(
        "Content-Type: application/pdf\nContent-Transfer-Encoding: base64\n\n{}",
        line.repeat(5_000_000 / line.len())
    );
    let rfc822 = |m: &str| format!("Content-Type: message/rfc822\n\n{m}");
    let inner = mime_message(7, "in", &["Content-Type: text/plain\n\nhello".to_string()]);
    let flat = mime_message(1, "top", &[pdf.clone(), rfc822(&inner)]);
    let nested = mime_message(1, "top", &[rfc822(&mime_message(3, "mid", &[pdf, rfc822(&inner)]))]);
    println!("\ncontainer walk (ms per walk, median over ~1 s)");
    println!(
        "{:<52} {:>10} {:>8} {:>8} {:>18} {:>14}",
        "input", "bytes", "reports", "walk", "mail-parser parse", "analyze outer"
    );
    for (name, text) in
        [("5 MB attachment + attached message", flat), ("the same, attached 2 levels deep", nested)]
    {
        let bytes = text.as_bytes();
        let reports = headerlens::container::walk(bytes, usize::MAX).messages.len();
        let walk = median_seconds(Duration::from_secs(1), || {
            black_box(headerlens::container::walk(black_box(bytes), usize::MAX));
        });
        let parse = median_seconds(Duration::from_secs(1), || {
            black_box(mail_parser::MessageParser::default().parse(black_box(bytes)));
        });
        let outer = median_seconds(Duration::from_secs(1), || {
            black_box(headerlens::analyze(black_box(bytes)));
        });
        println!(
            "{name:<52} {:>10} {reports:>8} {:>8.1} {:>18.1} {:>14.1}",
            bytes.len(),
            walk * 1e3,
            parse * 1e3,
            outer * 1e3
        );
    }
}

fn main() {
    let inputs = inputs();
    let mut c = Criterion::default().configure_from_args();
    criterion_benches(&mut c, &inputs);
    c.final_summary();
    // `cargo test --benches` runs this binary without `--bench` (each benchmark once, as a check) and
    // `--profile-time` is for profilers: neither wants the summary's extra timing.
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--bench") && !args.iter().any(|a| a == "--profile-time") {
        summary(&inputs);
        stages(&inputs);
        containers();
    }
}
