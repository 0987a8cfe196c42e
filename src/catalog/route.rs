//! Words of the route's notes, of the bulk finding on likely hostile mail, of the hop findings' name for an
//! unnamed receiving server, and the semicolon between listed clauses (`Text::join_clauses`): id, English,
//! French. Sorted by id (checked by `catalog::tests`).

pub(super) const MESSAGES: &[super::Row] = &[
    (
        "eop-bulk.detail-hostile",
        " The message is likely hostile ({reason}): the bulk filter should act on it.",
        " Le message est probablement malveillant ({reason})\u{a0}: le filtre de courrier en nombre doit agir sur lui.",
    ),
    (
        "eop-bulk.fix-hostile",
        "Let the bulk filter act on mail from {sender}; do not allow it",
        "Laissez le filtre de courrier en nombre agir sur le courrier de {sender}\u{a0}; ne l'autorisez pas",
    ),
    (
        "eop-bulk.step-hostile",
        "Do not add {sender} to Safe Senders or an allow list, and do not report the message as \"Should not have been blocked\".",
        "N'ajoutez pas {sender} aux expéditeurs approuvés ni à une liste d'autorisation, et ne signalez pas le message comme « N'aurait pas dû être bloqué ».",
    ),
    ("hop-facts.receiver-of-hop", "the receiver of hop {hop}", "l'hôte destinataire du saut {hop}"),
    ("list.and", " and ", " et "),
    ("list.semicolon", "; ", "\u{a0}; "),
    (
        "route.note.date-stamp",
        "hop {hop} is a bare date stamp (no from or by): not a transit hop, left out of the timing",
        "le saut {hop} n'est qu'un horodatage (ni from ni by)\u{a0}: pas un saut de transit, exclu du calcul des délais",
    ),
    (
        "route.note.to-itself",
        "hop {hop} was passed by a server to itself (same sending and receiving host)",
        "au saut {hop}, un serveur s'est transmis le message à lui-même (même hôte émetteur et destinataire)",
    ),
    ("route.unnamed-servers", "unnamed servers", "serveurs sans nom"),
];
