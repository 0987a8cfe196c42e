//! Outlook `.msg` files (MS-OXMSG: MAPI properties in a Compound File Binary, read with the `cfb` crate).
//!
//! Outlook keeps a received message's Internet header section in PR_TRANSPORT_MESSAGE_HEADERS
//! (property 0x007D): the stream `__substg1.0_007D001F` (PT_UNICODE, UTF-16LE) or `__substg1.0_007D001E`
//! (PT_STRING8, 8-bit in the message's code page, PR_MESSAGE_CODEPAGE 0x3FFD or PR_INTERNET_CPID 0x3FDE).
//! Those headers are analysed like a paste. Items Outlook created itself (sent items, drafts) have none:
//! they still open, with a summary from the MAPI properties (subject, sender, recipients, times) and a
//! notice saying what to do instead. Messages embedded as attachments (`__substg1.0_3701000D` storages)
//! are read the same way; a message file attached by value (`.eml`, `message/rfc822`) is read as an `.eml`. A file that is not a readable compound file gives a clear notice, never a panic.

use std::io::{Cursor, Read};

use cfb::CompoundFile;

use crate::catalog::{Msg, Text, msg};
use crate::container::{Analysed, Message};
use crate::model::{DateValue, InputFormat, Mailbox, Summary};
use crate::report::Report;

/// The Compound File Binary signature (MS-CFB 2.2).
pub const SIGNATURE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Bytes read from one property stream at most (transport headers are kilobytes; 4 MiB is ample).
const MAX_STREAM: u64 = 4 * 1024 * 1024;
/// Levels of embedded messages read.
const MAX_EMBED_DEPTH: usize = 3;
/// Recipients and attachments looked at per message.
const MAX_ENTRIES: usize = 1000;

/// True when the bytes start with the Compound File signature.
pub fn is_compound_file(bytes: &[u8]) -> bool {
    bytes.starts_with(&SIGNATURE)
}

/// What an Outlook message file holds that headerlens reads.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MsgMessage {
    /// PR_TRANSPORT_MESSAGE_HEADERS, decoded; `None` when the message has none.
    pub headers: Option<String>,
    /// How the headers were stored, e.g. "UTF-16LE (__substg1.0_007D001F)".
    pub headers_form: Option<Text>,
    /// Subject, sender, recipients, submit time and Message-ID from the MAPI properties.
    pub summary: Summary,
    /// Messages attached to it, in attachment order.
    pub embedded: Vec<Attached>,
}

/// A message attached to an Outlook message.
#[derive(Debug, Clone, PartialEq)]
pub enum Attached {
    /// An Outlook item attached as an item (`__substg1.0_3701000D` storage).
    Outlook(Box<MsgMessage>),
    /// A message file attached by value (PR_ATTACH_DATA_BIN whose PR_ATTACH_MIME_TAG is `message/rfc822`
    /// or whose extension is `.eml`): its bytes (at most 4 MiB) and file name.
    File { name: String, bytes: Vec<u8> },
}

/// Reads a `.msg` file. The error is a sentence for the reader.
pub fn read(bytes: &[u8]) -> Result<MsgMessage, Msg> {
    if !is_compound_file(bytes) {
        return Err(msg!("msg.not-cfb"));
    }
    let mut cf =
        CompoundFile::open(Cursor::new(bytes)).map_err(|e| msg!("msg.damaged", e = e.to_string()))?;
    let root_names = entry_names(&cf, "/");
    if !root_names.iter().any(|n| n.starts_with("__substg1.0_") || n == "__properties_version1.0") {
        return Err(msg!("msg.not-outlook"));
    }
    Ok(read_at(&mut cf, "/", 0, 32))
}

