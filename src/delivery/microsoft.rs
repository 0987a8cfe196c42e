//! Microsoft 365's placement: X-Microsoft-Antispam-Mailbox-Delivery (`dest`, `OFR`, `RF`, the list flags)
//! read together with the filter's verdict (SFV, SCL, CAT, BCL, SRV, IPV) and the trusted `compauth`.
//!
//! Precedence follows the order Exchange Online applies them: an organisation-wide skip or block (mail flow
//! rule, allow or block list) sets the verdict before filtering; the filter's verdict picks the policy
//! action; then, at the mailbox, the user's Safe Senders / Blocked Senders lists, the junk settings and inbox
//! rules can still move the message. `dest` says where it went; the other fields say who sent it there.

use crate::delivery::Ctx;
use crate::delivery::{DecidedBy, Delivery, Placement, Reason};
use crate::microsoft::{AntispamReport, MsField, Provenance, cat_words};
use crate::model::{Confidence, Evidence};

const MAILBOX_DELIVERY: &str = "X-Microsoft-Antispam-Mailbox-Delivery";

/// The entries of the topmost X-Microsoft-Antispam-Mailbox-Delivery field.
struct MailboxDelivery<'a> {
    entries: Vec<&'a MsField>,
}

impl<'a> MailboxDelivery<'a> {
    fn read(ctx: &Ctx<'a>) -> Option<MailboxDelivery<'a>> {
        let index = ctx.headers.iter().position(|f| f.name.eq_ignore_ascii_case(MAILBOX_DELIVERY))?;
        let entries: Vec<&MsField> = ctx.microsoft.fields.iter().filter(|f| f.field_index == index).collect();
        (!entries.is_empty()).then_some(MailboxDelivery { entries })
    }

    fn get(&self, key: &str) -> Option<&'a MsField> {
        self.entries.iter().copied().find(|f| f.key.eq_ignore_ascii_case(key))
    }

    fn value(&self, key: &str) -> Option<String> {
        self.get(key).map(|f| f.value.trim().to_string())
    }

    fn is(&self, key: &str, value: &str) -> bool {
        self.value(key).is_some_and(|v| v.eq_ignore_ascii_case(value))
    }
}

/// What the filter said, in the terms the decision needs.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Filtered {
    /// SCL 5 or more, or SFV SPM / SKS / SKB, or a spam or threat category.
    Spam,
    /// SCL -1 to 1, or SFV NSPM / SKN / SKA / SFE / SKI.
    NotSpam,
    /// No verdict recorded.
    Unknown,
}

fn sfv_of(report: Option<&AntispamReport>) -> String {
    report.and_then(|r| r.sfv.clone()).unwrap_or_default().to_ascii_uppercase()
}

fn cat_of(report: Option<&AntispamReport>) -> String {
    report.and_then(|r| r.cat.clone()).unwrap_or_default().to_ascii_uppercase()
}

fn filtered(report: Option<&AntispamReport>) -> Filtered {
    let sfv = sfv_of(report);
    let cat = cat_of(report);
    if matches!(sfv.as_str(), "SPM" | "SKS" | "SKB" | "BLK")
        || matches!(cat.as_str(), "SPM" | "HSPM" | "PHSH" | "HPHSH" | "HPHISH" | "MALW" | "SPOOF" | "BULK")
    {
        return Filtered::Spam;
    }
    if matches!(sfv.as_str(), "NSPM" | "SKN" | "SKA" | "SFE" | "SKI" | "SKQ") {
        return Filtered::NotSpam;
    }
    match report.and_then(|r| r.scl) {
        Some(s) if s >= 5 => Filtered::Spam,
        Some(-1..=1) => Filtered::NotSpam,
        _ => Filtered::Unknown,
    }
}

/// "SFV:SPM, SCL 5, category spam": the verdict fields that are present, for sentences.
fn verdict_words(report: Option<&AntispamReport>) -> String {
    let Some(r) = report else { return String::new() };
    let mut parts = Vec::new();
    if let Some(sfv) = &r.sfv {
        parts.push(format!("SFV:{sfv}"));
    }
    if let Some(scl) = r.scl {
        parts.push(format!("SCL {scl}"));
    }
    if let Some(words) = r.cat.as_deref().and_then(cat_words) {
        parts.push(format!("category {words}"));
    }
    parts.join(", ")
}

