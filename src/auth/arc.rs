//! The ARC chain (RFC 8617): instances gathered from ARC-Seal, ARC-Message-Signature and
//! ARC-Authentication-Results, checked for structure (never cryptographically).

use super::model::{ArcChain, ArcInstance, AuthResults, ResultsKind};
use super::tags;
use crate::catalog::{Text, msg};

/// The most ARC instances a chain may have (RFC 8617 §4.2.1).
pub(super) const ARC_MAX_INSTANCES: u32 = 50;

/// Summarises the ARC chain from its three header kinds.
pub(super) fn arc_chain(
    results: &[AuthResults],
    seals: &[(usize, Vec<tags::Tag>)],
    ams: &[Vec<tags::Tag>],
) -> ArcChain {
    let aars: Vec<&AuthResults> =
        results.iter().filter(|r| r.kind == ResultsKind::ArcAuthenticationResults).collect();
    let mut chain =
        ArcChain { present: !aars.is_empty() || !seals.is_empty() || !ams.is_empty(), ..ArcChain::default() };
    if !chain.present {
        return chain;
    }
    let instance_of = |t: &[tags::Tag]| tags::get(t, "i").and_then(|i| i.parse::<u32>().ok());
    // Each field's instance is read once and grouped by number, in input order: filtering every field
    // for every number was quadratic (266 ms for 4,900 ARC-Seal fields).
    #[derive(Default)]
    struct Group<'r> {
        aar: Vec<&'r AuthResults>,
        seal: Vec<&'r Vec<tags::Tag>>,
        sig_count: usize,
    }
    let mut groups: std::collections::BTreeMap<u32, Group<'_>> = std::collections::BTreeMap::new();
    let mut unreadable = 0;
    for r in &aars {
        match r.parsed.arc_instance {
            Some(i) => groups.entry(i).or_default().aar.push(r),
            None => unreadable += 1,
        }
    }
    for (_, t) in seals {
        match instance_of(t) {
            Some(i) => groups.entry(i).or_default().seal.push(t),
            None => unreadable += 1,
        }
    }
    for t in ams {
        match instance_of(t) {
            Some(i) => groups.entry(i).or_default().sig_count += 1,
            None => unreadable += 1,
        }
    }
    for (&i, Group { aar, seal, sig_count }) in &groups {
        let sig_count = *sig_count;
        let first_seal = seal.first();
        let inst = ArcInstance {
            instance: i,
            authentication_results: aar.len(),
            message_signatures: sig_count,
            seals: seal.len(),
            cv: first_seal.and_then(|t| tags::get(t, "cv")).map(str::to_ascii_lowercase),
            sealer: first_seal.and_then(|t| tags::get(t, "d")).map(str::to_string),
            selector: first_seal.and_then(|t| tags::get(t, "s")).map(str::to_string),
            authserv_id: aar.first().and_then(|r| r.parsed.authserv_id.clone()),
            saw: aar
                .first()
                .map(|r| {
                    r.parsed
                        .methods
                        .iter()
                        .map(|m| format!("{}={}", m.method, m.result))
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .unwrap_or_default(),
            hop: aar.first().and_then(|r| r.hop),
        };
        let missing: Vec<&str> = [
            (inst.authentication_results == 0, "ARC-Authentication-Results"),
            (inst.message_signatures == 0, "ARC-Message-Signature"),
            (inst.seals == 0, "ARC-Seal"),
        ]
        .iter()
        .filter(|(m, _)| *m)
        .map(|(_, n)| *n)
        .collect();
        if !missing.is_empty() {
            let mut names = Text::default();
            for (n, name) in missing.iter().enumerate() {
                if n > 0 {
                    names.push(msg!("auth.arc.and-no"));
                }
                names.push_str(name);
            }
            chain.problems.push(msg!("auth.arc.missing", i, missing = names).into());
            chain.broken_at.get_or_insert(i);
        }
        if inst.authentication_results > 1 || inst.message_signatures > 1 || inst.seals > 1 {
            chain.duplicates.push(i);
            chain.problems.push(msg!("auth.arc.duplicate", i).into());
            chain.broken_at.get_or_insert(i);
        }
        match (i, inst.cv.as_deref()) {
            (1, Some("none")) | (2.., Some("pass")) => {}
            (1, Some(cv)) => chain.problems.push(msg!("auth.arc.first-cv", cv).into()),
            (2.., Some("none")) => {
                chain.problems.push(msg!("auth.arc.cv-none-later", i).into());
                chain.broken_at.get_or_insert(i);
            }
            (_, Some("fail")) => {
                let sealer: Text = match inst.sealer.as_deref() {
                    Some(s) => s.into(),
                    None => msg!("auth.arc.that-intermediary").into(),
                };
                chain.problems.push(msg!("auth.arc.cv-fail", i, sealer).into());
                chain.broken_at.get_or_insert(i);
            }
            (_, Some(cv)) => chain.problems.push(msg!("auth.arc.unknown-cv", i, cv).into()),
            (_, None) if inst.seals > 0 => chain.problems.push(msg!("auth.arc.no-cv", i).into()),
            _ => {}
        }
        chain.instances.push(inst);
    }
    if unreadable > 0 {
        chain.problems.push(msg!("auth.arc.unreadable", n = unreadable).into());
    }
    if let Some(&max) = groups.keys().next_back() {
        chain.highest_instance = Some(max);
        // Gaps are listed within the 50 instances RFC 8617 allows: an `i=4000000000` would otherwise
        // list billions of numbers (the fuzzer ran out of memory on `i=126704711`).
        chain.gaps = (1..max.min(ARC_MAX_INSTANCES + 1)).filter(|i| !groups.contains_key(i)).collect();
        if !chain.gaps.is_empty() {
            let gaps: Vec<String> = chain.gaps.iter().map(|g| format!("i={g}")).collect();
            chain.problems.push(msg!("auth.arc.gaps", gaps = gaps.join(", "), n = chain.gaps.len()).into());
            chain.broken_at.get_or_insert(chain.gaps[0]);
        }
        if max > ARC_MAX_INSTANCES {
            chain.problems.push(msg!("auth.arc.too-many", max, limit = ARC_MAX_INSTANCES).into());
        }
        chain.highest_cv = chain.instances.last().and_then(|i| i.cv.clone());
    }
    chain.broken = !chain.problems.is_empty() || chain.highest_cv.as_deref() == Some("fail");
    chain
}
