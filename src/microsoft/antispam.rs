//! What each key of Microsoft's list-shaped anti-spam headers means: X-Forefront-Antispam-Report,
//! X-Microsoft-Antispam (and their `-Untrusted` copies) and X-Microsoft-Antispam-Mailbox-Delivery.
//!
//! The tables follow Microsoft's "Anti-spam message headers in Microsoft 365", "Spam confidence level
//! (SCL) in EOP" and "Bulk complaint level (BCL) in EOP"; keys and values Microsoft does not describe
//! are marked observed (seen in real headers), unofficial (community write-ups) or unknown.

use crate::microsoft::Provenance::{self, Documented, Observed, Unknown, Unofficial};

/// A meaning in words and how well it is established.
pub(crate) type Meaning = (Provenance, String);

fn doc(words: impl Into<String>) -> Meaning {
    (Documented, words.into())
}

fn obs(words: impl Into<String>) -> Meaning {
    (Observed, words.into())
}

/// A documented key whose value is not in Microsoft's table.
fn undocumented_value(what: &str, value: &str) -> Meaning {
    (Unknown, format!("{what}; the value \"{value}\" is not in Microsoft's table"))
}

/// Meaning of one `KEY:VALUE` entry of X-Forefront-Antispam-Report or X-Microsoft-Antispam.
pub(crate) fn report_entry(key: &str, value: &str) -> Meaning {
    let upper = key.to_ascii_uppercase();
    let v = value.trim();
    if v == "(null)" {
        let (source, words) = report_entry(key, "");
        return (source, format!("{words} (written as \"(null)\": no value)"));
    }
    match upper.as_str() {
        "SFV" => sfv(v),
        "CAT" => cat(v),
        "SCL" => scl(v),
        "BCL" => bcl(v),
        "PCL" => pcl(v),
        "IPV" => match v {
            "CAL" => doc(
                "filtering was skipped because the source IP address is on the IP Allow List (also seen for tenant inbound connectors)",
            ),
            "NLI" => doc("the source IP address was not found on any IP reputation list"),
            "" => obs("IP reputation: no value"),
            _ => undocumented_value("IP reputation verdict", v),
        },
        "CIP" => match v {
            "255.255.255.255" => {
                obs("connecting IP 255.255.255.255: no IP address, the message was submitted from a mailbox")
            }
            "" => doc("connecting IP address: not recorded"),
            _ => doc(format!("the connecting IP address was {v} (usable in IP Allow/Block lists)")),
        },
        "CTRY" => doc(if v.is_empty() {
            "source country: not recorded".to_string()
        } else {
            format!("source country {v}, from the connecting IP (may differ from the originating sender's)")
        }),
        "LANG" => doc(if v.is_empty() {
            "message language: not determined".to_string()
        } else {
            format!("the message language is {v}")
        }),
        "H" => doc(if v.is_empty() {
            "HELO/EHLO of the connecting server: not recorded".to_string()
        } else {
            format!("the connecting server introduced itself (HELO/EHLO) as {v}")
        }),
        "PTR" => match v {
            "InfoDomainNonexistent" => {
                obs("reverse DNS of the source IP: the PTR name's domain does not exist")
            }
            "InfoNoRecords" => obs("reverse DNS of the source IP: no PTR record"),
            "" => doc("reverse DNS of the source IP: not recorded"),
            _ => doc(format!("reverse DNS (PTR) of the source IP is {v}")),
        },
        "SFTY" => match v {
            "9.19" => doc("phishing safety: domain impersonation"),
            "9.20" => doc("phishing safety: user impersonation"),
            "9.25" => doc("phishing safety: first contact safety tip"),
            "" => obs("phishing safety: no value"),
            _ => undocumented_value("phishing safety (SFTY) code", v),
        },
        "SRV" => match v.to_ascii_uppercase().as_str() {
            "BULK" => doc("identified as bulk mail by the bulk complaint level (BCL) threshold"),
            "" => obs("no special service verdict (empty on ordinary mail)"),
            _ => undocumented_value("service verdict", v),
        },
        "ARC" => doc(format!("ARC data recorded by the filter: {v}")),
        "DIR" => match v.to_ascii_uppercase().as_str() {
            "INB" => obs("direction: inbound (from outside the organisation)"),
            "OUT" => obs("direction: outbound (leaving the organisation)"),
            "INT" => obs("direction: internal (intra-organisation)"),
            _ => (Unknown, format!("direction code \"{v}\" (DIR itself is observed, undocumented)")),
        },
        "SFP" => sfp(v),
        "SFS" => {
            obs("the filter's rule IDs (diagnostic data used by Microsoft's anti-spam team; not interpreted)")
        }
        "ARA" | "RULEID" => obs("internal diagnostic data; not interpreted"),
        "SRVR" => {
            obs(format!("the Exchange Online server that filtered the message ({v}); older header format"))
        }
        "EFV" => obs(format!("legacy filter field of the older header format ({v})")),
        "FPR" => obs("legacy fingerprint of the older header format; not interpreted"),
        "SPF" => obs(format!(
            "legacy SPF result of the older header format: {}",
            if v.is_empty() { "-" } else { v }
        )),
        "MLV" => obs(format!("legacy filter verdict of the older header format ({v})")),
        "MX" => obs(format!(
            "legacy field of the older header format, likely whether the sending domain has an MX record ({v})"
        )),
        "A" => obs(format!(
            "legacy field of the older header format, likely whether the sending domain has an A record ({v})"
        )),
        _ => (
            Unknown,
            format!("field {key} is not described by Microsoft or in headerlens' tables; kept as written"),
        ),
    }
}

