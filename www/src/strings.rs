//! Every piece of text the site shows, in English and French, side by side so a translation is one file
//! away. The language is chosen once per page (the remembered choice, else the first of
//! `navigator.languages` that is English or French) and can be switched at any time (see `app.rs`); views
//! read the current table with [`s()`]. Technical tokens (header names, cmdlets, SCL values) stay as they
//! are. Text that comes from the analysis itself (finding titles, details, fixes) is a core
//! [`headerlens::Text`] (message ids and arguments), rendered here in the current language with [`t`]; the
//! core's catalogue (`src/catalog/`) holds its English and French.

use std::cell::Cell;

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Fr,
}

impl Lang {
    /// The BCP 47 tag, for `<html lang>` and storage.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    /// The language a tag names, if the site has it (`fr-CA` → French).
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "fr" => Some(Lang::Fr),
            _ => None,
        }
    }

    /// The first language of a preference list (`navigator.languages`) the site has; English otherwise.
    pub fn preferred<'a>(tags: impl IntoIterator<Item = &'a str>) -> Lang {
        tags.into_iter().find_map(Lang::from_tag).unwrap_or(Lang::En)
    }

    /// The core's language for the report's own words.
    pub fn core(self) -> headerlens::Lang {
        match self {
            Lang::En => headerlens::Lang::En,
            Lang::Fr => headerlens::Lang::Fr,
        }
    }

    /// Its own name, for the switch.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Fr => "Français",
        }
    }
}

thread_local! {
    static LANG: Cell<Lang> = const { Cell::new(Lang::En) };
}

/// The current language.
pub fn lang() -> Lang {
    LANG.with(Cell::get)
}

/// Sets the current language (the app re-renders its views after this).
pub fn set_lang(l: Lang) {
    LANG.with(|c| c.set(l));
}

/// A text from the analysis (finding title, detail, fix) in the current language.
pub fn t(text: &headerlens::Text) -> String {
    text.render(lang().core())
}

/// The current language's table.
pub fn s() -> &'static Strings {
    match lang() {
        Lang::En => &EN,
        Lang::Fr => &FR,
    }
}

fn fr() -> bool {
    lang() == Lang::Fr
}

