//! Diagnostics: one module per finding id, each with its What / Why / Fix and its tests.
//!
//! A handler has the signature `fn check(ctx: &Ctx<'_>, acc: &mut Vec<Finding>)` and pushes zero or
//! more findings. It reads only the [`Ctx`]: parsed fields, summary, hops, authentication and the
//! Microsoft model. Text is filled in from the message; where the evidence is indirect the finding
//! says "likely" and carries [`Confidence::Likely`](crate::model::Confidence::Likely).
//!
//! To add a diagnostic: add its id to [`FindingId`], create `diagnostics/<id_with_underscores>.rs` with a
//! `pub(crate) const META: Meta` (id, default severity and owner, What / Why / Fix) and a `pub(crate) fn check`
//! that builds findings with `META.finding(title, detail)`, and tests that show it firing and staying quiet;
//! then list it in [`DIAGNOSTICS`]. ARCHITECTURE.md ("Where to add") has the full checklist: the example
//! fixture, the generated `docs/diagnostics.md` and the golden snapshots.

mod arc_broken;
mod auth_results_forged;
mod auth_upstream_only;
mod bulk_sender_rules;
mod clock_skew;
mod compauth_fail;
mod date_drift;
mod date_missing;
mod deceptive_characters;

pub(crate) use deceptive_characters::is_deceptive;
mod display_name_spoof;
mod dkim_fail;
mod dkim_lint;
mod dkim_tenant_default;
mod dkim_weak_key;
mod dmarc_dkim_unaligned;
mod dmarc_fail;
mod dmarc_spf_unaligned;
mod duplicate_fields;
mod eop_bulk;
mod eop_filter_bypassed;
mod eop_spam_verdict;
mod exo_high_risk_pool;
mod exo_relay_pool;
mod forwarded_without_srs;
mod from_invalid;
mod from_non_routable;
mod helo_weak;
mod hop_delay;
mod hop_facts;
mod hop_no_tls;
mod hybrid_not_internal;
mod hybrid_path;
mod input_truncated;
mod internal_names_exposed;
mod mail_contact_envelope_rewrite;
mod mail_loop;
mod meta;
mod return_path_case_odd;
mod return_path_missing;
mod return_path_multiple;
mod return_path_non_routable;
mod return_path_null;
mod return_path_srs;
mod spf_not_pass;
mod timeline;
mod trace_nonconformant;
mod tz_misconfig;

use crate::auth::Authentication;
use crate::catalog::{Msg, msg};
use crate::envelope::Envelope;
use crate::input::Source;
use crate::limits::Truncation;
use crate::microsoft::{Microsoft, MsField};
use crate::model::{
    Confidence, Evidence, Finding, FindingId, HeaderField, Hop, Owner, Severity, Span, Summary,
};
use crate::route::Route;

pub use meta::Meta;

/// What every diagnostic can read.
pub(crate) struct Ctx<'a> {
    pub source: &'a Source<'a>,
    pub headers: &'a [HeaderField],
    pub summary: &'a Summary,
    pub hops: &'a [Hop],
    /// What the hop parser saw of each hop's trace form (same order as `hops`).
    pub trace_forms: &'a [crate::hops::received::TraceForm],
    pub authentication: &'a Authentication,
    pub microsoft: &'a Microsoft,
    pub envelope: &'a Envelope,
    /// Who handled the message (see [`crate::route`]): whose systems a fix changes.
    pub route: &'a Route,
    /// Where the message landed and why (see [`crate::delivery`]).
    pub delivery: &'a crate::delivery::Delivery,
    /// Where the analysis stopped when the input was over a limit (see `crate::limits`).
    pub truncation: Option<&'a Truncation>,
}

