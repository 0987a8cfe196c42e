//! The report's words in every language: message ids and arguments, looked up when rendered.
//!
//! Analysis never writes prose: a finding's title, detail and fix are [`Text`] values, each a list of
//! [`Msg`] (a message id and named arguments, themselves texts) and, where a text is data (a header value, a
//! command, an address), raw pieces. The words come from the tables in `catalog/*.rs` when a text is rendered
//! ([`Text::render`]), in the [`Lang`] the reader asked for. Each table row holds one message in English and in
//! French side by side; `catalog::tests` fails when a French text is missing or names other arguments than the
//! English one, so a new English text cannot ship without its French.
//!
//! Templates use `{name}` for an argument and `{{` / `}}` for a literal brace (as `format!` does).
//!
//! Serialised (JSON), a [`Text`] is the string rendered in the language set by [`with_lang`] (English unless
//! the caller chose another), so the report's JSON keeps its plain strings; findings add their message ids and
//! arguments next to them (`messages`, see README "JSON contract").

use std::cell::Cell;
use std::fmt;

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

mod auth;
mod cli;
mod compare;
mod delivery;
mod diagnostics;
mod envelope;
mod filters;
mod inputs;
mod references;
mod render;
mod route;
mod words;

/// A language the report can be rendered in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Fr,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Fr];

    /// The BCP 47 primary tag (`en`, `fr`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    /// The language of a BCP 47 tag (`fr`, `fr-CA`, `en-GB`, any case), when it is one we have.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next().unwrap_or("").trim();
        Lang::ALL.into_iter().find(|l| primary.eq_ignore_ascii_case(l.code()))
    }
}

/// One message: an id from the tables and its named arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    pub id: &'static str,
    pub args: Vec<(&'static str, Text)>,
}

impl Msg {
    pub fn new(id: &'static str, args: Vec<(&'static str, Text)>) -> Msg {
        Msg { id, args }
    }

    /// `msg!`'s builder, from the id's row (found when compiling): one copy per argument count rather than
    /// the vector's allocation inlined at each of the thousand call sites, and the id's text only once in
    /// the program, in the tables (smaller wasm).
    #[doc(hidden)]
    #[inline(never)]
    pub fn with<const N: usize>(row: u16, args: [(&'static str, Text); N]) -> Msg {
        Msg { id: IDS.get(usize::from(row)), args: Vec::from(args) }
    }

    /// The message in `lang`, appended to `out`.
    pub fn render_into(&self, lang: Lang, out: &mut String) {
        let Some(template) = template(self.id, lang) else {
            // An id missing from the tables (caught by tests): show the id rather than nothing.
            out.push_str(self.id);
            return;
        };
        let mut rest = template;
        while let Some(i) = rest.find(['{', '}']) {
            out.push_str(&rest[..i]);
            let tail = &rest[i..];
            if tail.starts_with("{{") || tail.starts_with("}}") {
                out.push_str(&tail[..1]);
                rest = &tail[2..];
            } else if let Some(end) = tail.find('}').filter(|_| tail.starts_with('{')) {
                let inside = &tail[1..end];
                // `{n|one form|other form}`: the form that agrees with the number `n` (see `plural_form`).
                if let Some((name, forms)) = inside.split_once('|') {
                    let count = self.args.iter().find(|(n, _)| *n == name).map(|(_, v)| v.render(lang));
                    out.push_str(plural_form(lang, count.as_deref(), forms));
                    rest = &tail[end + 1..];
                    continue;
                }
                let name = inside;
                match self.args.iter().find(|(n, _)| *n == name) {
                    Some((_, value)) => {
                        let start = out.len();
                        value.render_into(lang, out);
                        if lang == Lang::Fr {
                            elide(out, start);
                        }
                    }
                    None => out.push_str(&tail[..=end]),
                }
                rest = &tail[end + 1..];
            } else {
                out.push_str(&tail[..1]);
                rest = &tail[1..];
            }
        }
        out.push_str(rest);
    }

    pub fn render(&self, lang: Lang) -> String {
        let mut out = String::new();
        self.render_into(lang, &mut out);
        out
    }
}

/// Of `forms` (`one form|other form`), the one that agrees with `count`: the first for one (in French also for
/// zero, which French counts as singular), the second otherwise and when the count is not a number.
fn plural_form<'a>(lang: Lang, count: Option<&str>, forms: &'a str) -> &'a str {
    let (one, other) = forms.split_once('|').unwrap_or((forms, forms));
    let singular = match count.map(str::trim).and_then(|c| c.parse::<u64>().ok()) {
        Some(1) => true,
        Some(0) => lang == Lang::Fr,
        _ => false,
    };
    if singular { one } else { other }
}

