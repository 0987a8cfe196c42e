//! `arc-broken`: see [`META`] for what it checks, why it matters and the fix.

use crate::auth::ArcChain;
use crate::catalog::{Text, msg};
use crate::diagnostics::{Ctx, Meta};
use crate::model::{Evidence, Finding, FindingId, Owner, Severity};

pub(crate) const META: Meta = Meta {
    id: FindingId::ArcBroken,
    severity: Severity::Medium,
    owner: Owner::Intermediary,
    what: "The ARC chain (RFC 8617) is structurally broken — an instance lacks one of its three fields, an `i=` appears \
          twice, instances are not contiguous from 1, `cv=none` appears after i=1 — or its last seal says `cv=fail`, or \
          the trusted receiver reported `arc=fail`.",
    why: "ARC lets a receiver accept a forwarded message whose DKIM broke on the way (mailing lists, forwarding \
         services), by trusting what the intermediaries saw. A broken chain carries no such evidence: the forwarded \
         message is judged on its own SPF/DKIM/DMARC, which forwarding usually breaks.",
    fix: "The intermediary that sealed the failing instance (or a system after it) changed the message after sealing, \
         dropped ARC fields, or signs with a key that is not published. Whoever runs that intermediary should seal \
         after every modification and publish the sealing key at `<s>._domainkey.<d>`.",
};

