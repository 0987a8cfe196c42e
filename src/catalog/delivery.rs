//! Words of the delivery section (the placement sentence, its reasons, the filters' verdict sentence): id,
//! English, French. Sorted by id (checked by `catalog::tests`).

pub(super) const MESSAGES: &[super::Row] = &[
    ("delivery.a-threat", "a threat", "menace"),
    (
        "delivery.arc-override",
        "compauth reason 130: Microsoft 365 used the ARC result of a trusted ARC sealer to override a failed DMARC check (the tenant's trusted ARC sealers list).",
        "compauth reason 130 : Microsoft 365 a utilisé le résultat ARC d'un scelleur ARC approuvé pour passer outre un échec DMARC (la liste des scelleurs ARC approuvés du locataire).",
    ),
    (
        "delivery.authj-alone-reason",
        "OFR:SpamFilterAuthJ with RF:JunkEmail: the spam filter's verdict chose the Junk Email folder (observed meaning; no SCL or SFV survives to confirm it).",
        "OFR:SpamFilterAuthJ avec RF:JunkEmail : le verdict du filtre anti-spam a choisi le dossier Courrier indésirable (signification observée ; aucun SCL ni SFV ne subsiste pour le confirmer).",
    ),
    (
        "delivery.authj-reason",
        "OFR:SpamFilterAuthJ with RF:JunkEmail: the spam filter's verdict chose the Junk Email folder (observed meaning).",
        "OFR:SpamFilterAuthJ avec RF:JunkEmail : le verdict du filtre anti-spam a choisi le dossier Courrier indésirable (signification observée).",
    ),
    ("delivery.category", "category {words}", "catégorie {words}"),
    (
        "delivery.cause-bulk",
        "Microsoft 365 judged it bulk mail at or above the policy's BCL threshold",
        "Microsoft 365 l'a jugé courrier en masse, au seuil BCL de la stratégie ou au-dessus",
    ),
    (
        "delivery.cause-malware",
        "Microsoft 365 found malware",
        "Microsoft 365 y a trouvé un programme malveillant",
    ),
    (
        "delivery.cause-phish",
        "Microsoft 365 judged it phishing",
        "Microsoft 365 l'a jugé comme de l'hameçonnage",
    ),
    (
        "delivery.cause-skb",
        "the sender or domain is blocked in the organisation's anti-spam policy",
        "l'expéditeur ou le domaine est bloqué dans la stratégie anti-spam de l'organisation",
    ),
    (
        "delivery.cause-sks",
        "a mail flow rule set a spam verdict before filtering",
        "une règle de flux de messagerie a fixé un verdict de spam avant le filtrage",
    ),
    (
        "delivery.cause-spam",
        "Microsoft 365's spam filter marked it as spam",
        "le filtre anti-spam de Microsoft 365 l'a marqué comme spam",
    ),
    (
        "delivery.cause-spoof",
        "Microsoft 365's spoof intelligence found the sender's domain spoofed",
        "l'aide à la détection d'usurpation (spoof intelligence) de Microsoft 365 a jugé le domaine de l'expéditeur usurpé",
    ),
    (
        "delivery.custom-rules-reason",
        "OFR:CustomRules: an inbox rule of the mailbox moved the message (observed with dest:C and dest:J; the rule is in the mailbox's Outlook rules).",
        "OFR:CustomRules : une règle de boîte de réception de la boîte aux lettres a déplacé le message (observé avec dest:C et dest:J ; la règle fait partie des règles Outlook de la boîte aux lettres).",
    ),
    ("delivery.dest-inbox", "the Inbox", "la boîte de réception"),
    ("delivery.dest-junk", "the Junk Email folder", "le dossier Courrier indésirable"),
    (
        "delivery.dest-other",
        "a folder other than the Inbox or Junk Email, chosen by the mailbox",
        "un dossier autre que la boîte de réception ou le courrier indésirable, choisi par la boîte aux lettres",
    ),
    (
        "delivery.dest-stamp",
        "The mailbox delivery stamp says dest:{dest}: {folder} (observed meaning; Microsoft does not document this header).",
        "Le tampon de remise de la boîte aux lettres indique dest:{dest} : {folder} (signification observée ; Microsoft ne documente pas cet en-tête).",
    ),
    (
        "delivery.filter-not-spam",
        "{filter} found it not spam{score}; the headers do not say which folder it was delivered to.{unverified}",
        "{filter} l'a jugé non-spam{score} ; les en-têtes ne disent pas dans quel dossier il a été remis.{unverified}",
    ),
    ("delivery.filter-score", " (score {score})", " (score {score})"),
    (
        "delivery.filter-score-threshold",
        " (score {score}, threshold {threshold})",
        " (score {score}, seuil {threshold})",
    ),
    (
        "delivery.filter-spam",
        "{filter} marked it as spam{score}; the headers do not say which folder that led to.{unverified}",
        "{filter} l'a marqué comme spam{score} ; les en-têtes ne disent pas dans quel dossier il a abouti.{unverified}",
    ),
    (
        "delivery.filter-unverified",
        " No Received field shows whether this filter belongs to the receiving organisation.",
        " Aucun champ Received ne montre si ce filtre appartient à l'organisation destinataire.",
    ),
    (
        "delivery.inbox-although-spam",
        "In the Inbox although the spam filter marked it as spam{words}; the headers name no override, so likely the policy's action for this verdict delivers to the Inbox (for example \"add X-header\"), or the mailbox's junk filter is off.",
        "Dans la boîte de réception bien que le filtre anti-spam l'ait marqué comme spam{words} ; les en-têtes ne nomment aucune exception, donc probablement l'action de la stratégie pour ce verdict remet le message dans la boîte de réception (par exemple « add X-header »), ou le filtre de courrier indésirable de la boîte aux lettres est désactivé.",
    ),
    (
        "delivery.inbox-because",
        "In the Inbox because {why}{words}.",
        "Dans la boîte de réception parce que {why}{words}.",
    ),
    (
        "delivery.inbox-no-verdict",
        "In the Inbox; no spam filter verdict survives in the headers.",
        "Dans la boîte de réception ; aucun verdict de filtre anti-spam ne subsiste dans les en-têtes.",
    ),
    (
        "delivery.inbox-released",
        "In the Inbox after release from quarantine (SFV:SKQ).",
        "Dans la boîte de réception après libération de la quarantaine (SFV:SKQ).",
    ),
    (
        "delivery.inbox-rule-moved",
        "In {place} because an inbox rule of the recipient's mailbox moved it there, not the spam filter{tail}.",
        "Dans {place} parce qu'une règle de boîte de réception de la boîte aux lettres du destinataire l'y a déplacé, pas le filtre anti-spam{tail}.",
    ),
    (
        "delivery.inbox-safe-senders",
        "In the Inbox because the sender is on the recipient's Safe Senders list (or contacts){tail}.",
        "Dans la boîte de réception parce que l'expéditeur figure dans la liste des expéditeurs approuvés (ou les contacts) du destinataire{tail}.",
    ),
    (
        "delivery.inbox-safe-senders-override",
        "In the Inbox because the recipient's Safe Senders list (or contacts) overrode the spam filter's verdict{words}; on a phishing report, remove the sender from that mailbox's Safe Senders.",
        "Dans la boîte de réception parce que la liste des expéditeurs approuvés (ou les contacts) du destinataire a primé sur le verdict du filtre anti-spam{words} ; en cas de signalement d'hameçonnage, retirez l'expéditeur des expéditeurs approuvés de cette boîte aux lettres.",
    ),
    (
        "delivery.ip-allow-list",
        "IPV:CAL: the connecting IP address is on the IP Allow List (or came through an inbound connector the tenant trusts), so filtering of that IP was skipped.",
        "IPV:CAL : l'adresse IP de connexion figure dans la liste d'adresses IP autorisées (ou le message est arrivé par un connecteur entrant approuvé par le locataire), donc le filtrage de cette IP a été ignoré.",
    ),
    (
        "delivery.junk-authj-alone",
        "In Junk, likely because Microsoft 365's spam filter marked it as spam (OFR:SpamFilterAuthJ; the filter's SCL and SFV are not in the headers).",
        "Dans le courrier indésirable, probablement parce que le filtre anti-spam de Microsoft 365 l'a marqué comme spam (OFR:SpamFilterAuthJ ; le SCL et le SFV du filtre ne figurent pas dans les en-têtes).",
    ),
    (
        "delivery.junk-because",
        "In Junk because {who}{words}.",
        "Dans le courrier indésirable parce que {who}{words}.",
    ),
    (
        "delivery.junk-blocked-sender",
        "In Junk because the sender is on the recipient's Blocked Senders list (SFV:BLK): the mailbox's own junk e-mail settings, not the spam filter, put it there.",
        "Dans le courrier indésirable parce que l'expéditeur figure dans la liste des expéditeurs bloqués du destinataire (SFV:BLK) : ce sont les paramètres de courrier indésirable de la boîte aux lettres elle-même, pas le filtre anti-spam, qui l'y ont mis.",
    ),
    (
        "delivery.junk-settings",
        "In Junk because the recipient mailbox's own junk e-mail settings moved it (its blocked senders, or a setting such as \"trusted lists only\"), not the spam filter, which found it not spam{words}.",
        "Dans le courrier indésirable parce que les paramètres de courrier indésirable de la boîte aux lettres du destinataire l'y ont déplacé (ses expéditeurs bloqués, ou un réglage tel que « listes approuvées uniquement »), pas le filtre anti-spam, qui l'a jugé non-spam{words}.",
    ),
    (
        "delivery.junk-settings-reason",
        "The spam filter found the message not spam, yet it was delivered to Junk: the mailbox's own junk e-mail settings moved it (its Blocked Senders list or Blocked domains, or a setting such as \"trusted lists only\"). The fix is in that mailbox's junk e-mail configuration (Get-MailboxJunkEmailConfiguration), not in the anti-spam policy.",
        "Le filtre anti-spam a jugé le message non-spam, et pourtant il a été remis dans le courrier indésirable : ce sont les paramètres de courrier indésirable de la boîte aux lettres qui l'y ont déplacé (sa liste des expéditeurs bloqués ou des domaines bloqués, ou un réglage tel que « listes approuvées uniquement »). La correction se fait dans la configuration du courrier indésirable de cette boîte aux lettres (Get-MailboxJunkEmailConfiguration), pas dans la stratégie anti-spam.",
    ),
    (
        "delivery.junk-unknown-cause",
        "In Junk; the headers do not say whether the spam filter or the mailbox's own junk settings put it there.",
        "Dans le courrier indésirable ; les en-têtes ne disent pas si c'est le filtre anti-spam ou les paramètres de courrier indésirable de la boîte aux lettres qui l'y ont mis.",
    ),
    (
        "delivery.likely-inbox",
        "Likely in the Inbox because {why}{words}; no mailbox delivery stamp (X-Microsoft-Antispam-Mailbox-Delivery) records the folder.",
        "Probablement dans la boîte de réception parce que {why}{words} ; aucun tampon de remise (X-Microsoft-Antispam-Mailbox-Delivery) n'indique le dossier.",
    ),
    (
        "delivery.likely-junk",
        "Likely in Junk because {who}{words}{tail} (Junk Email folder).",
        "Probablement dans le courrier indésirable parce que {who}{words}{tail} (dossier Courrier indésirable).",
    ),
    (
        "delivery.likely-junk-blocked-sender",
        "Likely in Junk because the sender is on the recipient's Blocked Senders list (SFV:BLK){tail}.",
        "Probablement dans le courrier indésirable parce que l'expéditeur figure dans la liste des expéditeurs bloqués du destinataire (SFV:BLK){tail}.",
    ),
    (
        "delivery.likely-quarantine",
        "Likely in quarantine because Microsoft 365 judged it {what}{words}{tail} (quarantine).",
        "Probablement en quarantaine parce que Microsoft 365 l'a classé : {what}{words}{tail} (quarantaine).",
    ),
    (
        "delivery.no-stamp-default-action",
        "; no mailbox delivery stamp (X-Microsoft-Antispam-Mailbox-Delivery) records the folder, so this assumes the policy's default action",
        " ; aucun tampon de remise (X-Microsoft-Antispam-Mailbox-Delivery) n'indique le dossier, donc on suppose l'action par défaut de la stratégie",
    ),
    (
        "delivery.other-folder",
        "In a folder other than the Inbox or Junk Email (dest:C), likely moved by an inbox rule of the mailbox.",
        "Dans un dossier autre que la boîte de réception ou le courrier indésirable (dest:C), probablement déplacé par une règle de boîte de réception de la boîte aux lettres.",
    ),
    ("delivery.place-folder", "a folder of the mailbox", "un dossier de la boîte aux lettres"),
    ("delivery.place-junk", "Junk", "le courrier indésirable"),
    (
        "delivery.released-no-stamp",
        "Released from quarantine (SFV:SKQ): it was held, then delivered; no mailbox delivery stamp records the folder.",
        "Libéré de la quarantaine (SFV:SKQ) : il a été retenu, puis remis ; aucun tampon de remise n'indique le dossier.",
    ),
    (
        "delivery.rules-ran",
        "Mail flow (transport) rules ran on this message: {rules}.",
        "Des règles de flux de messagerie (règles de transport) se sont appliquées à ce message : {rules}.",
    ),
    (
        "delivery.safe-senders-reason",
        "OFR:TrustedSenderList (with wl:1 / pcwl:1 where present): the sender matched the recipient's Safe Senders list or contacts, which the mailbox trusts (observed meaning; SFV:SFE is Microsoft's documented form).",
        "OFR:TrustedSenderList (avec wl:1 / pcwl:1 s'ils sont présents) : l'expéditeur correspond à la liste des expéditeurs approuvés ou aux contacts du destinataire, auxquels la boîte aux lettres fait confiance (signification observée ; SFV:SFE est la forme documentée par Microsoft).",
    ),
    (
        "delivery.tail-not-spam",
        "; the spam filter found it not spam{words}",
        " ; le filtre anti-spam l'avait jugé non-spam{words}",
    ),
    (
        "delivery.tail-spam",
        "; the spam filter had marked it as spam{words}",
        " ; le filtre anti-spam l'avait marqué comme spam{words}",
    ),
    (
        "delivery.verdict-reason",
        "The spam filter's verdict{words}.",
        "Le verdict du filtre anti-spam{words}.",
    ),
    (
        "delivery.why-not-spam",
        "Microsoft 365's spam filter found it not spam",
        "le filtre anti-spam de Microsoft 365 l'a jugé non-spam",
    ),
    (
        "delivery.why-ska",
        "the sender or domain is allowed in the organisation's anti-spam policy, so spam filtering was skipped",
        "l'expéditeur ou le domaine est autorisé dans la stratégie anti-spam de l'organisation, donc le filtrage anti-spam a été ignoré",
    ),
    ("delivery.why-ski", "it is an intra-organisation message", "c'est un message interne à l'organisation"),
    (
        "delivery.why-skipped",
        "spam filtering was skipped (safe sender or recipient, IP Allow List or a mail flow rule)",
        "le filtrage anti-spam a été ignoré (expéditeur ou destinataire approuvé, liste d'adresses IP autorisées ou règle de flux de messagerie)",
    ),
    (
        "delivery.why-skn",
        "a mail flow rule (or an allow entry) marked it not spam before filtering",
        "une règle de flux de messagerie (ou une entrée d'autorisation) l'a marqué non-spam avant le filtrage",
    ),
];