/// The spam filtering verdict (SFV) in a few words, for summaries.
pub(crate) fn sfv_short(v: &str) -> Option<&'static str> {
    Some(match v.to_ascii_uppercase().as_str() {
        "NSPM" => "not spam",
        "SPM" => "spam",
        "SKN" => "not spam, marked before filtering (for example by a mail flow rule)",
        "SKA" => "allowed by the anti-spam policy, filtering skipped",
        "SFE" => "allowed by the recipient's Safe Senders, filtering skipped",
        "BLK" => "blocked by the recipient's Blocked Senders",
        "SKB" => "spam, sender or domain blocked in the anti-spam policy",
        "SKS" => "spam, marked before filtering (for example by a mail flow rule)",
        "SKQ" => "released from quarantine",
        "SKI" => "intra-organisation message",
        _ => return None,
    })
}

fn sfv(v: &str) -> Meaning {
    let words = match v.to_ascii_uppercase().as_str() {
        "BLK" => {
            "filtering was skipped and the message was blocked because the sender is in the recipient's Blocked Senders list"
        }
        "NSPM" => "spam filtering marked the message as non-spam; it goes to the recipient's Inbox",
        "SFE" => {
            "filtering was skipped and the message was allowed because the sender is in the recipient's Safe Senders list"
        }
        "SKA" => {
            "filtering was skipped and the message was allowed because the sender or domain is on an allowed list in the anti-spam policy"
        }
        "SKB" => {
            "the message was marked as spam because the sender or domain is on a blocked list in the anti-spam policy"
        }
        "SKI" => {
            "intra-organisation message: marked based on the content of a message sent inside the organisation"
        }
        "SKN" => {
            "the message was marked as non-spam before spam filtering (for example a mail flow rule set SCL -1)"
        }
        "SKQ" => "the message was released from the quarantine and sent to the intended recipients",
        "SKS" => {
            "the message was marked as spam before spam filtering (for example a mail flow rule set SCL 5 to 9)"
        }
        "SPM" => "spam filtering marked the message as spam",
        _ => return undocumented_value("spam filtering verdict (SFV)", v),
    };
    doc(words)
}

/// The protection policy category (CAT) in words.
pub(crate) fn cat_words(v: &str) -> Option<&'static str> {
    Some(match v.to_ascii_uppercase().as_str() {
        "BULK" => "bulk",
        "DIMP" => "domain impersonation",
        "GIMP" => "mailbox intelligence based impersonation",
        "HPHSH" | "HPHISH" => "high confidence phishing",
        "HSPM" => "high confidence spam",
        "MALW" => "malware",
        "PHSH" => "phishing",
        "SPM" => "spam",
        "SPOOF" => "spoofing",
        "UIMP" => "user impersonation",
        "AMP" => "anti-malware",
        "SAP" => "Safe Attachments",
        "FTBP" => "anti-malware common attachments (file type) filter",
        "OSPM" => "outbound spam",
        "INTOS" => "intra-organisation phishing",
        _ => return None,
    })
}

fn cat(v: &str) -> Meaning {
    if v.eq_ignore_ascii_case("NONE") {
        return obs("no protection policy category applied (seen on clean mail)");
    }
    match cat_words(v) {
        Some(words) => doc(format!("the protection policy category that applied: {words}")),
        None => undocumented_value("protection policy category (CAT)", v),
    }
}

/// The SCL in words, as Microsoft documents it.
pub(crate) fn scl_words(scl: i32) -> &'static str {
    match scl {
        -1 => {
            "filtering skipped (safe sender or recipient, IP Allow List or mail flow rule): delivered to the Inbox"
        }
        0 | 1 => "not spam: delivered to the Inbox",
        5 | 6 => "spam: the Spam action applies (by default the Junk Email folder)",
        8 | 9 => "high confidence spam: the High confidence spam action applies",
        2..=4 => "not used by spam filtering; a mail flow rule likely set it",
        7 => {
            "not used by spam filtering; a mail flow rule likely set it (7 to 9 trigger the High confidence spam action)"
        }
        _ => "outside the documented range -1 to 9",
    }
}