macro_rules! strings {
    ($($name:ident: $en:expr, $fr:expr;)*) => {
        /// The interface's fixed texts in one language.
        #[allow(non_snake_case)]
        pub struct Strings { $(pub $name: &'static str,)* }
        /// English.
        pub static EN: Strings = Strings { $($name: $en,)* };
        /// French.
        pub static FR: Strings = Strings { $($name: $fr,)* };
    };
}

strings! {
    // Page shell (index.html's static text, replaced when the language changes)
    TAGLINE: "Email header analyzer. Everything stays in this page: nothing you paste is sent anywhere.",
        "Analyseur d'en-têtes de messages. Tout reste dans cette page\u{a0}: rien de ce que vous collez n'est envoyé.";
    FOOTER: "headerlens runs entirely in your browser: no upload, no storage, no tracking.",
        "headerlens fonctionne entièrement dans votre navigateur\u{a0}: pas d'envoi, pas de stockage, pas de suivi.";
    SKIP: "Skip to content", "Aller au contenu";
    LANGUAGE: "Language", "Langue";

    // Input panel
    INPUT_HEADING: "Message headers", "En-têtes du message";
    INPUT_LABEL: "Paste the message headers (or the whole message source)",
        "Collez les en-têtes du message (ou la source complète du message)";
    INPUT_PLACEHOLDER: "Received: from …\nFrom: …\nSubject: …", "Received: from …\nFrom: …\nSubject: …";
    INPUT_HINT: "Outlook: File → Properties → Internet headers. Gmail: ⋮ → Show original. Or drop .eml, .msg, .mbox or .txt files here (read in this page, never uploaded).",
        "Outlook\u{a0}: Fichier → Propriétés → En-têtes Internet. Gmail\u{a0}: ⋮ → Afficher l'original. Ou déposez ici des fichiers .eml, .msg, .mbox ou .txt (lus dans cette page, jamais envoyés).";
    ANALYZE: "Analyze", "Analyser";
    SAMPLE: "Load a sample", "Charger un exemple";
    CLEAR: "Clear", "Effacer";
    OPEN_FILE: "Open files (.eml, .msg, .mbox, .txt)", "Ouvrir des fichiers (.eml, .msg, .mbox, .txt)";
    DROP_HERE: "Drop the file to read it", "Déposez le fichier pour le lire";
    EMPTY_INPUT: "Paste headers above, open a file, or load the sample to see the analysis.",
        "Collez des en-têtes ci-dessus, ouvrez un fichier ou chargez l'exemple pour voir l'analyse.";
    NOT_HEADERS: "This does not look like email headers: no “Name: value” header field was found. \
         Paste the header block of a message (it starts with lines such as “Received:” or “From:”).",
        "Cela ne ressemble pas à des en-têtes de message\u{a0}: aucun champ « Nom: valeur » n'a été trouvé. \
         Collez le bloc d'en-têtes d'un message (il commence par des lignes comme « Received: » ou « From: »).";
    ANALYZING: "Analyzing…", "Analyse en cours…";

    // Verdict
    VERDICT_HEADING: "Verdict", "Verdict";
    VERDICT_CLEAN: "No problems found in these headers.", "Aucun problème trouvé dans ces en-têtes.";
    VERDICT_CLEAN_DETAIL: "headerlens checked the envelope, the route and the timing and found nothing to fix.",
        "headerlens a vérifié l'enveloppe, le chemin et les délais et n'a rien trouvé à corriger.";
    STATUS_PROBLEM: "Problem", "Problème";
    STATUS_WARNING: "Warning", "Avertissement";
    STATUS_NOTE: "Note", "Remarque";
    STATUS_OK: "OK", "OK";

    // Summary card
    SUMMARY_HEADING: "Message", "Message";
    FIELD_FROM: "From", "De (From)";
    FIELD_TO: "To", "À (To)";
    FIELD_CC: "Cc", "Cc";
    FIELD_SUBJECT: "Subject", "Objet";
    FIELD_DATE: "Date", "Date";
    FIELD_MESSAGE_ID: "Message-ID", "Message-ID";
    FIELD_RETURN_PATH: "Return-Path", "Chemin de retour (Return-Path)";
    FIELD_REPLY_TO: "Reply-To", "Répondre à (Reply-To)";
    FIELD_MAILER: "Mailer", "Logiciel d'envoi";
    NONE: "—", "—";
    NULL_SENDER: "null sender <> (a bounce or auto-reply)", "expéditeur nul <> (un rapport de non-remise ou une réponse automatique)";
    BADGE_NON_ROUTABLE: "non-routable domain", "domaine non routable";
    BADGE_ODD_CASE: "odd capitalisation", "casse inhabituelle";
    ODD_CASE_LEGEND: "Highlighted characters differ in case from the From address.",
        "Les caractères surlignés n'ont pas la même casse que dans l'adresse From.";

    // Route
    TIMELINE_HEADING: "Route", "Chemin";
    TOTAL_TRANSIT: "Total transit", "Transit total";
    NO_HOPS: "No Received fields: the headers do not show the route.",
        "Aucun champ Received\u{a0}: les en-têtes ne montrent pas le chemin.";
    HOP: "Hop", "Saut";
    PROTOCOL: "Protocol", "Protocole";
    TLS: "TLS", "TLS";
    FROM_IP: "Sender IP", "IP de l'émetteur";
    NO_TLS_STATED: "not stated", "non indiqué";
    TIME_UTC: "UTC", "UTC";
    TIME_LOCAL: "Your time", "Votre heure";
    NO_DATE: "no readable date", "date illisible";
    DELAY: "Delay", "Délai";
    CLOCK_SKEW: "clock skew", "décalage d'horloge";
    CLOCK_SKEW_NOTE: "Timestamps go backwards here: the clocks disagree, this is not a delay.",
        "Les horodatages reculent ici\u{a0}: les horloges ne concordent pas, ce n'est pas un délai.";
    RAW: "Raw", "Brut";
    TLS_YES: "yes", "oui";
    NO_TLS_TAG: "TLS not stated", "TLS non indiqué";
    NO_DELAY: "no delay measured", "pas de délai mesuré";
    BOUNDARY: "receiver's boundary", "entrée chez le destinataire";
    CHART_LABEL: "Route chart: one mark per hop, oldest first", "Schéma du chemin\u{a0}: une marque par saut, du plus ancien au plus récent";
    CHART_SCROLL_CUE: "Scroll sideways to see the whole route →", "Faites défiler vers la droite pour voir tout le chemin →";
    CHART_HINT: "Point at a hop or move to it with Tab to see its details.",
        "Pointez un saut ou atteignez-le avec Tab pour voir ses détails.";
    SCALE_LINEAR: "Bar lengths are proportional to each hop's delay.",
        "La longueur des barres est proportionnelle au délai de chaque saut.";
    SCALE_LOG: "One hop's delay dominates: bar lengths use a logarithmic scale so the others stay visible.",
        "Le délai d'un saut domine\u{a0}: les barres suivent une échelle logarithmique pour que les autres restent visibles.";
    HOP_TABLE: "Hops, oldest first", "Sauts, du plus ancien au plus récent";
    COL_FROM: "From", "De";
    COL_BY: "By", "Par";
    COL_WITH: "With", "Avec";
    PARSE_PARTIAL: "partly read", "lu en partie";
    PARSE_RAW: "not understood", "non compris";
    ROLE_CLIENT: "Submitting client", "Client émetteur";
    ROLE_SENDING_ORG: "Sending organisation", "Organisation expéditrice";
    ROLE_SENDING_PROVIDER: "Sending provider", "Prestataire d'envoi";
    ROLE_FORWARDER: "Forwarder", "Transféreur";
    ROLE_LIST: "Mailing list", "Liste de diffusion";
    ROLE_RELAY: "Relay", "Relais";
    ROLE_RECEIVING_GATEWAY: "Receiving gateway", "Passerelle de réception";
    ROLE_RECEIVING_ORG: "Receiving organisation", "Organisation destinataire";
    ROLE_UNKNOWN: "Not attributed", "Non attribué";
    SUBMISSION: "Date header to first hop", "De l'en-tête Date au premier saut";

    // Findings
    ROOT_CAUSES_HEADING: "What to fix", "À corriger";
    RUNBOOK: "Runbook: steps, verification, alternatives, references",
        "Procédure\u{a0}: étapes, vérification, alternatives, références";
    STEPS: "Steps", "Étapes";
    WHY: "Why it matters", "Pourquoi c'est important";
    COMMANDS: "Commands", "Commandes";
    NO_FINDINGS: "No findings.", "Aucun constat.";
    CONFIDENCE_LIKELY: "likely", "probable";
    FIX: "Fix", "Correction";
    VERIFY: "Verify", "Vérifier";
    ALTERNATIVES: "Alternatives", "Autres solutions";
    REFERENCES: "Further reading", "Pour aller plus loin";
    COPY: "Copy", "Copier";
    COPIED: "Copied", "Copié";
    COPY_FAILED: "Copy failed: select the text and copy it by hand",
        "La copie a échoué\u{a0}: sélectionnez le texte et copiez-le à la main";

    // Panels
    AUTH_HEADING: "Authentication", "Authentification";
    AUTH_EMPTY: "No authentication results in these headers.", "Aucun résultat d'authentification dans ces en-têtes.";
    MICROSOFT_HEADING: "Microsoft 365 / Exchange", "Microsoft 365 / Exchange";
    MICROSOFT_EMPTY: "No Microsoft anti-spam or Exchange headers in these headers.",
        "Aucun en-tête anti-spam Microsoft ou Exchange dans ces en-têtes.";
    MS_FIELDS: "Decoded Microsoft fields", "Champs Microsoft décodés";
    ENVELOPE_HEADING: "Envelope", "Enveloppe";
    HYBRID_PATH: "Hybrid path (on-premises Exchange → Exchange Online)",
        "Chemin hybride (Exchange local → Exchange Online)";
    MORE_DETAILS: "More details", "Plus de détails";
    UNKNOWN_KEYS: "Keys no table explains:", "Clés qu'aucune table n'explique\u{a0}:";
    COL_METHOD: "Method", "Méthode";
    COL_RESULT: "Result", "Résultat";
    COL_IN_WORDS: "In words", "En clair";
    COL_FIELD: "Field", "Champ";
    YES: "yes", "oui";
    NO: "no", "non";

    // Headers table
    HEADERS_HEADING: "All headers", "Tous les en-têtes";
    HEADERS_FILTER_LABEL: "Search headers", "Rechercher dans les en-têtes";
    HEADERS_FILTER_PLACEHOLDER: "Name or value", "Nom ou valeur";
    COL_NUMBER: "#", "n°";
    COL_NAME: "Name", "Nom";
    COL_VALUE: "Value", "Valeur";
    COL_MEANING: "Meaning", "Signification";
    SHOW_ALL: "Show all", "Tout afficher";
    DECODED: "decoded", "décodé";

    // Export
    EXPORT_HEADING: "Export", "Exporter";
    COPY_MARKDOWN: "Copy report as Markdown", "Copier le rapport en Markdown";
    PREVIEW_MARKDOWN: "Preview the Markdown", "Aperçu du Markdown";
    PREVIEW_LABEL: "What will be copied", "Ce qui sera copié";
    DOWNLOAD_JSON: "Download JSON", "Télécharger le JSON";
    PRINT: "Print", "Imprimer";
    REDACT_LABEL: "Redact exports: addresses, organisation domains and host names, IP addresses, GUIDs, message ids and the subject",
        "Anonymiser les exports\u{a0}: adresses, domaines et noms d'hôte des organisations, adresses IP, GUID, identifiants de message et objet";
    MARKDOWN_COPIED: "Report copied as Markdown.", "Rapport copié en Markdown.";
    MARKDOWN_FALLBACK: "The clipboard is not available here; copy the Markdown below.",
        "Le presse-papiers n'est pas disponible ici\u{a0}; copiez le Markdown ci-dessous.";
    JSON_DOWNLOADED: "JSON report downloaded.", "Rapport JSON téléchargé.";

    // Input notes and errors
    NORMALIZED: "Cleaned up before reading", "Nettoyé avant lecture";
    LOSSY: "The input was not valid UTF-8; unreadable bytes were replaced.",
        "Le texte n'était pas de l'UTF-8 valide\u{a0}; les octets illisibles ont été remplacés.";
    PANIC_TITLE: "Something went wrong inside headerlens.", "Une erreur s'est produite dans headerlens.";
    // The link in the error box that reloads the page (a plain link: it works after the app has stopped).
    PANIC_RELOAD: "Reload and restore my text", "Recharger et restaurer mon texte";
    PANIC_BODY: "Your text is kept: reload the page and it comes back in the box, ready to analyze again; \
         please report the problem with the headers that caused it (redact them first).",
        "Votre texte est conservé\u{a0}: rechargez la page et il revient dans la zone de saisie, prêt à être analysé\u{a0}; \
         signalez le problème avec les en-têtes qui l'ont provoqué (anonymisez-les d'abord).";
    FILE_READ_ERROR: "The file could not be read.", "Le fichier n'a pas pu être lu.";

    // Message list and comparison
    NO_SUBJECT: "(no subject)", "(sans objet)";
    COMPARE_TOGGLE: "Compare with another message", "Comparer avec un autre message";
    COMPARE_LABEL: "Paste the headers of a new test message here (after the change), or drop its file: each difference is judged for the new one.",
        "Collez ici les en-têtes d'un nouveau message de test (après la modification), ou déposez son fichier\u{a0}: chaque différence est jugée pour le nouveau message.";
    COMPARE_PLACEHOLDER: "Headers of the message after the change…", "En-têtes du message après la modification…";
    NO_DIFFERENCES: "No differences in the envelope, route, authentication, filtering or findings.",
        "Aucune différence dans l'enveloppe, le chemin, l'authentification, le filtrage ou les constats.";
    BETTER: "Better", "Mieux";
    WORSE: "Worse", "Moins bien";
    CHANGED: "Changed", "Modifié";
    DIFF_NONE: "(none)", "(aucun)";
    VERDICT_COL: "Verdict", "Verdict";
    WHAT_COL: "What", "Quoi";
    BEFORE_COL: "This message", "Ce message";
    AFTER_COL: "The other message", "L'autre message";

    // Delivery
    DELIVERY_HEADING: "Where it landed", "Où le message a été remis";
    DELIVERY_REASONS: "Why (the header fields behind the answer)", "Pourquoi (les champs d'en-tête derrière la réponse)";
    FILTERS_CAPTION: "Spam filters whose headers survive", "Filtres anti-spam dont les en-têtes subsistent";
    FILTER_COL: "Filter", "Filtre";
    SCORE_COL: "Score / threshold", "Score / seuil";
    POSITION_COL: "Where", "Où";
    RULES_COL: "Top rules", "Principales règles";
    FILTER_SPAM: "spam", "spam";
    FILTER_NOT_SPAM: "not spam", "pas du spam";
    FILTER_UNKNOWN: "no verdict", "pas de verdict";
    POSITION_RECEIVER: "at the receiving organisation", "chez l'organisation destinataire";
    POSITION_UPSTREAM: "upstream (not counted)", "en amont (non compté)";
    POSITION_UNKNOWN: "unknown (no Received field)", "inconnu (aucun champ Received)";
}

/// The badge of a domain's kind ("not routable" words): the report's token in English, words in French.
pub fn domain_kind(kind: headerlens::domain::DomainKind) -> String {
    use headerlens::domain::DomainKind;
    if !fr() {
        return kind.as_str().replace('-', " ");
    }
    match kind {
        DomainKind::Routable => "routable",
        DomainKind::SpecialUse => "usage spécial",
        DomainKind::UnknownTld => "TLD inconnu",
        DomainKind::SingleLabel => "nom sans point",
        DomainKind::IpLiteral => "adresse IP littérale",
        DomainKind::PublicSuffix => "suffixe public",
        DomainKind::Malformed => "mal formé",
    }
    .to_string()
}

/// The French label of a report's JSON key in the generic "More details" lists (`domain_class` →
/// "Classe du domaine"); `None` in English, and for keys that are technical tokens (`scl`, `sfv`, `cv`).
pub fn key_label(key: &str) -> Option<&'static str> {
    if !fr() {
        return None;
    }
    Some(match key {
        "address" => "Adresse",
        "algorithm" => "Algorithme",
        "alignment" => "Alignement",
        "app_host" => "Hôte d'application",
        "arc_instance" => "Instance ARC",
        "bare_domains" => "Domaines seuls",
        "body_hash" => "Hachage du corps",
        "body_length" => "Longueur du corps",
        "bounce_token" => "Jeton de rebond",
        "broken" => "Rompue",
        "broken_at" => "Rompue à",
        "by" => "Par",
        "canonicalization" => "Canonicalisation",
        "client_ip" => "IP du client",
        "comment" => "Commentaire",
        "comments" => "Commentaires",
        "country" => "Pays",
        "delivered_by" => "Remis par",
        "domain" => "Domaine",
        "domain_class" => "Classe du domaine",
        "duplicates" => "Doublons",
        "entry_hop" => "Saut d'entrée",
        "envelope_from" => "Expéditeur d'enveloppe",
        "exo_egress" => "Sortie d'Exchange Online",
        "exo_ingress" => "Entrée dans Exchange Online",
        "expiry" => "Expiration",
        "explanation" => "Explication",
        "externally_secured" => "Sécurisé en externe",
        "families" => "Familles",
        "fields" => "Champs",
        "from_domain" => "Domaine From",
        "from_ip" => "IP d'origine",
        "from_organizational_domain" => "Domaine organisationnel From",
        "gaps" => "Lacunes",
        "header" => "En-tête",
        "highest_cv" => "cv le plus haut",
        "highest_instance" => "Instance la plus haute",
        "hop" => "Saut",
        "hybrid" => "Hybride",
        "identity" => "Identité",
        "instances" => "Instances",
        "key" => "Clé",
        "kind" => "Type",
        "lang" => "Langue",
        "lint" => "Problèmes de forme",
        "local_part" => "Partie locale",
        "meaning" => "Signification",
        "mechanism" => "Mécanisme",
        "method" => "Méthode",
        "method_version" => "Version de la méthode",
        "methods" => "Méthodes",
        "name" => "Nom",
        "no_result" => "Aucun résultat",
        "normalized" => "Normalisé",
        "note" => "Remarque",
        "null_sender" => "Expéditeur nul",
        "onprem" => "Exchange local",
        "onprem_visible" => "Local visible",
        "organizational_domain" => "Domaine organisationnel",
        "other_tags" => "Autres balises",
        "params" => "Paramètres",
        "path" => "Chemin",
        "present" => "Présent",
        "problem" => "Problème",
        "problems" => "Problèmes",
        "properties" => "Propriétés",
        "property" => "Propriété",
        "psl_version" => "Version de la Public Suffix List",
        "reason" => "Raison",
        "receiver" => "Destinataire",
        "receiver_result" => "Résultat du destinataire",
        "reference" => "Référence",
        "relaxed" => "Souple (relaxed)",
        "report" => "Rapport",
        "reported" => "Rapporté",
        "result" => "Résultat",
        "results" => "Résultats",
        "role" => "Rôle",
        "saw" => "Vu",
        "sealer" => "Scelleur",
        "seals" => "Sceaux",
        "selector" => "Sélecteur",
        "severity" => "Gravité",
        "signals" => "Signaux",
        "signature_length" => "Longueur de la signature",
        "signature_prefix" => "Début de la signature",
        "signed_headers" => "En-têtes signés",
        "state" => "État",
        "steps" => "Étapes",
        "tag" => "Balise",
        "text" => "Texte",
        "timestamp" => "Horodatage",
        "trust" => "Confiance",
        "unknown_keys" => "Clés inconnues",
        "unknown_method" => "Méthode inconnue",
        "unparsed" => "Non analysé",
        "upstream" => "En amont",
        "upstream_report" => "Rapport en amont",
        "value" => "Valeur",
        "verification_note" => "Remarque sur la vérification",
        _ => return None,
    })
}

/// "and 4 more rules".
pub fn more_rules(n: usize) -> String {
    match (fr(), n) {
        (false, 1) => "and 1 more rule".to_string(),
        (false, n) => format!("and {n} more rules"),
        (true, 1) => "et 1 autre règle".to_string(),
        (true, n) => format!("et {n} autres règles"),
    }
}

/// The Date-to-first-hop gap: "42 s", or "8 s before the Date" when the Date is later than the first stamp.
/// The total transit time in words: a last stamp earlier than the first says the clocks disagree, never a
/// negative time.
pub fn total_transit(seconds: f64) -> String {
    if seconds < 0.0 && duration(seconds) != "0 s" {
        if fr() {
            format!(
                "inconnu, les horloges des serveurs ne concordent pas (le dernier tampon est {} plus tôt que le premier)",
                duration(-seconds)
            )
        } else {
            format!(
                "unknown, the servers' clocks disagree (the last stamp is {} earlier than the first)",
                duration(-seconds)
            )
        }
    } else {
        duration(seconds.abs())
    }
}

pub fn submission(seconds: f64) -> String {
    if seconds < 0.0 && duration(seconds) != "0 s" {
        if fr() {
            format!("{} avant la Date", duration(-seconds))
        } else {
            format!("{} before the Date", duration(-seconds))
        }
    } else {
        duration(seconds.abs())
    }
}

/// The heading of a receiver's own summary pasted above the headers.
pub fn receiver_summary(source: &str) -> String {
    if fr() {
        format!(
            "Résumé {source} (la lecture du destinataire, telle qu'elle a été collée\u{a0}; hors des en-têtes)"
        )
    } else {
        format!(
            "{source} summary (the receiver's own reading, shown as it was pasted; not part of the headers)"
        )
    }
}

/// "3 messages: choose one".
pub fn messages_heading(n: usize) -> String {
    if fr() {
        format!("{n} messages\u{a0}: choisissez-en un pour voir son rapport")
    } else {
        format!("{n} messages: choose one to see its report")
    }
}

/// The note when the list stopped early (`why` comes from the core's catalogue: "stopped after 20 messages; …").
pub fn list_stopped(why: &headerlens::Text) -> String {
    let max = crate::analysis::MAX_MESSAGES;
    let why = t(why);
    if fr() {
        format!(
            "Liste incomplète\u{a0}: {why}. La page liste au plus {max} messages\u{a0}; la ligne de commande (headerlens FICHIER) les lit tous."
        )
    } else {
        format!(
            "The list {why}. The page lists at most {max} messages; the command line (headerlens FILE) reads any number."
        )
    }
}

/// "Loaded 3 files (1.2 MB)".
pub fn loaded_files(n: usize, bytes: usize) -> String {
    if fr() {
        format!("{n} fichiers chargés ({})", size(bytes))
    } else {
        format!("Loaded {n} files ({})", size(bytes))
    }
}

/// "6 hops".
pub fn hop_count(n: usize) -> String {
    match (fr(), n) {
        (false, 1) => "1 hop".to_string(),
        (false, n) => format!("{n} hops"),
        (true, 0 | 1) => format!("{n} saut"),
        (true, n) => format!("{n} sauts"),
    }
}

/// "3 findings".
pub fn finding_count(n: usize) -> String {
    match (fr(), n) {
        (false, 1) => "1 finding".to_string(),
        (false, n) => format!("{n} findings"),
        (true, 0 | 1) => format!("{n} constat"),
        (true, n) => format!("{n} constats"),
    }
}

/// The status line about a whole input: "Analyzed 12 kB in 4 ms", "Analyzed 17 kB (2 messages) in 50 ms"
/// ("Analyse de 17 ko (2 messages) terminée en 50 ms"), from the core's catalogue.
pub fn analysed(bytes: usize, messages: usize, ms: f64) -> String {
    use headerlens::catalog::{Msg, Text};
    let mut args =
        vec![("size", Text::raw(size(bytes))), ("ms", Text::raw(headerlens::render::number(ms.round())))];
    let id = if messages > 1 {
        args.push(("n", Text::raw(messages.to_string())));
        "container.analysed-messages"
    } else {
        "container.analysed"
    };
    Msg::new(id, args).render(lang().core())
}

/// "Showing 200 of 4 512 headers".
pub fn showing_of(shown: usize, total: usize) -> String {
    if fr() {
        format!("{shown} en-têtes affichés sur {total}")
    } else {
        format!("Showing {shown} of {total} headers")
    }
}

/// "Loaded example.eml (12 kB)".
pub fn loaded_file(name: &str, bytes: usize) -> String {
    if fr() {
        format!("{name} chargé ({})", size(bytes))
    } else {
        format!("Loaded {name} ({})", size(bytes))
    }
}

/// [`loaded_file`], saying how a file that was not UTF-8 was read (see `headerlens::charset`).
pub fn loaded_file_as(name: &str, bytes: usize, encoding: headerlens::charset::Encoding) -> String {
    use headerlens::charset::Encoding;
    let plain = loaded_file(name, bytes);
    let how = match (encoding, fr()) {
        (Encoding::Utf8, _) => return plain,
        (Encoding::Utf16Le | Encoding::Utf16Be, false) => "UTF-16 text, read as such",
        (Encoding::Utf16Le | Encoding::Utf16Be, true) => "texte UTF-16, lu comme tel",
        (Encoding::Utf8WithWindows1252, false) => {
            "not UTF-8: the other bytes were read as Windows-1252, so accented letters may differ from what the sender wrote"
        }
        (Encoding::Utf8WithWindows1252, true) => {
            "pas en UTF-8\u{a0}: les autres octets ont été lus en Windows-1252, les lettres accentuées peuvent donc différer de ce que l'expéditeur a écrit"
        }
    };
    if fr() { format!("{plain}\u{a0}: {how}") } else { format!("{plain}: {how}") }
}

/// The note under the box when it shows only the beginning of a big input.
pub fn held_input(bytes: usize, shown: usize) -> String {
    if fr() {
        format!(
            "Ce texte fait {}\u{a0}: la zone n'en montre que les premiers {}, pour que la page reste réactive. Le texte \
             entier est conservé et analysé. Collez un autre texte pour le remplacer, ou videz la zone pour saisir.",
            size(bytes),
            size(shown)
        )
    } else {
        format!(
            "This text is {}: the box shows only its first {}, so that the page stays responsive. The whole text \
             is kept and analyzed. Paste another text to replace it, or clear the box to type.",
            size(bytes),
            size(shown)
        )
    }
}

/// Human size: "512 B", "12 kB", "4.8 MB" ("512 o", "12 ko", "4,8 Mo").
pub fn size(bytes: usize) -> String {
    let fr = fr();
    if bytes < 1000 {
        format!("{bytes} {}", if fr { "o" } else { "B" })
    } else if bytes < 1_000_000 {
        format!("{} {}", bytes / 1000, if fr { "ko" } else { "kB" })
    } else {
        let mb = t(&headerlens::render::fixed_text(bytes as f64 / 1_000_000.0, 1));
        format!("{mb} {}", if fr { "Mo" } else { "MB" })
    }
}

/// Severity in words (status never by colour alone): the core catalogue's word (the one the text and Markdown
/// renderings use), capitalised ("High", "Élevée").
pub fn severity(sev: headerlens::Severity) -> String {
    let word = sev.word(lang().core());
    let mut chars = word.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// What follows a label before its value: ": " in English, a no-break space and ": " in French (the core
/// catalogue's `render.label-sep`).
pub fn label_sep() -> &'static str {
    headerlens::catalog::word("render.label-sep", lang().core())
}

/// The colon that ends a label with nothing after it on the line (in bold Markdown, say): ":" in English,
/// no-break space and ":" in French (`render.heading-colon`).
pub fn colon() -> &'static str {
    headerlens::catalog::word("render.heading-colon", lang().core())
}

