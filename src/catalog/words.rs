//! Units, numbers and the placeholders of commands and steps (what the reader replaces with their own value):
//! id, English, French. Sorted by id (checked by `catalog::tests`).
//!
//! A placeholder keeps its angle brackets in both languages; the command around it (cmdlet, parameters,
//! record syntax) stays as it is.

pub(super) const MESSAGES: &[super::Row] = &[
    ("duration.days-hours", "{d} d {h} h", "{d} j {h} h"),
    ("number.decimal", "{int}.{frac}", "{int},{frac}"),
    ("ph.<From domain>", "<From domain>", "<domaine From>"),
    ("ph.<HELO name>", "<HELO name>", "<nom HELO>"),
    ("ph.<domain>", "<domain>", "<domaine>"),
    (
        "ph.<inbound connector from on-premises>",
        "<inbound connector from on-premises>",
        "<connecteur entrant depuis l'organisation locale>",
    ),
    ("ph.<new selector>", "<new selector>", "<nouveau sélecteur>"),
    ("ph.<on-premises certificate name>", "<on-premises certificate name>", "<nom du certificat local>"),
    ("ph.<recipient>", "<recipient>", "<destinataire>"),
    ("ph.<selector>", "<selector>", "<sélecteur>"),
    (
        "ph.<send connector to Office 365>",
        "<send connector to Office 365>",
        "<connecteur d'envoi vers Office 365>",
    ),
    (
        "ph.<send connector to the Internet>",
        "<send connector to the Internet>",
        "<connecteur d'envoi vers Internet>",
    ),
    (
        "ph.<sender address in your domain>",
        "<sender address in your domain>",
        "<adresse d'expéditeur dans votre domaine>",
    ),
    ("ph.<sender address>", "<sender address>", "<adresse de l'expéditeur>"),
    ("ph.<sending IP>", "<sending IP>", "<IP d'envoi>"),
];