fn scl(v: &str) -> Meaning {
    match v.parse::<i32>() {
        Ok(n) if (-1..=9).contains(&n) => doc(format!("spam confidence level {n}: {}", scl_words(n))),
        _ => undocumented_value("spam confidence level (SCL)", v),
    }
}

/// The BCL band in words.
pub(crate) fn bcl_words(bcl: i32) -> &'static str {
    match bcl {
        0 => "not from a bulk sender",
        1..=3 => "from a bulk sender that generates few complaints",
        4..=7 => "from a bulk sender that generates a mixed number of complaints",
        8 | 9 => "from a bulk sender that generates a high number of complaints",
        _ => "outside the documented range 0 to 9",
    }
}

fn bcl(v: &str) -> Meaning {
    match v.parse::<i32>() {
        Ok(n) if (0..=9).contains(&n) => doc(format!(
            "bulk complaint level {n}: {}; the default anti-spam policy treats 7 or more as bulk (Standard preset 6, Strict 5)",
            bcl_words(n)
        )),
        _ => undocumented_value("bulk complaint level (BCL)", v),
    }
}

fn pcl(v: &str) -> Meaning {
    match v.parse::<i32>() {
        Ok(n @ 1..=3) => {
            doc(format!("phishing confidence level {n}: neutral, the content is not likely phishing"))
        }
        Ok(n @ 4..=8) => {
            doc(format!("phishing confidence level {n}: suspicious, the content is likely phishing"))
        }
        Ok(0) => obs(
            "phishing confidence level 0: seen on ordinary mail; below Microsoft's documented 1 to 3 (neutral) band",
        ),
        _ => undocumented_value("phishing confidence level (PCL)", v),
    }
}

fn sfp(v: &str) -> Meaning {
    let pool = match v {
        "1101" | "1102" => "the normal outbound delivery pool for enterprise mail",
        "1501" => "the high-risk delivery pool",
        "1022" => "the normal relay pool",
        "1023" => "the high-risk relay pool",
        "1701" => "a low-risk outbound pool",
        "" => return obs("outbound pool partition (SFP): no value"),
        _ => return obs(format!("outbound pool partition code {v}; no reading is known for this value")),
    };
    (Unofficial, format!("outbound pool partition {v}: {pool}"))
}

/// Meaning of one `key:value` entry of X-Microsoft-Antispam-Mailbox-Delivery.
pub(crate) fn mailbox_delivery_entry(key: &str, value: &str) -> Meaning {
    match key.to_ascii_lowercase().as_str() {
        "dest" => match value.to_ascii_uppercase().as_str() {
            "I" => obs("delivered to the Inbox"),
            "J" => obs("delivered to the Junk Email folder"),
            "C" => obs("delivered to a custom folder"),
            _ => (Unknown, format!("delivery destination code \"{value}\" is not known")),
        },
        "auth" => match value {
            "1" => obs("the sender was authenticated (for example an internal, signed-in sender)"),
            "0" => obs("the sender was not authenticated to the recipient's organisation"),
            _ => (Unknown, format!("auth code \"{value}\" is not known")),
        },
        "eng" => obs("the delivery engine's rule IDs (diagnostic data; not interpreted)"),
        "ofr" => match value.trim() {
            v if v.eq_ignore_ascii_case("SpamFilterAuthJ") => obs(
                "seen with dest:J and RF:JunkEmail when the spam filter's verdict sent the message to Junk",
            ),
            v if v.eq_ignore_ascii_case("TrustedSenderList") => obs(
                "seen with dest:I (and wl:1, pcwl:1) when the sender is on the recipient's Safe Senders list or contacts",
            ),
            v if v.eq_ignore_ascii_case("CustomRules") => obs(
                "seen with dest:C or dest:J (and ucf:1) when an inbox rule of the mailbox chose the folder",
            ),
            v => (Unknown, format!("the folder decision's origin \"{v}\" is not in headerlens' tables")),
        },
        "rf" => match value.trim() {
            v if v.eq_ignore_ascii_case("JunkEmail") => obs("the folder chosen was the Junk Email folder"),
            v => (Unknown, format!("folder code \"{v}\" is not in headerlens' tables")),
        },
        "wl" | "pcwl" => match value.trim() {
            "1" => obs(format!(
                "{key}:1 is seen with OFR:TrustedSenderList: the sender matched a list the mailbox trusts (pcwl likely its contacts)"
            )),
            "0" => obs(format!("{key}:0: no trusted-list match (seen on most messages)")),
            v => (Unknown, format!("{key} value \"{v}\" is not in headerlens' tables")),
        },
        "ucf" => match value.trim() {
            "1" => {
                obs("ucf:1 is seen with OFR:CustomRules: likely an inbox rule (user custom filter) matched")
            }
            "0" => obs("ucf:0: no inbox rule matched (seen on most messages)"),
            v => (Unknown, format!("ucf value \"{v}\" is not in headerlens' tables")),
        },
        "jmr" | "abwl" | "dwl" => (
            Unofficial,
            format!(
                "only community guesses exist for {key} ({}), so headerlens does not interpret {value:?}",
                match key.to_ascii_lowercase().as_str() {
                    "jmr" => "a junk mail rule",
                    "abwl" => "an address book allow list",
                    _ => "a domain allow list",
                }
            ),
        ),
        _ => (
            Unknown,
            format!("field {key} is not described by Microsoft or in headerlens' tables; kept as written"),
        ),
    }
}