/// French elision and contraction where a template meets its argument: "de {who}" with "un système en
/// amont" reads "d'un système en amont", "de {x}" with "le …" reads "du …", "à {x}" with "le …" reads
/// "au …", "que {x}" with "il …" reads "qu'il …". `out[start..]` is the argument just rendered. Only these
/// article and pronoun words are joined, never a name or other data.
fn elide(out: &mut String, start: usize) {
    const JOINS: &[(&str, &str, &str)] = &[
        ("de ", "un ", "d'un "),
        ("de ", "une ", "d'une "),
        ("de ", "le ", "du "),
        ("de ", "les ", "des "),
        ("à ", "le ", "au "),
        ("à ", "les ", "aux "),
        ("que ", "il ", "qu'il "),
        ("que ", "ils ", "qu'ils "),
        ("que ", "elle ", "qu'elle "),
        ("que ", "elles ", "qu'elles "),
        ("que ", "un ", "qu'un "),
        ("que ", "une ", "qu'une "),
    ];
    // Brands of `crate::net::BRANDS` whose name starts with a vowel sound: "de Amazon" reads "d'Amazon".
    const VOWEL_NAMES: &[&str] = &["Amazon", "Apple", "Adobe", "Instagram"];
    let (before, arg) = out.split_at(start);
    if let Some(name) = VOWEL_NAMES
        .iter()
        .find(|n| arg.strip_prefix(**n).is_some_and(|rest| !rest.starts_with(|c: char| c.is_alphanumeric())))
    {
        for (word, joined) in [("de ", "d'"), ("que ", "qu'")] {
            let Some(head) = before.strip_suffix(word) else { continue };
            if head.ends_with(|c: char| c.is_alphabetic() || c == '\'') {
                continue;
            }
            let rest = arg[name.len()..].to_string();
            out.truncate(head.len());
            out.push_str(joined);
            out.push_str(name);
            out.push_str(&rest);
            return;
        }
    }
    for (word, article, joined) in JOINS {
        let Some(head) = before.strip_suffix(word) else { continue };
        // A whole word: "de", not the end of "garde".
        if head.ends_with(|c: char| c.is_alphabetic() || c == '\'') || !arg.starts_with(article) {
            continue;
        }
        let rest = arg[article.len()..].to_string();
        out.truncate(head.len());
        out.push_str(joined);
        out.push_str(&rest);
        return;
    }
}

/// A piece of a [`Text`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Words from the catalogue.
    Msg(Msg),
    /// Text shown as is in every language: data from the message (addresses, header values, commands).
    Raw(String),
}

/// Words for the reader: catalogue messages and raw data, rendered in a language when shown.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text(pub Vec<Piece>);

impl Piece {
    /// Whether [`Text::with_placeholders`] may change this piece: raw text with a `<` or an empty one, or a
    /// message with arguments.
    fn may_hold_placeholder(&self) -> bool {
        match self {
            Piece::Raw(s) => s.is_empty() || s.contains('<'),
            Piece::Msg(m) => m.args.iter().any(|(_, a)| a.0.iter().any(Piece::may_hold_placeholder)),
        }
    }
}

impl Text {
    /// Raw text, the same in every language.
    pub fn raw(s: impl Into<String>) -> Text {
        let s = s.into();
        if s.is_empty() { Text(Vec::new()) } else { Text(vec![Piece::Raw(s)]) }
    }

    pub fn pieces(&self) -> &[Piece] {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Appends a message (or any text).
    pub fn push(&mut self, more: impl Into<Text>) {
        self.0.extend(more.into().0);
    }

    /// Appends raw text.
    pub fn push_str(&mut self, more: &str) {
        if !more.is_empty() {
            self.0.push(Piece::Raw(more.to_string()));
        }
    }

    pub fn render_into(&self, lang: Lang, out: &mut String) {
        for piece in &self.0 {
            match piece {
                Piece::Msg(m) => m.render_into(lang, out),
                Piece::Raw(s) => out.push_str(s),
            }
        }
    }

    /// The text in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let mut out = String::new();
        self.render_into(lang, &mut out);
        out
    }

    /// Whether the English rendering contains `needle` (for tests and for checks on advice already given).
    pub fn contains(&self, needle: &str) -> bool {
        self.render(Lang::En).contains(needle)
    }

    /// `items` with `sep` (shown as is in every language) between them.
    pub fn join<T: Into<Text>>(items: impl IntoIterator<Item = T>, sep: &str) -> Text {
        let mut out = Text::default();
        for (i, item) in items.into_iter().enumerate() {
            if i > 0 {
                out.push_str(sep);
            }
            out.push(item);
        }
        out
    }

    /// `items` separated by semicolons, spaced as each language writes them (`a; b` in English, `a ; b` in
    /// French).
    pub fn join_clauses<T: Into<Text>>(items: impl IntoIterator<Item = T>) -> Text {
        let mut out = Text::default();
        for (i, item) in items.into_iter().enumerate() {
            if i > 0 {
                out.push(Msg::new("list.semicolon", Vec::new()));
            }
            out.push(item);
        }
        out
    }