type Handler = fn(&Ctx<'_>, &mut Vec<Finding>);

/// One diagnostic: what it declares about itself and the function that looks for it.
struct Diagnostic {
    meta: &'static Meta,
    check: Handler,
}

/// Every diagnostic, in the order they run. Findings are sorted by severity afterwards.
const DIAGNOSTICS: &[Diagnostic] = &[
    Diagnostic { meta: &return_path_missing::META, check: return_path_missing::check },
    Diagnostic { meta: &dmarc_fail::META, check: dmarc_fail::check },
    Diagnostic { meta: &spf_not_pass::META, check: spf_not_pass::check },
    Diagnostic { meta: &compauth_fail::META, check: compauth_fail::check },
    Diagnostic { meta: &dkim_fail::META, check: dkim_fail::check },
    Diagnostic { meta: &dkim_tenant_default::META, check: dkim_tenant_default::check },
    Diagnostic { meta: &arc_broken::META, check: arc_broken::check },
    Diagnostic { meta: &auth_results_forged::META, check: auth_results_forged::check },
    Diagnostic { meta: &auth_upstream_only::META, check: auth_upstream_only::check },
    Diagnostic { meta: &dkim_lint::META, check: dkim_lint::check },
    Diagnostic { meta: &return_path_non_routable::META, check: return_path_non_routable::check },
    Diagnostic { meta: &return_path_case_odd::META, check: return_path_case_odd::check },
    Diagnostic { meta: &mail_contact_envelope_rewrite::META, check: mail_contact_envelope_rewrite::check },
    Diagnostic { meta: &return_path_multiple::META, check: return_path_multiple::check },
    Diagnostic { meta: &return_path_null::META, check: return_path_null::check },
    Diagnostic { meta: &return_path_srs::META, check: return_path_srs::check },
    Diagnostic { meta: &forwarded_without_srs::META, check: forwarded_without_srs::check },
    Diagnostic { meta: &dmarc_spf_unaligned::META, check: dmarc_spf_unaligned::check },
    Diagnostic { meta: &dmarc_dkim_unaligned::META, check: dmarc_dkim_unaligned::check },
    Diagnostic { meta: &from_non_routable::META, check: from_non_routable::check },
    Diagnostic { meta: &from_invalid::META, check: from_invalid::check },
    Diagnostic { meta: &hybrid_path::META, check: hybrid_path::check },
    Diagnostic { meta: &exo_relay_pool::META, check: exo_relay_pool::check },
    Diagnostic { meta: &eop_spam_verdict::META, check: eop_spam_verdict::check },
    Diagnostic { meta: &eop_bulk::META, check: eop_bulk::check },
    Diagnostic { meta: &eop_filter_bypassed::META, check: eop_filter_bypassed::check },
    Diagnostic { meta: &exo_high_risk_pool::META, check: exo_high_risk_pool::check },
    Diagnostic { meta: &hybrid_not_internal::META, check: hybrid_not_internal::check },
    Diagnostic { meta: &hop_no_tls::META, check: hop_no_tls::check },
    Diagnostic { meta: &helo_weak::META, check: helo_weak::check },
    Diagnostic { meta: &internal_names_exposed::META, check: internal_names_exposed::check },
    Diagnostic { meta: &hop_delay::META, check: hop_delay::check },
    Diagnostic { meta: &clock_skew::META, check: clock_skew::check },
    Diagnostic { meta: &tz_misconfig::META, check: tz_misconfig::check },
    Diagnostic { meta: &date_drift::META, check: date_drift::check },
    Diagnostic { meta: &trace_nonconformant::META, check: trace_nonconformant::check },
    Diagnostic { meta: &input_truncated::META, check: input_truncated::check },
    Diagnostic { meta: &mail_loop::META, check: mail_loop::check },
    Diagnostic { meta: &date_missing::META, check: date_missing::check },
    Diagnostic { meta: &duplicate_fields::META, check: duplicate_fields::check },
    Diagnostic { meta: &display_name_spoof::META, check: display_name_spoof::check },
    Diagnostic { meta: &deceptive_characters::META, check: deceptive_characters::check },
    Diagnostic { meta: &dkim_weak_key::META, check: dkim_weak_key::check },
    Diagnostic { meta: &bulk_sender_rules::META, check: bulk_sender_rules::check },
];

/// What every diagnostic declares about itself (id, default severity and owner, What / Why / Fix), in the
/// order they run; one entry per [`FindingId`].
pub fn catalogue() -> impl Iterator<Item = &'static Meta> {
    DIAGNOSTICS.iter().map(|d| d.meta)
}

/// The check functions of [`DIAGNOSTICS`] alone, in the same order. `run` reads this table, not
/// `DIAGNOSTICS`, so a build that never asks for the [`catalogue`] (the site) does not carry every
/// diagnostic's What / Why / Fix text (33 KB).
const CHECKS: [Handler; DIAGNOSTICS.len()] = {
    let mut out: [Handler; DIAGNOSTICS.len()] = [|_, _| {}; DIAGNOSTICS.len()];
    let mut i = 0;
    while i < DIAGNOSTICS.len() {
        out[i] = DIAGNOSTICS[i].check;
        i += 1;
    }
    out
};