/// Meaning of one `KEY:VALUE` entry of on-premises Exchange's X-MS-Exchange-Organization-Antispam-Report
/// (the field names come from Microsoft's "Antispam stamps"; values other than the bypass flags are not
/// interpreted).
pub(crate) fn onprem_report_entry(key: &str, value: &str) -> Meaning {
    let v = value.trim();
    match key.to_ascii_lowercase().as_str() {
        "dv" => doc(format!("version of the spam definitions the Content Filter agent used ({v})")),
        "sid" => doc(format!("Sender ID result: {v}")),
        "pcl" => doc(format!("phishing confidence level: {v}")),
        "origip" => doc(format!("the originating IP address was {v}")),
        "iponallowlist" => doc("the source IP address is on the IP Allow list, so filtering was skipped"),
        "messagesecurityantispambypass" => doc(
            "filtering was skipped because the message was authenticated (for example an internal or partner connection)",
        ),
        "senderbypassed" => doc("filtering was skipped because the sender is on the bypassed senders list"),
        "allrecipientsbypassed" => {
            doc("filtering was skipped because every recipient bypasses spam filtering")
        }
        "cw" | "time" | "mime" | "p100" | "pp" => doc(format!(
            "{key}: a content filter field named in Microsoft's antispam stamps; not interpreted ({v})"
        )),
        _ => (
            Unknown,
            format!("field {key} is not described by Microsoft or in headerlens' tables; kept as written"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_values_read_as_documented() {
        assert_eq!(report_entry("SFV", "SPM").0, Documented);
        assert!(report_entry("SFV", "SPM").1.contains("spam"));
        assert_eq!(report_entry("scl", "-1").0, Documented);
        assert!(report_entry("SCL", "6").1.contains("Junk Email"));
        assert_eq!(report_entry("BCL", "8").0, Documented);
        assert!(report_entry("BCL", "8").1.contains("high number of complaints"));
    }

    #[test]
    fn observed_unofficial_and_unknown_are_told_apart() {
        assert_eq!(report_entry("DIR", "INB").0, Observed);
        assert_eq!(report_entry("SFP", "1501").0, Unofficial);
        assert_eq!(report_entry("SFP", "4242").0, Observed);
        assert_eq!(report_entry("ZZZ", "1").0, Unknown);
        assert_eq!(report_entry("SFV", "QQQ").0, Unknown);
        assert_eq!(report_entry("CAT", "NONE").0, Observed);
    }

    #[test]
    fn null_values_are_named() {
        let (source, words) = report_entry("UIP", "(null)");
        assert_eq!(source, Unknown);
        assert!(words.contains("(null)"));
        assert!(report_entry("SRV", "(null)").1.contains("no value"));
    }

    #[test]
    fn onprem_report() {
        assert_eq!(onprem_report_entry("DV", "3.3.5705.600").0, Documented);
        assert!(onprem_report_entry("SID", "SenderIDStatus Fail").1.contains("SenderIDStatus Fail"));
        assert_eq!(onprem_report_entry("Zeta", "1").0, Unknown);
    }

    #[test]
    fn mailbox_delivery() {
        assert!(mailbox_delivery_entry("dest", "J").1.contains("Junk"));
        assert_eq!(mailbox_delivery_entry("ucf", "0").0, Observed);
        assert_eq!(mailbox_delivery_entry("jmr", "0").0, Unofficial);
        assert_eq!(mailbox_delivery_entry("OFR", "TrustedSenderList").0, Observed);
        assert_eq!(mailbox_delivery_entry("OFR", "SomethingNew").0, Unknown);
        assert_eq!(mailbox_delivery_entry("psp", "0").0, Unknown);
    }
}