/// Reads the message whose storage is `dir` (`/` or an embedded message's storage, ending in `/`);
/// `props_header` is the size of the header of its `__properties_version1.0` stream.
fn read_at(cf: &mut CompoundFile<Cursor<&[u8]>>, dir: &str, depth: usize, props_header: usize) -> MsgMessage {
    let names = entry_names(cf, dir);
    let props = stream(cf, &format!("{dir}__properties_version1.0")).unwrap_or_default();
    let codepage =
        long_prop(&props, props_header, 0x3FFD).or_else(|| long_prop(&props, props_header, 0x3FDE));
    let string =
        |cf: &mut CompoundFile<Cursor<&[u8]>>, dir: &str, id: u16| -> Option<(String, &'static str)> {
            if let Some(raw) = stream(cf, &format!("{dir}__substg1.0_{id:04X}001F")) {
                return Some((utf16(&raw), "UTF-16LE"));
            }
            let raw = stream(cf, &format!("{dir}__substg1.0_{id:04X}001E"))?;
            Some((eight_bit(&raw, codepage), "8-bit"))
        };
    let mut m = MsgMessage::default();
    if let Some((h, form)) = string(cf, dir, 0x007D).filter(|(h, _)| !h.trim().is_empty()) {
        let stream_name = if form == "UTF-16LE" { "__substg1.0_007D001F" } else { "__substg1.0_007D001E" };
        let cp: Text = match (form, codepage) {
            ("8-bit", Some(cp)) => msg!("msg.code-page", cp).into(),
            _ => Text::default(),
        };
        m.headers_form = Some(Text::join([Text::raw(form), cp, Text::raw(format!(" ({stream_name})"))], ""));
        m.headers = Some(h);
    }
    let get = |cf: &mut CompoundFile<Cursor<&[u8]>>, id: u16| string(cf, dir, id).map(|(s, _)| s);
    m.summary.subject = get(cf, 0x0037);
    m.summary.message_id = get(cf, 0x1035);
    let sender_name = get(cf, 0x0C1A).or_else(|| get(cf, 0x0042));
    let sender_addr = get(cf, 0x5D01)
        .or_else(|| get(cf, 0x0C1F).filter(|a| a.contains('@')))
        .or_else(|| get(cf, 0x5D02))
        .or_else(|| get(cf, 0x0065).filter(|a| a.contains('@')));
    if sender_name.is_some() || sender_addr.is_some() {
        m.summary.from.push(Mailbox { name: sender_name, address: sender_addr });
    }
    // Submit time, else delivery time, else (a draft or an item made in Outlook has neither) the creation time.
    let time = filetime_prop(&props, props_header, 0x0039)
        .or_else(|| filetime_prop(&props, props_header, 0x0E06))
        .or_else(|| filetime_prop(&props, props_header, 0x3007));
    m.summary.date = time.map(|(epoch, which)| DateValue {
        raw: format!("{} ({which})", crate::hops::dates::rfc3339_utc(epoch as f64)),
        utc: Some(crate::hops::dates::rfc3339_utc(epoch as f64)),
        epoch: Some(epoch),
        offset_minutes: Some(0),
        ..DateValue::default()
    });

    // Recipients: one storage each, with PR_RECIPIENT_TYPE (1 To, 2 Cc, 3 Bcc).
    for name in names.iter().filter(|n| n.starts_with("__recip_version1.0_")).take(MAX_ENTRIES) {
        let rdir = format!("{dir}{name}/");
        let rprops = stream(cf, &format!("{rdir}__properties_version1.0")).unwrap_or_default();
        let kind = long_prop(&rprops, 8, 0x0C15).unwrap_or(1);
        let display = string(cf, &rdir, 0x3001).map(|s| s.0);
        let address = string(cf, &rdir, 0x39FE)
            .map(|s| s.0)
            .or_else(|| string(cf, &rdir, 0x3003).map(|s| s.0).filter(|a| a.contains('@')));
        let mailbox = Mailbox { name: display, address };
        match kind {
            2 => m.summary.cc.push(mailbox),
            1 => m.summary.to.push(mailbox),
            _ => {}
        }
    }
    if m.summary.to.is_empty()
        && let Some(to) = get(cf, 0x0E04)
    {
        m.summary.to = display_names(&to);
    }
    if m.summary.cc.is_empty()
        && let Some(cc) = get(cf, 0x0E03)
    {
        m.summary.cc = display_names(&cc);
    }

    // Attached messages: embedded items (PR_ATTACH_DATA_OBJ as a storage) and message files attached by
    // value (PR_ATTACH_DATA_BIN, told by PR_ATTACH_MIME_TAG 0x370E or PR_ATTACH_EXTENSION 0x3703).
    if depth < MAX_EMBED_DEPTH {
        for name in names.iter().filter(|n| n.starts_with("__attach_version1.0_")).take(MAX_ENTRIES) {
            let adir = format!("{dir}{name}/");
            let edir = format!("{adir}__substg1.0_3701000D/");
            if cf.is_storage(&edir[..edir.len() - 1]) {
                m.embedded.push(Attached::Outlook(Box::new(read_at(cf, &edir, depth + 1, 24))));
                continue;
            }
            let mime = string(cf, &adir, 0x370E).map(|(s, _)| s.trim().to_ascii_lowercase());
            let extension = string(cf, &adir, 0x3703).map(|(s, _)| s.trim().to_ascii_lowercase());
            let is_message = matches!(mime.as_deref(), Some("message/rfc822" | "message/global"))
                || extension.as_deref() == Some(".eml");
            if is_message && let Some(bytes) = stream(cf, &format!("{adir}__substg1.0_37010102")) {
                let name = string(cf, &adir, 0x3707)
                    .or_else(|| string(cf, &adir, 0x3704))
                    .map(|(s, _)| s.trim().to_string())
                    .unwrap_or_default();
                m.embedded.push(Attached::File { name, bytes });
            }
        }
    }
    m
}

