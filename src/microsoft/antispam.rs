//! What each key of Microsoft's list-shaped anti-spam headers means: X-Forefront-Antispam-Report,
//! X-Microsoft-Antispam (and their `-Untrusted` copies) and X-Microsoft-Antispam-Mailbox-Delivery.
//!
//! The tables follow Microsoft's "Anti-spam message headers in Microsoft 365", "Spam confidence level
//! (SCL) in EOP" and "Bulk complaint level (BCL) in EOP"; keys and values Microsoft does not describe
//! are marked observed (seen in real headers), unofficial (community write-ups) or unknown.

use crate::catalog::{Msg, Text, msg};
use crate::microsoft::Provenance::{self, Documented, Observed, Unknown, Unofficial};

/// A meaning in words and how well it is established.
pub(crate) type Meaning = (Provenance, Text);

fn doc(words: impl Into<Text>) -> Meaning {
    (Documented, words.into())
}

fn obs(words: impl Into<Text>) -> Meaning {
    (Observed, words.into())
}

/// A documented key whose value is not in Microsoft's table.
fn undocumented_value(what: impl Into<Text>, value: &str) -> Meaning {
    let what = what.into();
    (Unknown, msg!("ms.undocumented-value", what, value).into())
}

/// Meaning of one `KEY:VALUE` entry of X-Forefront-Antispam-Report or X-Microsoft-Antispam.
pub(crate) fn report_entry(key: &str, value: &str) -> Meaning {
    let upper = key.to_ascii_uppercase();
    let v = value.trim();
    if v == "(null)" {
        let (source, words) = report_entry(key, "");
        return (source, msg!("ms.report", words).into());
    }
    match upper.as_str() {
        "SFV" => sfv(v),
        "CAT" => cat(v),
        "SCL" => scl(v),
        "BCL" => bcl(v),
        "PCL" => pcl(v),
        "IPV" => match v {
            "CAL" => doc(msg!("ms.report.cal")),
            "NLI" => doc(msg!("ms.report.nli")),
            "" => obs(msg!("ms.report.empty")),
            _ => undocumented_value(msg!("ms.report.empty-2"), v),
        },
        "CIP" => match v {
            "255.255.255.255" => obs(msg!("ms.report.255-255-255-255")),
            "" => doc(msg!("ms.report.empty-3")),
            _ => doc(msg!("ms.report.empty-4", v)),
        },
        "CTRY" => doc(if v.is_empty() { msg!("ms.report.ctry") } else { msg!("ms.report.ctry-2", v) }),
        "LANG" => doc(if v.is_empty() { msg!("ms.report.lang") } else { msg!("ms.report.lang-2", v) }),
        "H" => doc(if v.is_empty() { msg!("ms.report.h") } else { msg!("ms.report.h-2", v) }),
        "PTR" => match v {
            "InfoDomainNonexistent" => obs(msg!("ms.report.infodomainnonexistent")),
            "InfoNoRecords" => obs(msg!("ms.report.infonorecords")),
            "" => doc(msg!("ms.report.empty-5")),
            _ => doc(msg!("ms.report.empty-6", v)),
        },
        "SFTY" => match v {
            "9.19" => doc(msg!("ms.report.9-19")),
            "9.20" => doc(msg!("ms.report.9-20")),
            "9.25" => doc(msg!("ms.report.9-25")),
            "" => obs(msg!("ms.report.empty-7")),
            _ => undocumented_value(msg!("ms.report.empty-8"), v),
        },
        "SRV" => match v.to_ascii_uppercase().as_str() {
            "BULK" => doc(msg!("ms.report.bulk")),
            "" => obs(msg!("ms.report.empty-9")),
            _ => undocumented_value(msg!("ms.report.srv-what"), v),
        },
        "ARC" => doc(msg!("ms.report.arc", v)),
        "DIR" => match v.to_ascii_uppercase().as_str() {
            "INB" => obs(msg!("ms.report.inb")),
            "OUT" => obs(msg!("ms.report.out")),
            "INT" => obs(msg!("ms.report.int")),
            _ => (Unknown, msg!("ms.report.empty-10", v).into()),
        },
        "SFP" => sfp(v),
        "SFS" => obs(msg!("ms.report.sfs")),
        "ARA" | "RULEID" => obs(msg!("ms.report.ara")),
        "SRVR" => obs(msg!("ms.report.srvr", v)),
        "EFV" => obs(msg!("ms.report.efv", v)),
        "FPR" => obs(msg!("ms.report.fpr")),
        "SPF" => obs(msg!("ms.report.spf", result = if v.is_empty() { "-" } else { v })),
        "MLV" => obs(msg!("ms.report.mlv", v)),
        "MX" => obs(msg!("ms.report.mx", v)),
        "A" => obs(msg!("ms.report.a", v)),
        _ => (Unknown, msg!("ms.report.empty-11", key).into()),
    }
}

