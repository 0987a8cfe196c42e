//! Words of the authentication section: the trusted receiver's explanation, the DKIM-Signature lint and the
//! ARC chain's problems: id, English, French. Sorted by id (checked by `catalog::tests`).

pub(super) const MESSAGES: &[super::Row] = &[
    ("auth.an-unnamed-host", "an unnamed host", "un hôte sans nom"),
    ("auth.arc.and-no", " and no ", " ni "),
    (
        "auth.arc.cv-fail",
        "the seal of i={i} says cv=fail: the chain had already failed when {sealer} sealed it",
        "le sceau de i={i} indique cv=fail\u{a0}: la chaîne avait déjà échoué quand {sealer} l'a scellée",
    ),
    (
        "auth.arc.cv-none-later",
        "the seal of i={i} says cv=none; only i=1 may",
        "le sceau de i={i} indique cv=none\u{a0}; seule i=1 le peut",
    ),
    (
        "auth.arc.duplicate",
        "instance i={i} appears more than once",
        "l'instance i={i} apparaît plusieurs fois",
    ),
    (
        "auth.arc.first-cv",
        "the seal of i=1 says cv={cv}; the first instance must say cv=none",
        "le sceau de i=1 indique cv={cv}\u{a0}; la première instance doit indiquer cv=none",
    ),
    (
        "auth.arc.gaps",
        "instances are not contiguous from 1: {gaps} {n|is|are} missing",
        "les instances ne se suivent pas depuis 1\u{a0}: {gaps} {n|manquante|manquantes}",
    ),
    ("auth.arc.missing", "instance i={i} has no {missing}", "l'instance i={i} n'a aucun {missing}"),
    ("auth.arc.no-cv", "the seal of i={i} has no cv=", "le sceau de i={i} n'a pas de cv="),
    ("auth.arc.that-intermediary", "that intermediary", "cet intermédiaire"),
    (
        "auth.arc.too-many",
        "i={max} exceeds the limit of {limit} instances (RFC 8617 §4.2.1)",
        "i={max} dépasse la limite de {limit} instances (RFC 8617 §4.2.1)",
    ),
    (
        "auth.arc.unknown-cv",
        "the seal of i={i} has an unknown cv={cv}",
        "le sceau de i={i} a un cv={cv} inconnu",
    ),
    (
        "auth.arc.unreadable",
        "{n} ARC {n|field has|fields have} no readable i=",
        "{n} {n|champ|champs} ARC sans i= lisible",
    ),
    (
        "auth.dkim-lint.auid-outside-domain",
        "i={i} is not {d} or a subdomain of it (RFC 6376 §3.5), so verifiers treat the signature as invalid",
        "i={i} n'est ni {d} ni l'un de ses sous-domaines (RFC 6376 §3.5)\u{a0}: les vérificateurs tiennent la signature pour non valide",
    ),
    (
        "auth.dkim-lint.bad-version",
        "v={v} is not the only defined version, v=1 (RFC 6376 §3.5)",
        "v={v} n'est pas la seule version définie, v=1 (RFC 6376 §3.5)",
    ),
    (
        "auth.dkim-lint.body-length-limit",
        "l={l} signs only the first {l} bytes of the body: anyone can append content and the signature of {d} still passes (RFC 6376 §8.2)",
        "l={l} ne signe que les {l} premiers octets du corps\u{a0}: n'importe qui peut ajouter du contenu et la signature de {d} réussit toujours (RFC 6376 §8.2)",
    ),
    (
        "auth.dkim-lint.expired-at-receipt",
        "the signature of {d} expired {late} before the receiving server stamped the message (x={x}), so it cannot pass there",
        "la signature de {d} a expiré {late} avant que le serveur destinataire n'horodate le message (x={x})\u{a0}: elle ne peut pas y réussir",
    ),
    (
        "auth.dkim-lint.expiry-before-timestamp",
        "x={x} is not after t={t}; RFC 6376 §3.5 requires the expiry to be later than the signing time",
        "x={x} n'est pas postérieur à t={t}\u{a0}; la RFC 6376 §3.5 exige une expiration postérieure à l'heure de signature",
    ),
    (
        "auth.dkim-lint.from-not-signed",
        "From is not in h= ({h}); RFC 6376 §5.4 requires it, so verifiers reject the signature of {d}",
        "From n'est pas dans h= ({h})\u{a0}; la RFC 6376 §5.4 l'exige, donc les vérificateurs rejettent la signature de {d}",
    ),
    (
        "auth.dkim-lint.missing-tag",
        "the required tag {tag}= is missing (RFC 6376 §3.5), so every verifier treats the signature as invalid",
        "la balise obligatoire {tag}= manque (RFC 6376 §3.5)\u{a0}: tout vérificateur tient la signature pour non valide",
    ),
    (
        "auth.dkim-lint.rsa-sha1",
        "{d} signs with rsa-sha1, which RFC 8301 forbids; many verifiers treat such signatures as failing",
        "{d} signe avec rsa-sha1, que la RFC 8301 interdit\u{a0}; beaucoup de vérificateurs tiennent ces signatures pour en échec",
    ),
    (
        "auth.dkim-lint.unknown-algorithm",
        "a={a} is not a registered DKIM algorithm (rsa-sha256, ed25519-sha256)",
        "a={a} n'est pas un algorithme DKIM enregistré (rsa-sha256, ed25519-sha256)",
    ),
    (
        "auth.receiver.foreign",
        "The topmost {field} field claims to be written by {name}, but none of the {hosts} Received {hosts|field|fields} shows {name} or its organisation receiving the message (it was delivered by {by}). Its results were not written by a server on this path: they are unverified, and nothing they say passes.",
        "Le champ {field} le plus haut se dit écrit par {name}, mais aucun champ Received sur {hosts} ne montre {name} ni son organisation recevant le message (il a été remis par {by}). Ses résultats n'ont été écrits par aucun serveur de ce chemin\u{a0}: ils ne sont pas vérifiés, et rien de ce qu'ils disent ne compte comme réussi.",
    ),
    (
        "auth.receiver.no-received",
        "The topmost {field} field was written by {name}. There are no Received fields to tell where the message entered it, so only fields with that same authserv-id are trusted.",
        "Le champ {field} le plus haut a été écrit par {name}. Aucun champ Received ne dit où le message y est entré\u{a0}: seuls les champs portant ce même authserv-id sont fiables.",
    ),
    (
        "auth.receiver.not-tied",
        "The topmost {field} field was written by {name}. None of the {hosts} Received {hosts|field|fields} can be tied to it, so where the message entered {name} is unknown; only fields with that same authserv-id are trusted.",
        "Le champ {field} le plus haut a été écrit par {name}. Aucun champ Received sur {hosts} ne peut lui être rattaché\u{a0}: on ne sait pas où le message est entré chez {name}\u{a0}; seuls les champs portant ce même authserv-id sont fiables.",
    ),
    (
        "auth.receiver.trusted-from",
        "The topmost {field} field was written by {name}; its results are trusted from hop {hop}, where the message entered {name}, upwards. Results below that hop were added before the message reached {name} and are not verified by it.",
        "Le champ {field} le plus haut a été écrit par {name}\u{a0}; ses résultats sont fiables à partir du saut {hop}, où le message est entré chez {name}, et au-dessus. Les résultats sous ce saut ont été ajoutés avant que le message n'atteigne {name} et ne sont pas vérifiés par lui.",
    ),
    (
        "auth.receiver.unnamed",
        "The topmost {field} field names no receiver; results from hop {hop} upwards are trusted.",
        "Le champ {field} le plus haut ne nomme aucun destinataire\u{a0}; les résultats à partir du saut {hop} et au-dessus sont fiables.",
    ),
    (
        "auth.receiver.unnamed-no-received",
        "The topmost {field} field names no receiver and there are no Received fields.",
        "Le champ {field} le plus haut ne nomme aucun destinataire et il n'y a aucun champ Received.",
    ),
    (
        "auth.receiver.unnamed-not-tied",
        "The topmost {field} field names no receiver and none of the {hosts} Received {hosts|field|fields} can be tied to it.",
        "Le champ {field} le plus haut ne nomme aucun destinataire et aucun champ Received sur {hosts} ne peut lui être rattaché.",
    ),
    (
        "auth.receiver.went-on",
        "The topmost {field} field was written by {name}, but the message then went on to {by}, which added no results of its own; so no result here was stamped by the final receiving organisation.",
        "Le champ {field} le plus haut a été écrit par {name}, mais le message est ensuite allé à {by}, qui n'a ajouté aucun résultat\u{a0}: aucun résultat ici n'a donc été apposé par l'organisation destinataire finale.",
    ),
    ("auth.the-receiving-server", "the receiving server", "le serveur destinataire"),
];