/// Names of the entries directly inside a storage, sorted (the file's own order is a tree order).
fn entry_names(cf: &CompoundFile<Cursor<&[u8]>>, dir: &str) -> Vec<String> {
    let path = if dir.len() > 1 { dir.trim_end_matches('/') } else { dir };
    let mut names: Vec<String> = match cf.read_storage(path) {
        Ok(entries) => entries.map(|e| e.name().to_string()).collect(),
        Err(_) => Vec::new(),
    };
    crate::sort::sort(&mut names);
    names
}

/// A whole stream (at most [`MAX_STREAM`] bytes), or `None` when it is missing or unreadable.
fn stream(cf: &mut CompoundFile<Cursor<&[u8]>>, path: &str) -> Option<Vec<u8>> {
    if !cf.is_stream(path) {
        return None;
    }
    let s = cf.open_stream(path).ok()?;
    let mut out = Vec::new();
    s.take(MAX_STREAM).read_to_end(&mut out).ok()?;
    Some(out)
}

/// The 16-byte entries of a `__properties_version1.0` stream: (tag, value bytes).
fn prop_entries(props: &[u8], header: usize) -> impl Iterator<Item = (u32, &[u8])> {
    props.get(header..).unwrap_or(&[]).chunks_exact(16).map(|e| {
        let tag = u32::from_le_bytes([e[0], e[1], e[2], e[3]]);
        (tag, &e[8..16])
    })
}

/// A PT_LONG (0x0003) property from the fixed-length properties.
fn long_prop(props: &[u8], header: usize, id: u16) -> Option<u32> {
    let tag = (u32::from(id) << 16) | 0x0003;
    prop_entries(props, header)
        .find(|(t, _)| *t == tag)
        .map(|(_, v)| u32::from_le_bytes([v[0], v[1], v[2], v[3]]))
}

/// A PT_SYSTIME (0x0040) property as Unix seconds, with the property's name.
fn filetime_prop(props: &[u8], header: usize, id: u16) -> Option<(i64, &'static str)> {
    let tag = (u32::from(id) << 16) | 0x0040;
    let (_, v) = prop_entries(props, header).find(|(t, _)| *t == tag)?;
    let ft = u64::from_le_bytes([v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]]);
    // FILETIME: 100 ns intervals since 1601-01-01; keep 1970–2100 only.
    let secs = (ft / 10_000_000) as i64 - 11_644_473_600;
    if !(0..=4_102_444_800).contains(&secs) {
        return None;
    }
    let name = match id {
        0x0039 => "PR_CLIENT_SUBMIT_TIME",
        0x0E06 => "PR_MESSAGE_DELIVERY_TIME",
        _ => "PR_CREATION_TIME",
    };
    Some((secs, name))
}

/// UTF-16LE without its terminating NUL.
fn utf16(raw: &[u8]) -> String {
    let units: Vec<u16> = raw.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
    let end = units.iter().rposition(|&u| u != 0).map_or(0, |i| i + 1);
    String::from_utf16_lossy(&units[..end])
}

