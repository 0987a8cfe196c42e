//! Reads Received-SPF (RFC 7208 §9.1): `result (comment) key=value; key=value`.
//!
//! Known keys are lifted into fields (`client-ip`, `envelope-from`, `helo`, `receiver`, `identity`,
//! `mechanism`, `problem`); every pair is also kept in order, so Microsoft's `pr=` and others survive.

use serde::Serialize;

use crate::auth::results::{Param, ParseState};
use crate::auth::tokens::{self, Kind};

/// The SPF results RFC 7208 §2.6 defines.
pub(crate) const RESULTS: &[&str] =
    &["none", "neutral", "pass", "fail", "softfail", "temperror", "permerror"];

/// The parsed value of one Received-SPF field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct SpfRecord {
    /// Lower case; `None` when the field does not start with a word.
    pub result: Option<String>,
    /// The comment after the result, e.g. `google.com: domain of a@example.com designates 192.0.2.1 as permitted sender`.
    pub comment: Option<String>,
    pub client_ip: Option<String>,
    pub envelope_from: Option<String>,
    pub helo: Option<String>,
    pub receiver: Option<String>,
    pub identity: Option<String>,
    pub mechanism: Option<String>,
    pub problem: Option<String>,
    /// Every `key=value` in order (keys lower case).
    pub params: Vec<Param>,
    /// Pieces that could not be read, as written.
    pub unparsed: Vec<String>,
    pub state: ParseState,
    /// Where the result word sits in the input.
    pub result_span: crate::model::Span,
    /// The result word as written (e.g. `Pass`).
    #[serde(skip)]
    pub result_text: String,
    /// Offsets of the result word, relative to the parsed text.
    #[serde(skip)]
    pub result_range: (usize, usize),
}

impl SpfRecord {
    /// The host that wrote the field: `receiver=`, else the name before `:` in the comment.
    pub(crate) fn receiver_host(&self) -> Option<&str> {
        self.receiver.as_deref().or_else(|| {
            let c = self.comment.as_deref()?;
            let (host, _) = c.split_once(':')?;
            let host = host.trim();
            (!host.is_empty() && !host.contains(' ')).then_some(host)
        })
    }
}

/// Reads a Received-SPF value. Never fails.
pub(crate) fn parse(text: &str) -> SpfRecord {
    let toks = tokens::lex(text);
    let mut out = SpfRecord::default();
    let mut i = 0;
    if let Some(t) = toks.first().filter(|t| t.kind == Kind::Word) {
        // `result` is a word not followed by `=` (otherwise the field starts with key=value pairs).
        if toks.get(1).is_none_or(|n| n.kind != Kind::Equals) {
            out.result = Some(t.text.to_ascii_lowercase());
            out.result_range = (t.start, t.end);
            out.result_text = t.text.to_string();
            i = 1;
        }
    }
    let mut stray: Vec<String> = Vec::new();
    while i < toks.len() {
        let t = &toks[i];
        match t.kind {
            Kind::Comment => {
                if out.comment.is_none() {
                    out.comment = Some(t.text.to_string());
                }
                i += 1;
            }
            Kind::Semicolon => i += 1,
            Kind::Word if toks.get(i + 1).is_some_and(|n| n.kind == Kind::Equals) => {
                let key = t.text.to_ascii_lowercase();
                let mut value = String::new();
                let mut j = i + 2;
                if let Some(v) = toks.get(j).filter(|v| matches!(v.kind, Kind::Word | Kind::Quoted)) {
                    value = v.text.to_string();
                    let mut end = v.end;
                    j += 1;
                    while let Some(n) =
                        toks.get(j).filter(|n| n.start == end && matches!(n.kind, Kind::Word | Kind::Equals))
                    {
                        value.push_str(&n.text);
                        end = n.end;
                        j += 1;
                    }
                }
                let slot = match key.as_str() {
                    "client-ip" => Some(&mut out.client_ip),
                    "envelope-from" => Some(&mut out.envelope_from),
                    "helo" => Some(&mut out.helo),
                    "receiver" => Some(&mut out.receiver),
                    "identity" => Some(&mut out.identity),
                    "mechanism" => Some(&mut out.mechanism),
                    "problem" => Some(&mut out.problem),
                    _ => None,
                };
                if let Some(slot) = slot
                    && slot.is_none()
                {
                    *slot = Some(value.clone());
                }
                out.params.push(Param { name: key, value });
                i = j;
            }
            _ => {
                stray.push(text.get(t.start..t.end).unwrap_or_default().to_string());
                i += 1;
            }
        }
    }
    if !stray.is_empty() {
        out.unparsed.push(stray.join(" "));
    }
    let known = out.result.as_deref().is_some_and(|r| RESULTS.contains(&r));
    out.state = match (known, out.unparsed.is_empty()) {
        (true, true) => ParseState::Parsed,
        (true, false) => ParseState::Partial,
        (false, _) => {
            if let Some(r) = &out.result {
                out.unparsed.insert(0, format!("unknown result {r}"));
            }
            ParseState::Unparsed
        }
    };
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_spamassassin_style() {
        let r = parse(
            "fail (example.net: 192.0.2.9 is authorized to use\n 'a@example.net' in 'mfrom' identity (mechanism 'mx' matched))\n receiver=FC5-VPC; identity=mfrom; envelope-from=\"a@example.net\";\n helo=smtp.example.net; client-ip=192.0.2.9",
        );
        assert_eq!(r.state, ParseState::Parsed);
        assert_eq!(r.result.as_deref(), Some("fail"));
        assert_eq!(r.envelope_from.as_deref(), Some("a@example.net"));
        assert_eq!(r.client_ip.as_deref(), Some("192.0.2.9"));
        assert_eq!(r.identity.as_deref(), Some("mfrom"));
        assert_eq!(r.receiver_host(), Some("FC5-VPC"));
        assert!(r.comment.as_deref().is_some_and(|c| c.contains("(mechanism 'mx' matched)")));
    }

    #[test]
    fn reads_microsoft_and_gmail_style() {
        let r = parse(
            "Pass (protection.outlook.com: domain of example.com designates 2001:db8::1 as permitted sender) receiver=protection.outlook.com; client-ip=2001:db8::1; helo=mail.example.com; pr=C",
        );
        assert_eq!(r.result.as_deref(), Some("pass"));
        assert_eq!(r.client_ip.as_deref(), Some("2001:db8::1"));
        assert_eq!(r.params.last().map(|p| (p.name.as_str(), p.value.as_str())), Some(("pr", "C")));
        let r = parse(
            "softfail (google.com: domain of transitioning a@example.com does not designate 192.0.2.1 as permitted sender) client-ip=192.0.2.1;",
        );
        assert_eq!(r.receiver_host(), Some("google.com"));
        assert_eq!(r.state, ParseState::Parsed);
    }

    #[test]
    fn marks_junk_unparsed() {
        assert_eq!(parse("").state, ParseState::Unparsed);
        assert_eq!(parse("maybe (who knows)").state, ParseState::Unparsed);
        let _ = parse("= ; (\"");
    }
}