    /// This text with the known placeholders of its raw pieces (`<sender address>`, `<selector>`: the rows
    /// `ph.<…>` of `catalog/words.rs`) as catalogue words, so a command or step filled in from the message
    /// shows the reader's language where the reader puts their own value; the command around them stays as
    /// written. Arguments of its messages are converted too.
    /// Pieces without a placeholder are kept as they are (no copy): only a raw piece that holds one is split.
    pub fn with_placeholders(mut self) -> Text {
        if !self.0.iter().any(Piece::may_hold_placeholder) {
            return self;
        }
        let mut out = Text(Vec::with_capacity(self.0.len()));
        for piece in self.0.drain(..) {
            match piece {
                Piece::Raw(s) if s.contains('<') => push_with_placeholders(&mut out, &s),
                Piece::Raw(s) if s.is_empty() => {}
                Piece::Raw(s) => out.0.push(Piece::Raw(s)),
                Piece::Msg(mut m) => {
                    for (_, a) in &mut m.args {
                        *a = std::mem::take(a).with_placeholders();
                    }
                    out.0.push(Piece::Msg(m));
                }
            }
        }
        out
    }

    /// Whether the English rendering starts with `prefix`.
    pub fn starts_with(&self, prefix: &str) -> bool {
        self.render(Lang::En).starts_with(prefix)
    }

    /// Whether the English rendering ends with `suffix`.
    pub fn ends_with(&self, suffix: &str) -> bool {
        self.render(Lang::En).ends_with(suffix)
    }

    /// Every message in this text, arguments included (depth first).
    pub fn messages(&self) -> Vec<&Msg> {
        fn walk<'a>(t: &'a Text, out: &mut Vec<&'a Msg>) {
            for p in &t.0 {
                if let Piece::Msg(m) = p {
                    out.push(m);
                    for (_, a) in &m.args {
                        walk(a, out);
                    }
                }
            }
        }
        let mut out = Vec::new();
        walk(self, &mut out);
        out
    }
}

/// `raw` appended to `out`, each known placeholder in it (`<…>` with a `ph.<…>` row) as its message.
fn push_with_placeholders(out: &mut Text, raw: &str) {
    let mut rest = raw;
    let mut at = 0;
    while let Some(open) = rest[at..].find('<').map(|i| at + i) {
        let Some(close) = rest[open..].find('>').map(|i| open + i) else { break };
        match row(&format!("ph.{}", &rest[open..=close])) {
            Some(r) => {
                out.push_str(&rest[..open]);
                out.0.push(Piece::Msg(Msg::new(IDS.get(r), Vec::new())));
                rest = &rest[close + 1..];
                at = 0;
            }
            None => at = open + 1,
        }
    }
    out.push_str(rest);
}

/// English.
impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

/// Compares the English rendering (tests read findings this way).
impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.render(Lang::En) == *other
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.render(Lang::En) == other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        self.render(Lang::En) == *other
    }
}

impl From<Msg> for Text {
    fn from(m: Msg) -> Text {
        Text(vec![Piece::Msg(m)])
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text::raw(s)
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text::raw(s)
    }
}

impl From<&String> for Text {
    fn from(s: &String) -> Text {
        Text::raw(s.as_str())
    }
}

impl From<&Text> for Text {
    fn from(t: &Text) -> Text {
        t.clone()
    }
}

impl From<&Msg> for Text {
    fn from(m: &Msg) -> Text {
        m.clone().into()
    }
}

impl From<&Option<Msg>> for Text {
    fn from(m: &Option<Msg>) -> Text {
        m.clone().into()
    }
}

impl From<&Option<String>> for Text {
    fn from(m: &Option<String>) -> Text {
        m.clone().into()
    }
}

impl From<&Option<Text>> for Text {
    fn from(m: &Option<Text>) -> Text {
        m.clone().into()
    }
}

/// A borrowed borrow (`msg!("id", x)` where `x` is already a reference).
impl<'b, T: ?Sized> From<&&'b T> for Text
where
    &'b T: Into<Text>,
{
    fn from(v: &&'b T) -> Text {
        (*v).into()
    }
}

/// Nothing when absent.
impl<T: Into<Text>> From<Option<T>> for Text {
    fn from(v: Option<T>) -> Text {
        v.map(Into::into).unwrap_or_default()
    }
}

/// What a message argument may be: any text, or a value shown the same in every language.
pub trait IntoText {
    fn into_text(self) -> Text;
}

impl<T: Into<Text>> IntoText for T {
    fn into_text(self) -> Text {
        self.into()
    }
}

