//! The headerlens command line: analyses header files, messages, mailboxes and Outlook `.msg` files
//! (or standard input) offline, one report per message; `compare` shows what changed between two.

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, BufRead, BufReader, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use clap::{Arg, ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use headerlens::InputFormat;
use headerlens::Report;
use headerlens::catalog::Msg;
use headerlens::container::{self, mbox};

/// A message of the command line's own (`catalog/cli.rs`), `msg!`-style as in the library.
macro_rules! msg {
    ($id:literal $(, $name:ident = $val:expr)* $(,)?) => {
        headerlens::catalog::Msg::new(
            $id,
            vec![$((stringify!($name), headerlens::catalog::IntoText::into_text($val))),*],
        )
    };
}

/// The language of the command line's own messages (`--lang`), set once the arguments are read.
static LANG: OnceLock<headerlens::Lang> = OnceLock::new();

/// A message of the command line in its language.
fn say(m: Msg) -> String {
    m.render(LANG.get().copied().unwrap_or_default())
}

/// Analyse email headers offline: hop timeline, authentication, envelope diagnostics with fixes.
#[derive(Parser, Debug)]
#[command(name = "headerlens", version, about, args_conflicts_with_subcommands = true)]
struct Args {
    #[command(subcommand)]
    command: Option<Command>,
    /// Header blocks, .eml messages, mbox mailboxes or Outlook .msg files; `-` or nothing reads
    /// standard input. Every message in them gets a report, in input order.
    files: Vec<PathBuf>,
    /// Output format. `json` prints one report per message, one per line (JSON Lines).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Language of the report's words (findings, fixes, labels); header text, commands and JSON keys stay
    /// as they are. JSON keeps `messages` (ids and arguments) in every language.
    #[arg(long, value_enum, default_value_t = LangArg::En)]
    lang: LangArg,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
enum LangArg {
    En,
    Fr,
}

impl LangArg {
    fn lang(self) -> headerlens::Lang {
        match self {
            LangArg::En => headerlens::Lang::En,
            LangArg::Fr => headerlens::Lang::Fr,
        }
    }
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Compare two messages (before and after a change): what differs, and whether it got better.
    /// Each file may be in any format; its first message is compared.
    Compare {
        /// The earlier message (before the change).
        left: PathBuf,
        /// The later message (after the change).
        right: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Language of the comparison's words; header text and JSON keys stay as they are.
        #[arg(long, value_enum, default_value_t = LangArg::En)]
        lang: LangArg,
    },
}

/// The language asked for on the command line, read before clap parses it so that `--help` is in it too.
fn lang_in_argv() -> headerlens::Lang {
    let args: Vec<String> = std::env::args().collect();
    let value = args.iter().enumerate().find_map(|(i, a)| match a.strip_prefix("--lang") {
        Some("") => args.get(i + 1).map(String::as_str),
        Some(v) => v.strip_prefix('='),
        None => None,
    });
    value.and_then(headerlens::Lang::from_tag).unwrap_or_default()
}

/// The command's help in `lang`: clap's own words ("Usage", the help and version flags) and ours. The
/// default values and possible values are in our texts, since clap writes them in English.
fn localised(cmd: clap::Command, lang: headerlens::Lang) -> clap::Command {
    if lang == headerlens::Lang::En {
        return cmd;
    }
    let w = |id| headerlens::catalog::word(id, lang);
    let flags = |c: clap::Command| {
        c.help_template(w("cli.help-template"))
            .disable_help_flag(true)
            .arg(Arg::new("help").short('h').long("help").action(ArgAction::Help).help(w("cli.help-help")))
    };
    let cmd = flags(cmd)
        .about(w("cli.about"))
        .disable_version_flag(true)
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(w("cli.help-version")),
        )
        .mut_arg("files", |a| a.help(w("cli.help-files")))
        .mut_arg("format", |a| {
            a.help(w("cli.help-format")).hide_default_value(true).hide_possible_values(true)
        })
        .mut_arg("lang", |a| a.help(w("cli.help-lang")).hide_default_value(true).hide_possible_values(true))
        .mut_subcommand("compare", |c| {
            flags(c)
                .about(w("cli.compare-about"))
                .mut_arg("left", |a| a.help(w("cli.help-left")))
                .mut_arg("right", |a| a.help(w("cli.help-right")))
                .mut_arg("format", |a| {
                    a.help(w("cli.help-compare-format")).hide_default_value(true).hide_possible_values(true)
                })
                .mut_arg("lang", |a| {
                    a.help(w("cli.help-lang")).hide_default_value(true).hide_possible_values(true)
                })
        });
    // The headings are in the templates (clap would write "Options:" without the no-break space).
    cmd.help_template(w("cli.help-template"))
        .mut_subcommand("compare", |c| c.help_template(w("cli.help-template-compare")))
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
enum Format {
    Text,
    Json,
    Markdown,
}

/// Bytes of a non-mbox input read at most (a header block or message; the analysis reads 2 MiB of
/// each message, attachments need the rest): 1 GiB.
const MAX_WHOLE_FILE: u64 = 1024 * 1024 * 1024;

fn main() -> ExitCode {
    let cmd = localised(Args::command(), lang_in_argv());
    let args = match cmd.try_get_matches().and_then(|m| Args::from_arg_matches(&m)) {
        Ok(a) => a,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { ExitCode::from(2) } else { ExitCode::SUCCESS };
        }
    };
    let lang = match &args.command {
        Some(Command::Compare { lang, .. }) => lang.lang(),
        None => args.lang.lang(),
    };
    let _ = LANG.set(lang);
    let result = match &args.command {
        Some(Command::Compare { left, right, format, lang }) => {
            compare(left, right, *format, lang.lang()).map(|()| true)
        }
        None => run(&args),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        // An input held no header text (empty, a PDF, an image…): its report says so, and so did standard error.
        Ok(false) => ExitCode::from(1),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("headerlens: {e}");
            ExitCode::from(2)
        }
    }
}

