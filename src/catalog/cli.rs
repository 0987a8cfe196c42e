//! Words of the command line itself (its errors, progress line and `--help` in French): id, English, French.
//! `cli.help-template` is clap's help template, whose `{…}` are clap's own placeholders. Sorted by id (checked
//! by `catalog::tests`).

pub(super) const MESSAGES: &[super::Row] = &[
    (
        "cli.about",
        "Email header analyzer: hop timeline, authentication and envelope diagnostics, offline.",
        "Analyseur d'en-têtes de messages\u{a0}: chronologie des sauts, diagnostics d'authentification et d'enveloppe, hors ligne.",
    ),
    ("cli.cannot-read", "cannot read {path}: {error}", "impossible de lire {path}\u{a0}: {error}"),
    (
        "cli.compare-about",
        "Compare two messages (before and after a change): what differs, and whether it got better. Each file may be in any format; its first message is compared",
        "Comparer deux messages (avant et après une modification)\u{a0}: ce qui diffère, et si c'est mieux. Chaque fichier peut être dans n'importe quel format\u{a0}; son premier message est comparé",
    ),
    (
        "cli.directory",
        "cannot read {path}: it is a directory",
        "impossible de lire {path}\u{a0}: c'est un dossier",
    ),
    (
        "cli.help-compare-format",
        "Output format: text, json or markdown (default: text)",
        "Format de sortie\u{a0}: text, json ou markdown (par défaut\u{a0}: text)",
    ),
    (
        "cli.help-files",
        "Header blocks, .eml messages, mbox mailboxes or Outlook .msg files; `-` or nothing reads standard input. Every message in them gets a report, in input order",
        "Blocs d'en-têtes, messages .eml, boîtes mbox ou fichiers .msg d'Outlook\u{a0}; `-` ou rien lit l'entrée standard. Chaque message qu'ils contiennent a son rapport, dans l'ordre de l'entrée",
    ),
    (
        "cli.help-format",
        "Output format: text, json or markdown (default: text). `json` prints one report per message, one per line (JSON Lines)",
        "Format de sortie\u{a0}: text, json ou markdown (par défaut\u{a0}: text). `json` écrit un rapport par message, un par ligne (JSON Lines)",
    ),
    ("cli.help-help", "Print help", "Afficher l'aide"),
    (
        "cli.help-lang",
        "Language of the report's words (findings, fixes, labels): en or fr (default: en); header text, commands and JSON keys stay as they are. JSON keeps `messages` (ids and arguments) in every language",
        "Langue des mots du rapport (constats, corrections, libellés)\u{a0}: en ou fr (par défaut\u{a0}: en)\u{a0}; le texte des en-têtes, les commandes et les clés JSON restent tels quels. Le JSON garde `messages` (identifiants et arguments) dans toutes les langues",
    ),
    (
        "cli.help-left",
        "The earlier message (before the change)",
        "Le message antérieur (avant la modification)",
    ),
    (
        "cli.help-right",
        "The later message (after the change)",
        "Le message postérieur (après la modification)",
    ),
    (
        "cli.help-template",
        "{before-help}{about-with-newline}\nUsage: {usage}\n\nCommands:\n{subcommands}\n\nArguments:\n{positionals}\n\nOptions:\n{options}{after-help}",
        "{before-help}{about-with-newline}\nUtilisation\u{a0}: {usage}\n\nCommandes\u{a0}:\n{subcommands}\n\nArguments\u{a0}:\n{positionals}\n\nOptions\u{a0}:\n{options}{after-help}",
    ),
    (
        "cli.help-template-compare",
        "{before-help}{about-with-newline}\nUsage: {usage}\n\nArguments:\n{positionals}\n\nOptions:\n{options}{after-help}",
        "{before-help}{about-with-newline}\nUtilisation\u{a0}: {usage}\n\nArguments\u{a0}:\n{positionals}\n\nOptions\u{a0}:\n{options}{after-help}",
    ),
    ("cli.help-version", "Print version", "Afficher la version"),
    (
        "cli.more-than-one",
        "{path} holds more than one message (an mbox, attached messages or several header blocks); its first is compared",
        "{path} contient plus d'un message (une boîte mbox, des messages joints ou plusieurs blocs d'en-têtes)\u{a0}; le premier est comparé",
    ),
    ("cli.progress", "{path}: {n} messages, {mb} MB{of}", "{path}\u{a0}: {n} messages, {mb} Mo{of}"),
    ("cli.progress-of", " of {total} MB ({pct}%)", " sur {total} Mo ({pct} %)"),
    (
        "cli.too-large",
        "cannot read {path}: larger than 1 GiB and not an mbox (a header block or message is far smaller)",
        "impossible de lire {path}\u{a0}: plus de 1 Gio et pas une boîte mbox (un bloc d'en-têtes ou un message est bien plus petit)",
    ),
];