/// Runs every diagnostic and sorts the findings, most severe first (stable within a severity).
pub(crate) fn run(ctx: &Ctx<'_>) -> Vec<Finding> {
    let mut acc = Vec::new();
    for check in CHECKS {
        check(ctx, &mut acc);
    }
    link_causes(&mut acc, ctx.route);
    hostile_advice(&mut acc, ctx.route, ctx.hops);
    say_once(&mut acc);
    one_reference_each(&mut acc);
    rank_root_causes(&mut acc);
    crate::sort::sort_by_key(&mut acc, |f| {
        (std::cmp::Reverse(f.severity), f.caused_by.is_some(), !ROOT_CAUSES.contains(&f.id))
    });
    acc
}

/// Findings that explain other findings: when one fires, it is raised to the severity of the worst
/// finding it explains and listed first within that severity, so the verdict leads with the cause
/// rather than its symptoms.
const ROOT_CAUSES: &[FindingId] = &[FindingId::MailContactEnvelopeRewrite];

/// The symptoms each root cause explains.
const EXPLAINED_BY_MAIL_CONTACT: &[FindingId] = &[
    FindingId::ReturnPathNonRoutable,
    FindingId::ReturnPathCaseOdd,
    FindingId::DmarcSpfUnaligned,
    FindingId::ExoRelayPool,
];

fn rank_root_causes(acc: &mut [Finding]) {
    let worst_symptom =
        acc.iter().filter(|f| EXPLAINED_BY_MAIL_CONTACT.contains(&f.id)).map(|f| f.severity).max();
    if let Some(worst) = worst_symptom {
        for f in acc.iter_mut().filter(|f| f.id == FindingId::MailContactEnvelopeRewrite) {
            f.severity = f.severity.max(worst);
        }
    }
}

/// The findings that can explain each finding, in order of preference: when one of them fired on the same
/// message, the finding carries `caused_by` (its root cause) and leaves the fix to it, so each piece of advice is
/// said once.
const CAUSES: &[(FindingId, &[FindingId])] = {
    use FindingId::*;
    &[
        (ReturnPathNonRoutable, &[MailContactEnvelopeRewrite]),
        (ReturnPathCaseOdd, &[MailContactEnvelopeRewrite]),
        (FromNonRoutable, &[MailContactEnvelopeRewrite]),
        // Not HybridNotInternal: how Exchange Online authenticates the on-premises connection (AuthAs) does not
        // depend on the envelope sender, and it stays Anonymous after the Mail Contact fix
        // (tests/fixtures/exchange/hybrid-mail-contact-fixed.eml), so that finding keeps its connector fix.
        (DmarcSpfUnaligned, &[MailContactEnvelopeRewrite, ForwardedWithoutSrs]),
        (ExoRelayPool, &[MailContactEnvelopeRewrite]),
        (SpfNotPass, &[ForwardedWithoutSrs, MailContactEnvelopeRewrite, ReturnPathNonRoutable]),
        (
            DmarcFail,
            &[
                MailContactEnvelopeRewrite,
                DkimTenantDefault,
                DmarcDkimUnaligned,
                DkimFail,
                DmarcSpfUnaligned,
                SpfNotPass,
            ],
        ),
        // Microsoft's composite authentication is DMARC's verdict in other words: the DMARC failure, else
        // what would explain that.
        (CompauthFail, &[DmarcFail]),
        (EopSpamVerdict, &[CompauthFail, DmarcFail]),
    ]
};

/// Findings about a message that likely impersonates its From domain: all explained by the DMARC (or composite
/// authentication) failure, whose fix is for the recipient's side.
const IMPERSONATION_SYMPTOMS: &[FindingId] = &[
    FindingId::SpfNotPass,
    FindingId::DkimFail,
    FindingId::DmarcSpfUnaligned,
    FindingId::DmarcDkimUnaligned,
    FindingId::CompauthFail,
    FindingId::EopSpamVerdict,
    FindingId::HeloWeak,
    FindingId::ReturnPathCaseOdd,
];

