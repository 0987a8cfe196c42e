//! Microsoft 365's placement: X-Microsoft-Antispam-Mailbox-Delivery (`dest`, `OFR`, `RF`, the list flags)
//! read together with the filter's verdict (SFV, SCL, CAT, BCL, SRV, IPV) and the trusted `compauth`.
//!
//! Precedence follows the order Exchange Online applies them: an organisation-wide skip or block (mail flow
//! rule, allow or block list) sets the verdict before filtering; the filter's verdict picks the policy
//! action; then, at the mailbox, the user's Safe Senders / Blocked Senders lists, the junk settings and inbox
//! rules can still move the message. `dest` says where it went; the other fields say who sent it there.

use crate::catalog::{Msg, Text, msg};
use crate::delivery::Ctx;
use crate::delivery::{DecidedBy, Delivery, Placement, Reason};
use crate::microsoft::{AntispamReport, MsField, Provenance, cat_id};
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
fn verdict_words(report: Option<&AntispamReport>) -> Text {
    let Some(r) = report else { return Text::default() };
    let mut parts: Vec<Text> = Vec::new();
    if let Some(sfv) = &r.sfv {
        parts.push(Text::raw(format!("SFV:{sfv}")));
    }
    if let Some(scl) = r.scl {
        parts.push(Text::raw(format!("SCL {scl}")));
    }
    if let Some(id) = r.cat.as_deref().and_then(cat_id) {
        parts.push(msg!("delivery.category", words = Msg::new(id, Vec::new())).into());
    }
    Text::join(parts, ", ")
}

/// " (words)", or nothing when there are no words.
fn paren(words: &Text) -> Text {
    if words.is_empty() {
        return Text::default();
    }
    let mut out = Text::raw(" (");
    out.push(words);
    out.push_str(")");
    out
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
    let verdict_reason = |d: &mut Delivery, text: Text| {
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
                    text: msg!(
                        "delivery.dest-stamp",
                        dest = dest.as_str(),
                        folder = match folder {
                            Placement::Inbox => msg!("delivery.dest-inbox"),
                            Placement::Junk => msg!("delivery.dest-junk"),
                            _ => msg!("delivery.dest-other"),
                        }
                    )
                    .into(),
                    source: Provenance::Observed,
                    evidence: dest_ev.clone(),
                });
            }
            decide_with_dest(ctx, &mut d, md, folder, verdict, &words, &sfv, &cat, &ofr_value, ofr_ev);
            if d.reasons.iter().all(|r| r.source != Provenance::Documented) {
                verdict_reason(&mut d, msg!("delivery.verdict-reason", words = paren(&words)).into());
            }
        }
        None => {
            decide_without_dest(&mut d, report, verdict, &words, &sfv, &cat);
            verdict_reason(&mut d, msg!("delivery.verdict-reason", words = paren(&words)).into());
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
    words: &Text,
    sfv: &str,
    cat: &str,
    ofr: &str,
    ofr_ev: Vec<Evidence>,
) {
    let ofr_is = |v: &str| ofr.eq_ignore_ascii_case(v);
    let observed = |text: Msg, evidence: Vec<Evidence>| Reason {
        text: text.into(),
        source: Provenance::Observed,
        evidence,
    };
    let (sentence, by, confidence) = match folder {
        Placement::Junk if sfv == "BLK" => {
            (msg!("delivery.junk-blocked-sender"), Some(DecidedBy::MailboxJunkSettings), Confidence::Certain)
        }
        Placement::Junk | Placement::Folder if ofr_is("CustomRules") => {
            d.reasons.push(observed(msg!("delivery.custom-rules-reason"), ofr_ev));
            (
                msg!(
                    "delivery.inbox-rule-moved",
                    place = if folder == Placement::Junk {
                        msg!("delivery.place-junk")
                    } else {
                        msg!("delivery.place-folder")
                    },
                    tail = verdict_tail(verdict, words)
                ),
                Some(DecidedBy::InboxRule),
                Confidence::Likely,
            )
        }
        Placement::Junk if verdict == Filtered::Spam => {
            if ofr_is("SpamFilterAuthJ") {
                d.reasons.push(observed(msg!("delivery.authj-reason"), ofr_ev));
            }
            let (who, by) = spam_cause(sfv, cat);
            (msg!("delivery.junk-because", who, words = paren(words)), Some(by), Confidence::Certain)
        }
        Placement::Junk if verdict == Filtered::NotSpam => {
            d.reasons.push(Reason {
                text: msg!("delivery.junk-settings-reason").into(),
                source: Provenance::Observed,
                evidence: md.get("dest").map(|f| ctx.ms_evidence(f)).into_iter().collect(),
            });
            (
                msg!("delivery.junk-settings", words = paren(words)),
                Some(DecidedBy::MailboxJunkSettings),
                Confidence::Likely,
            )
        }
        Placement::Junk if ofr_is("SpamFilterAuthJ") => {
            d.reasons.push(observed(msg!("delivery.authj-alone-reason"), ofr_ev));
            (msg!("delivery.junk-authj-alone"), Some(DecidedBy::SpamFilter), Confidence::Likely)
        }
        Placement::Junk => (msg!("delivery.junk-unknown-cause"), None, Confidence::Likely),
        Placement::Inbox if ofr_is("TrustedSenderList") || sfv == "SFE" => {
            let mut ev = ofr_ev;
            ev.extend(
                ["wl", "pcwl"]
                    .iter()
                    .filter(|k| md.is(k, "1"))
                    .filter_map(|k| md.get(k))
                    .map(|f| ctx.ms_evidence(f)),
            );
            d.reasons.push(observed(msg!("delivery.safe-senders-reason"), ev));
            let sentence = if verdict == Filtered::Spam {
                msg!("delivery.inbox-safe-senders-override", words = paren(words))
            } else {
                msg!("delivery.inbox-safe-senders", tail = verdict_tail(verdict, words))
            };
            (sentence, Some(DecidedBy::SafeSenders), Confidence::Certain)
        }
        Placement::Inbox if sfv == "SKQ" => {
            (msg!("delivery.inbox-released"), Some(DecidedBy::QuarantineRelease), Confidence::Certain)
        }
        Placement::Inbox if verdict == Filtered::NotSpam => {
            let (why, by) = not_spam_cause(sfv, report_scl(ctx));
            (msg!("delivery.inbox-because", why, words = paren(words)), Some(by), Confidence::Certain)
        }
        Placement::Inbox if verdict == Filtered::Spam => {
            (msg!("delivery.inbox-although-spam", words = paren(words)), None, Confidence::Likely)
        }
        Placement::Inbox => (msg!("delivery.inbox-no-verdict"), None, Confidence::Likely),
        Placement::Folder => (msg!("delivery.other-folder"), Some(DecidedBy::InboxRule), Confidence::Likely),
        _ => return,
    };
    d.sentence = Some(sentence.into());
    d.decided_by = by;
    d.confidence = confidence;
}

