//! Reads dates as they appear in the wild, without guessing.
//!
//! Mail dates are supposed to follow RFC 5322 §3.3, but real Received and Date fields carry obsolete zones
//! (`EST`, `UT`, military letters), missing seconds, 2-digit years, comments, fractional seconds, Go-style
//! stamps (`2024-10-30 23:19:15.713238782 +0000 UTC`), US-style `4/20/2018 11:01:16 PM`, invisible U+200E
//! marks and month names in other languages. mail-parser 0.11 misreads some of them (a folded date came
//! out as year 1916), so this module is a hand-written tolerant reader instead: it accepts what it can
//! read unambiguously and returns `None` otherwise. A date outside 1970–2100, a 31 February or a 25th hour
//! is never returned.

use std::borrow::Cow;

use crate::catalog::{Msg, Text, msg};
use crate::model::{DateValue, ZoneReading};

/// A date that was read: whole seconds since the epoch, nanoseconds, and the written offset.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Instant {
    /// Seconds since the Unix epoch, with fractions when the stamp had them.
    pub epoch: f64,
    /// Whole seconds since the Unix epoch.
    pub seconds: i64,
    /// Fraction of the second, in nanoseconds.
    pub nanos: u32,
    /// Minutes east of UTC as written; `None` for `-0000`, a military letter, an unknown zone or no zone.
    pub offset_minutes: Option<i32>,
    /// How the zone was written when it is not a numeric offset.
    pub zone: Option<ZoneReading>,
    /// What the zone means, in words, when it is not a numeric offset.
    pub zone_note: Option<Text>,
}

/// Earliest and latest accepted instants: 1970-01-01 and 2100-01-01.
pub(crate) const MIN_EPOCH: i64 = 0;
pub(crate) const MAX_EPOCH: i64 = 4_102_444_800;

/// One lexical piece of a date.
#[derive(Debug, Clone, PartialEq)]
enum Tok<'a> {
    /// Digits: value and number of digits as written.
    Num(u64, usize),
    /// Letters, lower-cased (may be non-ASCII, e.g. `déc`): borrowed from the text's ASCII-lower-cased copy
    /// when the word is ASCII.
    Word(Cow<'a, str>),
    /// Any other non-space character.
    Punct(char),
}