/// An opened input: standard input or a file.
struct Input {
    path: PathBuf,
    reader: BufReader<Box<dyn Read>>,
    /// Size, for a regular file.
    size: Option<u64>,
}

fn open(path: &Path) -> io::Result<Input> {
    if path.as_os_str() == "-" {
        return Ok(Input {
            path: path.to_path_buf(),
            reader: BufReader::new(Box::new(io::stdin())),
            size: None,
        });
    }
    let err = |e: io::Error| {
        io::Error::new(
            e.kind(),
            say(msg!("cli.cannot-read", path = path.display().to_string(), error = e.to_string())),
        )
    };
    let file = File::open(path).map_err(err)?;
    let meta = file.metadata().map_err(err)?;
    if meta.is_dir() {
        return Err(io::Error::other(say(msg!("cli.directory", path = path.display().to_string()))));
    }
    let size = meta.is_file().then_some(meta.len());
    Ok(Input { path: path.to_path_buf(), reader: BufReader::with_capacity(1 << 16, Box::new(file)), size })
}

fn read_error(path: &Path, e: io::Error) -> io::Error {
    if e.kind() == io::ErrorKind::BrokenPipe {
        return e;
    }
    io::Error::new(
        e.kind(),
        say(msg!("cli.cannot-read", path = path.display().to_string(), error = e.to_string())),
    )
}

/// Analyses every input; `Ok(false)` when one of them held no header text (see `analyse_input`).
fn run(args: &Args) -> io::Result<bool> {
    let paths: Vec<PathBuf> =
        if args.files.is_empty() { vec![PathBuf::from("-")] } else { args.files.clone() };
    // Open everything first so a missing file fails before any output.
    let mut inputs = Vec::with_capacity(paths.len());
    for path in &paths {
        inputs.push(open(path)?);
    }
    let stdout = io::stdout();
    let mut out = Printer {
        out: stdout.lock(),
        format: args.format,
        lang: args.lang.lang(),
        many_files: inputs.len() > 1,
        printed: 0,
        // Standard output and standard error on the same terminal: a text or Markdown report already shows the
        // notice of an input that is not headers, so standard error does not repeat it.
        notice_shown: args.format != Format::Json && stdout.is_terminal() && io::stderr().is_terminal(),
    };
    let mut all_text = true;
    for input in inputs {
        all_text &= analyse_input(input, &mut out)?;
    }
    out.out.flush()?;
    Ok(all_text)
}

