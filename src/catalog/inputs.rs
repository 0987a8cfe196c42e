//! Words of the input readers: the date zone notes, the clean-up notes of the .msg, mbox and MIME readers and of
//! the limits, and the labels of messages found inside others: id, English, French. Sorted by id (checked by
//! `catalog::tests`).

pub(super) const MESSAGES: &[super::Row] = &[
    (
        "dates.ambiguous",
        "{zone} is ambiguous ({meanings}): the local offset is unknown and the time is read as UTC",
        "{zone} est ambigu ({meanings}) : le décalage local est inconnu et l'heure est lue comme UTC",
    ),
    (
        "dates.ambiguous-rfc",
        "{zone} is ambiguous ({meanings}): read as {offset}, RFC 5322's meaning, which may be wrong for this server",
        "{zone} est ambigu ({meanings}) : lu comme {offset}, le sens que lui donne la RFC 5322, qui peut être faux pour ce serveur",
    ),
    ("dates.and", "{a} and {b}", "{a} et {b}"),
    ("dates.ast", "Atlantic -0400 or Arabia +0300", "Atlantique -0400 ou Arabie +0300"),
    (
        "dates.bst",
        "British Summer Time +0100 or Bangladesh +0600",
        "heure d'été britannique +0100 ou Bangladesh +0600",
    ),
    (
        "dates.cst",
        "US Central -0600 (RFC 5322's reading), China +0800 or Cuba -0500",
        "Centre des États-Unis -0600 (la lecture de la RFC 5322), Chine +0800 ou Cuba -0500",
    ),
    ("dates.daylight-saving", "daylight saving", "l'heure d'été"),
    ("dates.form-2-digit-year", "a 2-digit year", "une année à 2 chiffres"),
    ("dates.form-no-zone", "no time zone", "aucun fuseau horaire"),
    (
        "dates.form-zone-name",
        "a zone name instead of a numeric offset",
        "un nom de fuseau au lieu d'un décalage numérique",
    ),
    ("dates.gst", "Gulf +0400 or South Georgia -0200", "Golfe +0400 ou Géorgie du Sud -0200"),
    ("dates.ist", "India +0530, Ireland +0100 or Israel +0200", "Inde +0530, Irlande +0100 ou Israël +0200"),
    (
        "dates.military",
        "{zone}: a military zone letter, which RFC 5322 §4.3 reads as -0000 (local offset unknown); the time is read as UTC",
        "{zone} : une lettre de fuseau militaire, que la RFC 5322 §4.3 lit comme -0000 (décalage local inconnu) ; l'heure est lue comme UTC",
    ),
    ("dates.no-zone", "no zone: the time is read as UTC", "aucun fuseau : l'heure est lue comme UTC"),
    (
        "dates.posix-dst",
        "{zone}: a POSIX zone; by {rule} of {year} {time} is in force on this date, so {offset}",
        "{zone} : un fuseau POSIX ; selon {rule} de {year}, {time} est en vigueur à cette date, donc {offset}",
    ),
    (
        "dates.posix-no-dst",
        "{zone}: a POSIX zone without daylight saving, {offset}",
        "{zone} : un fuseau POSIX sans heure d'été, {offset}",
    ),
    (
        "dates.posix-no-rule",
        "{zone}: a POSIX zone whose daylight-saving rule is not known here for {year}; the local offset is unknown and the time is read as UTC",
        "{zone} : un fuseau POSIX dont la règle d'heure d'été pour {year} n'est pas connue ici ; le décalage local est inconnu et l'heure est lue comme UTC",
    ),
    ("dates.rule-eu", "the EU summer-time rule", "la règle d'heure d'été de l'UE"),
    ("dates.rule-none", "no daylight saving", "aucune heure d'été"),
    ("dates.rule-us", "the US daylight-saving rule", "la règle d'heure d'été des États-Unis"),
    ("dates.standard-time", "standard time", "l'heure normale"),
    (
        "dates.unknown-offset",
        "-0000: the local offset is unknown (RFC 5322 §3.3); the time is read as UTC",
        "-0000 : le décalage local est inconnu (RFC 5322 §3.3) ; l'heure est lue comme UTC",
    ),
    ("dates.zone-name", "{zone}: a zone name, read as {offset}", "{zone} : un nom de fuseau, lu comme {offset}"),
];