/// Sets `caused_by` from [`CAUSES`] (and, on a likely impersonation, from the DMARC failure), and drops the
/// explained findings' own fixes.
fn link_causes(acc: &mut [Finding], route: &Route) {
    let fired: Vec<FindingId> = acc.iter().map(|f| f.id).collect();
    let present = |id: &FindingId| fired.contains(id);
    // A display name claiming a brand on a From domain that is not spoofed (it passed, or nothing says it failed)
    // is the root: the filter's spam verdict is its consequence, and anti-spoofing advice for a domain that passed
    // would be wrong. On a spoofed From domain the authentication verdict leads.
    // So is replies going to an unrelated organisation, when no authentication or filter verdict leads.
    let brand_root = route.impersonation.as_ref().is_some_and(|i| i.brand.is_some() || i.reply_to.is_some());
    let brand_first = route.impersonation.as_ref().is_some_and(|i| i.brand.is_some() && !i.spoofed);
    let spoof_root = route.impersonation.as_ref().and_then(|_| {
        brand_first
            .then_some(FindingId::DisplayNameSpoof)
            .into_iter()
            .chain([FindingId::DmarcFail, FindingId::CompauthFail, FindingId::EopSpamVerdict])
            .chain(brand_root.then_some(FindingId::DisplayNameSpoof))
            .find(|id| present(id))
    });
    // The root of a likely hostile message is graded at least as its worst symptom, so it leads them.
    if let Some(root) = spoof_root {
        let worst = acc.iter().filter(|f| IMPERSONATION_SYMPTOMS.contains(&f.id)).map(|f| f.severity).max();
        for f in acc.iter_mut().filter(|f| f.id == root) {
            f.severity = f.severity.max(worst.unwrap_or(f.severity));
        }
    }
    // Links a check set itself (see `FindingBuilder::caused_by`): a cause found below is replaced by its own root.
    let links: Vec<(FindingId, FindingId)> =
        acc.iter().filter_map(|f| f.caused_by.map(|cause| (f.id, cause))).collect();
    let root_of = |id: FindingId| links.iter().find(|(of, _)| *of == id).map_or(id, |(_, cause)| *cause);
    // Causes that are a reading with no fix of their own (a message sent again, not queued): a finding under one
    // says so instead of pointing to a fix.
    let without_fix: Vec<FindingId> =
        acc.iter().filter(|f| f.fix.is_none() && f.owner == Owner::Nobody).map(|f| f.id).collect();
    for f in acc.iter_mut() {
        let preset = f.caused_by;
        let cause = match spoof_root {
            // The root of a likely hostile message is explained by nothing else.
            Some(root) if f.id == root => None,
            // Under a brand claim, a symptom whose fix is already the receiving organisation's (its own gateway
            // checked SPF) is not explained by the impersonation and keeps its fix; the filter's spam verdict is
            // (its advice, report it and leave the verdict, is the brand card's).
            Some(root)
                if IMPERSONATION_SYMPTOMS.contains(&f.id)
                    && !(root == FindingId::DisplayNameSpoof
                        && f.owner == Owner::ReceivingOrg
                        && f.fix.is_some()
                        && f.id != FindingId::EopSpamVerdict) =>
            {
                Some(root)
            }
            Some(_) if f.id == FindingId::DmarcFail => None,
            _ if preset.is_some() => preset,
            _ => {
                let first_cause = |of: FindingId| {
                    CAUSES
                        .iter()
                        .find(|(id, _)| *id == of)
                        .and_then(|(_, causes)| causes.iter().copied().find(|c| *c != f.id && present(c)))
                        .map(root_of)
                };
                first_cause(f.id).or_else(|| {
                    (f.id == FindingId::CompauthFail).then(|| first_cause(FindingId::DmarcFail)).flatten()
                })
            }
        };
        if let Some(cause) = cause {
            f.caused_by = Some(cause);
            if f.fix.take().is_some() || preset.is_some() {
                f.detail.push(if without_fix.contains(&cause) && preset == Some(cause) {
                    msg!("explained-by-reading", cause = cause.as_str())
                } else {
                    msg!("explained-by", cause = cause.as_str())
                });
            }
            if spoof_root.is_some() {
                f.owner = crate::model::Owner::ReceivingOrg;
            }
        }
    }
}

/// Findings whose fix is only ever for the apparent sender's domain; on a likely hostile message they are
/// information (see each check) and [`hostile_advice`] drops their fix.
const SENDER_ONLY_ADVICE: &[FindingId] = &[FindingId::DkimWeakKey, FindingId::BulkSenderRules];