struct Printer<W: Write> {
    out: W,
    format: Format,
    lang: headerlens::Lang,
    many_files: bool,
    printed: usize,
    /// The reader sees the report's notice (see `analyse_input`).
    notice_shown: bool,
}

impl<W: Write> Printer<W> {
    fn report(&mut self, path: &Path, report: &Report, banner: bool) -> io::Result<()> {
        match self.format {
            Format::Json => {
                let json = headerlens::catalog::with_lang(self.lang, || serde_json::to_string(report))
                    .map_err(io::Error::other)?;
                writeln!(self.out, "{json}")?;
            }
            Format::Text | Format::Markdown => {
                let banner = banner || self.many_files || report.input.container.is_some();
                if banner {
                    if self.printed > 0 {
                        writeln!(self.out)?;
                    }
                    match &report.input.container {
                        Some(c) => writeln!(self.out, "==> {}: {} <==", path.display(), c.render(self.lang))?,
                        None => writeln!(self.out, "==> {} <==", path.display())?,
                    }
                }
                let text = match self.format {
                    Format::Markdown => headerlens::render::markdown_in(report, self.lang),
                    _ => headerlens::render::text_in(report, self.lang),
                };
                write!(self.out, "{text}")?;
            }
        }
        self.printed += 1;
        Ok(())
    }
}

/// Prints the reports of one input; `Ok(false)` when it held no header text (empty, a PDF, a ZIP archive, an
/// image, other binary data): its report carries the notice, which standard error repeats with the file's name
/// unless both go to the same terminal (the notice then shows once).
fn analyse_input<W: Write>(mut input: Input, out: &mut Printer<W>) -> io::Result<bool> {
    let path = input.path.clone();
    let head = input.reader.fill_buf().map_err(|e| read_error(&path, e))?.to_vec();
    if container::detect(&head) == InputFormat::Mbox {
        return stream_mbox(input, out).map(|()| true);
    }
    let bytes = read_whole(&mut input)?;
    let not_headers =
        if container::detect(&bytes) == InputFormat::Msg { None } else { headerlens::not_headers(&bytes) };
    if let Some(notice) = not_headers.as_ref().filter(|_| !out.notice_shown) {
        eprintln!("headerlens: {}: {}", path.display(), notice.render(out.lang));
    }
    let walk = container::walk(&bytes, usize::MAX);
    for a in &walk.messages {
        out.report(&path, &a.report, false)?;
    }
    Ok(not_headers.is_none())
}

fn read_whole(input: &mut Input) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    (&mut input.reader)
        .take(MAX_WHOLE_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| read_error(&input.path, e))?;
    if bytes.len() as u64 > MAX_WHOLE_FILE {
        return Err(io::Error::other(say(msg!("cli.too-large", path = input.path.display().to_string()))));
    }
    Ok(bytes)
}

/// An mbox, message by message: memory stays bounded by one message.
fn stream_mbox<W: Write>(input: Input, out: &mut Printer<W>) -> io::Result<()> {
    let path = input.path.clone();
    // "message 2 of N" needs N: a first pass over a regular file counts the messages.
    let total = match input.size {
        Some(_) => Some(
            mbox::count(BufReader::with_capacity(1 << 16, File::open(&path)?))
                .map_err(|e| read_error(&path, e))?,
        ),
        None => None,
    };
    let mut progress = Progress::new(&path, input.size);
    let mut reader = mbox::Reader::new(CountingReader { inner: input.reader, read: 0 });
    let mut n = 0;
    while let Some(message) = reader.next() {
        let message = message.map_err(|e| read_error(&path, e))?;
        n += 1;
        let label = container::mbox_label(n, total);
        let mut found = Vec::new();
        container::expand(Cow::Owned(message.bytes), InputFormat::Mbox, Some(label), &mut found, usize::MAX);
        for (i, m) in found.iter().enumerate() {
            let mut a = container::analyze_message(m);
            if i == 0 && message.skipped > 0 {
                a.report.input.normalizations.push(mbox::skipped_note(message.skipped));
            }
            out.report(&path, &a.report, true)?;
        }
        progress.tick(n, reader.inner_read());
    }
    progress.done();
    Ok(())
}