/// A duration in words in the current language, e.g. "3 min 5 s", "6 j 8 h" (the core's one format).
pub fn duration(seconds: f64) -> String {
    t(&headerlens::render::duration(seconds))
}

/// A number in prose in the current language ("4.2", French "4,2"; the core's one format). Values quoted
/// as the header wrote them are shown as written instead.
pub fn number(x: f64) -> String {
    t(&headerlens::render::number_text(x))
}

/// What a header field is for, in one line, with the document that defines it (shown as a link).
/// `name` is lower-case.
pub fn header_meaning(name: &str) -> Option<(&'static str, &'static str)> {
    let (en, link) = header_meaning_en(name)?;
    Some((if fr() { meaning_fr(name).unwrap_or(en) } else { en }, link))
}

fn header_meaning_en(name: &str) -> Option<(&'static str, &'static str)> {
    const RFC5322: &str = "https://www.rfc-editor.org/rfc/rfc5322";
    const RFC5321: &str = "https://www.rfc-editor.org/rfc/rfc5321";
    const RFC8601: &str = "https://www.rfc-editor.org/rfc/rfc8601";
    const MS_ANTISPAM: &str = "https://learn.microsoft.com/en-us/defender-office-365/message-headers-eop-mdo";
    Some(match name {
        "received" => ("One hop of the route, written by the server that received the message", RFC5321),
        "return-path" => {
            ("The envelope sender (MAIL FROM): where bounces go; SPF checks its domain", RFC5321)
        }
        "from" => ("The author shown to the reader; DMARC aligns with its domain", RFC5322),
        "sender" => ("The mailbox that actually sent the message on the author's behalf", RFC5322),
        "reply-to" => ("Where replies go instead of From", RFC5322),
        "to" => ("Primary recipients", RFC5322),
        "cc" => ("Copied recipients", RFC5322),
        "subject" => ("The subject line", RFC5322),
        "date" => ("When the author's program created the message", RFC5322),
        "message-id" => ("A unique identifier for this message", RFC5322),
        "in-reply-to" => ("The Message-ID this message answers", RFC5322),
        "references" => ("The Message-IDs of the conversation so far", RFC5322),
        "mime-version" => ("MIME format version (always 1.0)", "https://www.rfc-editor.org/rfc/rfc2045"),
        "content-type" => ("The body's format and character set", "https://www.rfc-editor.org/rfc/rfc2045"),
        "content-transfer-encoding" => {
            ("How the body is encoded for transport", "https://www.rfc-editor.org/rfc/rfc2045")
        }
        "authentication-results" => ("SPF, DKIM and DMARC results recorded by a receiving server", RFC8601),
        "arc-authentication-results" => (
            "Authentication results preserved across forwarding (ARC)",
            "https://www.rfc-editor.org/rfc/rfc8617",
        ),
        "arc-seal" | "arc-message-signature" => (
            "Part of an ARC chain that vouches for earlier results",
            "https://www.rfc-editor.org/rfc/rfc8617",
        ),
        "received-spf" => {
            ("The SPF result a receiving server recorded", "https://www.rfc-editor.org/rfc/rfc7208")
        }
        "dkim-signature" => (
            "A DKIM signature: the signing domain (d=) vouches for the message",
            "https://www.rfc-editor.org/rfc/rfc6376",
        ),
        "list-unsubscribe" => {
            ("How to unsubscribe from a mailing list", "https://www.rfc-editor.org/rfc/rfc2369")
        }
        "list-id" => ("Identifies the mailing list", "https://www.rfc-editor.org/rfc/rfc2919"),
        "delivered-to" => ("The mailbox the message was delivered to", RFC5321),
        "x-mailer" | "user-agent" => ("The program that composed the message", RFC5322),
        "x-forefront-antispam-report" => ("Microsoft 365 spam filtering verdict and details", MS_ANTISPAM),
        "x-microsoft-antispam" => ("Microsoft 365 bulk and phishing scores", MS_ANTISPAM),
        "x-ms-exchange-organization-authas" => {
            ("How Exchange authenticated the sender (Internal, Anonymous…)", MS_ANTISPAM)
        }
        "x-ms-exchange-organization-authsource" => {
            ("The Exchange server that authenticated the sender", MS_ANTISPAM)
        }
        "x-ms-exchange-crosstenant-fromentityheader" => (
            "Where Exchange Online thinks the message came from (Internet, Hosted, HybridOnPrem)",
            MS_ANTISPAM,
        ),
        "x-ms-exchange-antispam-relay" => {
            ("1 when Exchange Online treated the message as relayed", MS_ANTISPAM)
        }
        _ => return None,
    })
}

