//! Reads Authentication-Results (RFC 8601 §2.2), ARC-Authentication-Results (RFC 8617 §4.1.1) and Microsoft's
//! X-MS-Exchange-Authentication-Results into methods, results, reasons and properties.
//!
//! Real fields bend the grammar: Microsoft omits the authserv-id and writes `action=` and `compauth=… reason=`,
//! Gmail and OpenDMARC put the DMARC policy in a comment, Exim's test corpus has `keep.org; baz barf`.
//! The reader keeps what it understands and lists every piece it does not in `unparsed`, so nothing is
//! dropped silently and nothing panics.

use serde::Serialize;

use crate::auth::tokens::{self, Kind, Token};
use crate::model::Span;

/// Method names this reader knows (IANA "Email Authentication Methods" plus Microsoft's `compauth`).
/// A key from this list starts a new method even without a `;` before it.
pub(crate) const KNOWN_METHODS: &[&str] = &[
    "arc",
    "auth",
    "bimi",
    "compauth",
    "dkim",
    "dkim-adsp",
    "dkim-atps",
    "dmarc",
    "dnswl",
    "domainkeys",
    "iprev",
    "rrvs",
    "sender-id",
    "smime",
    "spf",
    "vbr",
    "x-tls",
];

/// The `key=value` pairs of RFC 7208 §9.1 (Received-SPF), which Amazon SES also writes into its
/// Authentication-Results after `spf=`, each in its own `;` piece (`spf=pass (spfCheck: …) client-ip=192.0.2.5;
/// envelope-from=a@example.org; helo=mx.example.org;`): properties of that SPF result, not methods.
pub(crate) const SPF_KEYS: &[&str] =
    &["client-ip", "envelope-from", "helo", "receiver", "identity", "mechanism", "problem"];

/// How completely a results field was understood.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum ParseState {
    /// Every piece was read.
    #[default]
    Parsed,
    /// Some methods were read; the pieces in `unparsed` were not.
    Partial,
    /// Nothing could be read as a method result; only the raw text is kept.
    Unparsed,
}

/// One `ptype.property=value` (RFC 8601 §2.3), e.g. `smtp.mailfrom=bounce@example.com`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Property {
    /// `smtp`, `header`, `body`, `policy` (lower case).
    pub ptype: String,
    /// `mailfrom`, `from`, `d`, `i`, `s`, `b`, … (lower case).
    pub property: String,
    /// As written, quotes removed.
    pub value: String,
}

/// A `key=value` after a method result that is neither `reason` nor a `ptype.property`, such as Microsoft's
/// `action=oreject`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Param {
    pub name: String,
    pub value: String,
}

/// One method's result, e.g. `dmarc=fail (p=REJECT) header.from=example.com`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct MethodResult {
    /// Lower case, without version: `spf`, `dkim`, `dmarc`, `arc`, `compauth`, `iprev`, `auth`, …
    pub method: String,
    /// The `/1` of `dkim/1=pass`.
    pub method_version: Option<String>,
    /// Lower case: `pass`, `fail`, `softfail`, `none`, `bestguesspass`, …
    pub result: String,
    /// `reason=` value (Microsoft writes the compauth reason code here).
    pub reason: Option<String>,
    pub properties: Vec<Property>,
    /// Other `key=value` pairs (`action=`), in order.
    pub params: Vec<Param>,
    /// Comments after the result, in order, e.g. `p=REJECT sp=NONE dis=REJECT` or `sender IP is 192.0.2.1`.
    pub comments: Vec<String>,
    /// True when `method` is not in the list of registered methods this reader knows.
    pub unknown_method: bool,
    /// `method=result` as written, e.g. `dmarc=fail` (the evidence to point at).
    pub verdict: String,
    /// Where `verdict` sits in the input.
    pub verdict_span: Span,
    /// Where the whole resinfo (method to last property) sits in the input.
    pub span: Span,
    /// Offsets of `method=result` as written, relative to the parsed text.
    #[serde(skip)]
    pub verdict_range: (usize, usize),
    /// Offsets of the whole resinfo (method to last property), relative to the parsed text.
    #[serde(skip)]
    pub range: (usize, usize),
}

impl MethodResult {
    /// The value of `ptype.property` (case-insensitive), first occurrence.
    pub fn property(&self, ptype: &str, property: &str) -> Option<&str> {
        self.properties
            .iter()
            .find(|p| p.ptype.eq_ignore_ascii_case(ptype) && p.property.eq_ignore_ascii_case(property))
            .map(|p| p.value.as_str())
    }

