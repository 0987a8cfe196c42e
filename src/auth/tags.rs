//! Tag lists: `tag=value; tag=value` as in DKIM-Signature, ARC-Seal and ARC-Message-Signature
//! (RFC 6376 §3.2). Shared by every reader of such headers.

/// One `tag=value` pair, white space removed around both (and inside the value, as RFC 6376 §3.2 allows
/// folding white space within values such as `b=` and `h=`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Tag {
    pub name: String,
    pub value: String,
}

/// Splits a tag list. Entries without `=` are skipped; names keep their case.
pub(crate) fn parse(value: &str) -> Vec<Tag> {
    value
        .split(';')
        .filter_map(|part| {
            let (name, val) = part.split_once('=')?;
            let name = name.trim();
            if name.is_empty() {
                return None;
            }
            Some(Tag { name: name.to_string(), value: val.split_whitespace().collect::<String>() })
        })
        .collect()
}

/// The value of the first tag with this name (case-insensitive).
pub(crate) fn get<'a>(tags: &'a [Tag], name: &str) -> Option<&'a str> {
    tags.iter().find(|t| t.name.eq_ignore_ascii_case(name)).map(|t| t.value.as_str())
}

/// Where the tag `name` (case-insensitive) sits in `text`, a tag list as written: the byte range of
/// `name=value`, from the name to the end of the value (before `;`), white space at the ends trimmed.
pub(crate) fn locate(text: &str, name: &str) -> Option<(usize, usize)> {
    let mut start = 0;
    for part in text.split(';') {
        let end = start + part.len();
        if let Some((n, _)) = part.split_once('=')
            && n.trim().eq_ignore_ascii_case(name)
        {
            let lead = part.len() - part.trim_start().len();
            let trail = part.len() - part.trim_end().len();
            return Some((start + lead, end - trail));
        }
        start = end + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_dkim_signature() {
        let tags = parse(
            "v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com; s=sel1;\n\th=From:Date :Subject; bh=abc=; b=AB\n\t CD",
        );
        assert_eq!(get(&tags, "d"), Some("example.com"));
        assert_eq!(get(&tags, "h"), Some("From:Date:Subject"));
        assert_eq!(get(&tags, "b"), Some("ABCD"));
        assert_eq!(get(&tags, "bh"), Some("abc="));
        assert_eq!(get(&tags, "x"), None);
    }

    #[test]
    fn locates_a_tag_as_written() {
        let text = "v=1; a=rsa-sha1; D=example.com;\n\th=From:To:\n\t Subject; b=x";
        let (s, e) = locate(text, "h").expect("h");
        assert_eq!(&text[s..e], "h=From:To:\n\t Subject");
        let (s, e) = locate(text, "d").expect("d");
        assert_eq!(&text[s..e], "D=example.com");
        assert_eq!(locate(text, "l"), None);
    }

    #[test]
    fn skips_junk() {
        assert!(parse("garbage; ;=x").is_empty());
    }
}