pub(crate) fn check(ctx: &Ctx<'_>, acc: &mut Vec<Finding>) {
    let a = ctx.authentication;
    let chain: &ArcChain = &a.arc;
    let reported = a.trusted_methods("arc").find(|(_, m)| m.result == "fail");
    if !chain.broken && reported.is_none() {
        return;
    }
    let receiver = a.receiver_name();
    let mut evidence: Vec<Evidence> = Vec::new();
    if let Some((results, m)) = reported {
        evidence.push(ctx.evidence_at(&ctx.headers[results.header_index], m.verdict_span));
    }
    // The seal of the instance where it breaks, else of the highest instance.
    let at = chain.broken_at.or(chain.highest_instance);
    if let Some(i) = at {
        let needle = format!("i={i}");
        if let Some(seal) = ctx.fields("ARC-Seal").find(|f| f.value.split(';').any(|t| t.trim() == needle)) {
            let cv_fail = seal.value.split(';').map(str::trim).any(|t| t.eq_ignore_ascii_case("cv=fail"));
            evidence.push(ctx.evidence_for_tag(seal, if cv_fail { "cv" } else { "i" }));
        }
    }
    let instance = at.and_then(|i| chain.instances.iter().find(|x| x.instance == i));
    let sealer = instance.and_then(|x| x.sealer.clone());
    let selector = instance.and_then(|x| x.selector.clone());
    let mut problems: Vec<Text> = chain.problems.clone();
    if let Some((_, m)) = reported {
        let why = m.comments.first().map(|c| format!(" ({c})")).unwrap_or_default();
        problems.insert(0, msg!("arc-broken.receiver-reported", receiver, result = m.result, why).into());
    }
    let title = match at {
        Some(i) => msg!("arc-broken.title-at", i),
        None => msg!("arc-broken.title"),
    };
    let who = match (&sealer, at) {
        (Some(s), Some(i)) => msg!("arc-broken.sealer-named", s, i),
        _ => msg!("arc-broken.the-sealer"),
    };
    let mut commands = Vec::new();
    if let (Some(s), Some(d)) = (&selector, &sealer) {
        commands.push(format!("dig +short TXT {s}._domainkey.{d}"));
    }
    let saw: Vec<String> = chain
        .instances
        .iter()
        .filter(|x| !x.saw.is_empty())
        .map(|x| format!("i={} {}: {}", x.instance, x.authserv_id.as_deref().unwrap_or("?"), x.saw))
        .collect();
    let saw_text = (!saw.is_empty()).then(|| msg!("arc-broken.detail-saw", saw = Text::join_clauses(&saw)));
    META.finding(title, msg!("arc-broken.detail", problems = Text::join_clauses(problems), saw_text))
        .evidence(evidence)
        .fix(msg!("arc-broken.fix", who))
        .steps([
            msg!("arc-broken.step-seal", who),
            msg!("arc-broken.step-key"),
            msg!("arc-broken.step-forwarded"),
        ])
        .commands(commands)
        .references(["RFC 8617 §5.2 Validator actions"])
        .push(acc);
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::test_support::{analyze, with_id};

    const I1: &str = "ARC-Seal: i=1; a=rsa-sha256; d=lists.example.org; s=arc; cv=none; b=AAAA\n\
                      ARC-Message-Signature: i=1; a=rsa-sha256; d=lists.example.org; s=arc; h=from; bh=x; b=BBBB\n\
                      ARC-Authentication-Results: i=1; lists.example.org; spf=pass smtp.mailfrom=example.com\n";

    #[test]
    fn fires_on_a_gap_and_names_the_instance() {
        let report = analyze(&format!(
            "ARC-Seal: i=3; a=rsa-sha256; d=relay.example.net; s=s1; cv=pass; b=CCCC\n\
             ARC-Message-Signature: i=3; a=rsa-sha256; d=relay.example.net; s=s1; h=from; bh=x; b=DDDD\n\
             ARC-Authentication-Results: i=3; relay.example.net; arc=pass\n{I1}"
        ));
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].title, "ARC chain broken at instance 2");
        assert!(found[0].detail.contains("i=2 is missing"));
    }

    #[test]
    fn fires_on_cv_fail_with_the_seal_as_evidence() {
        let report = analyze(&format!(
            "ARC-Seal: i=2; a=rsa-sha256; d=google.com; s=arc-20160816; cv=fail; b=CCCC\n\
             ARC-Message-Signature: i=2; a=rsa-sha256; d=google.com; s=arc-20160816; h=from; bh=x; b=DDDD\n\
             ARC-Authentication-Results: i=2; mx.google.com; arc=fail (signature failed)\n{I1}"
        ));
        let f = with_id(&report, super::META.id)[0];
        assert_eq!(f.title, "ARC chain broken at instance 2");
        assert_eq!(f.evidence.last().map(|e| e.text.as_str()), Some("cv=fail"));
        assert_eq!(
            f.fix.as_ref().map(|x| x.commands.clone()),
            Some(vec!["dig +short TXT arc-20160816._domainkey.google.com".into()])
        );
    }

    #[test]
    fn the_fix_names_the_sealer_in_a_whole_sentence() {
        use crate::catalog::Lang;
        let report = analyze(&format!(
            "ARC-Seal: i=2; a=rsa-sha256; d=relay.example.net; s=s1; cv=fail; b=CCCC\n\
             ARC-Message-Signature: i=2; a=rsa-sha256; d=relay.example.net; s=s1; h=from; bh=x; b=DDDD\n\
             ARC-Authentication-Results: i=2; relay.example.net; arc=fail\n{I1}"
        ));
        let fix = with_id(&report, super::META.id)[0].fix.as_ref().expect("a fix");
        assert_eq!(
            fix.summary.render(Lang::En),
            "Have relay.example.net (the sealer of instance i=2) seal the message after its last change to it, and \
             publish its sealing key"
        );
        assert_eq!(
            fix.summary.render(Lang::Fr),
            "Faire sceller le message par relay.example.net (qui a scellé l'instance i=2) après sa dernière \
             modification, et publier sa clé de scellement"
        );
        assert!(
            fix.steps[0]
                .render(Lang::En)
                .starts_with("If you run relay.example.net (the sealer of instance i=2): ")
        );
    }

    #[test]
    fn quiet_on_an_intact_chain_or_none() {
        assert!(with_id(&analyze(I1), super::META.id).is_empty());
        assert!(with_id(&analyze("From: a@example.com\n"), super::META.id).is_empty());
    }
}