/// On a likely hostile message (see [`crate::route::Impersonation`]) advice goes to the recipient's side: a
/// finding whose fix would change the apparent sender's systems keeps that fix only behind "if this sender is
/// legitimate", at low severity at most, and says that nothing needs changing there on this message's account.
fn hostile_advice(acc: &mut [Finding], route: &Route, hops: &[crate::model::Hop]) {
    let Some(hostile) = &route.impersonation else { return };
    // Findings whose fix only the apparent sender's domain could apply (its DKIM key, its bulk-mail setup): they
    // stay as information and say that nothing needs changing there.
    for f in acc.iter_mut().filter(|f| SENDER_ONLY_ADVICE.contains(&f.id) && f.owner != Owner::SendingOrg) {
        if f.fix.take().is_some() {
            f.detail.push(msg!("hostile.detail", reason = hostile.reason, from_domain = hostile.from_domain));
        }
    }
    for f in acc.iter_mut().filter(|f| f.owner == Owner::SendingOrg && f.caused_by.is_none()) {
        f.severity = f.severity.min(Severity::Low);
        f.confidence = Confidence::Likely;
        f.detail.push(msg!("hostile.detail", reason = hostile.reason, from_domain = hostile.from_domain));
        if let Some(fix) = f.fix.as_mut() {
            fix.summary = msg!("hostile.fix", summary = fix.summary).into();
        }
    }
    // A queue or a clock read from the stamps of a likely hostile message: the stamps written before it reached
    // the recipient's organisation are the sender's side's word and may be forged, so an intermediary's delay or
    // clock, or the receiver's read against such a stamp, is checked against its own logs before anyone acts on
    // it. The receiver's own stamps among themselves stay as they are.
    let forgeable = |h: &crate::model::Hop| h.unattested || route.boundary_hop.is_some_and(|b| h.index < b);
    let reads_forgeable = |f: &Finding| {
        f.evidence
            .iter()
            .any(|e| hops.iter().any(|h| forgeable(h) && h.span.0 <= e.span.0 && e.span.1 <= h.span.1))
    };
    for f in acc.iter_mut().filter(|f| {
        TRACE_TIMING.contains(&f.id)
            && (f.owner == Owner::Intermediary || f.owner == Owner::ReceivingOrg && reads_forgeable(f))
            && f.caused_by.is_none()
    }) {
        f.severity = f.severity.min(Severity::Low);
        f.confidence = Confidence::Likely;
        f.detail.push(msg!("hostile.detail-trace", reason = hostile.reason));
        if let Some(fix) = f.fix.as_mut() {
            fix.summary = msg!("hostile.fix-trace", summary = fix.summary).into();
        }
    }
}

/// Findings read from the Received stamps' times.
const TRACE_TIMING: &[FindingId] = &[FindingId::HopDelay, FindingId::ClockSkew];

/// Cmdlets one finding may own: when a finding's fix runs one as a command, other findings' alternatives and
/// steps that repeat it point to that finding instead.
/// Each with the word its references name it by (a reference that went with a dropped alternative goes too).
const OWNED_COMMANDS: &[(&str, &str)] = &[("New-DkimSigningConfig", "DKIM")];

/// Says each piece of advice once: an alternative repeating a command another finding's fix runs is dropped, a
/// step repeating it is replaced by a pointer to that finding.
fn say_once(acc: &mut [Finding]) {
    for (cmd, topic) in OWNED_COMMANDS {
        let Some(owner) = acc
            .iter()
            .find(|f| f.fix.as_ref().is_some_and(|x| x.commands.iter().any(|c| c.contains(cmd))))
            .map(|f| f.id)
        else {
            continue;
        };
        for f in acc.iter_mut().filter(|f| f.id != owner) {
            let Some(fix) = f.fix.as_mut() else { continue };
            // An alternative that is the other finding's fix is that advice told twice: dropped. A step keeps a
            // pointer, so that its sequence ("or …") still reads.
            let before = fix.alternatives.len();
            fix.alternatives.retain(|text| !text.contains(cmd));
            let dropped = fix.alternatives.len() < before;
            let still_said = fix.steps.iter().chain(&fix.alternatives).any(|t| t.contains(topic));
            if dropped && !still_said && !fix.summary.contains(topic) {
                fix.references.retain(|r| !r.contains(topic));
            }
            for text in fix.steps.iter_mut() {
                if text.contains(cmd) {
                    *text = msg!("dkim-as-finding-describes", owner = owner.as_str()).into();
                }
            }
        }
    }
}