/// The French line for a header field, when [`header_meaning`] has one.
fn meaning_fr(name: &str) -> Option<&'static str> {
    Some(match name {
        "received" => "Un saut du chemin, écrit par le serveur qui a reçu le message",
        "return-path" => {
            "L'expéditeur d'enveloppe (MAIL FROM)\u{a0}: où vont les rapports de non-remise\u{a0}; SPF vérifie son domaine"
        }
        "from" => "L'auteur affiché au lecteur\u{a0}; DMARC vérifie l'alignement avec son domaine",
        "sender" => "La boîte aux lettres qui a réellement envoyé le message pour le compte de l'auteur",
        "reply-to" => "Où vont les réponses, à la place de From",
        "to" => "Destinataires principaux",
        "cc" => "Destinataires en copie",
        "subject" => "L'objet du message",
        "date" => "Quand le logiciel de l'auteur a créé le message",
        "message-id" => "Un identifiant unique de ce message",
        "in-reply-to" => "Le Message-ID auquel ce message répond",
        "references" => "Les Message-ID de la conversation jusqu'ici",
        "mime-version" => "Version du format MIME (toujours 1.0)",
        "content-type" => "Le format du corps et son jeu de caractères",
        "content-transfer-encoding" => "Comment le corps est encodé pour le transport",
        "authentication-results" => "Résultats SPF, DKIM et DMARC notés par un serveur de réception",
        "arc-authentication-results" => "Résultats d'authentification conservés lors d'un transfert (ARC)",
        "arc-seal" | "arc-message-signature" => {
            "Élément d'une chaîne ARC qui se porte garante des résultats précédents"
        }
        "received-spf" => "Le résultat SPF noté par un serveur de réception",
        "dkim-signature" => "Une signature DKIM\u{a0}: le domaine signataire (d=) se porte garant du message",
        "list-unsubscribe" => "Comment se désabonner d'une liste de diffusion",
        "list-id" => "Identifie la liste de diffusion",
        "delivered-to" => "La boîte aux lettres à laquelle le message a été remis",
        "x-mailer" | "user-agent" => "Le logiciel qui a composé le message",
        "x-forefront-antispam-report" => "Verdict et détails du filtrage anti-spam de Microsoft 365",
        "x-microsoft-antispam" => "Scores de courrier en nombre et d'hameçonnage de Microsoft 365",
        "x-ms-exchange-organization-authas" => {
            "Comment Exchange a authentifié l'expéditeur (Internal, Anonymous…)"
        }
        "x-ms-exchange-organization-authsource" => "Le serveur Exchange qui a authentifié l'expéditeur",
        "x-ms-exchange-crosstenant-fromentityheader" => {
            "D'où Exchange Online pense que vient le message (Internet, Hosted, HybridOnPrem)"
        }
        "x-ms-exchange-antispam-relay" => "1 quand Exchange Online a traité le message comme relayé",
        _ => return None,
    })
}