/// The meaning of SCL or SFV in a stamp of the sending tenant's outbound scan (`DIR:OUT`), where
/// the inbound table's "delivered to the Inbox" would be wrong: the outbound filter only decides
/// whether the message leaves through the normal or the high-risk delivery pool, and the recipient's
/// own filter decides where it lands. `None` for other keys and values: the inbound meaning holds.
pub(crate) fn outbound_entry(key: &str, value: &str) -> Option<Meaning> {
    if key.eq_ignore_ascii_case("SCL") {
        let n = value.parse::<i32>().ok()?;
        let words = match n {
            -1 => msg!("ms.scl-out-words.skipped"),
            0 | 1 => msg!("ms.scl-out-words.not-spam"),
            5..=9 => msg!("ms.scl-out-words.spam"),
            _ => return None,
        };
        return Some(doc(msg!("ms.scl", n, words)));
    }
    if key.eq_ignore_ascii_case("SFV") {
        return match value.to_ascii_uppercase().as_str() {
            "NSPM" => Some(doc(msg!("ms.sfv-out.nspm"))),
            "SPM" => Some(doc(msg!("ms.sfv-out.spm"))),
            _ => None,
        };
    }
    None
}

/// The spam filtering verdict (SFV) in a few words, for summaries, as catalogue words.
pub(crate) fn sfv_short_msg(v: &str) -> Option<Msg> {
    Some(match v.to_ascii_uppercase().as_str() {
        "NSPM" => msg!("ms.sfv-short.nspm"),
        "SPM" => msg!("ms.sfv-short.spm"),
        "SKN" => msg!("ms.sfv-short.skn"),
        "SKA" => msg!("ms.sfv-short.ska"),
        "SFE" => msg!("ms.sfv-short.sfe"),
        "BLK" => msg!("ms.sfv-short.blk"),
        "SKB" => msg!("ms.sfv-short.skb"),
        "SKS" => msg!("ms.sfv-short.sks"),
        "SKQ" => msg!("ms.sfv-short.skq"),
        "SKI" => msg!("ms.sfv-short.ski"),
        _ => return None,
    })
}

fn sfv(v: &str) -> Meaning {
    let words = match v.to_ascii_uppercase().as_str() {
        "BLK" => {
            msg!("ms.sfv.blk")
        }
        "NSPM" => msg!("ms.sfv.nspm"),
        "SFE" => {
            msg!("ms.sfv.sfe")
        }
        "SKA" => {
            msg!("ms.sfv.ska")
        }
        "SKB" => {
            msg!("ms.sfv.skb")
        }
        "SKI" => {
            msg!("ms.sfv.ski")
        }
        "SKN" => {
            msg!("ms.sfv.skn")
        }
        "SKQ" => msg!("ms.sfv.skq"),
        "SKS" => {
            msg!("ms.sfv.sks")
        }
        "SPM" => msg!("ms.sfv.spm"),
        _ => return undocumented_value(msg!("ms.sfv.empty"), v),
    };
    doc(words)
}

/// The catalogue id of a protection policy category's words.
pub(crate) fn cat_id(v: &str) -> Option<&'static str> {
    Some(match v.to_ascii_uppercase().as_str() {
        "BULK" => "ms.cat-words.bulk",
        "DIMP" => "ms.cat-words.dimp",
        "GIMP" => "ms.cat-words.gimp",
        "HPHSH" | "HPHISH" => "ms.cat-words.hphsh",
        "HSPM" => "ms.cat-words.hspm",
        "MALW" => "ms.cat-words.malw",
        "PHSH" => "ms.cat-words.phsh",
        "SPM" => "ms.cat-words.spm",
        "SPOOF" => "ms.cat-words.spoof",
        "UIMP" => "ms.cat-words.uimp",
        "AMP" => "ms.cat-words.amp",
        "SAP" => "ms.cat-words.sap",
        "FTBP" => "ms.cat-words.ftbp",
        "OSPM" => "ms.cat-words.ospm",
        "INTOS" => "ms.cat-words.intos",
        _ => return None,
    })
}

