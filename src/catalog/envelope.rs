//! Words of the envelope section: the Return-Path capitalisation heuristics (C1–C4), the hybrid-path signals
//! and the remarks on routable domains: id, English, French. Sorted by id (checked by `catalog::tests`).

pub(super) const MESSAGES: &[super::Row] = &[
    (
        "domain.note.internal-subdomain",
        "`{domain}` looks like an internal subdomain of `{org}`: it is routable only if it is published in the public DNS (check its MX/A and SPF records)",
        "`{domain}` ressemble à un sous-domaine interne de `{org}`\u{a0}: il n'est routable que s'il est publié dans le DNS public (vérifiez ses enregistrements MX/A et SPF)",
    ),
    (
        "domain.note.onmicrosoft",
        "`{domain}` is a Microsoft 365 tenant's initial domain: routable, but it never aligns with a custom From domain",
        "`{domain}` est le domaine initial d'un locataire Microsoft 365\u{a0}: routable, mais jamais aligné avec un domaine From personnalisé",
    ),
    (
        "envelope.case.all-caps",
        "`{address}` is written entirely in capitals, typical of legacy systems",
        "`{address}` est écrite entièrement en majuscules, ce qui est typique des systèmes anciens",
    ),
    (
        "envelope.case.drift",
        "The local part `{local}` is the From address's `{from_local}` with different capitalisation{other}: a sign it was re-derived from a directory entry rather than typed by the sender",
        "La partie locale `{local}` est celle de l'adresse From, `{from_local}`, avec une autre casse{other}\u{a0}: signe qu'elle a été reconstituée depuis une entrée d'annuaire plutôt que tapée par l'expéditeur",
    ),
    (
        "envelope.case.drift-other-domain",
        ", under a different domain (`{domain}` instead of `{from_domain}`)",
        ", sous un autre domaine (`{domain}` au lieu de `{from_domain}`)",
    ),
    (
        "envelope.case.irregular",
        "The local part `{local}` mixes capitalisation styles (`{marked}`): people and mail servers do not write addresses like this, directories copied from hand-typed entries do",
        "La partie locale `{local}` mélange les styles de casse (`{marked}`)\u{a0}: ni les personnes ni les serveurs de messagerie n'écrivent les adresses ainsi, les annuaires recopiés depuis des saisies manuelles le font",
    ),
    (
        "envelope.case.upper-domain",
        "The domain `{domain}` contains capitals; domains are case-insensitive, so this spelling was probably typed by hand into a directory or configuration",
        "Le domaine `{domain}` contient des majuscules\u{a0}; les domaines ne tiennent pas compte de la casse\u{a0}: cette orthographe a donc probablement été saisie à la main dans un annuaire ou une configuration",
    ),
    (
        "envelope.path.exchange-2019-or-se",
        "Exchange 2019 or Exchange Server SE",
        "Exchange 2019 ou Exchange Server SE",
    ),
    (
        "envelope.path.externally-secured",
        "with {prefix}-AuthAs: Internal, the message was accepted by an Exchange receive connector set to Externally Secured, so Exchange treated the sender as internal and resolved it against the directory",
        "avec {prefix}-AuthAs: Internal, le message a été accepté par un connecteur de réception Exchange configuré en Externally Secured (sécurisé en externe)\u{a0}: Exchange a donc traité l'expéditeur comme interne et l'a résolu dans l'annuaire",
    ),
    (
        "envelope.path.hybrid-onprem",
        "Exchange Online received the message from the organization's on-premises servers through the hybrid connector",
        "Exchange Online a reçu le message des serveurs locaux de l'organisation par le connecteur hybride",
    ),
    (
        "ms.exchange.organization.directionality",
        "message directionality",
        "sens du message (MessageDirectionality)",
    ),
];