/// "Raw line of hop 3" (the accessible name of a hop's raw-line toggle).
pub fn raw_line_of(hop: usize) -> String {
    if fr() { format!("Ligne brute du saut {hop}") } else { format!("Raw line of hop {hop}") }
}

/// The accessible name of one hop's chart mark: "Hop 3: A → B, delay 1 s, TLS: TLS1_2".
pub fn hop_summary(index: usize, from: &str, by: &str, delay: &str, tls: &str) -> String {
    if fr() {
        format!("Saut {index}\u{a0}: {from} → {by}, délai {delay}, TLS\u{a0}: {tls}")
    } else {
        format!("Hop {index}: {from} → {by}, delay {delay}, TLS: {tls}")
    }
}

/// "Copy Set-MailContact command".
pub fn copy_command(name: &str) -> String {
    if fr() { format!("Copier la commande {name}") } else { format!("Copy {name} command") }
}

/// "Copy Get-MailContact command 2".
pub fn copy_command_nth(name: &str, n: usize) -> String {
    if fr() { format!("Copier la commande {name} n° {n}") } else { format!("Copy {name} command {n}") }
}

/// The step a fix's command blocks belong to: "Fix: <finding title>".
pub fn fix_step(title: &str) -> String {
    if fr() { format!("Correction\u{a0}: {title}") } else { format!("Fix: {title}") }
}

