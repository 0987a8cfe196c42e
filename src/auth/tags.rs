//! Tag lists: `tag=value; tag=value` as in DKIM-Signature, ARC-Seal and ARC-Message-Signature
//! (RFC 6376 §3.2). Shared by every reader of such headers.

/// One `tag=value` pair, white space removed around both (and inside the value, as RFC 6376 §3.2 allows
/// folding white space within values such as `b=` and `h=`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    pub name: String,
    pub value: String,
}

/// Splits a tag list. Entries without `=` are skipped; names keep their case.
pub fn parse(value: &str) -> Vec<Tag> {
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
pub fn get<'a>(tags: &'a [Tag], name: &str) -> Option<&'a str> {
    tags.iter().find(|t| t.name.eq_ignore_ascii_case(name)).map(|t| t.value.as_str())
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
    fn skips_junk() {
        assert!(parse("garbage; ;=x").is_empty());
    }
}