macro_rules! display_into_text {
    ($($t:ty),*) => {$(
        impl From<$t> for Text {
            fn from(v: $t) -> Text { Text::raw(v.to_string()) }
        }
    )*};
}
display_into_text!(
    usize,
    u8,
    u16,
    u32,
    u64,
    i32,
    i64,
    char,
    std::net::IpAddr,
    &std::net::IpAddr,
    &usize,
    &u8,
    &u16,
    &u32,
    &u64,
    &i32,
    &char,
    &i64
);

/// A [`Msg`] with its arguments, `format!`-style: `msg!("id", name, other = expr)` (`name` alone is
/// borrowed, as `format!` does).
macro_rules! msg {
    (@v $name:ident) => { &$name };
    (@v $name:ident = $val:expr) => { &$val };
    ($id:literal $(, $name:ident $(= $val:expr)?)* $(,)?) => {
        $crate::catalog::Msg::with(
            const { $crate::catalog::row_of($id) },
            [$((stringify!($name), $crate::catalog::IntoText::into_text($crate::catalog::msg!(@v $name $(= $val)?)))),*],
        )
    };
}
pub(crate) use msg;

/// An id of the tables as the id column's own text (found when compiling, like `msg!`), for messages built
/// with [`Msg::new`]: rendering then finds its row from where it starts, without comparing texts.
macro_rules! msg_id {
    ($id:literal) => {
        $crate::catalog::id_at(const { $crate::catalog::row_of($id) })
    };
}
pub(crate) use msg_id;

/// The id of row `row` (see `msg_id!`).
#[doc(hidden)]
pub(crate) fn id_at(row: u16) -> &'static str {
    IDS.get(usize::from(row))
}

thread_local! {
    static SERIALISE_LANG: Cell<Lang> = const { Cell::new(Lang::En) };
}

/// Runs `f` (typically a JSON serialisation) with texts serialised in `lang`.
pub fn with_lang<R>(lang: Lang, f: impl FnOnce() -> R) -> R {
    let before = SERIALISE_LANG.with(|l| l.replace(lang));
    let r = f();
    SERIALISE_LANG.with(|l| l.set(before));
    r
}

/// The language texts are serialised in (see [`with_lang`]).
pub fn serialise_lang() -> Lang {
    SERIALISE_LANG.with(Cell::get)
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.render(serialise_lang()))
    }
}

/// A text as its message ids and arguments (JSON `messages`): a list of `{"id", "args"}` and `{"text"}` pieces,
/// or `null` when the text holds no catalogue message (data, or words not yet in the catalogue); an argument
/// that is raw text only is a string, otherwise a list of pieces.
pub struct Pieces<'a>(pub &'a Text);

impl Serialize for Pieces<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if !self.0.0.iter().any(|p| matches!(p, Piece::Msg(_))) {
            // Nothing from the catalogue: the plain string says it all.
            return s.serialize_none();
        }
        let mut seq = s.serialize_seq(Some(self.0.0.len()))?;
        for p in &self.0.0 {
            match p {
                Piece::Raw(t) => seq.serialize_element(&RawPiece { text: t })?,
                Piece::Msg(m) => seq.serialize_element(&MsgPiece(m))?,
            }
        }
        seq.end()
    }
}

#[derive(Serialize)]
struct RawPiece<'a> {
    text: &'a str,
}

struct MsgPiece<'a>(&'a Msg);

impl Serialize for MsgPiece<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(2))?;
        map.serialize_entry("id", self.0.id)?;
        map.serialize_entry("args", &Args(&self.0.args))?;
        map.end()
    }
}

struct Args<'a>(&'a [(&'static str, Text)]);

impl Serialize for Args<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (name, value) in self.0 {
            match value.0.as_slice() {
                [] => map.serialize_entry(name, "")?,
                [Piece::Raw(t)] => map.serialize_entry(name, t)?,
                _ => map.serialize_entry(name, &Pieces(value))?,
            }
        }
        map.end()
    }
}

/// One row of a table: id, English, French.
type Row = (&'static str, &'static str, &'static str);

/// Every table, each sorted by id (checked by the tests). Read at compile time only: the program holds the
/// [`Column`]s built from them. The command line's own messages only in a build with the command line (not
/// the site's).
const TABLES: &[&[Row]] = &[
    auth::MESSAGES,
    if cfg!(feature = "cli") { cli::MESSAGES } else { &[] },
    compare::MESSAGES,
    delivery::MESSAGES,
    diagnostics::MESSAGES,
    envelope::MESSAGES,
    filters::MESSAGES,
    inputs::MESSAGES,
    references::MESSAGES,
    render::MESSAGES,
    route::MESSAGES,
    words::MESSAGES,
];

/// Rows in all tables.
const ROWS: usize = {
    let mut n = 0;
    let mut t = 0;
    while t < TABLES.len() {
        n += TABLES[t].len();
        t += 1;
    }
    n
};

/// One column of the tables (0 ids, 1 English, 2 French) as one text with the length of each row's piece, the
/// tables one after the other, and where every [`BLOCK`]th row starts. Much smaller in the wasm than a pointer
/// and a length per text, and than a 32-bit end per row (issue 14).
struct Column<const BYTES: usize> {
    text: [u8; BYTES],
    lens: [u16; ROWS],
    starts: [u32; BLOCKS],
}

/// Rows per entry of [`Column::starts`]: a look-up adds at most this many lengths.
const BLOCK: usize = 32;
const BLOCKS: usize = ROWS.div_ceil(BLOCK);

const fn cell(row: &Row, column: usize) -> &'static str {
    match column {
        0 => row.0,
        1 => row.1,
        _ => row.2,
    }
}