fn paren(words: &str) -> String {
    if words.is_empty() { String::new() } else { format!(" ({words})") }
}

/// Evidence for the report's entries `keys` that are present.
fn report_evidence(ctx: &Ctx<'_>, report: Option<&AntispamReport>, keys: &[&str]) -> Vec<Evidence> {
    let Some(r) = report else { return Vec::new() };
    keys.iter().filter_map(|k| ctx.microsoft.entry(r, k)).map(|f| ctx.ms_evidence(f)).collect()
}

/// Decides Microsoft 365's placement; `None` when no Microsoft verdict or delivery field exists.
pub(super) fn decide(ctx: &Ctx<'_>) -> Option<Delivery> {
    let md = MailboxDelivery::read(ctx);
    // The sender's own tenant (outbound scan) is not the recipient's verdict.
    let report = ctx
        .microsoft
        .report
        .as_ref()
        .filter(|r| !r.dir.as_deref().is_some_and(|d| d.eq_ignore_ascii_case("OUT")));
    if md.is_none() && report.is_none() {
        return None;
    }
    let mut d = Delivery { unexplained: unexplained(md.as_ref()), ..Delivery::default() };
    let verdict = filtered(report);
    let words = verdict_words(report);
    let sfv = sfv_of(report);
    let cat = cat_of(report);
    let verdict_ev = report_evidence(ctx, report, &["SFV", "SCL", "CAT"]);
    let verdict_reason = |d: &mut Delivery, text: String| {
        if !verdict_ev.is_empty() {
            d.reasons.push(Reason { text, source: Provenance::Documented, evidence: verdict_ev.clone() });
        }
    };

    match md.as_ref() {
        Some(md) => {
            let dest = md.value("dest").unwrap_or_default().to_ascii_uppercase();
            let dest_ev: Vec<Evidence> = md.get("dest").map(|f| ctx.ms_evidence(f)).into_iter().collect();
            let ofr = md.get("OFR");
            let ofr_value = md.value("OFR").unwrap_or_default();
            let ofr_ev: Vec<Evidence> = ofr.map(|f| ctx.ms_evidence(f)).into_iter().collect();
            let folder = match dest.as_str() {
                "I" => Placement::Inbox,
                "J" => Placement::Junk,
                "C" => Placement::Folder,
                _ => Placement::Unknown,
            };
            d.placement = folder;
            if folder != Placement::Unknown {
                d.reasons.push(Reason {
                    text: format!(
                        "The mailbox delivery stamp says dest:{dest}: {} (observed meaning; Microsoft does not document this header).",
                        match folder {
                            Placement::Inbox => "the Inbox",
                            Placement::Junk => "the Junk Email folder",
                            _ => "a folder other than the Inbox or Junk Email, chosen by the mailbox",
                        }
                    ),
                    source: Provenance::Observed,
                    evidence: dest_ev.clone(),
                });
            }
            decide_with_dest(ctx, &mut d, md, folder, verdict, &words, &sfv, &cat, &ofr_value, ofr_ev);
            if d.reasons.iter().all(|r| r.source != Provenance::Documented) {
                verdict_reason(&mut d, format!("The spam filter's verdict{}.", paren(&words)));
            }
        }
        None => {
            decide_without_dest(&mut d, report, verdict, &words, &sfv, &cat);
            verdict_reason(&mut d, format!("The spam filter's verdict{}.", paren(&words)));
        }
    }
    arc_override(ctx, &mut d);
    skips(ctx, &mut d, report);
    Some(d)
}