/// An 8-bit string in the message's code page (Windows code page numbers, MS-OXCMSG 2.2.1.5).
fn eight_bit(raw: &[u8], codepage: Option<u32>) -> String {
    let end = raw.iter().rposition(|&b| b != 0).map_or(0, |i| i + 1);
    let raw = &raw[..end];
    if let Ok(s) = std::str::from_utf8(raw) {
        return s.to_string();
    }
    let charset = match codepage.unwrap_or(1252) {
        65001 => "utf-8",
        20127 => "us-ascii",
        cp @ 1250..=1258 => return decode_named(raw, &format!("windows-{cp}")),
        cp @ 28591..=28606 => return decode_named(raw, &format!("iso-8859-{}", cp - 28590)),
        932 => "shift_jis",
        936 => "gb2312",
        949 => "euc-kr",
        950 => "big5",
        20866 => "koi8-r",
        21866 => "koi8-u",
        50220 => "iso-2022-jp",
        51932 => "euc-jp",
        _ => "windows-1252",
    };
    decode_named(raw, charset)
}

fn decode_named(raw: &[u8], charset: &str) -> String {
    match mail_parser::decoders::charsets::map::charset_decoder(charset.as_bytes()) {
        Some(decode) => decode(raw),
        None => String::from_utf8_lossy(raw).into_owned(),
    }
}

/// PR_DISPLAY_TO / PR_DISPLAY_CC: display names separated by `;`.
fn display_names(list: &str) -> Vec<Mailbox> {
    list.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| Mailbox { name: Some(s.to_string()), address: None })
        .collect()
}

/// What to do when a `.msg` has no Internet headers.
pub fn no_headers() -> Msg {
    msg!("msg.no-headers")
}

/// The message of a `.msg` file and the messages embedded in it, analysed.
pub fn messages(bytes: &[u8]) -> Vec<Analysed> {
    match read(bytes) {
        Ok(m) => {
            let mut out = Vec::new();
            push(&m, bytes.len(), None, &mut out);
            out
        }
        Err(e) => vec![unreadable(bytes.len(), &e)],
    }
}

fn push(m: &MsgMessage, file_bytes: usize, container: Option<Text>, out: &mut Vec<Analysed>) {
    let parent: Text = container.clone().unwrap_or_else(|| msg!("container.the-message").into());
    out.push(analyze_one(m, file_bytes, container));
    for (i, e) in m.embedded.iter().enumerate() {
        match e {
            Attached::Outlook(e) => {
                let label = msg!("msg.attached-outlook", n = i + 1, parent);
                push(e, file_bytes, Some(label.into()), out);
            }
            Attached::File { name, bytes } => {
                let file = if name.is_empty() { String::new() } else { format!(" {name}") };
                let label = msg!("msg.attached-file", n = i + 1, file, parent).into();
                // A message file holds a whole message: its own attachments are followed as in an .eml.
                let mut found = Vec::new();
                crate::container::expand(
                    std::borrow::Cow::Borrowed(bytes.as_slice()),
                    InputFormat::Msg,
                    Some(label),
                    &mut found,
                    usize::MAX,
                );
                out.extend(found.iter().map(crate::container::analyze_message));
            }
        }
    }
}

fn analyze_one(m: &MsgMessage, file_bytes: usize, container: Option<Text>) -> Analysed {
    match &m.headers {
        Some(h) => {
            let message = Message {
                bytes: h.as_bytes().into(),
                format: InputFormat::Msg,
                container,
                notes: Vec::new(),
            };
            let mut a = crate::container::analyze_message(&message);
            let form = m.headers_form.clone().unwrap_or_default();
            a.report.input.normalizations.insert(0, msg!("msg.headers-read", file_bytes, form).into());
            a
        }
        None => {
            let mut report = crate::analyze(b"");
            report.summary = m.summary.clone();
            report.input.format = InputFormat::Msg;
            report.input.bytes = file_bytes;
            report.input.container = container;
            report.input.notice = Some(no_headers().into());
            Analysed { text: String::new(), report }
        }
    }
}

fn unreadable(file_bytes: usize, why: &Msg) -> Analysed {
    let mut report: Report = crate::analyze(b"");
    report.input.format = InputFormat::Msg;
    report.input.bytes = file_bytes;
    report.input.notice = Some(msg!("msg.unreadable", why).into());
    Analysed { text: String::new(), report }
}

#[cfg(test)]
mod tests;