const fn column_bytes(column: usize) -> usize {
    let mut n = 0;
    let mut t = 0;
    while t < TABLES.len() {
        let mut r = 0;
        while r < TABLES[t].len() {
            n += cell(&TABLES[t][r], column).len();
            r += 1;
        }
        t += 1;
    }
    n
}

#[allow(long_running_const_eval)]
const fn column<const BYTES: usize>(column: usize) -> Column<BYTES> {
    let mut out = Column { text: [0; BYTES], lens: [0; ROWS], starts: [0; BLOCKS] };
    let mut at = 0;
    let mut row = 0;
    let mut t = 0;
    while t < TABLES.len() {
        let mut r = 0;
        while r < TABLES[t].len() {
            let bytes = cell(&TABLES[t][r], column).as_bytes();
            assert!(at <= u32::MAX as usize && bytes.len() <= u16::MAX as usize);
            if row % BLOCK == 0 {
                out.starts[row / BLOCK] = at as u32;
            }
            out.lens[row] = bytes.len() as u16;
            let mut i = 0;
            while i < bytes.len() {
                out.text[at] = bytes[i];
                at += 1;
                i += 1;
            }
            row += 1;
            r += 1;
        }
        t += 1;
    }
    out
}

const ID_BYTES: usize = column_bytes(0);
const EN_BYTES: usize = column_bytes(1);
const FR_BYTES: usize = column_bytes(2);
static IDS: Column<ID_BYTES> = column(0);
static EN: Column<EN_BYTES> = column(1);
static FR: Column<FR_BYTES> = column(2);

impl<const BYTES: usize> Column<BYTES> {
    fn bytes(&'static self, i: usize) -> &'static [u8] {
        let (Some(&block), Some(&len)) = (self.starts.get(i / BLOCK), self.lens.get(i)) else { return &[] };
        let before: usize =
            self.lens.get(i - i % BLOCK..i).unwrap_or_default().iter().map(|&l| usize::from(l)).sum();
        let start = block as usize + before;
        self.text.get(start..start + usize::from(len)).unwrap_or_default()
    }

    /// The row whose text `text` is, when `text` is a slice of this column (as [`Column::get`] returns it):
    /// found from its address, the row's start and length checked.
    fn row_at(&'static self, text: &str) -> Option<usize> {
        let offset = (text.as_ptr() as usize).checked_sub(self.text.as_ptr() as usize)?;
        if offset >= BYTES {
            return None;
        }
        // The last block that starts at or before the offset, then the rows of that block.
        let block = self.starts.partition_point(|&s| s as usize <= offset).checked_sub(1)?;
        let mut at = self.starts[block] as usize;
        let mut i = block * BLOCK;
        while i < ROWS && at < offset {
            at += usize::from(self.lens[i]);
            i += 1;
        }
        (i < ROWS && at == offset && usize::from(self.lens[i]) == text.len()).then_some(i)
    }

    /// Row `i`'s text (each row's piece is a whole `str`, so the bytes are UTF-8).
    fn get(&'static self, i: usize) -> &'static str {
        std::str::from_utf8(self.bytes(i)).unwrap_or_default()
    }
}

/// The number of rows of each table, in [`TABLES`]' order.
const TABLE_ROWS: [usize; TABLES.len()] = {
    let mut rows = [0; TABLES.len()];
    let mut t = 0;
    while t < TABLES.len() {
        rows[t] = TABLES[t].len();
        t += 1;
    }
    rows
};

/// `a` against `b` as `str` ordering does (bytewise), in a const context: -1, 0 or 1.
const fn compare(a: &[u8], b: &[u8]) -> i32 {
    let mut i = 0;
    while i < a.len() && i < b.len() {
        if a[i] != b[i] {
            return if a[i] < b[i] { -1 } else { 1 };
        }
        i += 1;
    }
    if a.len() < b.len() {
        -1
    } else if a.len() > b.len() {
        1
    } else {
        0
    }
}

/// The row of `id` across the tables, at compile time (`msg!`): an id missing from the tables does not build.
#[doc(hidden)]
pub(crate) const fn row_of(id: &str) -> u16 {
    let mut start = 0;
    let mut t = 0;
    while t < TABLES.len() {
        let table = TABLES[t];
        let (mut lo, mut hi) = (0, table.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match compare(table[mid].0.as_bytes(), id.as_bytes()) {
                -1 => lo = mid + 1,
                1 => hi = mid,
                _ => {
                    assert!(start + mid <= u16::MAX as usize);
                    return (start + mid) as u16;
                }
            }
        }
        start += table.len();
        t += 1;
    }
    panic!("msg!: this message id is not in the catalogue tables (src/catalog/*.rs)")
}

/// The row of `id`: a binary search in each table's rows.
fn row(id: &str) -> Option<usize> {
    // An id made by `msg!` is the id column's own text (`IDS.get(row)`): its row follows from where it starts
    // in the column, without comparing texts (rendering looks up every message of a report).
    if let Some(r) = IDS.row_at(id) {
        return Some(r);
    }
    let mut start = 0;
    for table in TABLE_ROWS {
        let (mut lo, mut hi) = (start, start + table);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match IDS.bytes(mid).cmp(id.as_bytes()) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid),
            }
        }
        start += table;
    }
    None
}