fn cat(v: &str) -> Meaning {
    if v.eq_ignore_ascii_case("NONE") {
        return obs(msg!("ms.cat.empty"));
    }
    match cat_id(v) {
        Some(id) => doc(msg!("ms.cat", words = Msg::new(id, vec![]))),
        None => undocumented_value(msg!("ms.cat-2"), v),
    }
}

/// The SCL in words, as catalogue words.
pub(crate) fn scl_msg(scl: i32) -> Msg {
    match scl {
        -1 => msg!("ms.scl-words.1"),
        0 | 1 => msg!("ms.scl-words.0-1"),
        5 | 6 => msg!("ms.scl-words.5-6"),
        8 | 9 => msg!("ms.scl-words.8-9"),
        2..=4 => msg!("ms.scl-words.2-4"),
        7 => msg!("ms.scl-words.7"),
        _ => msg!("ms.scl-words.empty"),
    }
}

fn scl(v: &str) -> Meaning {
    match v.parse::<i32>() {
        Ok(n) if (-1..=9).contains(&n) => doc(msg!("ms.scl", n, words = scl_msg(n))),
        _ => undocumented_value(msg!("ms.scl.empty"), v),
    }
}

/// The BCL band as catalogue words.
pub(crate) fn bcl_msg(bcl: i32) -> Msg {
    match bcl {
        0 => msg!("ms.bcl-words.0"),
        1..=3 => msg!("ms.bcl-words.1-3"),
        4..=7 => msg!("ms.bcl-words.4-7"),
        8 | 9 => msg!("ms.bcl-words.8-9"),
        _ => msg!("ms.bcl-words.empty"),
    }
}

fn bcl(v: &str) -> Meaning {
    match v.parse::<i32>() {
        Ok(n) if (0..=9).contains(&n) => doc(msg!("ms.bcl", n, words = bcl_msg(n))),
        _ => undocumented_value(msg!("ms.bcl.empty"), v),
    }
}

fn pcl(v: &str) -> Meaning {
    match v.parse::<i32>() {
        Ok(n @ 1..=3) => doc(msg!("ms.pcl.ok-n-1-3", n)),
        Ok(n @ 4..=8) => doc(msg!("ms.pcl.ok-n-4-8", n)),
        Ok(0) => obs(msg!("ms.pcl.ok-0")),
        _ => undocumented_value(msg!("ms.pcl.empty"), v),
    }
}

fn sfp(v: &str) -> Meaning {
    let pool = match v {
        "1101" | "1102" => msg!("ms.sfp.1101"),
        "1501" => msg!("ms.sfp.1501"),
        "1022" => msg!("ms.sfp.1022"),
        "1023" => msg!("ms.sfp.1023"),
        "1701" => msg!("ms.sfp.1701"),
        "" => return obs(msg!("ms.sfp.empty")),
        _ => return obs(msg!("ms.sfp.empty-2", v)),
    };
    (Unofficial, msg!("ms.sfp.empty-3", v, pool).into())
}

