//! The headerlens command line: analyses header files (or standard input) offline.

use std::io::{self, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, ValueEnum};

/// Analyse email headers offline: hop timeline, authentication, envelope diagnostics with fixes.
#[derive(Parser, Debug)]
#[command(name = "headerlens", version, about)]
struct Args {
    /// Files with headers (or whole .eml messages); `-` or nothing reads standard input.
    files: Vec<PathBuf>,
    /// Output format. With several files, `json` prints one report per line (JSON Lines).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    Text,
    Json,
    Markdown,
}

fn main() -> ExitCode {
    let args = match Args::try_parse() {
        Ok(a) => a,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { ExitCode::from(2) } else { ExitCode::SUCCESS };
        }
    };
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("headerlens: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &Args) -> io::Result<()> {
    let inputs: Vec<PathBuf> =
        if args.files.is_empty() { vec![PathBuf::from("-")] } else { args.files.clone() };
    // Read everything first so an unreadable file fails before any output.
    let mut blobs = Vec::with_capacity(inputs.len());
    for path in &inputs {
        let bytes = if path.as_os_str() == "-" {
            let mut buf = Vec::new();
            io::stdin().read_to_end(&mut buf)?;
            buf
        } else {
            std::fs::read(path)
                .map_err(|e| io::Error::new(e.kind(), format!("cannot read {}: {e}", path.display())))?
        };
        blobs.push((path, bytes));
    }
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let many = blobs.len() > 1;
    for (path, bytes) in &blobs {
        let report = headerlens::analyze(bytes);
        match args.format {
            Format::Json => {
                let json = serde_json::to_string(&report).map_err(io::Error::other)?;
                writeln!(out, "{json}")?;
            }
            Format::Text | Format::Markdown => {
                if many {
                    writeln!(out, "==> {} <==", path.display())?;
                }
                let text = match args.format {
                    Format::Markdown => headerlens::render::markdown(&report),
                    _ => headerlens::render::text(&report),
                };
                write!(out, "{text}")?;
                if many {
                    writeln!(out)?;
                }
            }
        }
    }
    out.flush()
}
