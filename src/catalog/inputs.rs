//! Words of the input readers: the date zone notes, the clean-up notes of the .msg, mbox and MIME readers and of
//! the limits, and the labels of messages found inside others: id, English, French. Sorted by id (checked by
//! `catalog::tests`).

pub(super) const MESSAGES: &[super::Row] = &[
    // The site's status line about a whole input (its size, how long all its messages took).
    ("container.analysed", "Analyzed {size} in {ms} ms", "Analyse de {size} terminée en {ms} ms"),
    (
        "container.analysed-messages",
        "Analyzed {size} ({n} messages) in {ms} ms",
        "Analyse de {size} ({n} messages) terminée en {ms} ms",
    ),
    (
        "container.attached",
        "attached message {n} ({ctype}) in {parent}",
        "message joint {n} ({ctype}) dans {parent}",
    ),
    (
        "container.cut-short",
        "the MIME part holding this message ends without its closing boundary: the message may be cut short (the input looks truncated)",
        "la partie MIME qui contient ce message se termine sans sa limite de fin\u{a0}: le message est peut-être incomplet (l'entrée semble tronquée)",
    ),
    ("container.header-block", "header block {i} of {n}", "bloc d'en-têtes {i} sur {n}"),
    ("container.mbox-message", "mbox message {n}", "message {n} de la boîte mbox"),
    ("container.mbox-message-of", "mbox message {n} of {total}", "message {n} sur {total} de la boîte mbox"),
    (
        "container.mbox-skipped",
        "the message is larger than {max} MiB: its last {skipped} bytes were not read",
        "le message dépasse {max} Mio\u{a0}: ses {skipped} derniers octets n'ont pas été lus",
    ),
    (
        "container.mime-nested",
        "MIME parts nested deeper than {max} levels were not looked into",
        "les parties MIME imbriquées sur plus de {max} niveaux n'ont pas été examinées",
    ),
    (
        "container.mime-no-boundary",
        "the {t} body names no boundary, so its parts (and any attached message in them) could not be read",
        "le corps {t} ne nomme aucune limite (boundary)\u{a0}: ses parties (et tout message joint qu'elles contiennent) n'ont pas pu être lues",
    ),
    (
        "container.mime-no-part",
        "no \"--{boundary}\" line starts a part of the {t} body: the MIME structure is damaged or cut, so no attached message could be read from it",
        "aucune ligne « --{boundary} » ne commence une partie du corps {t}\u{a0}: la structure MIME est endommagée ou coupée, aucun message joint n'a donc pu y être lu",
    ),
    (
        "container.mime-parts-stopped",
        "stopped after {max} MIME parts; the rest was not looked into",
        "arrêt après {max} parties MIME\u{a0}; le reste n'a pas été examiné",
    ),
    (
        "container.mime-unclosed",
        "the {t} body ends without its closing \"--{boundary}--\" line: the input looks truncated; its last part was read to the end",
        "le corps {t} se termine sans sa ligne de fin « --{boundary}-- »\u{a0}: l'entrée semble tronquée\u{a0}; sa dernière partie a été lue jusqu'au bout",
    ),
    (
        "container.returned-headers",
        "returned headers {n} (text/rfc822-headers) in {parent}",
        "en-têtes renvoyés {n} (text/rfc822-headers) dans {parent}",
    ),
    (
        "container.stopped",
        "stopped after {max} messages; the rest of the input was not analyzed",
        "arrêt après {max} messages\u{a0}; le reste de l'entrée n'a pas été analysé",
    ),
    ("container.the-message", "the message", "le message"),
    (
        "dates.ambiguous",
        "{zone} is ambiguous ({meanings}): the local offset is unknown and the time is read as UTC",
        "{zone} est ambigu ({meanings})\u{a0}: le décalage local est inconnu et l'heure est lue comme UTC",
    ),
    (
        "dates.ambiguous-rfc",
        "{zone} is ambiguous ({meanings}): read as {offset}, RFC 5322's meaning, which may be wrong for this server",
        "{zone} est ambigu ({meanings})\u{a0}: lu comme {offset}, le sens que lui donne la RFC 5322, qui peut être faux pour ce serveur",
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
        "{zone}\u{a0}: une lettre de fuseau militaire, que la RFC 5322 §4.3 lit comme -0000 (décalage local inconnu)\u{a0}; l'heure est lue comme UTC",
    ),
    ("dates.no-zone", "no zone: the time is read as UTC", "aucun fuseau\u{a0}: l'heure est lue comme UTC"),
    (
        "dates.posix-dst",
        "{zone}: a POSIX zone; by {rule} of {year} {time} is in force on this date, so {offset}",
        "{zone}\u{a0}: un fuseau POSIX\u{a0}; selon {rule} de {year}, {time} est en vigueur à cette date, donc {offset}",
    ),
    (
        "dates.posix-no-dst",
        "{zone}: a POSIX zone without daylight saving, {offset}",
        "{zone}\u{a0}: un fuseau POSIX sans heure d'été, {offset}",
    ),
    (
        "dates.posix-no-rule",
        "{zone}: a POSIX zone whose daylight-saving rule is not known here for {year}; the local offset is unknown and the time is read as UTC",
        "{zone}\u{a0}: un fuseau POSIX dont la règle d'heure d'été pour {year} n'est pas connue ici\u{a0}; le décalage local est inconnu et l'heure est lue comme UTC",
    ),
    ("dates.rule-eu", "the EU summer-time rule", "la règle d'heure d'été de l'UE"),
    ("dates.rule-none", "no daylight saving", "aucune heure d'été"),
    ("dates.rule-us", "the US daylight-saving rule", "la règle d'heure d'été des États-Unis"),
    ("dates.standard-time", "standard time", "l'heure normale"),
    (
        "dates.unknown-offset",
        "-0000: the local offset is unknown (RFC 5322 §3.3); the time is read as UTC",
        "-0000\u{a0}: le décalage local est inconnu (RFC 5322 §3.3)\u{a0}; l'heure est lue comme UTC",
    ),
    (
        "dates.zone-name",
        "{zone}: a zone name, read as {offset}",
        "{zone}\u{a0}: un nom de fuseau, lu comme {offset}",
    ),
    (
        "input.binary",
        "This looks like a binary file, not email headers: most of its first bytes are not text. Paste the message's headers as text (Outlook: File > Properties > Internet headers; Outlook on the web: View > View message details; Gmail: Show original), or open the message saved as an .eml or .msg file.",
        "Ceci ressemble à un fichier binaire, pas à des en-têtes de message\u{a0}: la plupart de ses premiers octets ne sont pas du texte. Collez les en-têtes du message sous forme de texte (Outlook\u{a0}: Fichier > Propriétés > En-têtes Internet\u{a0}; Outlook sur le web\u{a0}: Afficher > Afficher les détails du message\u{a0}; Gmail\u{a0}: Afficher l'original), ou ouvrez le message enregistré en fichier .eml ou .msg.",
    ),
    (
        "input.empty",
        "The input is empty: there are no headers to analyze. Paste the message's headers (Outlook: File > Properties > Internet headers; Outlook on the web: View > View message details; Gmail: Show original), or open the message saved as an .eml or .msg file.",
        "L'entrée est vide\u{a0}: il n'y a aucun en-tête à analyser. Collez les en-têtes du message (Outlook\u{a0}: Fichier > Propriétés > En-têtes Internet\u{a0}; Outlook sur le web\u{a0}: Afficher > Afficher les détails du message\u{a0}; Gmail\u{a0}: Afficher l'original), ou ouvrez le message enregistré en fichier .eml ou .msg.",
    ),
    (
        "input.image",
        "This looks like an image ({format}), not email headers: a picture of headers cannot be read. Paste the message's headers as text (Outlook: File > Properties > Internet headers; Outlook on the web: View > View message details; Gmail: Show original), or open the message saved as an .eml or .msg file.",
        "Ceci ressemble à une image ({format}), pas à des en-têtes de message\u{a0}: une image des en-têtes ne peut pas être lue. Collez les en-têtes du message sous forme de texte (Outlook\u{a0}: Fichier > Propriétés > En-têtes Internet\u{a0}; Outlook sur le web\u{a0}: Afficher > Afficher les détails du message\u{a0}; Gmail\u{a0}: Afficher l'original), ou ouvrez le message enregistré en fichier .eml ou .msg.",
    ),
    (
        "input.pdf",
        "This looks like a PDF file, not email headers. Paste the headers themselves (Outlook: File > Properties > Internet headers; Outlook on the web: View > View message details; Gmail: Show original), or open the message saved as an .eml or .msg file.",
        "Ceci ressemble à un fichier PDF, pas à des en-têtes de message. Collez les en-têtes eux-mêmes (Outlook\u{a0}: Fichier > Propriétés > En-têtes Internet\u{a0}; Outlook sur le web\u{a0}: Afficher > Afficher les détails du message\u{a0}; Gmail\u{a0}: Afficher l'original), ou ouvrez le message enregistré en fichier .eml ou .msg.",
    ),
    (
        "input.zip",
        "This looks like a ZIP archive (Office documents are ZIP archives too), not email headers. Extract the .eml or .msg file it holds and open that, or paste the message's headers (Outlook: File > Properties > Internet headers; Outlook on the web: View > View message details; Gmail: Show original).",
        "Ceci ressemble à une archive ZIP (les documents Office en sont aussi), pas à des en-têtes de message. Extrayez le fichier .eml ou .msg qu'elle contient et ouvrez-le, ou collez les en-têtes du message (Outlook\u{a0}: Fichier > Propriétés > En-têtes Internet\u{a0}; Outlook sur le web\u{a0}: Afficher > Afficher les détails du message\u{a0}; Gmail\u{a0}: Afficher l'original).",
    ),
    (
        "limits.cut",
        "input too large: analyzed {what}; the remaining {rest} of {total} bytes were not analyzed, from {line} on",
        "entrée trop grande\u{a0}: {what} analysés\u{a0}; les {rest} octets restants sur {total} n'ont pas été analysés, à partir de {line}",
    ),
    (
        "limits.cut-bytes",
        "the first {at} bytes (the limit is {max})",
        "les {at} premiers octets (la limite est de {max})",
    ),
    (
        "limits.cut-fields",
        "the first {max} header fields (the limit)",
        "les {max} premiers champs d'en-tête (la limite)",
    ),
    (
        "limits.cut-hops",
        "the {max} most recent Received fields (the limit) and the fields above them",
        "les {max} champs Received les plus récents (la limite) et les champs au-dessus d'eux",
    ),
    (
        "limits.utf16",
        "the input is UTF-16 text (as Windows Notepad saves \"Unicode\" and Windows PowerShell 5.1's Out-File writes): read as such",
        "le texte est en UTF-16 (comme l'enregistrent le « Unicode » du Bloc-notes de Windows et Out-File de Windows PowerShell 5.1)\u{a0}: lu comme tel",
    ),
    (
        "limits.windows-1252",
        "{n} {n|character|characters} in the header section {n|is|are} not UTF-8 (likely Windows-1252 or Latin-1, written without RFC 2047 encoding): {n|it is|they are} shown as read in Windows-1252 ({chars}); if the sender used another character set, names and text there read differently",
        "{n} {n|caractère|caractères} de la section d'en-têtes {n|n'est|ne sont} pas en UTF-8 (probablement Windows-1252 ou Latin-1, {n|écrit|écrits} sans encodage RFC 2047)\u{a0}: {n|il est affiché tel que lu|ils sont affichés tels que lus} en Windows-1252 ({chars})\u{a0}; si l'expéditeur a utilisé un autre jeu de caractères, les noms et le texte à cet endroit se lisent autrement",
    ),
    (
        "msg.attached-file",
        "attached message {n} (message/rfc822 file{file}) in {parent}",
        "message joint {n} (fichier message/rfc822{file}) dans {parent}",
    ),
    (
        "msg.attached-outlook",
        "attached message {n} (Outlook embedded message) in {parent}",
        "message joint {n} (message Outlook incorporé) dans {parent}",
    ),
    ("msg.code-page", ", code page {cp}", ", page de codes {cp}"),
    (
        "msg.damaged",
        "its Compound File structure is damaged or truncated ({e})",
        "sa structure Compound File est endommagée ou tronquée ({e})",
    ),
    (
        "msg.headers-read",
        "read the Internet headers Outlook kept in the .msg file ({file_bytes} bytes): PR_TRANSPORT_MESSAGE_HEADERS, {form}",
        "en-têtes Internet lus tels qu'Outlook les a conservés dans le fichier .msg ({file_bytes} octets)\u{a0}: PR_TRANSPORT_MESSAGE_HEADERS, {form}",
    ),
    (
        "msg.no-headers",
        "This Outlook message has no Internet headers: Outlook keeps them (PR_TRANSPORT_MESSAGE_HEADERS) only for messages it received over the Internet, not for sent items, drafts or messages created in Outlook. The subject, sender, recipients and time shown come from the message's Outlook properties. To analyze the route and authentication, open the copy the recipient received and save that one, or paste its headers (Outlook: File > Properties > Internet headers; Outlook on the web: View > View message details).",
        "Ce message Outlook n'a pas d'en-têtes Internet\u{a0}: Outlook ne les conserve (PR_TRANSPORT_MESSAGE_HEADERS) que pour les messages reçus par Internet, pas pour les éléments envoyés, les brouillons ni les messages créés dans Outlook. L'objet, l'expéditeur, les destinataires et l'heure affichés viennent des propriétés Outlook du message. Pour analyser le parcours et l'authentification, ouvrez la copie reçue par le destinataire et enregistrez-la, ou collez ses en-têtes (Outlook\u{a0}: Fichier > Propriétés > En-têtes Internet\u{a0}; Outlook sur le web\u{a0}: Afficher > Afficher les détails du message).",
    ),
    (
        "msg.not-cfb",
        "it does not start with the Compound File signature of Outlook .msg files",
        "il ne commence pas par la signature Compound File des fichiers .msg d'Outlook",
    ),
    (
        "msg.not-outlook",
        "it is a Compound File (like Word or Excel documents) without Outlook message properties",
        "c'est un fichier Compound File (comme les documents Word ou Excel) sans propriétés de message Outlook",
    ),
    (
        "msg.unreadable",
        "This file cannot be read as an Outlook message: {why}. Save the message again from Outlook (File > Save As, Outlook Message Format), or paste its headers instead (Outlook: File > Properties > Internet headers).",
        "Ce fichier ne peut pas être lu comme un message Outlook\u{a0}: {why}. Enregistrez de nouveau le message depuis Outlook (Fichier > Enregistrer sous, format Message Outlook), ou collez plutôt ses en-têtes (Outlook\u{a0}: Fichier > Propriétés > En-têtes Internet).",
    ),
];