/// The step a finding's verification commands belong to.
pub fn verify_step(title: &str) -> String {
    if fr() { format!("Vérification\u{a0}: {title}") } else { format!("Verify: {title}") }
}

/// The visible label of one command block: "2/5" (the list itself is named after its step).
pub fn command_label(n: usize, of: usize) -> String {
    if of == 1 { String::new() } else { format!("{n}/{of}") }
}

/// "Evidence (2)".
pub fn evidence_count(n: usize) -> String {
    if fr() { format!("Preuves ({n})") } else { format!("Evidence ({n})") }
}

/// "What this also causes (3 findings)".
pub fn consequences(n: usize) -> String {
    format!(
        "{} ({})",
        if fr() { "Ce que cela provoque aussi" } else { "What this also causes" },
        finding_count(n)
    )
}

/// "Other notes (4)".
pub fn other_notes(n: usize) -> String {
    if fr() { format!("Autres remarques ({n})") } else { format!("Other notes ({n})") }
}

/// Whose systems a fix changes, from the core's `owner` value (`sending-org`, `receiving-org`,
/// `intermediary`, `nobody`); `None` when there is nothing to say.
pub fn owner(owner: &str) -> Option<&'static str> {
    Some(match (fr(), owner) {
        (false, "sending-org") => "Fix on the sender's side",
        (false, "receiving-org") => "Fix on the receiver's side",
        (false, "intermediary") => "Fix at a relay or forwarder",
        (true, "sending-org") => "À corriger chez l'expéditeur",
        (true, "receiving-org") => "À corriger chez le destinataire",
        (true, "intermediary") => "À corriger sur un relais ou un transfert",
        _ => return None,
    })
}