#[allow(clippy::too_many_arguments)]
fn decide_with_dest(
    ctx: &Ctx<'_>,
    d: &mut Delivery,
    md: &MailboxDelivery<'_>,
    folder: Placement,
    verdict: Filtered,
    words: &str,
    sfv: &str,
    cat: &str,
    ofr: &str,
    ofr_ev: Vec<Evidence>,
) {
    let ofr_is = |v: &str| ofr.eq_ignore_ascii_case(v);
    let observed =
        |text: String, evidence: Vec<Evidence>| Reason { text, source: Provenance::Observed, evidence };
    let (sentence, by, confidence) = match folder {
        Placement::Junk if sfv == "BLK" => (
            "In Junk because the sender is on the recipient's Blocked Senders list (SFV:BLK): the mailbox's own junk e-mail settings, not the spam filter, put it there.".to_string(),
            Some(DecidedBy::MailboxJunkSettings),
            Confidence::Certain,
        ),
        Placement::Junk | Placement::Folder if ofr_is("CustomRules") => {
            d.reasons.push(observed(
                "OFR:CustomRules: an inbox rule of the mailbox moved the message (observed with dest:C and dest:J; the rule is in the mailbox's Outlook rules).".to_string(),
                ofr_ev,
            ));
            (
                format!(
                    "In {} because an inbox rule of the recipient's mailbox moved it there, not the spam filter{}.",
                    if folder == Placement::Junk { "Junk" } else { "a folder of the mailbox" },
                    verdict_tail(verdict, words)
                ),
                Some(DecidedBy::InboxRule),
                Confidence::Likely,
            )
        }
        Placement::Junk if verdict == Filtered::Spam => {
            if ofr_is("SpamFilterAuthJ") {
                d.reasons.push(observed(
                    "OFR:SpamFilterAuthJ with RF:JunkEmail: the spam filter's verdict chose the Junk Email folder (observed meaning).".to_string(),
                    ofr_ev,
                ));
            }
            let (who, by) = spam_cause(sfv, cat);
            (format!("In Junk because {who}{}.", paren(words)), Some(by), Confidence::Certain)
        }
        Placement::Junk if verdict == Filtered::NotSpam => {
            d.reasons.push(Reason {
                text: "The spam filter found the message not spam, yet it was delivered to Junk: the mailbox's own junk e-mail settings moved it (its Blocked Senders list or Blocked domains, or a setting such as \"trusted lists only\"). The fix is in that mailbox's junk e-mail configuration (Get-MailboxJunkEmailConfiguration), not in the anti-spam policy.".to_string(),
                source: Provenance::Observed,
                evidence: md.get("dest").map(|f| ctx.ms_evidence(f)).into_iter().collect(),
            });
            (
                format!(
                    "In Junk because the recipient mailbox's own junk e-mail settings moved it (its blocked senders, or a setting such as \"trusted lists only\"), not the spam filter, which found it not spam{}.",
                    paren(words)
                ),
                Some(DecidedBy::MailboxJunkSettings),
                Confidence::Likely,
            )
        }
        Placement::Junk if ofr_is("SpamFilterAuthJ") => {
            d.reasons.push(observed(
                "OFR:SpamFilterAuthJ with RF:JunkEmail: the spam filter's verdict chose the Junk Email folder (observed meaning; no SCL or SFV survives to confirm it).".to_string(),
                ofr_ev,
            ));
            (
                "In Junk, likely because Microsoft 365's spam filter marked it as spam (OFR:SpamFilterAuthJ; the filter's SCL and SFV are not in the headers).".to_string(),
                Some(DecidedBy::SpamFilter),
                Confidence::Likely,
            )
        }
        Placement::Junk => (
            "In Junk; the headers do not say whether the spam filter or the mailbox's own junk settings put it there.".to_string(),
            None,
            Confidence::Likely,
        ),
        Placement::Inbox if ofr_is("TrustedSenderList") || sfv == "SFE" => {
            let mut ev = ofr_ev;
            ev.extend(["wl", "pcwl"].iter().filter(|k| md.is(k, "1")).filter_map(|k| md.get(k)).map(|f| ctx.ms_evidence(f)));
            d.reasons.push(observed(
                "OFR:TrustedSenderList (with wl:1 / pcwl:1 where present): the sender matched the recipient's Safe Senders list or contacts, which the mailbox trusts (observed meaning; SFV:SFE is Microsoft's documented form).".to_string(),
                ev,
            ));
            let sentence = if verdict == Filtered::Spam {
                format!(
                    "In the Inbox because the recipient's Safe Senders list (or contacts) overrode the spam filter's verdict{}; on a phishing report, remove the sender from that mailbox's Safe Senders.",
                    paren(words)
                )
            } else {
                format!(
                    "In the Inbox because the sender is on the recipient's Safe Senders list (or contacts){}.",
                    verdict_tail(verdict, words)
                )
            };
            (sentence, Some(DecidedBy::SafeSenders), Confidence::Certain)
        }
        Placement::Inbox if sfv == "SKQ" => (
            "In the Inbox after release from quarantine (SFV:SKQ).".to_string(),
            Some(DecidedBy::QuarantineRelease),
            Confidence::Certain,
        ),
        Placement::Inbox if verdict == Filtered::NotSpam => {
            let (why, by) = not_spam_cause(sfv, report_scl(ctx));
            (format!("In the Inbox because {why}{}.", paren(words)), Some(by), Confidence::Certain)
        }
        Placement::Inbox if verdict == Filtered::Spam => (
            format!(
                "In the Inbox although the spam filter marked it as spam{}; the headers name no override, so likely the policy's action for this verdict delivers to the Inbox (for example \"add X-header\"), or the mailbox's junk filter is off.",
                paren(words)
            ),
            None,
            Confidence::Likely,
        ),
        Placement::Inbox => (
            "In the Inbox; no spam filter verdict survives in the headers.".to_string(),
            None,
            Confidence::Likely,
        ),
        Placement::Folder => (
            "In a folder other than the Inbox or Junk Email (dest:C), likely moved by an inbox rule of the mailbox.".to_string(),
            Some(DecidedBy::InboxRule),
            Confidence::Likely,
        ),
        _ => return,
    };
    d.sentence = Some(sentence);
    d.decided_by = by;
    d.confidence = confidence;
}