/// Lists each reference of a fix once: an exact repeat, or a bare citation (`RFC 5321 §2.3.5`) that another
/// reference of the same fix gives with its title (`RFC 5321 §2.3.5 (only resolvable, …)`), is dropped.
fn one_reference_each(acc: &mut [Finding]) {
    for fix in acc.iter_mut().filter_map(|f| f.fix.as_mut()) {
        let all = fix.references.clone();
        let mut kept: Vec<String> = Vec::with_capacity(all.len());
        for (i, r) in all.iter().enumerate() {
            let titled_elsewhere = all.iter().enumerate().any(|(j, o)| {
                j != i && o.len() > r.len() && o.starts_with(r.as_str()) && o[r.len()..].starts_with(" (")
            });
            if !titled_elsewhere && !kept.contains(r) {
                kept.push(r.clone());
            }
        }
        fix.references = kept;
    }
}

/// How an identifier that cannot satisfy DMARC (`dmarc-spf-unaligned`, `dmarc-dkim-unaligned`) is judged on this
/// message: it depends on whether the message was redistributed, stayed inside one organisation, likely
/// impersonates its From domain, and on what the receiver reported for DMARC.
pub(crate) enum UnalignedJudgment {
    /// A list or forwarder re-sent the message: misalignment is expected; the sentence says what happened.
    Redistributed(Msg),
    /// Mail inside one organisation: DMARC is not applied to it.
    Internal,
    /// The message likely impersonates its From domain: nothing for that domain to change.
    Impersonation,
    /// The receiver's DMARC passed anyway.
    ReceiverPassed,
    /// The receiver reported `dmarc=none`: no DMARC record, which is not a failure (RFC 7489 §6.6.3).
    NoPolicy,
    /// The receiver reported DMARC failing.
    ReceiverFailed,
    /// No DMARC result from the receiver: a failure only where the domain publishes a policy.
    Unknown,
}

/// What the recipient's side does about a likely hostile message (see [`crate::route::Impersonation`]): the
/// steps of the finding that leads such a message (`dmarc-fail`, `compauth-fail`, `eop-spam-verdict`).
pub(crate) fn recipient_side_steps(from_domain: &str) -> Vec<Msg> {
    vec![
        msg!("recipient.step-report"),
        msg!("recipient.step-admins", from_domain),
        msg!("recipient.step-nothing", from_domain),
    ]
}

/// The fix of a finding about DMARC alignment when the From domain is a consumer mailbox domain (see
/// [`crate::net::is_consumer_mailbox_domain`]): written for the mailbox's user, who can change nothing in the
/// provider's DNS; what the user can do is send through the provider's own servers or from a domain of their own.
pub(crate) fn consumer_from_fix(from_domain: &str) -> crate::model::Fix {
    crate::model::Fix {
        summary: msg!("consumer.fix", from_domain).into(),
        steps: vec![
            msg!("consumer.step-nothing-dns", from_domain).into(),
            msg!("consumer.step-provider-servers", from_domain).into(),
            msg!("dmarc-fail.step-own-domain").into(),
        ],
        verify: vec![msg!("consumer.verify", from_domain).into()],
        references: vec!["RFC 7489 §3.1 Identifier Alignment".to_string()],
        ..crate::model::Fix::default()
    }
}

/// One step of SPF advice that never does harm: a shared provider's address is authorised through the provider's
/// `include:` (never as an `ip4:`/`ip6:` of its pool), a non-routable envelope domain is replaced rather than
/// published, and a consumer mailbox domain is never edited (send from your own domain instead).
pub(crate) fn spf_authorise_step(
    from_domain: &str,
    envelope_domain: Option<&str>,
    ip: Option<std::net::IpAddr>,
) -> Msg {
    let target = envelope_domain.unwrap_or(from_domain);
    let aligned = envelope_domain.is_none_or(|d| d.eq_ignore_ascii_case(from_domain));
    if !crate::domain::classify(target).is_routable() {
        return msg!("spf-step.non-routable", from_domain, target);
    }
    if crate::net::is_consumer_mailbox_domain(target) {
        return msg!("spf-step.consumer", from_domain, target);
    }
    let who = match ip.and_then(crate::net::provider_of_ip) {
        Some(p) => match p.spf_include {
            Some(include) => {
                msg!("spf-step.who-include", name = p.name, include)
            }
            None => msg!("spf-step.who-documented", name = p.name),
        },
        None => match ip {
            Some(ip) if !crate::net::is_internal_ip(ip) => {
                let mech = if ip.is_ipv4() { "ip4" } else { "ip6" };
                msg!("spf-step.who-ip", mech, ip)
            }
            _ => msg!("spf-step.who-server"),
        },
    };
    if aligned {
        msg!("spf-step.pass", target, who)
    } else {
        msg!("spf-step.align", from_domain, target, who)
    }
}