/// Invisible formatting characters that some clients put into dates (U+200E LEFT-TO-RIGHT MARK …).
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// Splits the text into tokens, dropping comments `(…)` (nested) and invisible marks.
/// Each token carries whether white space came before it.
/// Also returns where each token starts (byte offset in `text`).
/// `lower` is `text` with ASCII letters lower-cased (the same byte offsets): ASCII words borrow from it.
fn tokenize<'a>(text: &str, lower: &'a str) -> (Vec<(Tok<'a>, bool)>, Vec<usize>) {
    let mut toks = Vec::with_capacity(16);
    let mut starts = Vec::with_capacity(16);
    let mut depth = 0usize;
    let mut space = true;
    let mut chars = text.char_indices().filter(|(_, c)| !is_invisible(*c)).peekable();
    while let Some((at, c)) = chars.next() {
        if c == '(' {
            depth += 1;
            continue;
        }
        if c == ')' {
            depth = depth.saturating_sub(1);
            space = true;
            continue;
        }
        if depth > 0 {
            continue;
        }
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if c.is_ascii_digit() {
            let mut value: u64 = u64::from(c as u8 - b'0');
            let mut len = 1;
            while let Some(&(_, d)) = chars.peek() {
                if !d.is_ascii_digit() {
                    break;
                }
                chars.next();
                if len < 18 {
                    value = value * 10 + u64::from(d as u8 - b'0');
                }
                len += 1;
            }
            toks.push((Tok::Num(value, len), space));
            starts.push(at);
        } else if c.is_alphabetic() {
            let mut end = at + c.len_utf8();
            while let Some(&(next, d)) = chars.peek() {
                if !d.is_alphabetic() {
                    break;
                }
                chars.next();
                end = next + d.len_utf8();
            }
            // ASCII only (so no invisible mark inside either): the lower-cased copy's bytes are the word.
            let word = if text.as_bytes()[at..end].is_ascii() {
                Cow::Borrowed(lower.get(at..end).unwrap_or(""))
            } else {
                // Invisible marks inside the word are dropped, as the characters are read one by one.
                Cow::Owned(
                    text[at..end]
                        .chars()
                        .filter(|c| !is_invisible(*c))
                        .flat_map(char::to_lowercase)
                        .collect(),
                )
            };
            // No ASCII letter: not a month or zone name this reader knows (they all have one), but
            // noise such as bytes that were not UTF-8 read as Windows-1252 ("Tue, Âñ, 29 Jan"):
            // skipped like any other unknown sign.
            let tok = if word.bytes().any(|b| b.is_ascii_alphabetic()) {
                Tok::Word(word)
            } else {
                Tok::Punct('\u{FFFD}')
            };
            toks.push((tok, space));
            starts.push(at);
        } else {
            toks.push((Tok::Punct(c), space));
            starts.push(at);
        }
        space = false;
    }
    (toks, starts)
}

/// Full month names in English, German, French, Spanish, Italian, Dutch and Portuguese, lower case.
/// A word names a month when it is one of these, a prefix (3+ letters) of names of only one month,
/// or one of [`MONTH_ABBREVIATIONS`].
const MONTH_NAMES: [&[&str]; 12] = [
    &["january", "januar", "janvier", "enero", "gennaio", "januari", "janeiro"],
    &["february", "februar", "février", "fevrier", "febrero", "febbraio", "februari", "fevereiro"],
    &["march", "märz", "maerz", "mars", "marzo", "maart", "março", "marco"],
    &["april", "avril", "abril", "aprile"],
    &["may", "mai", "mayo", "maggio", "mei", "maio"],
    &["june", "juni", "juin", "junio", "giugno", "junho"],
    &["july", "juli", "juillet", "julio", "luglio", "julho"],
    &["august", "août", "aout", "agosto", "augustus"],
    &["september", "septembre", "septiembre", "setiembre", "settembre", "setembro"],
    &["october", "oktober", "octobre", "octubre", "ottobre", "outubro"],
    &["november", "novembre", "noviembre", "novembro"],
    &["december", "dezember", "décembre", "decembre", "diciembre", "dicembre", "dezembro"],
];

/// Abbreviations that are not prefixes of a full name.
const MONTH_ABBREVIATIONS: &[(&str, u32)] = &[("mrz", 3), ("mrt", 3), ("sept", 9), ("déc", 12)];

/// Day names and abbreviations of the other languages (DE/FR/ES/IT/NL/PT), lower case; with
/// [`ENGLISH_DAY_NAMES`] the words skipped before a date. Only skipped, never checked.
const OTHER_DAY_NAMES: &[&str] = &[
    "mo",
    "di",
    "mi",
    "do",
    "fr",
    "sa",
    "so",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
    "lun",
    "mer",
    "jeu",
    "ven",
    "sam",
    "dim",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "mié",
    "mie",
    "jue",
    "vie",
    "sáb",
    "sab",
    "dom",
    "lunes",
    "martes",
    "miércoles",
    "jueves",
    "viernes",
    "sábado",
    "domingo",
    "gio",
    "lunedì",
    "martedì",
    "mercoledì",
    "giovedì",
    "venerdì",
    "sabato",
    "domenica",
    "ma",
    "wo",
    "vr",
    "za",
    "zo",
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
    "seg",
    "ter",
    "qua",
    "qui",
    "sex",
    "segunda",
    "terça",
    "quarta",
    "quinta",
    "sexta",
];

/// English day names, the ones that mark where a date starts in a Received field without `;`.
const ENGLISH_DAY_NAMES: &[&str] = &[
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// The English month abbreviations: each names one month in every listed language, so they are looked up
/// first, without the prefix search (most dates use them).
const ENGLISH_MONTHS: [&str; 12] =
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

fn month_from_word(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.');
    if let Some(m) = ENGLISH_MONTHS.iter().position(|a| *a == word) {
        return Some(m as u32 + 1);
    }
    month_by_name(word)
}

/// A month from a name, a prefix of names of one month, or an abbreviation (see [`MONTH_NAMES`]).
fn month_by_name(word: &str) -> Option<u32> {
    if let Some(&(_, m)) = MONTH_ABBREVIATIONS.iter().find(|(a, _)| *a == word) {
        return Some(m);
    }
    if word.chars().count() < 3 {
        return None;
    }
    let mut found = None;
    for (i, names) in MONTH_NAMES.iter().enumerate() {
        if names.iter().any(|n| n.as_bytes().first() == word.as_bytes().first() && n.starts_with(word)) {
            if found.is_some() {
                return None; // ambiguous prefix such as "ju"
            }
            found = Some(i as u32 + 1);
        }
    }
    found
}

/// What a zone name means.
#[derive(Debug, Clone, Copy, PartialEq)]
enum NamedZone {
    /// One known offset, minutes east of UTC.
    Offset(i32),
    /// Several zones use the name: RFC 5322's reading when it defines the name, and the meanings in words.
    Ambiguous { rfc: Option<i32>, meanings: &'static str },
    /// RFC 5322 §4.3: a military letter (other than Z) is equivalent to `-0000`.
    Military,
}

/// Zone names as mail servers, `ctime` and `date` print them (tz database abbreviations and RFC 5322 §4.3's
/// obsolete zones), each with one meaning, in minutes east of UTC.
const ZONE_NAMES: &[(&str, i32)] = &[
    ("ut", 0),
    ("utc", 0),
    ("gmt", 0),
    ("z", 0),
    ("wet", 0),
    ("west", 60),
    ("cet", 60),
    ("cest", 120),
    ("met", 60),
    ("mest", 120),
    ("mez", 60),
    ("mesz", 120),
    ("wat", 60),
    ("eet", 120),
    ("eest", 180),
    ("cat", 120),
    ("sast", 120),
    ("eat", 180),
    ("idt", 180),
    ("msk", 180),
    ("msd", 240),
    ("pkt", 300),
    ("npt", 345),
    ("wib", 420),
    ("hkt", 480),
    ("sgt", 480),
    ("awst", 480),
    ("wita", 480),
    ("jst", 540),
    ("kst", 540),
    ("wit", 540),
    ("acst", 570),
    ("acdt", 630),
    ("aest", 600),
    ("aedt", 660),
    ("chst", 600),
    ("nzst", 720),
    ("nzdt", 780),
    ("nst", -210),
    ("ndt", -150),
    ("brt", -180),
    ("art", -180),
    ("adt", -180),
    ("edt", -240),
    ("est", -300),
    ("cdt", -300),
    ("mdt", -360),
    ("mst", -420),
    ("pdt", -420),
    ("pst", -480),
    ("akdt", -480),
    ("akst", -540),
    ("hdt", -540),
    ("hst", -600),
];

/// Names that several zones use; a date written with one of them is flagged, never silently read one way.
/// The meanings are catalogue ids (`catalog/inputs.rs`).
const AMBIGUOUS_ZONES: &[(&str, Option<i32>, &str)] = &[
    ("ist", None, "dates.ist"),
    ("cst", Some(-360), "dates.cst"),
    ("bst", None, "dates.bst"),
    ("ast", None, "dates.ast"),
    ("gst", None, "dates.gst"),
];

fn zone_from_word(word: &str) -> Option<NamedZone> {
    if let Some(&(_, minutes)) = ZONE_NAMES.iter().find(|(n, _)| *n == word) {
        return Some(NamedZone::Offset(minutes));
    }
    if let Some(&(_, rfc, meanings)) = AMBIGUOUS_ZONES.iter().find(|(n, _, _)| *n == word) {
        return Some(NamedZone::Ambiguous { rfc, meanings });
    }
    // RFC 5322 §4.3: military zones are equivalent to -0000.
    (word.len() == 1 && word.chars().all(|c| c.is_ascii_lowercase() && c != 'j'))
        .then_some(NamedZone::Military)
}

/// A POSIX TZ string read from a date (`EST5EDT`, `CET-1CEST`, `MSK-3`).
#[derive(Debug, Clone, PartialEq)]
struct PosixZone {
    /// As written.
    text: String,
    /// Standard offset, minutes east of UTC (POSIX writes it west of UTC: `EST5` is -0500).
    standard: i32,
    /// True when a daylight-saving name follows (`EDT`).
    daylight: bool,
}

/// Which daylight-saving rule a POSIX zone follows, judged by its standard offset: the Americas (-0330 to
/// -1000) the US rule, which Canada shares; Europe (+0000 to +0200) the EU rule.
#[derive(Debug, Clone, Copy, PartialEq)]
enum DstRule {
    Us,
    Eu,
}

fn dst_rule(standard: i32) -> Option<DstRule> {
    match standard {
        -600..=-210 => Some(DstRule::Us),
        0..=120 => Some(DstRule::Eu),
        _ => None,
    }
}

/// Day of the month of the `n`th (1-based) Sunday of a month, or the last one when `n` is 0.
fn sunday(year: i64, month: u32, n: u32) -> u32 {
    // 1970-01-01 was a Thursday; 0 = Sunday.
    let weekday = |d: u32| (days_from_civil(year, month, d) + 4).rem_euclid(7) as u32;
    if n == 0 {
        let last = days_in_month(year, month);
        last - weekday(last)
    } else {
        1 + (7 - weekday(1)) % 7 + 7 * (n - 1)
    }
}

/// True when daylight saving is in force at `local` (seconds since the epoch of the local wall time) for a
/// zone with this standard offset. `None` when the rule of that year is not known here (EU before 1981).
fn in_daylight_time(rule: DstRule, year: i64, local: i64, standard: i32) -> Option<bool> {
    let at = |m: u32, d: u32, seconds: i64| days_from_civil(year, m, d) * 86_400 + seconds;
    match rule {
        // US: 02:00 local on both changes (the repeated hour in autumn is read as daylight time). Since 2007 second Sunday of March to first Sunday of November;
        // 1987–2006 first Sunday of April to last Sunday of October; 1976–1986 last Sunday of April.
        DstRule::Us => {
            let (start, end) = if year >= 2007 {
                (at(3, sunday(year, 3, 2), 7200), at(11, sunday(year, 11, 1), 7200))
            } else if year >= 1987 {
                (at(4, sunday(year, 4, 1), 7200), at(10, sunday(year, 10, 0), 7200))
            } else if year >= 1976 {
                (at(4, sunday(year, 4, 0), 7200), at(10, sunday(year, 10, 0), 7200))
            } else {
                return None;
            };
            Some((start..end).contains(&local))
        }
        // EU: 01:00 UTC on both changes (compared here on the standard-time reading, so the end is 02:00), last Sunday of March to last Sunday of October, common to the EU and
        // the UK since 1996 (before, the UK and the continent ended on different days).
        DstRule::Eu => {
            if year < 1996 {
                return None;
            }
            let utc = local - i64::from(standard) * 60;
            let start = at(3, sunday(year, 3, 0), 3600);
            let end = at(10, sunday(year, 10, 0), 7200);
            Some((start..end).contains(&utc))
        }
    }
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's algorithm).
pub(crate) fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date and time pieces found so far.
#[derive(Debug, Default)]
struct Parts {
    year: Option<(u64, usize)>,
    month: Option<u32>,
    day: Option<u64>,
    hour: Option<u64>,
    minute: Option<u64>,
    second: Option<u64>,
    nanos: u32,
    pm: Option<bool>,
    /// Numeric offset in minutes (wins over a zone name).
    numeric_zone: Option<i32>,
    /// `-0000`.
    numeric_unknown: bool,
    /// Zone name and the word as written (lower case).
    named_zone: Option<(NamedZone, String)>,
    /// A POSIX TZ string.
    posix: Option<PosixZone>,
}

impl Parts {
    fn date_complete(&self) -> bool {
        self.year.is_some() && self.month.is_some() && self.day.is_some()
    }
}

/// Reads `digits` as a fraction of a second (up to nanoseconds).
fn fraction_nanos(value: u64, len: usize) -> u32 {
    if len >= 18 {
        return 0; // value was truncated while reading; ignore the fraction rather than guess
    }
    let mut v = value;
    let mut l = len;
    while l > 9 {
        v /= 10;
        l -= 1;
    }
    while l < 9 {
        v *= 10;
        l += 1;
    }
    v as u32
}

fn num(t: Option<&(Tok, bool)>) -> Option<(u64, usize)> {
    match t {
        Some((Tok::Num(v, l), _)) => Some((*v, *l)),
        _ => None,
    }
}

fn punct(t: Option<&(Tok, bool)>) -> Option<char> {
    match t {
        Some((Tok::Punct(c), _)) => Some(*c),
        _ => None,
    }
}

/// Reads a date-time; `None` when it cannot be read with confidence.
pub(crate) fn parse(text: &str) -> Option<Instant> {
    build(&read_parts(text)?.0)
}

/// True when `text` is a date-time whose time is written to the minute (`06:09`, no seconds): it stands for any
/// moment of that minute.
pub(crate) fn without_seconds(text: &str) -> bool {
    read_parts(text).is_some_and(|(p, _)| p.hour.is_some() && p.second.is_none())
}

/// Reads a date-time at the start of `text` that may be followed by other words; returns it with the
/// byte length of the date (trailing comments such as `(UTC)` included only when they precede the rest).
pub(crate) fn parse_prefix(text: &str) -> Option<(Instant, usize)> {
    let (parts, end) = read_parts(text)?;
    Some((build(&parts)?, end))
}

/// Collects the date and time pieces of `text`, and where they end; `None` on anything it cannot place.
fn read_parts(text: &str) -> Option<(Parts, usize)> {
    let lower = crate::words::lower(text);
    let (toks, starts) = tokenize(text, &lower);
    let mut end = text.len();
    let mut p = Parts::default();
    let mut i = 0;
    while i < toks.len() {
        let (tok, _) = &toks[i];
        match tok {
            Tok::Num(v, len) => {
                let (v, len) = (*v, *len);
                let p1 = punct(toks.get(i + 1));
                // Time: H:MM[:SS][.fraction]
                if p1 == Some(':') && p.hour.is_none() && len <= 2 {
                    let (mm, mlen) = num(toks.get(i + 2))?;
                    if mlen > 2 {
                        return None;
                    }
                    p.hour = Some(v);
                    p.minute = Some(mm);
                    i += 3;
                    if punct(toks.get(i)) == Some(':') {
                        let (ss, slen) = num(toks.get(i + 1))?;
                        if slen > 2 {
                            return None;
                        }
                        p.second = Some(ss);
                        i += 2;
                        if matches!(punct(toks.get(i)), Some('.') | Some(','))
                            && let Some((f, flen)) = num(toks.get(i + 1))
                        {
                            p.nanos = fraction_nanos(f, flen);
                            i += 2;
                        }
                    }
                    continue;
                }
                // yyyy-mm-dd, yyyy/mm/dd, m/d/yyyy, m-d-yyyy, d.m.yyyy, d-Mon-yyyy
                if matches!(p1, Some('-') | Some('/') | Some('.')) && p.year.is_none() && p.month.is_none() {
                    let sep = p1.unwrap_or('-');
                    if let (Some((b, blen)), Some(s2), Some((c, clen))) =
                        (num(toks.get(i + 2)), punct(toks.get(i + 3)), num(toks.get(i + 4)))
                        && s2 == sep
                        && blen <= 2
                    {
                        if len == 4 && clen <= 2 && sep != '.' {
                            p.year = Some((v, len));
                            p.month = Some(b as u32);
                            p.day = Some(c);
                        } else if len <= 2 && (clen == 4 || clen == 2) {
                            // d.m.y is European; m/d/y and m-d-y are US (as MHA reads them) unless the
                            // first number cannot be a month.
                            let (m, d) = if sep == '.' || v > 12 { (b, v) } else { (v, b) };
                            p.year = Some((c, clen));
                            p.month = Some(m as u32);
                            p.day = Some(d);
                        } else {
                            return None;
                        }
                        i += 5;
                        // ISO "T" between date and time.
                        if let Some((Tok::Word(w), false)) = toks.get(i)
                            && w == "t"
                        {
                            i += 1;
                        }
                        continue;
                    }
                    if sep == '-'
                        && len <= 2
                        && let Some((Tok::Word(w), _)) = toks.get(i + 2)
                        && let Some(m) = month_from_word(w)
                        && punct(toks.get(i + 3)) == Some('-')
                        && let Some((y, ylen)) = num(toks.get(i + 4))
                    {
                        p.day = Some(v);
                        p.month = Some(m);
                        p.year = Some((y, ylen));
                        i += 5;
                        continue;
                    }
                }
                // A lone number: day, then year (4 digits is always a year).
                if (len == 4 || len == 3) && p.year.is_none() {
                    p.year = Some((v, len));
                } else if len <= 2 && p.day.is_none() {
                    p.day = Some(v);
                } else if len <= 2 && p.year.is_none() && p.month.is_some() {
                    p.year = Some((v, len));
                } else if p.date_complete() && p.hour.is_some() {
                    end = starts[i];
                    break;
                } else {
                    return None;
                }
                i += 1;
            }
            Tok::Punct(c @ ('+' | '-'))
                if p.hour.is_some() && p.numeric_zone.is_none() && !p.numeric_unknown =>
            {
                let sign = if *c == '-' { -1 } else { 1 };
                let Some((v, len)) = num(toks.get(i + 1)) else {
                    i += 1;
                    continue;
                };
                let minutes = match len {
                    4 => (v / 100) as i32 * 60 + (v % 100) as i32,
                    1 | 2 => {
                        if punct(toks.get(i + 2)) == Some(':')
                            && let Some((mm, 2)) = num(toks.get(i + 3))
                        {
                            i += 2;
                            v as i32 * 60 + mm as i32
                        } else {
                            v as i32 * 60
                        }
                    }
                    _ => return None,
                };
                if minutes % 60 >= 60 || minutes > 14 * 60 + 59 || (len == 4 && v % 100 >= 60) {
                    return None;
                }
                if minutes == 0 && sign < 0 {
                    p.numeric_unknown = true;
                } else {
                    p.numeric_zone = Some(sign * minutes);
                }
                i += 2;
            }
            Tok::Punct(_) => i += 1,
            Tok::Word(w) => {
                let w: &str = w;
                let first_word_with_comma = i == 0
                    && (punct(toks.get(1)) == Some(',')
                        || (punct(toks.get(1)) == Some('.') && punct(toks.get(2)) == Some(',')));
                let has_zone = p.numeric_zone.is_some()
                    || p.numeric_unknown
                    || p.named_zone.is_some()
                    || p.posix.is_some();
                if has_zone && p.date_complete() && w.chars().count() == 1 {
                    // A letter after a complete zone is not another zone (Go's `UTC m=+1856335.51`).
                    end = starts[i];
                    break;
                }
                if w == "am" || w == "pm" {
                    if p.hour.is_none() || p.pm.is_some() {
                        return None;
                    }
                    p.pm = Some(w == "pm");
                } else if first_word_with_comma
                    || ((ENGLISH_DAY_NAMES.contains(&w) || OTHER_DAY_NAMES.contains(&w)) && p.hour.is_none())
                {
                    // day of week: skipped
                } else if let Some(m) = month_from_word(w).filter(|_| p.month.is_none()) {
                    p.month = Some(m);
                } else if p.hour.is_some()
                    && p.posix.is_none()
                    && p.named_zone.is_none()
                    && let Some((zone, used)) = read_posix(&toks, i)
                {
                    p.posix = Some(zone);
                    i += used;
                    continue;
                } else if let Some(z) = zone_from_word(w).filter(|_| p.hour.is_some()) {
                    if p.named_zone.is_none() {
                        p.named_zone = Some((z, w.to_string()));
                    }
                } else if p.date_complete() && p.hour.is_some() {
                    end = starts[i];
                    break; // trailing words after a complete date
                } else {
                    return None;
                }
                i += 1;
            }
        }
    }
    Some((p, end))
}

/// Reads a POSIX TZ string starting at token `i` (`EST5EDT`, `CET-1CEST`, `NST3:30NDT`, `MSK-3`): a name of
/// three or more letters, straight after it an offset west of UTC in hours, then optionally the daylight-saving
/// name. Returns it with the number of tokens used. `UTC+2` and `GMT-5` are not POSIX strings here: people who
/// write them mean the offset east of UTC, which the numeric reading gives.
fn read_posix(toks: &[(Tok<'_>, bool)], i: usize) -> Option<(PosixZone, usize)> {
    let Some((Tok::Word(name), _)) = toks.get(i) else { return None };
    if name.len() < 3 || !name.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    let glued = |k: usize| toks.get(k).filter(|(_, space)| !space).map(|(t, _)| t);
    let mut k = i + 1;
    let sign = match glued(k) {
        Some(Tok::Punct('-')) => -1,
        Some(Tok::Punct('+')) => 1,
        Some(Tok::Num(..)) => 0,
        _ => return None,
    };
    if sign != 0 {
        if matches!(&**name, "utc" | "gmt") {
            return None;
        }
        k += 1;
    }
    let Some(&Tok::Num(hours, hlen)) = glued(k) else { return None };
    if hlen > 2 || hours > 24 {
        return None;
    }
    k += 1;
    let mut minutes = 0;
    if glued(k) == Some(&Tok::Punct(':'))
        && let Some(&Tok::Num(m, 2)) = glued(k + 1)
    {
        if m >= 60 {
            return None;
        }
        minutes = m as i32;
        k += 2;
    }
    let mut daylight = None;
    if let Some(Tok::Word(dst)) = glued(k)
        && dst.len() >= 3
        && dst.bytes().all(|b| b.is_ascii_lowercase())
    {
        daylight = Some(dst.to_ascii_uppercase());
        k += 1;
    }
    // POSIX counts west of UTC: `EST5` is five hours behind.
    let west = hours as i32 * 60 + minutes;
    let standard = if sign < 0 { west } else { -west };
    let mut text = name.to_ascii_uppercase();
    if sign < 0 {
        text.push('-');
    } else if sign > 0 {
        text.push('+');
    }
    text.push_str(&hours.to_string());
    if minutes > 0 {
        text.push_str(&format!(":{minutes:02}"));
    }
    text.push_str(daylight.as_deref().unwrap_or_default());
    Some((PosixZone { text, standard, daylight: daylight.is_some() }, k - i))
}

/// `+hhmm` / `-hhmm` for minutes east of UTC.
fn offset_words(minutes: i32) -> String {
    let sign = if minutes < 0 { '-' } else { '+' };
    let m = minutes.unsigned_abs();
    format!("{sign}{:02}{:02}", m / 60, m % 60)
}

/// The offset to read the wall time with, the offset as written (`None` when unknown), how the zone was
/// written and what it means in words.
fn zone_offset(p: &Parts, year: i64, local: i64) -> (i32, Option<i32>, Option<ZoneReading>, Option<Text>) {
    if let Some(m) = p.numeric_zone {
        return (m, Some(m), None, None);
    }
    if p.numeric_unknown {
        return (0, None, Some(ZoneReading::Unknown), Some(msg!("dates.unknown-offset").into()));
    }
    if let Some(z) = &p.posix {
        let rule = dst_rule(z.standard);
        let daylight = if z.daylight {
            match rule.and_then(|r| in_daylight_time(r, year, local, z.standard)) {
                Some(d) => Some(d),
                None => {
                    let note = msg!("dates.posix-no-rule", zone = z.text.as_str(), year);
                    return (0, None, Some(ZoneReading::Unknown), Some(note.into()));
                }
            }
        } else {
            Some(false)
        };
        let dst = daylight == Some(true);
        let minutes = z.standard + if dst { 60 } else { 0 };
        let rule_name = match rule {
            Some(DstRule::Us) => msg!("dates.rule-us"),
            Some(DstRule::Eu) => msg!("dates.rule-eu"),
            None => msg!("dates.rule-none"),
        };
        let (zone, offset) = (z.text.as_str(), offset_words(minutes));
        let note = if z.daylight {
            let time = if dst { msg!("dates.daylight-saving") } else { msg!("dates.standard-time") };
            msg!("dates.posix-dst", zone, rule = rule_name, year, time, offset)
        } else {
            msg!("dates.posix-no-dst", zone, offset)
        };
        return (minutes, Some(minutes), Some(ZoneReading::Posix), Some(note.into()));
    }
    match &p.named_zone {
        Some((NamedZone::Offset(m), w)) => (
            *m,
            Some(*m),
            Some(ZoneReading::Name),
            Some(msg!("dates.zone-name", zone = w.to_ascii_uppercase(), offset = offset_words(*m)).into()),
        ),
        Some((NamedZone::Ambiguous { rfc, meanings }, w)) => {
            let zone = w.to_ascii_uppercase();
            let meanings = Msg::new(meanings, Vec::new());
            let note = match rfc {
                Some(m) => msg!("dates.ambiguous-rfc", zone, meanings, offset = offset_words(*m)),
                None => msg!("dates.ambiguous", zone, meanings),
            };
            (rfc.unwrap_or(0), *rfc, Some(ZoneReading::Ambiguous), Some(note.into()))
        }
        Some((NamedZone::Military, w)) => (
            0,
            None,
            Some(ZoneReading::Unknown),
            Some(msg!("dates.military", zone = w.to_ascii_uppercase()).into()),
        ),
        None => (0, None, Some(ZoneReading::Missing), Some(msg!("dates.no-zone").into())),
    }
}

fn build(p: &Parts) -> Option<Instant> {
    let (y, ylen) = p.year?;
    let year = match ylen {
        1 | 2 if y < 50 => 2000 + y as i64,
        1..=3 => 1900 + y as i64,
        4 => y as i64,
        _ => return None,
    };
    let month = p.month?;
    let day = p.day? as u32;
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    let mut hour = p.hour.unwrap_or(0);
    let minute = p.minute.unwrap_or(0);
    let second = p.second.unwrap_or(0);
    match p.pm {
        Some(pm) => {
            if !(1..=12).contains(&hour) {
                return None;
            }
            hour = match (pm, hour) {
                (false, 12) => 0,
                (true, 12) => 12,
                (true, h) => h + 12,
                (false, h) => h,
            };
        }
        None if hour > 23 => return None,
        None => {}
    }
    if minute > 59 || second > 60 {
        return None;
    }
    let days = days_from_civil(year, month, day);
    let local = days * 86_400 + hour as i64 * 3600 + minute as i64 * 60 + second as i64;
    let (offset, offset_minutes, zone, zone_note) = zone_offset(p, year, local);
    let seconds = local - i64::from(offset) * 60;
    if !(MIN_EPOCH..MAX_EPOCH).contains(&seconds) {
        return None;
    }
    Some(Instant {
        epoch: seconds as f64 + f64::from(p.nanos) / 1e9,
        seconds,
        nanos: p.nanos,
        offset_minutes,
        zone,
        zone_note,
    })
}

/// Every place a date may start in a Received value that has no `;` before it, in order: a day name followed
/// by a comma or a digit (`Mon, 26 Mar 2018 …`), or a `yyyy-mm-dd` (`2018-04-22 02:54:17.02 +0000 UTC`).
/// Byte offsets into `text`.
pub(crate) fn date_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut found: Vec<usize> = Vec::new();
    // yyyy-mm-dd preceded by a space or the start.
    for i in 0..bytes.len() {
        if (i == 0 || bytes[i - 1].is_ascii_whitespace())
            && bytes.len() >= i + 10
            && bytes[i..i + 4].iter().all(u8::is_ascii_digit)
            && bytes[i + 4] == b'-'
            && bytes[i + 5..i + 7].iter().all(u8::is_ascii_digit)
            && bytes[i + 7] == b'-'
            && bytes[i + 8..i + 10].iter().all(u8::is_ascii_digit)
        {
            found.push(i);
        }
    }
    // English day names (with comma, or followed by a space and a digit).
    for (i, _) in text.char_indices() {
        if i > 0 && !bytes[i - 1].is_ascii_whitespace() {
            continue;
        }
        let rest = &text[i..];
        let word_len = rest.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(rest.len());
        if word_len < 3 {
            continue;
        }
        let word = rest[..word_len].to_ascii_lowercase();
        if !ENGLISH_DAY_NAMES.contains(&word.as_str()) {
            continue;
        }
        let after = &rest[word_len..];
        if after.starts_with(',') || after.trim_start().starts_with(|c: char| c.is_ascii_digit()) {
            found.push(i);
        }
    }
    crate::sort::sort(&mut found);
    found.dedup();
    found
}

/// The obsolete or non-standard forms a readable date uses, in words (RFC 5322 §4.3 forms, which RFC 5321
/// §4.4 forbids in Received fields): a 2-digit year, a zone name instead of a numeric offset, no zone at all.
#[cfg(test)]
pub(crate) fn obsolete_forms(text: &str) -> Vec<Msg> {
    parse_with_forms(text).map(|(_, forms)| forms.words()).unwrap_or_default()
}

/// [`parse`], with the obsolete forms the date uses (what [`obsolete_forms`] says of it), read in the same pass:
/// the hop parser keeps them for `trace-nonconformant`, which then need not read each date again.
pub(crate) fn parse_with_forms(text: &str) -> Option<(Instant, Forms)> {
    let (parts, _) = read_parts(text)?;
    let instant = build(&parts)?;
    Some((instant, Forms::of(&parts)))
}

/// The obsolete forms of one readable date (RFC 5322 §4.3), as flags.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Forms {
    two_digit_year: bool,
    zone_name: bool,
    no_zone: bool,
}

impl Forms {
    fn of(parts: &Parts) -> Forms {
        let numeric = parts.numeric_zone.is_some() || parts.numeric_unknown;
        let named = parts.named_zone.is_some() || parts.posix.is_some();
        Forms {
            two_digit_year: parts.year.is_some_and(|(_, len)| len < 4),
            zone_name: !numeric && named,
            no_zone: !numeric && !named,
        }
    }

    /// The forms in words, in the order the finding lists them; empty for a conforming date.
    pub(crate) fn words(self) -> Vec<Msg> {
        let mut forms = Vec::new();
        if self.two_digit_year {
            forms.push(msg!("dates.form-2-digit-year"));
        }
        if self.zone_name {
            forms.push(msg!("dates.form-zone-name"));
        } else if self.no_zone {
            forms.push(msg!("dates.form-no-zone"));
        }
        forms
    }
}

/// Formats an epoch as RFC 3339 UTC, e.g. `2024-01-08T13:54:34Z`.
pub(crate) fn rfc3339_utc(epoch: f64) -> String {
    let secs = epoch.floor() as i64;
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    if !(0..=9999).contains(&y) {
        return format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", rem / 3600, rem / 60 % 60, rem % 60);
    }
    // The common case without the formatting machinery (one of these per hop and date).
    fn push(out: &mut String, n: u32, width: u32) {
        for k in (0..width).rev() {
            out.push(char::from(b'0' + (n / 10u32.pow(k) % 10) as u8));
        }
    }
    let mut out = String::with_capacity(20);
    for (n, width, sep) in [
        (y as u32, 4, '-'),
        (m, 2, '-'),
        (d, 2, 'T'),
        ((rem / 3600) as u32, 2, ':'),
        ((rem / 60 % 60) as u32, 2, ':'),
        ((rem % 60) as u32, 2, 'Z'),
    ] {
        push(&mut out, n, width);
        out.push(sep);
    }
    out
}

/// Days since 1970-01-01 to (year, month, day), proleptic Gregorian (H. Hinnant's algorithm).
pub(crate) fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Reads a Date header value into the report's form.
pub(crate) fn parse_date_value(raw: &str) -> DateValue {
    let instant = parse(raw);
    DateValue {
        raw: raw.to_string(),
        utc: instant.as_ref().map(|i| rfc3339_utc(i.epoch)),
        epoch: instant.as_ref().map(|i| i.seconds),
        offset_minutes: instant.as_ref().and_then(|i| i.offset_minutes),
        zone: instant.as_ref().and_then(|i| i.zone),
        zone_note: instant.and_then(|i| i.zone_note),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_month_abbreviations_read_as_the_name_search_reads_them() {
        for (i, abbr) in ENGLISH_MONTHS.iter().enumerate() {
            assert_eq!(month_by_name(abbr), Some(i as u32 + 1), "{abbr}");
            assert_eq!(month_from_word(&format!("{abbr}.")), Some(i as u32 + 1), "{abbr}.");
        }
    }

    #[test]
    fn words_with_invisible_marks_or_accents_are_read_lower_cased() {
        assert_eq!(
            parse("Mon, 8 D\u{e9}c 2024 10:00:00 +0000").map(|i| i.seconds),
            parse("8 Dec 2024 10:00:00 +0000").map(|i| i.seconds)
        );
        assert_eq!(
            parse("Mo\u{200e}n, 8 J\u{200e}AN 2024 10:00:00 +0000").map(|i| i.seconds),
            Some(1_704_708_000)
        );
    }

    // The readable-date vectors (input, instant, offset) are data: `tests/vectors/dates.json`, run through
    // `analyze` by `tests/vectors.rs`.

    #[test]
    fn date_followed_by_other_text() {
        let text = "Tue, 21 Apr 2020 23:32:11 +0900 by mail.example.com with ESMTP";
        let (at, len) = parse_prefix(text).unwrap();
        assert_eq!(&text[..len], "Tue, 21 Apr 2020 23:32:11 +0900 ");
        assert_eq!(at.seconds, 1_587_479_531);
        assert_eq!(parse_prefix("Mon, 1 Jan 2024 10:00:00 +0000").map(|(_, l)| l), Some(30));
        let go = "2018-09-28 08:48:36.858842501 +0000 UTC m=+1856335.516585242";
        assert_eq!(parse_prefix(go).map(|(_, l)| &go[..l]), Some("2018-09-28 08:48:36.858842501 +0000 UTC "));
    }

    #[test]
    fn a_word_without_ascii_letters_is_noise_not_a_reason_to_give_up() {
        // Bytes that were not UTF-8, read as Windows-1252, where a weekday should follow.
        let got = parse("Tue, \u{c2}\u{f1}, 29 Jan 2023 17:21:28 +0000 (UTC)").unwrap();
        assert_eq!(got.seconds, parse("Tue, 29 Jan 2023 17:21:28 +0000").unwrap().seconds);
        // Month names with non-ASCII letters are still words: French "déc".
        assert_eq!(
            parse("2 déc 2024 10:00:00 +0100").unwrap().seconds,
            parse("2 Dec 2024 10:00:00 +0100").unwrap().seconds
        );
    }

    #[test]
    fn fractions_are_kept() {
        let got = parse("2024-10-30 23:19:15.713238782 +0000 UTC").unwrap();
        assert_eq!(got.nanos, 713_238_782);
        assert_eq!(parse("Mon, 26 Mar 2018 13:35:36.102 +0000").unwrap().nanos, 102_000_000);
    }

    /// Dates that must come out as `None`, never as a wrong year.
    const UNREADABLE: &[&str] = &[
        "",
        "garbage",
        "Thu, 13 Feb 1969 23:32:54 -0330",
        "Mon, 31 Feb 2020 10:00:00 +0000",
        "Mon, 30 Apr 2020 25:00:00 +0000",
        "Mon, 30 Apr 2020 10:61:00 +0000",
        "1 Jan 2150 00:00:00 +0000",
        "Mon, 1 Foo 2020 10:00:00 +0000",
        "32 Jan 2020",
        "Content-Language: en-US",
        "Mon, 1 Jan 2024 10:00:00 +9900",
        "13/13/2020 10:00",
    ];

    #[test]
    fn unreadable_dates_are_none() {
        for input in UNREADABLE {
            assert_eq!(parse(input), None, "{input:?}");
        }
    }

    #[test]
    fn date_start_without_semicolon() {
        let v = "by filter.example.net with SMTP id abc-5ADBF958-25 2018-04-22 02:54:17.028704749 +0000 UTC";
        let at = *date_starts(v).last().unwrap();
        assert_eq!(&v[at..at + 10], "2018-04-22");
        let v =
            "from a (b [192.0.2.1]) by c (SG) with ESMTP id gDQR Mon, 26 Mar 2018 13:35:36.102 +0000 (UTC)";
        assert!(v[*date_starts(v).last().unwrap()..].starts_with("Mon, 26 Mar"));
        assert!(date_starts("from monitor.example by x").is_empty());
    }

    use crate::catalog::Lang;

    #[test]
    fn obsolete_date_forms() {
        assert!(obsolete_forms("Thu, 4 Apr 2024 16:41:20 +0800 (CST)").is_empty());
        assert!(obsolete_forms("2018-03-26 13:35:36.270951634 +0000 UTC").is_empty());
        let en = |t: &str| obsolete_forms(t).iter().map(|m| m.render(Lang::En)).collect::<Vec<_>>();
        assert_eq!(
            en("Tue, 12 Mar 24 09:15:30 GMT"),
            ["a 2-digit year", "a zone name instead of a numeric offset"]
        );
        assert_eq!(en("4/20/2018 11:01:36 PM"), ["no time zone"]);
        let fr: Vec<String> =
            obsolete_forms("4/20/2018 11:01:36 PM").iter().map(|m| m.render(Lang::Fr)).collect();
        assert_eq!(fr, ["aucun fuseau horaire"]);
    }

    #[test]
    fn zone_notes_are_in_the_catalogue() {
        for (_, _, id) in AMBIGUOUS_ZONES {
            assert!(crate::catalog::has(id), "{id}");
        }
        let note = |t: &str| parse(t).and_then(|i| i.zone_note).expect(t);
        let ist = note("Tue, 12 Mar 2024 09:15:30 IST");
        assert_eq!(
            ist.render(Lang::En),
            "IST is ambiguous (India +0530, Ireland +0100 or Israel +0200): the local offset is unknown and the time \
             is read as UTC"
        );
        assert_eq!(
            ist.render(Lang::Fr),
            "IST est ambigu (Inde +0530, Irlande +0100 ou Israël +0200)\u{a0}: le décalage local est inconnu et l'heure \
             est lue comme UTC"
        );
        let posix = note("Tue, 12 Mar 2024 09:15:30 EST5EDT");
        assert!(
            posix
                .render(Lang::Fr)
                .starts_with("EST5EDT\u{a0}: un fuseau POSIX\u{a0}; selon la règle d'heure d'été"),
            "{posix}"
        );
        assert!(obsolete_forms("not a date").is_empty());
    }

    #[test]
    fn civil_round_trip() {
        for days in [-1, 0, 1, 11_016, 19_723, 47_482] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(rfc3339_utc(1_704_103_200.5), "2024-01-01T10:00:00Z");
        assert_eq!(rfc3339_utc(0.0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339_utc(-1.0), "1969-12-31T23:59:59Z");
        assert_eq!(rfc3339_utc(-61_000_000_000.0), "0036-12-26T11:33:20Z");
        // Outside years 0–9999 the general formatting writes the sign and the extra digits.
        assert_eq!(rfc3339_utc(253_402_300_800.0), "10000-01-01T00:00:00Z");
        assert_eq!(rfc3339_utc(-62_167_219_201.0), "-001-12-31T23:59:59Z");
    }
}
