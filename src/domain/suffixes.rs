//! Public suffix look-ups over the embedded list, compiled by `build.rs` into a label trie and read into a
//! hash map on first use. Same answers as the `publicsuffix` crate's `List` (ICANN and private sections,
//! implicit `*` rule, wildcards, exceptions): a test compares both on names built from every rule.

use std::collections::HashMap;
use std::sync::OnceLock;

include!(concat!(env!("OUT_DIR"), "/suffix_trie.rs"));

/// Rule marks of a trie node.
const RULE: u8 = 1;
const EXCEPTION: u8 = 2;
/// A top-level label with no ICANN rule.
const NOT_ICANN: u8 = 4;

/// The trie: `(parent node, label)` → `(node, marks)`; node 0 is the root. Hashed with FNV-1a (see `memo`):
/// its keys are fixed, and each look-up hashes a short label, which SipHash made a third of the look-up.
type Trie = HashMap<(u32, &'static str), (u32, u8), std::hash::BuildHasherDefault<super::memo::Fnv>>;

fn trie() -> &'static Trie {
    static CELL: OnceLock<Trie> = OnceLock::new();
    CELL.get_or_init(|| {
        let mut map = Trie::with_capacity_and_hasher(10_500, Default::default());
        let mut stack = vec![0u32];
        let mut last = 0u32;
        let mut next = 1u32;
        let bytes = TRIE.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'(' => {
                    stack.push(last);
                    i += 1;
                }
                b')' => {
                    stack.pop();
                    i += 1;
                }
                b',' => i += 1,
                _ => {
                    let start = i;
                    while i < bytes.len() && !b"(),.!?".contains(&bytes[i]) {
                        i += 1;
                    }
                    let label = &TRIE[start..i];
                    // A rule ends at a node unless it is marked `.` (none) or `!` (an exception): most
                    // nodes are rules, so the generated text marks the others (1 KB less gzip).
                    let mut marks = RULE;
                    while let Some(&b) = bytes.get(i).filter(|b| b".!?".contains(b)) {
                        marks = match b {
                            b'.' => marks & !RULE,
                            b'!' => (marks & !RULE) | EXCEPTION,
                            _ => marks | NOT_ICANN,
                        };
                        i += 1;
                    }
                    let parent = stack.last().copied().unwrap_or(0);
                    map.insert((parent, label), (next, marks));
                    last = next;
                    next += 1;
                }
            }
        }
        map
    })
}

/// True when some ICANN-section rule ends in this top-level label (`com`, `uk`; not `lan`, `corp`).
pub(super) fn is_icann_tld(tld: &str) -> bool {
    trie().get(&(0, tld)).is_some_and(|&(_, marks)| marks & NOT_ICANN == 0)
}

/// Length of the public suffix at the end of `name` (lower-case A-labels, no trailing dot, no empty
/// label), by the PSL algorithm as the `publicsuffix` crate runs it: an unlisted TLD is its own suffix.
pub(super) fn suffix_len(name: &str) -> usize {
    let trie = trie();
    let mut labels = name.rsplit('.');
    let Some(tld) = labels.next() else { return 0 };
    let mut len = tld.len();
    let Some(&(mut node, _)) = trie.get(&(0, tld)) else { return len };
    let mut so_far = len;
    for label in labels {
        let Some(&(child, marks)) = trie.get(&(node, label)).or_else(|| trie.get(&(node, "*"))) else {
            break;
        };
        node = child;
        if marks & EXCEPTION != 0 {
            len = so_far;
            break;
        }
        if marks & RULE != 0 {
            len = so_far + label.len() + 1;
        }
        so_far += label.len() + 1;
    }
    len
}

/// The registrable domain (public suffix plus one label) of `name`, or `None` when `name` is itself a
/// public suffix. `name` as for [`suffix_len`].
pub(super) fn registrable(name: &str) -> Option<&str> {
    let suffix = suffix_len(name);
    if name.len() < suffix + 2 {
        return None;
    }
    let head = &name[..name.len() - suffix - 1];
    let root = head.rsplit('.').next().unwrap_or(head);
    Some(&name[name.len() - suffix - 1 - root.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use publicsuffix::{List, Psl};

    const PSL_TEXT: &str = include_str!("public_suffix_list.dat");

    /// Every rule of the list, and names around it (the rule, one and two labels below it, the label
    /// a wildcard stands for), give the same suffix and registrable domain as the `publicsuffix` crate.
    #[test]
    fn same_answers_as_the_publicsuffix_crate_over_every_rule() {
        let list: List = PSL_TEXT.parse().expect("the embedded list parses");
        let mut names = 0;
        for line in PSL_TEXT.lines().filter(|l| !l.starts_with("//") && !l.trim().is_empty()) {
            let rule = line.trim().trim_start_matches('!');
            let base = rule.replace('*', "wild");
            let parent = rule.split_once('.').map_or("", |(_, p)| p);
            for name in [
                base.clone(),
                format!("a.{base}"),
                format!("b.a.{base}"),
                parent.to_string(),
                format!("zz.{parent}"),
                format!("y.zz.{parent}"),
            ] {
                if name.is_empty() || name.starts_with('.') || name.ends_with('.') {
                    continue;
                }
                names += 1;
                let theirs = list.suffix(name.as_bytes()).map_or(0, |s| s.as_bytes().len());
                assert_eq!(suffix_len(&name), theirs, "suffix of {name}");
                let theirs =
                    list.domain(name.as_bytes()).map(|d| String::from_utf8_lossy(d.as_bytes()).into_owned());
                assert_eq!(registrable(&name).map(str::to_string), theirs, "registrable domain of {name}");
            }
        }
        assert!(names > 50_000, "{names} names");
        for name in ["com", "example.com", "nonexistent-tld", "a.nonexistent-tld", "x.y.z.example.co.uk"] {
            let theirs =
                list.domain(name.as_bytes()).map(|d| String::from_utf8_lossy(d.as_bytes()).into_owned());
            assert_eq!(registrable(name).map(str::to_string), theirs, "{name}");
        }
    }

    /// The ICANN top-level labels are those of the ICANN section, read from the list text.
    #[test]
    fn icann_tlds_are_those_of_the_icann_section() {
        let mut icann = std::collections::HashSet::new();
        let mut all = std::collections::HashSet::new();
        let mut in_icann = false;
        for line in PSL_TEXT.lines() {
            if line.contains("BEGIN ICANN DOMAINS") {
                in_icann = true;
            } else if line.contains("END ICANN DOMAINS") {
                in_icann = false;
            } else if !line.starts_with("//") && !line.is_empty() {
                let tld = line.rsplit('.').next().unwrap_or(line).trim_start_matches('!');
                all.insert(tld);
                if in_icann {
                    icann.insert(tld);
                }
            }
        }
        assert!(icann.len() > 1000);
        for tld in all {
            assert_eq!(is_icann_tld(tld), icann.contains(tld), "{tld}");
        }
        assert!(!is_icann_tld("lan") && !is_icann_tld("corp") && !is_icann_tld(""));
    }
}