fn report_scl(ctx: &Ctx<'_>) -> Option<i32> {
    ctx.microsoft.report.as_ref().and_then(|r| r.scl)
}

/// " (the spam filter found it not spam: SFV:NSPM, SCL 1)" style tail.
fn verdict_tail(verdict: Filtered, words: &str) -> String {
    match verdict {
        Filtered::Spam => format!("; the spam filter had marked it as spam{}", paren(words)),
        Filtered::NotSpam => format!("; the spam filter found it not spam{}", paren(words)),
        Filtered::Unknown => String::new(),
    }
}

/// Who made a spam verdict, from SFV and CAT.
fn spam_cause(sfv: &str, cat: &str) -> (&'static str, DecidedBy) {
    match (sfv, cat) {
        ("SKS", _) => ("a mail flow rule set a spam verdict before filtering", DecidedBy::TransportRule),
        ("SKB", _) => {
            ("the sender or domain is blocked in the organisation's anti-spam policy", DecidedBy::BlockList)
        }
        (_, "PHSH" | "HPHSH" | "HPHISH") => ("Microsoft 365 judged it phishing", DecidedBy::ThreatPolicy),
        (_, "MALW") => ("Microsoft 365 found malware", DecidedBy::ThreatPolicy),
        (_, "SPOOF") => {
            ("Microsoft 365's spoof intelligence found the sender's domain spoofed", DecidedBy::SpamFilter)
        }
        (_, "BULK") => (
            "Microsoft 365 judged it bulk mail at or above the policy's BCL threshold",
            DecidedBy::SpamFilter,
        ),
        _ => ("Microsoft 365's spam filter marked it as spam", DecidedBy::SpamFilter),
    }
}

/// Why the filter let it through, from SFV (and SCL -1).
fn not_spam_cause(sfv: &str, scl: Option<i32>) -> (&'static str, DecidedBy) {
    match sfv {
        "SKA" => (
            "the sender or domain is allowed in the organisation's anti-spam policy, so spam filtering was skipped",
            DecidedBy::AllowList,
        ),
        "SKN" => (
            "a mail flow rule (or an allow entry) marked it not spam before filtering",
            DecidedBy::TransportRule,
        ),
        "SKI" => ("it is an intra-organisation message", DecidedBy::SpamFilter),
        _ if scl == Some(-1) => (
            "spam filtering was skipped (safe sender or recipient, IP Allow List or a mail flow rule)",
            DecidedBy::AllowList,
        ),
        _ => ("Microsoft 365's spam filter found it not spam", DecidedBy::SpamFilter),
    }
}