/// "Decoded Microsoft fields (14)".
pub fn ms_fields(n: usize) -> String {
    format!("{} ({n})", s().MS_FIELDS)
}

/// "All headers (38)".
pub fn all_headers(n: usize) -> String {
    format!("{} ({n})", s().HEADERS_HEADING)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_browser_preference_picks_the_first_known_language() {
        assert_eq!(Lang::preferred(["fr-FR", "en-US"]), Lang::Fr);
        assert_eq!(Lang::preferred(["de-DE", "fr", "en"]), Lang::Fr);
        assert_eq!(Lang::preferred(["en-GB", "fr"]), Lang::En);
        assert_eq!(Lang::preferred(["de", "es"]), Lang::En);
        assert_eq!(Lang::from_tag("fr_CA"), Some(Lang::Fr));
    }

    #[test]
    fn every_text_has_a_french_version_and_plurals_follow_the_language() {
        set_lang(Lang::Fr);
        assert_eq!(s().ANALYZE, "Analyser");
        assert_eq!(hop_count(6), "6 sauts");
        assert_eq!(size(4_800_000), "4,8 Mo");
        assert_eq!(raw_line_of(3), "Ligne brute du saut 3");
        assert!(header_meaning("return-path").unwrap().0.starts_with("L'expéditeur d'enveloppe"));
        set_lang(Lang::En);
        assert_eq!(hop_count(1), "1 hop");
        assert_eq!(copy_command("Set-MailContact"), "Copy Set-MailContact command");
        assert!(header_meaning("return-path").unwrap().0.starts_with("The envelope sender"));
    }

    /// The status line describes the whole input: its size, its number of messages when more than one, and
    /// the time of all their analyses, in the page's language.
    #[test]
    fn the_status_line_describes_the_whole_input() {
        set_lang(Lang::En);
        assert_eq!(analysed(17_400, 2, 49.6), "Analyzed 17 kB (2 messages) in 50 ms");
        assert_eq!(analysed(8_706, 1, 4.2), "Analyzed 8 kB in 4 ms");
        assert_eq!(analysed(5_012_345, 200, 1234.0), "Analyzed 5.0 MB (200 messages) in 1234 ms");
        set_lang(Lang::Fr);
        assert_eq!(analysed(17_400, 2, 49.6), "Analyse de 17 ko (2 messages) terminée en 50 ms");
        assert_eq!(analysed(8_706, 1, 4.2), "Analyse de 8 ko terminée en 4 ms");
        set_lang(Lang::En);
    }

    /// A negative total transit (the hops' clocks disagree) is never shown as a negative time.
    #[test]
    fn a_negative_transit_says_the_clocks_disagree() {
        set_lang(Lang::En);
        assert_eq!(total_transit(65.0), "1 min 5 s");
        let t = total_transit(-1800.0);
        assert!(
            t.starts_with("unknown, the servers' clocks disagree (the last stamp is 30 min 0 s earlier"),
            "{t}"
        );
        assert!(!t.contains('-'), "{t}");
        set_lang(Lang::Fr);
        assert!(total_transit(-1800.0).starts_with("inconnu, les horloges des serveurs ne concordent pas"));
        set_lang(Lang::En);
    }
}