/// The template of `id` in `lang`.
fn template(id: &str, lang: Lang) -> Option<&'static str> {
    row(id).map(|i| match lang {
        Lang::En => EN.get(i),
        Lang::Fr => FR.get(i),
    })
}

/// A message without arguments (a label) in `lang`; the id itself when it is missing (caught by tests).
pub fn word(id: &'static str, lang: Lang) -> &'static str {
    template(id, lang).unwrap_or(id)
}

/// A fix's reference title ("Anti-spam message headers in Microsoft 365") as a text: the title of the
/// document in the reader's language when the catalogue has it (`catalog/references.rs`, id `ref.` + the
/// English title), else the title as written (RFC numbers and cmdlet names read the same in every language).
pub fn reference(title: &str) -> Text {
    match row(&format!("ref.{title}")) {
        Some(r) => Msg::new(IDS.get(r), Vec::new()).into(),
        None => Text::raw(title),
    }
}

/// Whether `id` is in the tables.
pub fn has(id: &str) -> bool {
    row(id).is_some()
}

/// The argument names a template uses, sorted, without duplicates.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(i) = rest.find(['{', '}']) {
        let tail = &rest[i..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            rest = &tail[2..];
        } else if let Some(end) = tail.find('}').filter(|_| tail.starts_with('{')) {
            let inside = &tail[1..end];
            names.push(inside.split_once('|').map_or(inside, |(name, _)| name));
            rest = &tail[end + 1..];
        } else {
            rest = &tail[1..];
        }
    }
    names.sort_unstable();
    names.dedup();
    names
}