    /// The value of a non-property parameter such as `action` (case-insensitive).
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params.iter().find(|p| p.name.eq_ignore_ascii_case(name)).map(|p| p.value.as_str())
    }

    /// The envelope sender an SPF result was checked for: `smtp.mailfrom` (RFC 8601 §2.7.2; also `mfrom`,
    /// `mail` as some writers spell it), else RFC 7208 §9.1's `envelope-from=` (Amazon SES).
    pub fn spf_mailfrom(&self) -> Option<&str> {
        self.property("smtp", "mailfrom")
            .or_else(|| self.property("smtp", "mfrom"))
            .or_else(|| self.property("smtp", "mail"))
            .or_else(|| self.param("envelope-from"))
            .filter(|v| !v.is_empty())
    }

    /// The HELO name an SPF result names: `smtp.helo`, else RFC 7208 §9.1's `helo=` (Amazon SES).
    pub fn spf_helo(&self) -> Option<&str> {
        self.property("smtp", "helo").or_else(|| self.param("helo")).filter(|v| !v.is_empty())
    }
}

/// The parsed body of one results field.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Parsed {
    /// ARC instance (`i=`), for ARC-Authentication-Results only.
    pub arc_instance: Option<u32>,
    pub authserv_id: Option<String>,
    pub version: Option<String>,
    pub methods: Vec<MethodResult>,
    /// Comments next to the authserv-id, e.g. `amavisd-new`.
    pub comments: Vec<String>,
    /// `ptype.property=value` pairs that precede any method in their `;` piece, as Exim's ARC-Authentication-Results
    /// (`smtp.remote-ip=`) and SpamAssassin's tests (`header.From=`) write them.
    pub properties: Vec<Property>,
    /// Bare domain names standing alone between results, as Microsoft's older format writes them
    /// (`smtp.mailfrom=a.example; outlook.com; dkim=…`); observed, likely the recipient's domain.
    pub bare_domains: Vec<String>,
    /// True for `authserv-id; none` (RFC 8601 §2.2 no-result) or an authserv-id with nothing after it.
    pub no_result: bool,
    /// Pieces that could not be read, as written.
    pub unparsed: Vec<String>,
    pub state: ParseState,
}

/// Reads an Authentication-Results-style value. `arc` expects the leading `i=N;` of an
/// ARC-Authentication-Results field.
pub(crate) fn parse(text: &str, arc: bool) -> Parsed {
    let toks = tokens::lex(text);
    let segments: Vec<&[Token]> = toks.split(|t| t.kind == Kind::Semicolon).collect();
    let mut out = Parsed::default();
    let mut segs = segments.into_iter().peekable();

    if arc && let Some(i) = segs.peek().and_then(|first| read_arc_instance(first)) {
        out.arc_instance = Some(i);
        segs.next();
    }

    // The authserv-id segment, unless the field starts straight with a method (Microsoft's style) or with one of
    // the bare domains Microsoft's layout writes between its results (see [`microsoft_bare_domain_first`]).
    if let Some(first) = segs.peek() {
        let words: Vec<&Token> = first.iter().filter(|t| t.kind != Kind::Comment).collect();
        let starts_with_method =
            matches!(words.as_slice(), [w, eq, ..] if w.kind == Kind::Word && eq.kind == Kind::Equals);
        if !starts_with_method && !microsoft_bare_domain_first(&toks) {
            let first = segs.next().unwrap_or_default();
            read_authserv(first, text, &mut out);
        }
    }

    let mut any_segment = false;
    for seg in segs {
        if seg.is_empty() {
            continue;
        }
        any_segment = true;
        let non_comment: Vec<&Token> = seg.iter().filter(|t| t.kind != Kind::Comment).collect();
        if let [only] = non_comment.as_slice() {
            if only.kind == Kind::Word && only.text.eq_ignore_ascii_case("none") {
                out.no_result = true;
                continue;
            }
            if only.kind == Kind::Word && out.authserv_id.is_none() && looks_like_domain(&only.text) {
                out.bare_domains.push(only.text.to_string());
                continue;
            }
        }
        // `envelope-from=a@example.org` alone in its piece after an SPF result: a property of that result.
        if let [k, eq, v] = non_comment.as_slice()
            && k.kind == Kind::Word
            && eq.kind == Kind::Equals
            && matches!(v.kind, Kind::Word | Kind::Quoted)
            && SPF_KEYS.iter().any(|key| k.text.eq_ignore_ascii_case(key))
            && let Some(spf) = out.methods.last_mut().filter(|m| m.method == "spf")
        {
            spf.params.push(Param { name: k.text.to_ascii_lowercase(), value: v.text.to_string() });
            spf.range.1 = v.end;
            continue;
        }
        read_resinfo(seg, text, &mut out);
    }
    if !any_segment && out.methods.is_empty() && out.authserv_id.is_some() {
        out.no_result = true;
    }
    for m in &mut out.methods {
        m.verdict = text.get(m.verdict_range.0..m.verdict_range.1).unwrap_or_default().to_string();
    }
    out.state = if out.unparsed.is_empty() {
        if out.authserv_id.is_none() && out.methods.is_empty() && !out.no_result {
            out.unparsed.push(text.trim().to_string());
            ParseState::Unparsed
        } else {
            ParseState::Parsed
        }
    } else if out.methods.is_empty() {
        ParseState::Unparsed
    } else {
        ParseState::Partial
    };
    out
}

