//! A tolerant lexer for the structured values of Authentication-Results (RFC 8601 §2.2) and
//! Received-SPF (RFC 7208 §9.1): words, quoted strings, comments, `;` and `=`, each with its byte range.
//!
//! It exists so both readers agree on CFWS (comments nest, `\` quotes, quoted strings keep `;`), and so every
//! piece they report can point back into the input. It never fails: an unclosed comment or quote runs to
//! the end of the text.

use std::borrow::Cow;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A run of characters other than white space, `;`, `=`, `(`, `)` and `"`. Unlike RFC 2045 tokens it
    /// may contain `/`, `@`, `:` and `<>`, as real values do (`header.b=ab/+c`, `smtp.mailfrom=<>`).
    Word,
    /// A quoted string; `text` is its content with the quotes and `\` escapes removed.
    Quoted,
    /// A comment; `text` is its content without the outer parentheses.
    Comment,
    Semicolon,
    Equals,
}

/// One token and where it sits in the lexed text (`start..end`, the whole token including quotes).
/// Words and punctuation borrow from the lexed text; quoted strings and comments (unescaped) are owned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token<'a> {
    pub kind: Kind,
    pub text: Cow<'a, str>,
    pub start: usize,
    pub end: usize,
}

/// Splits `value` into tokens. White space (including line breaks of folded fields) separates tokens and
/// is dropped.
pub(crate) fn lex(value: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut chars = value.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        match c {
            c if c.is_whitespace() => {
                chars.next();
            }
            ';' | '=' => {
                chars.next();
                let (kind, text) = if c == ';' { (Kind::Semicolon, ";") } else { (Kind::Equals, "=") };
                tokens.push(Token { kind, text: Cow::Borrowed(text), start, end: start + 1 });
            }
            '(' => {
                chars.next();
                let mut depth = 1usize;
                let mut text = String::new();
                let mut end = value.len();
                while let Some((i, c)) = chars.next() {
                    match c {
                        '\\' => {
                            if let Some((_, q)) = chars.next() {
                                text.push(q);
                            }
                        }
                        '(' => {
                            depth += 1;
                            text.push(c);
                        }
                        ')' => {
                            depth -= 1;
                            if depth == 0 {
                                end = i + 1;
                                break;
                            }
                            text.push(c);
                        }
                        _ => text.push(c),
                    }
                }
                tokens.push(Token { kind: Kind::Comment, text: Cow::Owned(squeeze(&text)), start, end });
            }
            '"' => {
                chars.next();
                let mut text = String::new();
                let mut end = value.len();
                while let Some((i, c)) = chars.next() {
                    match c {
                        '\\' => {
                            if let Some((_, q)) = chars.next() {
                                text.push(q);
                            }
                        }
                        '"' => {
                            end = i + 1;
                            break;
                        }
                        _ => text.push(c),
                    }
                }
                tokens.push(Token { kind: Kind::Quoted, text: Cow::Owned(text), start, end });
            }
            ')' => {
                // A stray closing parenthesis: keep it as a word so nothing is silently lost.
                chars.next();
                tokens.push(Token { kind: Kind::Word, text: Cow::Borrowed(")"), start, end: start + 1 });
            }
            _ => {
                let mut end = value.len();
                while let Some(&(i, c)) = chars.peek() {
                    if c.is_whitespace() || matches!(c, ';' | '=' | '(' | ')' | '"') {
                        end = i;
                        break;
                    }
                    chars.next();
                }
                let text = Cow::Borrowed(value.get(start..end).unwrap_or_default());
                tokens.push(Token { kind: Kind::Word, text, start, end });
            }
        }
    }
    tokens
}

/// Collapses runs of white space (folded lines inside comments) to one space.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(v: &str) -> Vec<(Kind, String)> {
        lex(v).into_iter().map(|t| (t.kind, t.text.into_owned())).collect()
    }

    #[test]
    fn lexes_a_resinfo_with_comment_and_quotes() {
        let toks = kinds("spf=fail reason (BAH) = \"just; some\" smtp.mailfrom=a@b.example;");
        assert_eq!(
            toks,
            vec![
                (Kind::Word, "spf".into()),
                (Kind::Equals, "=".into()),
                (Kind::Word, "fail".into()),
                (Kind::Word, "reason".into()),
                (Kind::Comment, "BAH".into()),
                (Kind::Equals, "=".into()),
                (Kind::Quoted, "just; some".into()),
                (Kind::Word, "smtp.mailfrom".into()),
                (Kind::Equals, "=".into()),
                (Kind::Word, "a@b.example".into()),
                (Kind::Semicolon, ";".into()),
            ]
        );
    }

    #[test]
    fn nested_comments_and_spans() {
        let v = "x (a (b) c)\n\t y";
        let toks = lex(v);
        assert_eq!(toks[1].text, "a (b) c");
        assert_eq!(&v[toks[1].start..toks[1].end], "(a (b) c)");
        assert_eq!(&v[toks[2].start..toks[2].end], "y");
    }

    #[test]
    fn unterminated_pieces_run_to_the_end() {
        let toks = lex("dkim=pass (\n  unclosed \"q");
        assert_eq!(toks.last().map(|t| t.kind), Some(Kind::Comment));
        let toks = lex("a=\"open ü");
        assert_eq!(toks.last().map(|t| t.text.as_ref()), Some("open ü"));
    }
}