/// The argument names `id`'s English template uses (for tests of call sites).
pub fn arguments_of(id: &str) -> Option<Vec<&'static str>> {
    template(id, Lang::En).map(placeholders)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Letters of a template outside its `{placeholders}`.
    fn words_outside_placeholders(t: &str) -> usize {
        let mut depth = 0;
        t.chars()
            .filter(|&c| {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    _ => {}
                }
                depth == 0 && c.is_alphabetic()
            })
            .count()
    }

    /// A count agrees with its noun: `{n|one|other}` picks the form by the number (French counts 0 as singular),
    /// instead of writing "champ(s)".
    #[test]
    fn a_count_agrees_with_its_noun() {
        let unreadable = |n: usize| Msg::new("auth.arc.unreadable", vec![("n", Text::raw(n.to_string()))]);
        assert_eq!(unreadable(1).render(Lang::En), "1 ARC field has no readable i=");
        assert_eq!(unreadable(6).render(Lang::En), "6 ARC fields have no readable i=");
        assert_eq!(unreadable(0).render(Lang::En), "0 ARC fields have no readable i=");
        assert_eq!(unreadable(1).render(Lang::Fr), "1 champ ARC sans i= lisible");
        assert_eq!(unreadable(0).render(Lang::Fr), "0 champ ARC sans i= lisible");
        assert_eq!(unreadable(6).render(Lang::Fr), "6 champs ARC sans i= lisible");
        assert_eq!(placeholders("{n} {n|field|fields} of {who}"), vec!["n", "who"]);
        let count = |id: &'static str, n: usize| Msg::new(id, vec![("n", Text::raw(n.to_string()))]);
        assert_eq!(count("render.microsoft-heading", 1).render(Lang::En), "Microsoft 365 (1 field decoded)");
        assert_eq!(count("render.microsoft-heading", 1).render(Lang::Fr), "Microsoft 365 (1 champ décodé)");
        assert_eq!(
            count("render.microsoft-heading", 12).render(Lang::Fr),
            "Microsoft 365 (12 champs décodés)"
        );
        assert_eq!(count("render.and-more", 1).render(Lang::Fr), " et 1 autre");
        assert_eq!(count("render.filter-more-rules", 3).render(Lang::Fr), " et 3 autres");
        // No template writes a count's plural as "(s)".
        for table in TABLES {
            for (id, en, fr) in table.iter() {
                for t in [en, fr] {
                    assert!(!t.contains("(s)") && !t.contains("(es)"), "{id}: {t}");
                }
            }
        }
    }

    /// French says what Exchange's French documentation says, « rapport de non-remise (NDR) », never a bare "NDR".
    #[test]
    fn french_names_the_non_delivery_report() {
        let mut seen = 0;
        for table in TABLES {
            for (id, _, fr) in table.iter() {
                for (at, _) in fr.match_indices("NDR") {
                    seen += 1;
                    let before = &fr[..at];
                    assert!(
                        before.ends_with("non-remise (") || before.ends_with("non-remise, "),
                        "{id}: {fr}"
                    );
                }
            }
        }
        assert!(seen >= 5, "{seen}");
    }

    /// English spells "analyze" as the site's button does (US spelling), never "analyse"/"analysed".
    #[test]
    fn english_spells_analyze_as_the_button_does() {
        for table in TABLES {
            for (id, en, _) in table.iter() {
                for uk in ["analyse", "analysed", "analysing"] {
                    let lower = en.to_ascii_lowercase();
                    let hit = lower
                        .match_indices(uk)
                        .any(|(at, w)| !lower[at + w.len()..].starts_with(|c: char| c.is_ascii_alphabetic()));
                    assert!(!hit, "{id}: {en}");
                }
            }
        }
        assert_eq!(template("container.analysed", Lang::En), Some("Analyzed {size} in {ms} ms"));
    }

    #[test]
    fn tables_are_sorted_unique_and_french_is_complete() {
        let mut problems = Vec::new();
        for table in TABLES {
            for pair in table.windows(2) {
                if pair[0].0 >= pair[1].0 {
                    problems.push(format!("not sorted or duplicated: {} then {}", pair[0].0, pair[1].0));
                }
            }
            for (id, en, fr) in table.iter() {
                if en.trim().is_empty() || fr.trim().is_empty() {
                    problems.push(format!("{id}: empty text"));
                }
                if placeholders(en) != placeholders(fr) {
                    problems.push(format!(
                        "{id}: English names {:?}, French names {:?}",
                        placeholders(en),
                        placeholders(fr)
                    ));
                }
                if en == fr && words_outside_placeholders(en) > 12 {
                    problems.push(format!("{id}: the French text is the English one"));
                }
            }
        }
        let ids: Vec<&str> = TABLES.iter().flat_map(|t| t.iter().map(|r| r.0)).collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), ids.len(), "an id is in two tables");
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    /// Where a French text writes a form French contracts or elides ("de un" for "d'un", "de le" for "du",
    /// "que il" for "qu'il", "à le" for "au"; word by word, so "garde un" is not "de un"), or an ordinary
    /// space before `: ; ! ?` (French puts a no-break space there, U+00A0, so the sign never starts a line):
    /// one line per problem. "de le" and "à le" before a verb ("au lieu de le remettre") are correct French,
    /// but the catalogue words them otherwise so that this check stays a plain search.
    fn french_form_problems(id: &str, fr: &str) -> Vec<String> {
        let mut out = Vec::new();
        let words: Vec<String> = fr.split_whitespace().map(str::to_lowercase).collect();
        for pair in words.windows(2) {
            let next = pair[1].trim_end_matches([',', '.', ';', ':', ')']);
            let wrong = match pair[0].as_str() {
                "de" => matches!(next, "un" | "une" | "le"),
                "que" => matches!(next, "il" | "ils" | "elle" | "elles"),
                "à" => next == "le",
                _ => false,
            };
            if wrong {
                out.push(format!("{id}: \"{} {next}\" in {fr:?}", pair[0]));
            }
        }
        for sign in [" :", " ;", " !", " ?"] {
            if fr.match_indices(sign).any(|(at, _)| !fr[at + 2..].starts_with("all")) {
                out.push(format!("{id}: an ordinary space before \"{}\" in {fr:?}", sign.trim()));
            }
        }
        out
    }

    #[test]
    fn french_elides_contracts_and_spaces_its_punctuation() {
        let problems: Vec<String> = TABLES
            .iter()
            .flat_map(|t| t.iter())
            .flat_map(|&(id, _, fr)| french_form_problems(id, fr))
            .collect();
        assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
        // The check finds what it looks for, and leaves correct forms alone.
        for bad in [
            "l'horloge de un serveur",
            "la clé de une signature",
            "le domaine de le destinataire",
            "parce que il manque",
            "alors que elle passe",
            "remis à le serveur",
            "Remarque : x",
            "a ; b",
        ] {
            assert!(!french_form_problems("t", bad).is_empty(), "{bad}");
        }
        for good in [
            "l'horloge d'un serveur",
            "garde un message",
            "le domaine du destinataire",
            "parce qu'il manque",
            "remis au serveur",
            "quelque illusion",
            "le garde. Le serveur",
            "Remarque\u{a0}: x",
            "a\u{a0}; b",
            "SPF ~all ou ?all",
        ] {
            assert!(
                french_form_problems("t", good).is_empty(),
                "{good}: {:?}",
                french_form_problems("t", good)
            );
        }
    }

    #[test]
    fn the_compact_columns_hold_every_row() {
        for table in TABLES {
            for &(id, en, fr) in table.iter() {
                assert!(has(id), "{id}");
                assert_eq!(template(id, Lang::En), Some(en), "{id}");
                assert_eq!(template(id, Lang::Fr), Some(fr), "{id}");
            }
        }
        assert_eq!(IDS.get(ROWS), "", "past the last row");
        assert_eq!(msg!("render.clock-skew").id, "render.clock-skew");
        let m = msg!("render.delay-with-note", delay = "3 s", note = msg!("render.clock-skew"));
        assert_eq!(m.id, "render.delay-with-note");
        assert_eq!(m.render(Lang::En), "3 s (clock skew)");
        assert!(!has("") && !has("zzz") && !has("arc-broken"));
    }

    #[test]
    fn renders_arguments_escapes_and_nested_messages() {
        let inner = Msg::new("render.clock-skew", vec![]);
        let m = Msg::new("render.delay-with-note", vec![("delay", "3 s".into()), ("note", inner.into())]);
        assert_eq!(m.render(Lang::En), "3 s (clock skew)");
        assert_eq!(m.render(Lang::Fr), "3 s (décalage d'horloge)");
        let mut t = Text::raw("a ");
        t.push(Msg::new("no-such-id", vec![]));
        assert_eq!(t.render(Lang::Fr), "a no-such-id");
        assert_eq!(placeholders("x {a} {{literal}} {b}{a}"), ["a", "b"]);
        // French elides where a template meets an article ("de {x}" + "un …" → "d'un …"), not inside words.
        let who = Msg::new("auth-upstream-only.an-upstream-system", vec![]);
        let title = Msg::new("auth-upstream-only.title", vec![("who", who.into())]);
        assert!(
            title.render(Lang::Fr).contains("probablement d'un système en amont,"),
            "{}",
            title.render(Lang::Fr)
        );
        assert!(title.render(Lang::En).contains("likely from an upstream system,"));
        let host = Msg::new("auth-upstream-only.title", vec![("who", "le.example.net".into())]);
        assert!(host.render(Lang::Fr).contains("de le.example.net,"), "{}", host.render(Lang::Fr));
        let mut out = String::from("garde ");
        let start = out.len();
        out.push_str("un message");
        elide(&mut out, start);
        assert_eq!(out, "garde un message");
        let mut out = String::from("la clé de ");
        out.push_str("le domaine");
        elide(&mut out, "la clé de ".len());
        assert_eq!(out, "la clé du domaine");
        // A brand whose name starts with a vowel: "de Amazon" reads "d'Amazon"; other names and data are kept.
        let brand = |b: &str| {
            Msg::new(
                "display-name-spoof.detail-brand",
                vec![
                    ("name", "Amazon Support".into()),
                    ("brand", b.into()),
                    ("address", "info@example.net".into()),
                    ("from_domain", "example.net".into()),
                ],
            )
            .render(Lang::Fr)
        };
        let amazon = brand("Amazon");
        assert!(
            amazon.contains("se réclame d'Amazon, ") && amazon.contains("pas un domaine d'Amazon."),
            "{amazon}"
        );
        assert!(!amazon.contains("de Amazon"), "{amazon}");
        assert!(brand("PayPal").contains("se réclame de PayPal, "));
        let mut out = String::from("le nom de ");
        out.push_str("Amazonia");
        elide(&mut out, "le nom de ".len());
        assert_eq!(out, "le nom de Amazonia");
        let clauses = Text::join_clauses(["a", "b"]);
        assert_eq!(
            (clauses.render(Lang::En), clauses.render(Lang::Fr)),
            ("a; b".into(), "a\u{a0}; b".into())
        );
        assert_eq!(Lang::from_tag("fr-CA"), Some(Lang::Fr));
        assert_eq!(Lang::from_tag("de"), None);
    }

    #[test]
    fn serialises_in_the_chosen_language() {
        let t: Text = Msg::new("render.clock-skew", vec![]).into();
        assert_eq!(serde_json::to_string(&t).unwrap(), "\"clock skew\"");
        let fr = with_lang(Lang::Fr, || serde_json::to_string(&t).unwrap());
        assert_eq!(fr, "\"décalage d'horloge\"");
        assert_eq!(serialise_lang(), Lang::En, "restored");
    }
}