fn read_arc_instance(seg: &[Token]) -> Option<u32> {
    let words: Vec<&Token> = seg.iter().filter(|t| t.kind != Kind::Comment).collect();
    match words.as_slice() {
        [k, eq, v] if k.text.eq_ignore_ascii_case("i") && eq.kind == Kind::Equals => v.text.parse().ok(),
        _ => None,
    }
}

fn read_authserv(seg: &[Token], text: &str, out: &mut Parsed) {
    let mut words = Vec::new();
    for t in seg {
        match t.kind {
            Kind::Comment => out.comments.push(t.text.to_string()),
            _ => words.push(t),
        }
    }
    let mut rest = words.iter();
    match rest.next() {
        Some(w) if matches!(w.kind, Kind::Word | Kind::Quoted) => out.authserv_id = Some(w.text.to_string()),
        Some(_) | None => {}
    }
    let mut remaining: Vec<&&Token> = rest.collect();
    if let Some(v) =
        remaining.first().filter(|v| v.kind == Kind::Word && v.text.bytes().all(|b| b.is_ascii_digit()))
    {
        out.version = Some(v.text.to_string());
        remaining.remove(0);
    }
    if remaining.is_empty() {
        return;
    }
    // pair.com writes properties straight after the authserv-id: `pb1.pair.com header.from=a@b.example; …`.
    let props: Option<Vec<Property>> = remaining
        .chunks(3)
        .map(|c| match c {
            [k, eq, v] if k.kind == Kind::Word && eq.kind == Kind::Equals && v.kind != Kind::Equals => {
                let lower = k.text.to_ascii_lowercase();
                let (ptype, property) = lower.split_once('.')?;
                Some(Property {
                    ptype: ptype.to_string(),
                    property: property.to_string(),
                    value: v.text.to_string(),
                })
            }
            _ => None,
        })
        .collect();
    match props {
        Some(p) => out.properties.extend(p),
        None => {
            let (first, last) = (remaining[0], remaining[remaining.len() - 1]);
            out.unparsed.push(text.get(first.start..last.end).unwrap_or_default().to_string());
        }
    }
}