impl Ctx<'_> {
    /// The trusted receiver's result for `method`, lower case.
    pub(crate) fn receiver_result(&self, method: &str) -> Option<String> {
        self.authentication
            .verdicts
            .iter()
            .find(|v| v.method.eq_ignore_ascii_case(method))
            .map(|v| v.result.to_ascii_lowercase())
    }

    /// How to judge an identifier that cannot satisfy DMARC on this message.
    pub(crate) fn unaligned_judgment(&self) -> UnalignedJudgment {
        let route = self.route;
        if let Some(list) = &route.list {
            let how = if list.from_rewritten {
                msg!("redistributed.list-rewrote")
            } else if self.receiver_result("dkim").as_deref() == Some("pass") {
                msg!("redistributed.dkim-pass")
            } else if list.arc {
                msg!("redistributed.arc")
            } else {
                msg!("redistributed.no-arc")
            };
            return UnalignedJudgment::Redistributed(msg!("redistributed.list", how));
        }
        if route.forwarding.is_some() {
            return UnalignedJudgment::Redistributed(msg!("redistributed.forwarded"));
        }
        if route.direction == crate::route::Direction::Internal {
            return UnalignedJudgment::Internal;
        }
        if route.impersonation.as_ref().is_some_and(|i| i.spoofed) {
            return UnalignedJudgment::Impersonation;
        }
        match self.receiver_result("dmarc").as_deref() {
            Some("pass" | "bestguesspass") => UnalignedJudgment::ReceiverPassed,
            Some("none") => UnalignedJudgment::NoPolicy,
            Some("fail") => UnalignedJudgment::ReceiverFailed,
            _ => UnalignedJudgment::Unknown,
        }
    }
}

impl<'a> Ctx<'a> {
    /// All fields with this name (case-insensitive), topmost first.
    pub(crate) fn fields(&self, name: &'a str) -> impl Iterator<Item = &'a HeaderField> + 'a {
        crate::headers::all(self.headers, name)
    }

    /// The topmost field with this name (case-insensitive).
    pub(crate) fn field(&self, name: &str) -> Option<&'a HeaderField> {
        crate::headers::first(self.headers, name)
    }

    /// Evidence for one decoded Microsoft entry: its header, the exact text as written, and its span.
    pub(crate) fn ms_evidence(&self, entry: &MsField) -> Evidence {
        entry.evidence(self.source, self.headers)
    }

    /// Evidence for a whole field value.
    pub(crate) fn evidence(&self, field: &HeaderField) -> Evidence {
        self.source.evidence(field)
    }

    /// Evidence for part of a field value (see [`Source::evidence_for`](crate::input::Source::evidence_for)).
    pub(crate) fn evidence_for(&self, field: &HeaderField, needle: &str) -> Evidence {
        self.source.evidence_for(field, needle)
    }

    /// Evidence for a span of the input inside `field`, with the text exactly as written there, folds included.
    pub(crate) fn evidence_at(&self, field: &HeaderField, span: Span) -> Evidence {
        self.source.evidence_at(field, span)
    }

    /// Evidence for the tag `name` of a tag-list field (DKIM-Signature, ARC-Seal, …) as written, e.g. `l=1536`,
    /// up to the end of its first line (so the text is the same whatever the line endings); the first line of
    /// the value when the tag is absent.
    pub(crate) fn evidence_for_tag(&self, field: &HeaderField, name: &str) -> Evidence {
        let text = self.source.text(field.value_span);
        let (s, e) = crate::auth::tags::locate(text, name).unwrap_or((0, text.len()));
        let piece = text.get(s..e).unwrap_or_default();
        let e = s + piece.find(['\r', '\n']).map_or(piece.len(), |i| piece[..i].trim_end().len());
        let start = field.value_span.start();
        self.evidence_at(field, Span::new(start + s, start + e))
    }

    /// Where `needle` sits inside `field` in the input, if it appears there verbatim.
    pub(crate) fn locate(&self, field: &HeaderField, needle: &str) -> Option<Span> {
        self.source.locate(field, needle)
    }
}

