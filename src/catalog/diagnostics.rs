//! Findings' titles, details and fixes: id (`<finding-id>.<part>`), English, French. Sorted by id (checked by
//! `catalog::tests`). Technical tokens (header names, cmdlets, parameters, SCL values, DNS records) stay as
//! they are in French. Placeholders are `{name}`; `{{` and `}}` are literal braces.

pub(super) const MESSAGES: &[super::Row] = &[
    (
        "dkim-as-finding-describes",
        "Enable DKIM signing as the `{owner}` finding describes.",
        "Activez la signature DKIM comme le décrit le constat `{owner}`.",
    ),
    (
        "explained-by",
        " Explained by `{cause}`: its fix covers this.",
        " Expliqué par `{cause}` : sa correction couvre ce point.",
    ),
    (
        "mail-contact-envelope-rewrite.alt-anonymous",
        "Use a dedicated on-prem receive connector with the Anonymous permission method instead of Externally Secured (ExternalAuthoritative): the sender is then not resolved against the directory, so it is not rewritten (the message is no longer treated as internal).",
        "Utiliser un connecteur de réception on-prem dédié avec la méthode d'autorisation Anonymous au lieu d'Externally Secured (ExternalAuthoritative) : l'expéditeur n'est alors pas résolu dans l'annuaire, donc il n'est pas réécrit (le message n'est plus traité comme interne).",
    ),
    (
        "mail-contact-envelope-rewrite.alt-direct",
        "Relay the app straight to Exchange Online: an inbound connector (by IP or certificate) and the app sending to `{mx_host}` on port 25. This bypasses on-prem sender resolution; add the app's public IP to the SPF record of `{from_domain}`.",
        "Relayer l'application directement vers Exchange Online : un connecteur entrant (par IP ou par certificat) et l'application qui envoie à `{mx_host}` sur le port 25. Cela contourne la résolution de l'expéditeur on-prem ; ajoutez l'IP publique de l'application à l'enregistrement SPF de `{from_domain}`.",
    ),
    (
        "mail-contact-envelope-rewrite.alt-dkim",
        "In any case, enable DKIM for `{from_domain}` in Exchange Online (`New-DkimSigningConfig -DomainName {from_domain} -Enabled $false`, publish the selector1/selector2 CNAME records it shows, then `Set-DkimSigningConfig -Identity {from_domain} -Enabled $true`) so DMARC passes through an aligned DKIM signature even when the envelope sender is wrong; it does not fix the relay pool or the lost bounces.",
        "Dans tous les cas, activez DKIM pour `{from_domain}` dans Exchange Online (`New-DkimSigningConfig -DomainName {from_domain} -Enabled $false`, publiez les enregistrements CNAME selector1/selector2 qu'il affiche, puis `Set-DkimSigningConfig -Identity {from_domain} -Enabled $true`) pour que DMARC passe grâce à une signature DKIM alignée même quand l'expéditeur d'enveloppe est faux ; cela ne règle ni le pool de relais ni les NDR perdus.",
    ),
    (
        "mail-contact-envelope-rewrite.alt-mailbox",
        "Use a real mailbox instead of a contact: a shared or (hybrid) remote mailbox whose primary address is `{from_addr}`, with the app authenticating (SMTP AUTH to smtp.office365.com:587, or Microsoft Graph sendMail). Cleanest identity; SPF and DKIM align; needs credentials or modern auth.",
        "Utiliser une vraie boîte aux lettres au lieu d'un contact de messagerie : une boîte partagée ou une boîte distante (hybride) dont l'adresse SMTP principale est `{from_addr}`, l'application s'authentifiant (SMTP AUTH vers smtp.office365.com:587, ou Microsoft Graph sendMail). C'est l'identité la plus propre ; SPF et DKIM sont alignés ; il faut des identifiants ou l'authentification moderne.",
    ),
    (
        "mail-contact-envelope-rewrite.alt-policy",
        "If an email address policy stamped the internal address, fix the policy's primary template (`Get-EmailAddressPolicy | Format-List Name,EnabledPrimarySMTPAddressTemplate,RecipientFilter`) to prevent recurrence for policy-managed objects.",
        "Si une stratégie d'adresse de messagerie a posé l'adresse interne, corrigez le modèle d'adresse principale de la stratégie (`Get-EmailAddressPolicy | Format-List Name,EnabledPrimarySMTPAddressTemplate,RecipientFilter`) pour éviter que cela se reproduise sur les objets gérés par la stratégie.",
    ),
    ("mail-contact-envelope-rewrite.at-hop", ", hop {hop}", ", saut {hop}"),
    (
        "mail-contact-envelope-rewrite.before-exo",
        " before Exchange Online ({exo})",
        " avant Exchange Online ({exo})",
    ),
    ("mail-contact-envelope-rewrite.build", ", {release} build {id}", ", {release} build {id}"),
    (
        "mail-contact-envelope-rewrite.detail-addresses",
        "The Return-Path is `{rp_addr}`, but the visible sender is `{from_addr}`. ",
        "Le chemin de retour (Return-Path) est `{rp_addr}`, mais l'expéditeur visible est `{from_addr}`. ",
    ),
    (
        "mail-contact-envelope-rewrite.detail-case",
        "The Return-Path's capitalisation (`{parts}`) differs from the From address, the mark of an address copied verbatim from a directory entry. ",
        "La casse du Return-Path (`{parts}`) diffère de l'adresse From : c'est la marque d'une adresse recopiée telle quelle depuis une entrée d'annuaire. ",
    ),
    (
        "mail-contact-envelope-rewrite.detail-confirm",
        " To confirm the cause first, compare ReturnPath in the RECEIVE and SEND events of Get-MessageTrackingLog. Also enable DKIM for `{from_domain}` in Exchange Online so DMARC passes.",
        " Pour confirmer la cause d'abord, comparez ReturnPath dans les événements RECEIVE et SEND de Get-MessageTrackingLog. Activez aussi DKIM pour `{from_domain}` dans Exchange Online pour que DMARC passe.",
    ),
    (
        "mail-contact-envelope-rewrite.detail-externally-secured",
        " The app relayed through a receive connector set to Externally Secured (AuthAs Internal, AuthMechanism 10), which is what makes Exchange resolve the sender against the directory.",
        " L'application a relayé par un connecteur de réception configuré en Externally Secured (AuthAs Internal, AuthMechanism 10), ce qui amène Exchange à résoudre l'expéditeur dans l'annuaire.",
    ),
    (
        "mail-contact-envelope-rewrite.detail-non-routable",
        "`{domain}` is not a public Internet domain ({reason}), so SPF returns none, DMARC cannot use SPF, bounces can never come back, and Microsoft 365 {relays} such mail through its relay or high-risk delivery pools. ",
        "`{domain}` n'est pas un domaine public d'Internet ({reason}) : SPF renvoie none, DMARC ne peut pas s'appuyer sur SPF, les NDR ne peuvent jamais revenir, et Microsoft 365 {relays} ce courrier par ses pools de remise relais ou à haut risque. ",
    ),
    (
        "mail-contact-envelope-rewrite.detail-onprem",
        "This message passed through on-prem Exchange (`{host}`{version}{app}){onward}: this pattern means Exchange resolved the sender to a directory object (typically a Mail Contact) whose reply (primary SMTP) address is `{rp_addr}`, and used that address as the envelope sender.{no_rewrite}",
        "Ce message est passé par Exchange on-prem (`{host}`{version}{app}){onward} : ce schéma signifie qu'Exchange a résolu l'expéditeur vers un objet de l'annuaire (en général un contact de messagerie) dont l'adresse de réponse (adresse SMTP principale) est `{rp_addr}`, et a utilisé cette adresse comme expéditeur d'enveloppe.{no_rewrite}",
    ),
    (
        "mail-contact-envelope-rewrite.detail-onprem-hidden",
        "The Received lines of the on-prem part are not visible, but the headers show the message came from on-prem Exchange ({signals}): this likely means Exchange resolved the sender to a directory object (typically a Mail Contact) whose reply (primary SMTP) address is `{rp_addr}`, and used it as the envelope sender.",
        "Les lignes Received de la partie on-prem ne sont pas visibles, mais les en-têtes montrent que le message vient d'Exchange on-prem ({signals}) : cela signifie probablement qu'Exchange a résolu l'expéditeur vers un objet de l'annuaire (en général un contact de messagerie) dont l'adresse de réponse (adresse SMTP principale) est `{rp_addr}`, et l'a utilisée comme expéditeur d'enveloppe.",
    ),
    (
        "mail-contact-envelope-rewrite.exo-does-not-rewrite",
        " Exchange Online does not rewrite it.",
        " Exchange Online ne la réécrit pas.",
    ),
    (
        "mail-contact-envelope-rewrite.fix",
        "Make `{from_addr}` the primary SMTP address of the directory object that holds `{rp_addr}` (on-prem Exchange Management Shell)",
        "Faire de `{from_addr}` l'adresse SMTP principale de l'objet d'annuaire qui porte `{rp_addr}` (Exchange Management Shell on-prem)",
    ),
    (
        "mail-contact-envelope-rewrite.its-path-into-exo",
        "its path into Exchange Online",
        "son passage vers Exchange Online",
    ),
    ("mail-contact-envelope-rewrite.onprem-exchange", "on-prem Exchange", "Exchange on-prem"),
    (
        "mail-contact-envelope-rewrite.received-from",
        ", received from `{app}` in hop {hop}",
        ", reçu de `{app}` au saut {hop}",
    ),
    ("mail-contact-envelope-rewrite.relays", "relays", "relaie"),
    (
        "mail-contact-envelope-rewrite.search-domain",
        "an address in `{internal_domain}`",
        "une adresse dans `{internal_domain}`",
    ),
    (
        "mail-contact-envelope-rewrite.search-local",
        "the local part `{local}` (any domain, any case)",
        "la partie locale `{local}` (tout domaine, toute casse)",
    ),
    (
        "mail-contact-envelope-rewrite.step-already-primary",
        "If Get-MailContact already shows `{from_addr}` as primary, the rewrite came from another object or an earlier state: search every recipient type for both addresses and re-run the tracking comparison.",
        "Si Get-MailContact montre déjà `{from_addr}` comme adresse principale, la réécriture vient d'un autre objet ou d'un état antérieur : cherchez les deux adresses dans tous les types de destinataires et refaites la comparaison du suivi des messages.",
    ),
    (
        "mail-contact-envelope-rewrite.step-confirm",
        "Confirm where the rewrite happens (decisive): run the message-tracking command below on an on-prem Exchange server and compare ReturnPath in the RECEIVE event (Source SMTP, from the app) with the SEND event on the hybrid send connector (\"Outbound to Office 365\"). `{from_addr}` at RECEIVE and `{rp_addr}` at SEND means Exchange rewrote it and this fix applies; `{rp_addr}` already at RECEIVE means the application itself is configured with it: change the app's sender instead.",
        "Confirmer où se fait la réécriture (décisif) : lancez la commande de suivi des messages ci-dessous sur un serveur Exchange on-prem et comparez ReturnPath dans l'événement RECEIVE (Source SMTP, venant de l'application) avec l'événement SEND sur le connecteur d'envoi hybride (« Outbound to Office 365 »). `{from_addr}` au RECEIVE et `{rp_addr}` au SEND signifie qu'Exchange l'a réécrite et que cette correction s'applique ; `{rp_addr}` dès le RECEIVE signifie que l'application elle-même est configurée avec : changez plutôt l'expéditeur de l'application.",
    ),
    (
        "mail-contact-envelope-rewrite.step-external-address",
        "Leave ExternalEmailAddress pointing where mail to the app must go, unless that target is obsolete. Do not set ExternalEmailAddress to the public address if that address is also the object's own proxy in an authoritative accepted domain (contact chain / loop).",
        "Laissez ExternalEmailAddress pointer là où le courrier destiné à l'application doit aller, sauf si cette cible est obsolète. Ne mettez pas ExternalEmailAddress sur l'adresse publique si cette adresse est aussi une adresse proxy de l'objet dans un domaine accepté faisant autorité (chaîne de contacts / boucle).",
    ),
    (
        "mail-contact-envelope-rewrite.step-find",
        "Find every object that could be used: list recipients with {search_words}, and check that `{from_addr}` belongs to exactly one object (usually a MailContact).",
        "Trouver tous les objets qui pourraient servir : listez les destinataires avec {search_words}, et vérifiez que `{from_addr}` appartient à un seul objet (en général un MailContact).",
    ),
    (
        "mail-contact-envelope-rewrite.step-primary",
        "Make the public address the primary (reply) address with the intended capitalisation, and turn off the email address policy for the object so the policy cannot put `{internal_domain}` back. The command identifies the object by its current primary address `{rp_addr}`; use its Name if you prefer. If the object is a mail user or mailbox instead of a contact, use Set-MailUser / Set-RemoteMailbox / Set-Mailbox with the same parameters.",
        "Faites de l'adresse publique l'adresse principale (de réponse), avec la casse voulue, et désactivez la stratégie d'adresse de messagerie pour l'objet afin qu'elle ne remette pas `{internal_domain}`. La commande désigne l'objet par son adresse principale actuelle `{rp_addr}` ; utilisez son Name si vous préférez. Si l'objet est un utilisateur de messagerie ou une boîte aux lettres plutôt qu'un contact, utilisez Set-MailUser / Set-RemoteMailbox / Set-Mailbox avec les mêmes paramètres.",
    ),
    (
        "mail-contact-envelope-rewrite.step-wait",
        "Wait for Active Directory replication and Exchange's directory caches (some minutes; a transport service restart in a maintenance window forces it); if the object is synchronised to Entra ID, re-check it after the next sync.",
        "Attendez la réplication Active Directory et les caches d'annuaire d'Exchange (quelques minutes ; un redémarrage du service de transport dans une fenêtre de maintenance les force) ; si l'objet est synchronisé vers Entra ID, revérifiez-le après la synchronisation suivante.",
    ),
    (
        "mail-contact-envelope-rewrite.title",
        "Envelope sender `{rp_addr}` is {what} (likely a Mail Contact's primary SMTP address, rewritten by on-prem Exchange)",
        "L'expéditeur d'enveloppe `{rp_addr}` est {what} (probablement l'adresse SMTP principale d'un contact de messagerie, réécrite par Exchange on-prem)",
    ),
    (
        "mail-contact-envelope-rewrite.verify-compare",
        "Send a new test message to an external mailbox and compare it with this one: paste its headers into \"Compare with another message\" (command line: `headerlens compare before.eml after.eml`). The Return-Path must be `{from_addr}`, SPF must pass for `{from_domain}`, DMARC must pass, X-MS-Exchange-AntiSpam-Relay must be 0, and the egress IP must not be in 40.95.0.0/16.",
        "Envoyez un nouveau message de test vers une boîte externe et comparez-le à celui-ci : collez ses en-têtes dans « Comparer avec un autre message » (en ligne de commande : `headerlens compare before.eml after.eml`). Le Return-Path doit être `{from_addr}`, SPF doit passer pour `{from_domain}`, DMARC doit passer, X-MS-Exchange-AntiSpam-Relay doit valoir 0, et l'IP de sortie ne doit pas être dans 40.95.0.0/16.",
    ),
    (
        "mail-contact-envelope-rewrite.verify-eac",
        "In the Exchange admin center (Exchange Online), Reports > Mail flow > Non-accepted domain should no longer list this sender.",
        "Dans le Centre d'administration Exchange (Exchange Online), Rapports > Flux de courrier > Domaine non accepté ne doit plus lister cet expéditeur.",
    ),
    (
        "mail-contact-envelope-rewrite.verify-tracking",
        "{tracking}  # the SEND event's ReturnPath must now be {from_addr}",
        "{tracking}  # le ReturnPath de l'événement SEND doit maintenant être {from_addr}",
    ),
    (
        "mail-contact-envelope-rewrite.what-non-routable",
        "a non-routable internal address",
        "une adresse interne non routable",
    ),
    (
        "mail-contact-envelope-rewrite.what-odd-case",
        "an oddly capitalised directory address",
        "une adresse d'annuaire à la casse inhabituelle",
    ),
    ("mail-contact-envelope-rewrite.would-relay", "would relay", "relaierait"),
];