/// Reads one `;`-separated piece: one or more `method=result` with their reason, properties and params.
fn read_resinfo(seg: &[Token], text: &str, out: &mut Parsed) {
    let mut i = 0;
    let mut current: Option<MethodResult> = None;
    let mut stray: Option<(usize, usize)> = None;
    let flush_stray = |stray: &mut Option<(usize, usize)>, out: &mut Parsed| {
        if let Some((s, e)) = stray.take() {
            out.unparsed.push(text.get(s..e).unwrap_or_default().to_string());
        }
    };
    while i < seg.len() {
        let t = &seg[i];
        if t.kind == Kind::Comment {
            match current.as_mut() {
                Some(m) => {
                    m.comments.push(t.text.to_string());
                    m.range.1 = t.end;
                }
                None => out.comments.push(t.text.to_string()),
            }
            i += 1;
            continue;
        }
        // key [comments] = [comments] value
        let key_ok = matches!(t.kind, Kind::Word);
        let mut j = i + 1;
        let mut between = Vec::new();
        while j < seg.len() && seg[j].kind == Kind::Comment {
            between.push(seg[j].text.to_string());
            j += 1;
        }
        let eq_ok = key_ok && seg.get(j).is_some_and(|t| t.kind == Kind::Equals);
        if !eq_ok {
            stray = Some(match stray {
                Some((s, _)) => (s, t.end),
                None => (t.start, t.end),
            });
            i += 1;
            continue;
        }
        j += 1;
        while j < seg.len() && seg[j].kind == Kind::Comment {
            between.push(seg[j].text.to_string());
            j += 1;
        }
        // `key=` with nothing after it in this piece is an empty value (`header.from=;`).
        let empty = Token {
            kind: Kind::Quoted,
            text: std::borrow::Cow::Borrowed(""),
            start: seg[j - 1].end,
            end: seg[j - 1].end,
        };
        let (v, next) = match seg.get(j).filter(|v| matches!(v.kind, Kind::Word | Kind::Quoted)) {
            Some(v) => (v, j + 1),
            None => (&empty, j),
        };
        // Glue adjacent `=` and words (base64 padding, `a=b=c`) onto a word value.
        let mut value = v.text.to_string();
        let mut end = v.end;
        let mut k = next;
        if v.kind == Kind::Word {
            while let Some(n) =
                seg.get(k).filter(|n| n.start == end && matches!(n.kind, Kind::Word | Kind::Equals))
            {
                value.push_str(&n.text);
                end = n.end;
                k += 1;
            }
        }
        flush_stray(&mut stray, out);
        let key: &str = &t.text;
        let lower = key.to_ascii_lowercase();
        let (name, version) = match lower.split_once('/') {
            Some((n, v)) => (n.to_string(), Some(v.to_string())),
            None => (lower.clone(), None),
        };
        if let Some((ptype, property)) = lower.split_once('.') {
            match current.as_mut() {
                Some(m) => {
                    m.properties.push(Property {
                        ptype: ptype.to_string(),
                        property: property.to_string(),
                        value,
                    });
                    m.comments.extend(between);
                    m.range.1 = end;
                }
                None => out.properties.push(Property {
                    ptype: ptype.to_string(),
                    property: property.to_string(),
                    value,
                }),
            }
        } else if name == "reason" && current.as_ref().is_some_and(|m| m.reason.is_none()) {
            if let Some(m) = current.as_mut() {
                m.reason = Some(value);
                m.comments.extend(between);
                m.range.1 = end;
            }
        } else if current.is_none() || KNOWN_METHODS.contains(&name.as_str()) {
            if let Some(done) = current.take() {
                out.methods.push(done);
            }
            current = Some(MethodResult {
                unknown_method: !KNOWN_METHODS.contains(&name.as_str()) && !name.starts_with("x-"),
                method: name,
                method_version: version,
                result: value.to_ascii_lowercase(),
                comments: between,
                verdict_range: (t.start, end),
                range: (t.start, end),
                ..MethodResult::default()
            });
        } else if let Some(m) = current.as_mut() {
            m.params.push(Param { name: lower, value });
            m.comments.extend(between);
            m.range.1 = end;
        }
        i = k;
    }
    flush_stray(&mut stray, out);
    if let Some(done) = current.take() {
        out.methods.push(done);
    }
}

/// True when the field is Microsoft's layout without an authserv-id whose first result is missing: Exchange Online
/// writes `spf=…; <domain>; dkim=…;<domain>; dmarc=… action=…`, the domain standing alone between results (the
/// message's From domain, not a writer), and for mail inside one organisation it leaves SPF out, so the field
/// starts with that domain: `example.org; dkim=none (message not signed) header.d=none;example.org; dmarc=none
/// action=none header.from=example.org;`. Read so when the first piece is a lone domain name that stands alone
/// again in a later piece, or that the DMARC result names as `header.from` with Microsoft's `action=` next to it.
/// An RFC 8601 authserv-id never repeats as a piece of its own.
fn microsoft_bare_domain_first(toks: &[Token]) -> bool {
    let pieces: Vec<Vec<&Token>> = toks
        .split(|t| t.kind == Kind::Semicolon)
        .map(|seg| seg.iter().filter(|t| t.kind != Kind::Comment).collect())
        .collect();
    let Some([first]) = pieces.first().map(Vec::as_slice) else { return false };
    if first.kind != Kind::Word || !looks_like_domain(&first.text) {
        return false;
    }
    let same = |t: &Token| t.text.eq_ignore_ascii_case(&first.text);
    let repeated =
        pieces[1..].iter().any(|p| matches!(p.as_slice(), [only] if only.kind == Kind::Word && same(only)));
    // `dmarc=none action=none header.from=<domain>`: `action=` is Microsoft's own.
    let dmarc_from = pieces[1..].iter().any(|p| {
        let is = |i: usize, word: &str| p.get(i).is_some_and(|t| t.text.eq_ignore_ascii_case(word));
        is(0, "dmarc")
            && p.windows(2).any(|w| w[0].text.eq_ignore_ascii_case("action") && w[1].kind == Kind::Equals)
            && p.windows(3).any(|w| {
                w[0].text.eq_ignore_ascii_case("header.from") && w[1].kind == Kind::Equals && same(w[2])
            })
    });
    repeated || dmarc_from
}