#[cfg(test)]
pub(crate) mod test_support {
    //! Helpers for the diagnostics' unit tests.
    use crate::Report;
    use crate::model::{Finding, FindingId};

    /// Analyses a header block given as text, and checks it was read as headers: a test that a diagnostic
    /// stays quiet means nothing if the input was not understood.
    pub(crate) fn analyze(text: &str) -> Report {
        let report = crate::analyze_str(text);
        assert!(
            text.trim().is_empty() || report.input.looks_like_headers && !report.headers.is_empty(),
            "the test input was not read as headers: {text:?}"
        );
        report
    }

    /// The findings with this id.
    pub(crate) fn with_id(report: &Report, id: FindingId) -> Vec<&Finding> {
        report.findings.iter().filter(|f| f.id == id).collect()
    }
}

#[cfg(test)]
mod ordering_tests {
    use crate::model::Severity;

    #[test]
    fn the_mail_contact_diagnosis_leads_the_findings_it_explains() {
        let report =
            crate::analyze(include_bytes!("../tests/fixtures/exchange/hybrid-mail-contact-broken.eml"));
        let first = &report.findings[0];
        assert_eq!(first.id, "mail-contact-envelope-rewrite");
        let non_routable = report.findings.iter().find(|f| f.id == "return-path-non-routable").unwrap();
        assert_eq!(first.severity, non_routable.severity);
        assert!(first.severity >= Severity::High);
    }

    #[test]
    fn a_reference_is_listed_once_per_fix() {
        // A single-label envelope domain: the domain class cites RFC 5321 §2.3.5, which the finding's own
        // references already give with their title.
        let report = crate::analyze(
            b"Return-Path: <root@mailhost01>\nFrom: Billing <billing@example.com>\nTo: ops@example.net\n\
              Received: from mailhost01 (mailhost01 [198.51.100.9]) by mx.example.net with ESMTP id 1; Mon, 6 Jan 2025 10:15:05 +0000\n",
        );
        let f = report.findings.iter().find(|f| f.id == "return-path-non-routable").expect("fired");
        let refs = &f.fix.as_ref().expect("fix").references;
        assert_eq!(refs.iter().filter(|r| r.starts_with("RFC 5321 §2.3.5")).count(), 1, "{refs:?}");
        for fix in report.findings.iter().filter_map(|f| f.fix.as_ref()) {
            let mut seen = fix.references.clone();
            seen.dedup();
            assert_eq!(seen.len(), fix.references.len(), "{:?}", fix.references);
        }
    }

    #[test]
    fn findings_stay_sorted_by_severity() {
        let report =
            crate::analyze(include_bytes!("../tests/fixtures/exchange/hybrid-mail-contact-broken.eml"));
        assert!(report.findings.windows(2).all(|w| w[0].severity >= w[1].severity));
    }
}

#[cfg(test)]
mod catalogue_tests {
    use crate::model::FindingId;

    #[test]
    fn every_id_has_exactly_one_diagnostic() {
        let mut ids: Vec<FindingId> = super::catalogue().map(|m| m.id).collect();
        ids.sort();
        assert_eq!(ids, FindingId::ALL, "FindingId::ALL and DIAGNOSTICS disagree");
        for meta in super::catalogue() {
            assert!(!meta.what.is_empty() && !meta.why.is_empty() && !meta.fix.is_empty(), "{}", meta.id);
        }
    }

    #[test]
    fn ids_serialise_as_their_kebab_case_names() {
        for &id in FindingId::ALL {
            assert_eq!(serde_json::to_value(id).unwrap(), id.as_str());
            assert_eq!(FindingId::parse(id.as_str()), Some(id));
            assert!(id.as_str().bytes().all(|b| b.is_ascii_lowercase() || b == b'-'), "{id}");
        }
        assert_eq!(FindingId::parse("return-path-domain-non-routable"), None);
    }
}