/// Counts the bytes read, for the progress line.
struct CountingReader<R> {
    inner: R,
    read: u64,
}

impl<R: BufRead> Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for CountingReader<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, amt: usize) {
        self.read += amt as u64;
        self.inner.consume(amt);
    }
}

trait ReadSoFar {
    fn inner_read(&self) -> u64;
}

impl<R: BufRead> ReadSoFar for mbox::Reader<CountingReader<R>> {
    fn inner_read(&self) -> u64 {
        self.get_ref().read
    }
}

/// A progress line on standard error, only when it is a terminal.
struct Progress {
    label: String,
    size: Option<u64>,
    on: bool,
    last: Instant,
    shown: bool,
}

impl Progress {
    fn new(path: &Path, size: Option<u64>) -> Progress {
        Progress {
            label: path.display().to_string(),
            size,
            on: io::stderr().is_terminal(),
            last: Instant::now(),
            shown: false,
        }
    }

    fn tick(&mut self, messages: usize, bytes: u64) {
        if !self.on || self.last.elapsed() < Duration::from_millis(250) {
            return;
        }
        self.last = Instant::now();
        let mb = bytes as f64 / 1e6;
        let of = match self.size {
            Some(s) if s > 0 => say(msg!(
                "cli.progress-of",
                total = format!("{:.0}", s as f64 / 1e6),
                pct = format!("{:.0}", bytes as f64 * 100.0 / s as f64)
            )),
            _ => String::new(),
        };
        let line = say(msg!(
            "cli.progress",
            path = self.label.as_str(),
            n = messages,
            mb = format!("{mb:.0}"),
            of = of.as_str()
        ));
        eprint!("\r\x1b[2Kheaderlens: {line}");
        self.shown = true;
    }

    fn done(&mut self) {
        if self.shown {
            eprint!("\r\x1b[2K");
        }
    }
}

/// The first message of a file, analysed, and whether the file holds more than that one.
fn first_message(path: &Path) -> io::Result<(Report, bool)> {
    let mut input = open(path)?;
    let head = input.reader.fill_buf().map_err(|e| read_error(path, e))?.to_vec();
    let bytes = if container::detect(&head) == InputFormat::Mbox {
        let mut reader = mbox::Reader::new(input.reader);
        match reader.next() {
            Some(m) => {
                let m = m.map_err(|e| read_error(path, e))?;
                let message = container::Message {
                    bytes: Cow::Owned(m.bytes),
                    format: InputFormat::Mbox,
                    container: Some(container::mbox_label(1, None)),
                    notes: Vec::new(),
                };
                let more = reader.next().is_some();
                return Ok((container::analyze_message(&message).report, more));
            }
            None => Vec::new(),
        }
    } else {
        read_whole(&mut input)?
    };
    let walk = container::walk(&bytes, 1);
    let more = walk.stopped.is_some();
    let report =
        walk.messages.into_iter().next().map(|a| a.report).unwrap_or_else(|| headerlens::analyze(&bytes));
    Ok((report, more))
}

fn compare(left: &Path, right: &Path, format: Format, lang: headerlens::Lang) -> io::Result<()> {
    let (l, l_more) = first_message(left)?;
    let (r, r_more) = first_message(right)?;
    // Said on standard error, so the JSON on standard output stays one object.
    for (path, more) in [(left, l_more), (right, r_more)] {
        if more {
            eprintln!("headerlens: {}", say(msg!("cli.more-than-one", path = path.display().to_string())));
        }
    }
    let comparison = headerlens::compare::compare(&l, &r);
    let stdout = io::stdout();
    let mut out = stdout.lock();
    match format {
        Format::Json => {
            let json = headerlens::catalog::with_lang(lang, || serde_json::to_string(&comparison))
                .map_err(io::Error::other)?;
            writeln!(out, "{json}")?;
        }
        Format::Text => write!(
            out,
            "{}",
            headerlens::render::comparison_text_in(
                &comparison,
                &left.display().to_string(),
                &right.display().to_string(),
                lang
            )
        )?,
        Format::Markdown => write!(
            out,
            "{}",
            headerlens::render::comparison_markdown_in(
                &comparison,
                &left.display().to_string(),
                &right.display().to_string(),
                lang
            )
        )?,
    }
    out.flush()
}