fn report_scl(ctx: &Ctx<'_>) -> Option<i32> {
    ctx.microsoft.report.as_ref().and_then(|r| r.scl)
}

/// " (the spam filter found it not spam: SFV:NSPM, SCL 1)" style tail.
fn verdict_tail(verdict: Filtered, words: &Text) -> Text {
    match verdict {
        Filtered::Spam => msg!("delivery.tail-spam", words = paren(words)).into(),
        Filtered::NotSpam => msg!("delivery.tail-not-spam", words = paren(words)).into(),
        Filtered::Unknown => Text::default(),
    }
}

/// Who made a spam verdict, from SFV and CAT.
fn spam_cause(sfv: &str, cat: &str) -> (Msg, DecidedBy) {
    match (sfv, cat) {
        ("SKS", _) => (msg!("delivery.cause-sks"), DecidedBy::TransportRule),
        ("SKB", _) => (msg!("delivery.cause-skb"), DecidedBy::BlockList),
        (_, "PHSH" | "HPHSH" | "HPHISH") => (msg!("delivery.cause-phish"), DecidedBy::ThreatPolicy),
        (_, "MALW") => (msg!("delivery.cause-malware"), DecidedBy::ThreatPolicy),
        (_, "SPOOF") => (msg!("delivery.cause-spoof"), DecidedBy::SpamFilter),
        (_, "BULK") => (msg!("delivery.cause-bulk"), DecidedBy::SpamFilter),
        _ => (msg!("delivery.cause-spam"), DecidedBy::SpamFilter),
    }
}

/// Why the filter let it through, from SFV (and SCL -1).
fn not_spam_cause(sfv: &str, scl: Option<i32>) -> (Msg, DecidedBy) {
    match sfv {
        "SKA" => (msg!("delivery.why-ska"), DecidedBy::AllowList),
        "SKN" => (msg!("delivery.why-skn"), DecidedBy::TransportRule),
        "SKI" => (msg!("delivery.why-ski"), DecidedBy::SpamFilter),
        _ if scl == Some(-1) => (msg!("delivery.why-skipped"), DecidedBy::AllowList),
        _ => (msg!("delivery.why-not-spam"), DecidedBy::SpamFilter),
    }
}

/// No Mailbox-Delivery field: the folder follows from the verdict and the policy's default action.
fn decide_without_dest(
    d: &mut Delivery,
    report: Option<&AntispamReport>,
    verdict: Filtered,
    words: &Text,
    sfv: &str,
    cat: &str,
) {
    let scl = report.and_then(|r| r.scl);
    d.confidence = Confidence::Likely;
    let tail = || msg!("delivery.no-stamp-default-action");
    let (placement, sentence, by) = match (sfv, cat) {
        ("SKQ", _) => {
            (Placement::Inbox, msg!("delivery.released-no-stamp"), Some(DecidedBy::QuarantineRelease))
        }
        ("BLK", _) => (
            Placement::Junk,
            msg!("delivery.likely-junk-blocked-sender", tail = tail()),
            Some(DecidedBy::MailboxJunkSettings),
        ),
        (_, "HPHSH" | "HPHISH" | "MALW" | "PHSH") => (
            Placement::Quarantine,
            msg!(
                "delivery.likely-quarantine",
                what = cat_id(cat).map_or_else(|| msg!("delivery.a-threat"), |id| Msg::new(id, Vec::new())),
                words = paren(words),
                tail = tail()
            ),
            Some(DecidedBy::ThreatPolicy),
        ),
        _ if verdict == Filtered::Spam => {
            let (who, by) = spam_cause(sfv, cat);
            (
                Placement::Junk,
                msg!("delivery.likely-junk", who, words = paren(words), tail = tail()),
                Some(by),
            )
        }
        _ if verdict == Filtered::NotSpam => {
            let (why, by) = not_spam_cause(sfv, scl);
            (Placement::Inbox, msg!("delivery.likely-inbox", why, words = paren(words)), Some(by))
        }
        _ => return,
    };
    d.placement = placement;
    d.sentence = Some(sentence.into());
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
                    text: msg!("delivery.arc-override").into(),
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
            text: msg!("delivery.ip-allow-list").into(),
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
                text: msg!("delivery.rules-ran", rules = field.value.trim()).into(),
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