/// Meaning of one `key:value` entry of X-Microsoft-Antispam-Mailbox-Delivery.
pub(crate) fn mailbox_delivery_entry(key: &str, value: &str) -> Meaning {
    match key.to_ascii_lowercase().as_str() {
        "dest" => match value.to_ascii_uppercase().as_str() {
            "I" => obs(msg!("ms.mailbox-delivery.i")),
            "J" => obs(msg!("ms.mailbox-delivery.j")),
            "C" => obs(msg!("ms.mailbox-delivery.c")),
            _ => (Unknown, msg!("ms.mailbox-delivery.empty", value).into()),
        },
        "auth" => match value {
            "1" => obs(msg!("ms.mailbox-delivery.1")),
            "0" => obs(msg!("ms.mailbox-delivery.0")),
            _ => (Unknown, msg!("ms.mailbox-delivery.empty-2", value).into()),
        },
        "eng" => obs(msg!("ms.mailbox-delivery.eng")),
        "ofr" => match value.trim() {
            v if v.eq_ignore_ascii_case("SpamFilterAuthJ") => {
                obs(msg!("ms.mailbox-delivery.spamfilterauthj"))
            }
            v if v.eq_ignore_ascii_case("TrustedSenderList") => {
                obs(msg!("ms.mailbox-delivery.trustedsenderlist"))
            }
            v if v.eq_ignore_ascii_case("CustomRules") => obs(msg!("ms.mailbox-delivery.customrules")),
            v => (Unknown, msg!("ms.mailbox-delivery", v).into()),
        },
        "rf" => match value.trim() {
            v if v.eq_ignore_ascii_case("JunkEmail") => obs(msg!("ms.mailbox-delivery.junkemail")),
            v => (Unknown, msg!("ms.mailbox-delivery.junkemail-2", v).into()),
        },
        "wl" | "pcwl" => match value.trim() {
            "1" => obs(msg!("ms.mailbox-delivery.1-2", key)),
            "0" => obs(msg!("ms.mailbox-delivery.0-2", key)),
            v => (Unknown, msg!("ms.mailbox-delivery.0-3", key, v).into()),
        },
        "ucf" => match value.trim() {
            "1" => obs(msg!("ms.mailbox-delivery.1-3")),
            "0" => obs(msg!("ms.mailbox-delivery.0-4")),
            v => (Unknown, msg!("ms.mailbox-delivery.0-5", v).into()),
        },
        "jmr" | "abwl" | "dwl" => (
            Unofficial,
            msg!(
                "ms.mailbox-delivery.jmr",
                key,
                guess = match key.to_ascii_lowercase().as_str() {
                    "jmr" => msg!("ms.mailbox-delivery.guess-jmr"),
                    "abwl" => msg!("ms.mailbox-delivery.guess-abwl"),
                    _ => msg!("ms.mailbox-delivery.guess-dwl"),
                },
                value
            )
            .into(),
        ),
        _ => (Unknown, msg!("ms.mailbox-delivery.empty-3", key).into()),
    }
}

/// Meaning of one `KEY:VALUE` entry of on-premises Exchange's X-MS-Exchange-Organization-Antispam-Report
/// (the field names come from Microsoft's "Antispam stamps"; values other than the bypass flags are not
/// interpreted).
pub(crate) fn onprem_report_entry(key: &str, value: &str) -> Meaning {
    let v = value.trim();
    match key.to_ascii_lowercase().as_str() {
        "dv" => doc(msg!("ms.onprem-report.dv", v)),
        "sid" => doc(msg!("ms.onprem-report.sid", v)),
        "pcl" => doc(msg!("ms.onprem-report.pcl", v)),
        "origip" => doc(msg!("ms.onprem-report.origip", v)),
        "iponallowlist" => doc(msg!("ms.onprem-report.iponallowlist")),
        "messagesecurityantispambypass" => doc(msg!("ms.onprem-report.messagesecurityantispambypass")),
        "senderbypassed" => doc(msg!("ms.onprem-report.senderbypassed")),
        "allrecipientsbypassed" => doc(msg!("ms.onprem-report.allrecipientsbypassed")),
        "cw" | "time" | "mime" | "p100" | "pp" => doc(msg!("ms.onprem-report.cw", key, v)),
        _ => (Unknown, msg!("ms.onprem-report.empty", key).into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Lang;

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
    fn an_outbound_stamp_does_not_promise_the_inbox() {
        let (source, words) = outbound_entry("SCL", "1").expect("SCL 1 outbound");
        assert_eq!(source, Documented);
        let english = words.render(Lang::En);
        assert!(!english.contains("Inbox"), "{english}");
        assert!(english.contains("recipient's own filter"), "{english}");
        let (_, spam) = outbound_entry("SCL", "5").expect("SCL 5 outbound");
        assert!(spam.render(Lang::En).contains("high-risk delivery pool"), "{}", spam.render(Lang::En));
        let (_, nspm) = outbound_entry("SFV", "NSPM").expect("NSPM outbound");
        assert!(!nspm.render(Lang::En).contains("Inbox"), "{}", nspm.render(Lang::En));
        // Values whose inbound meaning holds outbound too keep it.
        assert!(outbound_entry("SCL", "3").is_none());
        assert!(outbound_entry("SFV", "SKN").is_none());
        assert!(outbound_entry("CIP", "192.0.2.1").is_none());
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