fn looks_like_domain(word: &str) -> bool {
    word.contains('.')
        && !word.starts_with('.')
        && word.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
}

/// Reads `p=`, `sp=` and `dis=` from an OpenDMARC / Gmail style comment, e.g. `p=REJECT sp=NONE dis=QUARANTINE`.
pub(crate) fn comment_value<'a>(comments: &'a [String], key: &str) -> Option<&'a str> {
    comments.iter().flat_map(|c| c.split_whitespace()).find_map(|w| {
        let (k, v) = w.split_once('=')?;
        k.eq_ignore_ascii_case(key).then_some(v.trim_end_matches([',', ';']))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_gmail_field() {
        let text = "mx.google.com;\n       dkim=pass header.i=@example.com header.s=s1 header.b=Ab/cD+e0;\n       spf=pass (google.com: domain of bounce@example.com designates 203.0.113.5 as permitted sender) smtp.mailfrom=bounce@example.com;\n       dmarc=pass (p=REJECT sp=NONE dis=NONE) header.from=example.com";
        let p = parse(text, false);
        assert_eq!(p.state, ParseState::Parsed);
        assert_eq!(p.authserv_id.as_deref(), Some("mx.google.com"));
        assert_eq!(p.methods.len(), 3);
        assert_eq!(p.methods[0].property("header", "b"), Some("Ab/cD+e0"));
        assert_eq!(p.methods[1].property("smtp", "mailfrom"), Some("bounce@example.com"));
        assert!(p.methods[1].comments[0].starts_with("google.com: domain of"));
        assert_eq!(comment_value(&p.methods[2].comments, "p"), Some("REJECT"));
        let (s, e) = p.methods[2].verdict_range;
        assert_eq!(&text[s..e], "dmarc=pass");
    }

    #[test]
    fn reads_microsofts_field_without_authserv_id() {
        let p = parse(
            "spf=pass (sender IP is 203.0.113.7) smtp.mailfrom=example.com; dkim=pass (signature was verified) header.d=example.com;dmarc=pass action=none header.from=example.com;compauth=pass reason=100",
            false,
        );
        assert_eq!(p.state, ParseState::Parsed);
        assert_eq!(p.authserv_id, None);
        let methods: Vec<&str> = p.methods.iter().map(|m| m.method.as_str()).collect();
        assert_eq!(methods, ["spf", "dkim", "dmarc", "compauth"]);
        assert_eq!(p.methods[2].param("action"), Some("none"));
        assert_eq!(p.methods[3].reason.as_deref(), Some("100"));
    }

    /// Exchange Online leaves SPF out for mail inside one organisation, so its field starts with the bare domain
    /// it writes between results: that domain is no authserv-id.
    #[test]
    fn reads_microsofts_field_starting_with_its_bare_domain() {
        let p = parse(
            "example.org; dkim=none (message not signed) header.d=none;example.org; dmarc=none action=none header.from=example.org;",
            false,
        );
        assert_eq!(p.authserv_id, None);
        assert_eq!(p.bare_domains, ["example.org", "example.org"]);
        assert_eq!(p.state, ParseState::Parsed);
        let methods: Vec<&str> = p.methods.iter().map(|m| m.method.as_str()).collect();
        assert_eq!(methods, ["dkim", "dmarc"]);
        let p = parse("example.org; dmarc=pass action=none header.from=example.org", false);
        assert_eq!((p.authserv_id, p.bare_domains.len()), (None, 1));
        // An authserv-id that names a server, even one that is also the From domain, stays one.
        let p = parse("mx.example.net; dmarc=pass (p=none) header.from=mx.example.net", false);
        assert_eq!(p.authserv_id.as_deref(), Some("mx.example.net"));
        let p =
            parse("example.org; spf=pass smtp.mailfrom=example.org; dkim=pass header.d=example.org", false);
        assert_eq!(p.authserv_id.as_deref(), Some("example.org"));
    }

    #[test]
    fn reads_arc_instance_version_and_quoted_reason() {
        let p = parse("i=1; mx.microsoft.com 1; spf=none; dmarc=none", true);
        assert_eq!(
            (p.arc_instance, p.authserv_id.as_deref(), p.version.as_deref()),
            (Some(1), Some("mx.microsoft.com"), Some("1"))
        );
        assert_eq!(p.methods.len(), 2);
        let p = parse(
            "authrestest4int 2; spf=fail reason (BAH) = \"just some (<>.%&! reason\" smtp.mailfrom=dogma.example",
            false,
        );
        assert_eq!(p.methods[0].reason.as_deref(), Some("just some (<>.%&! reason"));
        assert_eq!(p.methods[0].property("smtp", "mailfrom"), Some("dogma.example"));
        assert_eq!(p.state, ParseState::Parsed);
    }

    #[test]
    fn keeps_what_it_cannot_read() {
        let p = parse("keep.org; baz barf", false);
        assert_eq!(p.state, ParseState::Unparsed);
        assert_eq!(p.unparsed, ["baz barf"]);
        let p =
            parse("sa-test.example; header.From=test@sa-test.example; dkim=pass (\n  1024-bit key)", false);
        assert_eq!(p.state, ParseState::Parsed);
        assert_eq!(p.properties[0].value, "test@sa-test.example");
        assert_eq!(p.methods[0].comments, ["1024-bit key"]);
        let p = parse("mta.example  from=a.example; dkim=neutral (no sig)", false);
        assert_eq!(
            (p.state, p.unparsed.as_slice()),
            (ParseState::Partial, ["from=a.example".to_string()].as_slice())
        );
        let p = parse(
            "spf=pass (sender IP is 192.0.2.1) smtp.mailfrom=a.example; outlook.com; dkim=pass header.d=a.example;outlook.com; dmarc=none action=none header.from=",
            false,
        );
        assert_eq!(p.state, ParseState::Parsed);
        assert_eq!(p.bare_domains, ["outlook.com", "outlook.com"]);
        assert_eq!(p.methods[2].property("header", "from"), Some(""));
        let p = parse("pb1.example.com smtp.mail=a@b.example; spf=pass; sender-id=pass", false);
        assert_eq!((p.state, p.properties[0].property.as_str()), (ParseState::Parsed, "mail"));
        let p = parse("example.org 1; none", false);
        assert!(p.no_result && p.state == ParseState::Parsed);
    }

    #[test]
    fn reads_amazon_ses_spf_properties_as_part_of_the_spf_result() {
        let text = "amazonses.com; spf=pass (spfCheck: domain of example.org designates 192.0.2.5 as permitted \
                    sender) client-ip=192.0.2.5; envelope-from=a@example.org; helo=mx.example.org;\n \
                    dkim=pass header.i=@example.org; dmarc=none header.from=example.org;";
        let p = parse(text, false);
        let methods: Vec<&str> = p.methods.iter().map(|m| m.method.as_str()).collect();
        assert_eq!(methods, ["spf", "dkim", "dmarc"]);
        assert!(p.methods.iter().all(|m| !m.unknown_method));
        let spf = &p.methods[0];
        assert_eq!(spf.param("client-ip"), Some("192.0.2.5"));
        assert_eq!(spf.spf_mailfrom(), Some("a@example.org"));
        assert_eq!(spf.spf_helo(), Some("mx.example.org"));
        assert_eq!(&text[spf.range.0..spf.range.1].rsplit(';').next(), &Some(" helo=mx.example.org"));
        assert_eq!(p.state, ParseState::Parsed);
        // The same keys after a method other than SPF are not lifted into it.
        let p = parse("mx.example.net; dkim=pass header.d=example.org; helo=mx.example.org", false);
        assert_eq!(p.methods.iter().map(|m| m.method.as_str()).collect::<Vec<_>>(), ["dkim", "helo"]);
    }

    #[test]
    fn never_panics_on_junk() {
        for junk in ["", ";;;", "=", "a=", "(", "\"", "i=x; ;=;", "é=ü; ü (", "dkim=pass header.b=\"ab"] {
            let _ = parse(junk, true);
            let _ = parse(junk, false);
        }
    }
}