/// No Mailbox-Delivery field: the folder follows from the verdict and the policy's default action.
fn decide_without_dest(
    d: &mut Delivery,
    report: Option<&AntispamReport>,
    verdict: Filtered,
    words: &str,
    sfv: &str,
    cat: &str,
) {
    let scl = report.and_then(|r| r.scl);
    d.confidence = Confidence::Likely;
    let tail = "; no mailbox delivery stamp (X-Microsoft-Antispam-Mailbox-Delivery) records the folder, so this assumes the policy's default action";
    let (placement, sentence, by) = match (sfv, cat) {
        ("SKQ", _) => (
            Placement::Inbox,
            "Released from quarantine (SFV:SKQ): it was held, then delivered; no mailbox delivery stamp records the folder.".to_string(),
            Some(DecidedBy::QuarantineRelease),
        ),
        ("BLK", _) => (
            Placement::Junk,
            format!("Likely in Junk because the sender is on the recipient's Blocked Senders list (SFV:BLK){tail}."),
            Some(DecidedBy::MailboxJunkSettings),
        ),
        (_, "HPHSH" | "HPHISH" | "MALW" | "PHSH") => (
            Placement::Quarantine,
            format!(
                "Likely in quarantine because Microsoft 365 judged it {}{}{tail} (quarantine).",
                cat_words(cat).unwrap_or("a threat"),
                paren(words)
            ),
            Some(DecidedBy::ThreatPolicy),
        ),
        _ if verdict == Filtered::Spam => {
            let (who, by) = spam_cause(sfv, cat);
            (Placement::Junk, format!("Likely in Junk because {who}{}{tail} (Junk Email folder).", paren(words)), Some(by))
        }
        _ if verdict == Filtered::NotSpam => {
            let (why, by) = not_spam_cause(sfv, scl);
            let tail = "; no mailbox delivery stamp (X-Microsoft-Antispam-Mailbox-Delivery) records the folder";
            (Placement::Inbox, format!("Likely in the Inbox because {why}{}{tail}.", paren(words)), Some(by))
        }
        _ => return,
    };
    d.placement = placement;
    d.sentence = Some(sentence);
    d.decided_by = by;
}

/// `compauth=pass reason=130`: the ARC result of a trusted sealer overrode a failed DMARC.
fn arc_override(ctx: &Ctx<'_>, d: &mut Delivery) {
    for results in ctx.authentication.trusted() {
        for m in results.parsed.methods.iter().filter(|m| m.method == "compauth") {
            if m.reason.as_deref().map(str::trim) == Some("130") {
                let evidence = ctx
                    .headers
                    .get(results.header_index)
                    .map(|f| ctx.evidence_at(f, m.span))
                    .into_iter()
                    .collect();
                d.reasons.push(Reason {
                    text: "compauth reason 130: Microsoft 365 used the ARC result of a trusted ARC sealer to override a failed DMARC check (the tenant's trusted ARC sealers list).".to_string(),
                    source: Provenance::Documented,
                    evidence,
                });
            }
        }
    }
}

/// Organisation-wide skips that the placement does not already name: IP Allow List / connector (IPV:CAL)
/// and mail flow rules that ran.
fn skips(ctx: &Ctx<'_>, d: &mut Delivery, report: Option<&AntispamReport>) {
    if let Some(f) = report
        .and_then(|r| ctx.microsoft.entry(r, "IPV"))
        .filter(|f| f.value.trim().eq_ignore_ascii_case("CAL"))
    {
        d.reasons.push(Reason {
            text: "IPV:CAL: the connecting IP address is on the IP Allow List (or came through an inbound connector the tenant trusts), so filtering of that IP was skipped.".to_string(),
            source: Provenance::Documented,
            evidence: vec![ctx.ms_evidence(f)],
        });
    }
    for name in [
        "X-MS-Exchange-Organization-Rules-Execution-History",
        "X-MS-Exchange-Organization-Transport-Rules-Fired",
    ] {
        if let Some(field) = ctx.field(name) {
            d.reasons.push(Reason {
                text: format!("Mail flow (transport) rules ran on this message: {}.", field.value.trim()),
                source: Provenance::Observed,
                evidence: vec![ctx.evidence(field)],
            });
        }
    }
}

/// Mailbox-Delivery keys no reading explains, once each.
fn unexplained(md: Option<&MailboxDelivery<'_>>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for f in md.map(|m| m.entries.as_slice()).unwrap_or_default() {
        if f.source == Provenance::Unknown {
            let name = format!("{MAILBOX_DELIVERY}: {}", f.key);
            if !out.contains(&name) {
                out.push(name);
            }
        }
    }
    out
}
