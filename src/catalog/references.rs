//! The titles of the documents fixes refer to ("see:"), in the reader's language where the document has a
//! translated title (Microsoft Learn) or the title describes a section in words: id (`ref.` + the English title
//! as diagnostics write it), English, French. Titles that read the same in every language (an RFC number, a
//! cmdlet) have no row. Sorted by id (checked by `catalog::tests`).

pub(super) const MESSAGES: &[super::Row] = &[
    (
        "ref.Allow anonymous relay on Exchange servers",
        "Allow anonymous relay on Exchange servers",
        "Autoriser le relais anonyme sur les serveurs Exchange",
    ),
    (
        "ref.Anti-spam message headers in Microsoft 365",
        "Anti-spam message headers in Microsoft 365",
        "En-têtes de message anti-courrier indésirable dans Microsoft 365",
    ),
    (
        "ref.Anti-spam message headers in Microsoft 365 (PTR, H)",
        "Anti-spam message headers in Microsoft 365 (PTR, H)",
        "En-têtes de message anti-courrier indésirable dans Microsoft 365 (PTR, H)",
    ),
    (
        "ref.Bulk complaint level (BCL) in EOP",
        "Bulk complaint level (BCL) in EOP",
        "Niveau de réclamation en bloc (BCL) dans EOP",
    ),
    (
        "ref.Create safe sender lists in EOP",
        "Create safe sender lists in EOP",
        "Créer des listes d'expéditeurs approuvés dans EOP",
    ),
    (
        "ref.Demystifying and troubleshooting hybrid mail flow: when is a message internal? (Exchange Team Blog)",
        "Demystifying and troubleshooting hybrid mail flow: when is a message internal? (Exchange Team Blog)",
        "Démystifier et dépanner le flux de messagerie hybride\u{a0}: quand un message est-il interne\u{a0}? (blog de l'équipe Exchange, en anglais)",
    ),
    (
        "ref.Google: Email sender guidelines",
        "Google: Email sender guidelines",
        "Google\u{a0}: Consignes pour les expéditeurs d'e-mails",
    ),
    (
        "ref.How to handle false positives in Microsoft Defender for Office 365",
        "How to handle false positives in Microsoft Defender for Office 365",
        "Comment gérer les faux positifs dans Microsoft Defender pour Office 365",
    ),
    (
        "ref.How to set up a multifunction device or application to send email using Microsoft 365 or Office 365",
        "How to set up a multifunction device or application to send email using Microsoft 365 or Office 365",
        "Comment configurer un appareil multifonction ou une application pour envoyer des e-mails à l'aide de Microsoft 365 ou Office 365",
    ),
    (
        "ref.How to use DKIM for email in your custom domain (Microsoft 365)",
        "How to use DKIM for email in your custom domain (Microsoft 365)",
        "Comment utiliser DKIM pour les e-mails de votre domaine personnalisé (Microsoft 365)",
    ),
    (
        "ref.Message trace in the Exchange admin center",
        "Message trace in the Exchange admin center",
        "Suivi des messages dans le centre d'administration Exchange",
    ),
    (
        "ref.Message tracking (Exchange Server)",
        "Message tracking (Exchange Server)",
        "Suivi des messages (Exchange Server)",
    ),
    (
        "ref.Microsoft Learn: Anti-spam message headers in Microsoft 365 (compauth reason codes)",
        "Microsoft Learn: Anti-spam message headers in Microsoft 365 (compauth reason codes)",
        "Microsoft Learn\u{a0}: En-têtes de message anti-courrier indésirable dans Microsoft 365 (codes de raison compauth)",
    ),
    (
        "ref.Microsoft Learn: Anti-spoofing protection in EOP",
        "Microsoft Learn: Anti-spoofing protection in EOP",
        "Microsoft Learn\u{a0}: Protection contre l'usurpation d'identité dans EOP",
    ),
    (
        "ref.Microsoft Learn: Enhanced Filtering for Connectors in Exchange Online",
        "Microsoft Learn: Enhanced Filtering for Connectors in Exchange Online",
        "Microsoft Learn\u{a0}: Filtrage amélioré pour les connecteurs dans Exchange Online",
    ),
    (
        "ref.Microsoft Learn: How to use DKIM for email in your custom domain",
        "Microsoft Learn: How to use DKIM for email in your custom domain",
        "Microsoft Learn\u{a0}: Comment utiliser DKIM pour les e-mails de votre domaine personnalisé",
    ),
    (
        "ref.Microsoft Learn: How to use DKIM for email in your custom domain (Rotate DKIM keys)",
        "Microsoft Learn: How to use DKIM for email in your custom domain (Rotate DKIM keys)",
        "Microsoft Learn\u{a0}: Comment utiliser DKIM pour les e-mails de votre domaine personnalisé (faire pivoter les clés DKIM)",
    ),
    (
        "ref.Microsoft Learn: Spoof intelligence insight in EOP",
        "Microsoft Learn: Spoof intelligence insight in EOP",
        "Microsoft Learn\u{a0}: Informations sur la veille contre l'usurpation d'identité dans EOP",
    ),
    (
        "ref.Non-accepted domain report in the new EAC in Exchange Online",
        "Non-accepted domain report in the new EAC in Exchange Online",
        "Rapport sur les domaines non acceptés dans le nouveau CAE d'Exchange Online",
    ),
    ("ref.Outbound delivery pools", "Outbound delivery pools", "Pools de remise sortante"),
    (
        "ref.Outbound delivery pools (Exchange Online Protection)",
        "Outbound delivery pools (Exchange Online Protection)",
        "Pools de remise sortante (Exchange Online Protection)",
    ),
    (
        "ref.Outbound spam protection in EOP",
        "Outbound spam protection in EOP",
        "Protection contre le courrier indésirable sortant dans EOP",
    ),
    ("ref.Public Suffix List", "Public Suffix List", "Public Suffix List (liste des suffixes publics)"),
    ("ref.RFC 3207 (STARTTLS)", "RFC 3207 (STARTTLS)", "RFC 3207 (extension STARTTLS)"),
    (
        "ref.RFC 3848 (ESMTPS/ESMTPSA)",
        "RFC 3848 (ESMTPS/ESMTPSA)",
        "RFC 3848 (types de transmission ESMTPS/ESMTPSA)",
    ),
    (
        "ref.RFC 5321 §2.3.5 (only resolvable, fully-qualified domain names in SMTP)",
        "RFC 5321 §2.3.5 (only resolvable, fully-qualified domain names in SMTP)",
        "RFC 5321 §2.3.5 (seuls des noms de domaine complets et résolubles dans SMTP)",
    ),
    (
        "ref.RFC 5321 §2.4 (local parts are case-sensitive; case must be preserved)",
        "RFC 5321 §2.4 (local parts are case-sensitive; case must be preserved)",
        "RFC 5321 §2.4 (la partie locale respecte la casse\u{a0}; la casse doit être conservée)",
    ),
    ("ref.RFC 5321 §4.1.1.1 (EHLO)", "RFC 5321 §4.1.1.1 (EHLO)", "RFC 5321 §4.1.1.1 (commande EHLO)"),
    (
        "ref.RFC 5321 §4.4 (trace information)",
        "RFC 5321 §4.4 (trace information)",
        "RFC 5321 §4.4 (informations de trace)",
    ),
    (
        "ref.RFC 5321 §4.4 Trace Information",
        "RFC 5321 §4.4 Trace Information",
        "RFC 5321 §4.4 Informations de trace",
    ),
    (
        "ref.RFC 5321 §4.5.4.1 (sending strategy and retry)",
        "RFC 5321 §4.5.4.1 (sending strategy and retry)",
        "RFC 5321 §4.5.4.1 (stratégie d'envoi et nouvelles tentatives)",
    ),
    (
        "ref.RFC 5321 §6.3 (loop detection)",
        "RFC 5321 §6.3 (loop detection)",
        "RFC 5321 §6.3 (détection des boucles)",
    ),
    (
        "ref.RFC 5322 §3.3 (date and time specification)",
        "RFC 5322 §3.3 (date and time specification)",
        "RFC 5322 §3.3 (spécification de la date et de l'heure)",
    ),
    (
        "ref.RFC 5322 §3.3 Date and Time Specification, §4.3 Obsolete Date and Time",
        "RFC 5322 §3.3 Date and Time Specification, §4.3 Obsolete Date and Time",
        "RFC 5322 §3.3 Spécification de la date et de l'heure, §4.3 Date et heure obsolètes",
    ),
    (
        "ref.RFC 5322 §3.6 (field definitions), §3.3 (date and time specification)",
        "RFC 5322 §3.6 (field definitions), §3.3 (date and time specification)",
        "RFC 5322 §3.6 (définitions des champs), §3.3 (spécification de la date et de l'heure)",
    ),
    (
        "ref.RFC 5322 §3.6 (the number of times each field may occur)",
        "RFC 5322 §3.6 (the number of times each field may occur)",
        "RFC 5322 §3.6 (nombre d'occurrences permis pour chaque champ)",
    ),
    (
        "ref.RFC 5322 §3.6.1 (the origination date)",
        "RFC 5322 §3.6.1 (the origination date)",
        "RFC 5322 §3.6.1 (la date d'origine)",
    ),
    ("ref.RFC 5905 (NTPv4)", "RFC 5905 (NTPv4)", "RFC 5905 (protocole NTPv4)"),
    ("ref.RFC 6376 §3.3.3 (key sizes)", "RFC 6376 §3.3.3 (key sizes)", "RFC 6376 §3.3.3 (tailles de clé)"),
    (
        "ref.RFC 6376 §3.5 The DKIM-Signature header field",
        "RFC 6376 §3.5 The DKIM-Signature header field",
        "RFC 6376 §3.5 Le champ d'en-tête DKIM-Signature",
    ),
    (
        "ref.RFC 6376 §6.1 Verifying a signature",
        "RFC 6376 §6.1 Verifying a signature",
        "RFC 6376 §6.1 Vérification d'une signature",
    ),
    (
        "ref.RFC 7208 §1.1.2 and Appendix D (forwarding)",
        "RFC 7208 §1.1.2 and Appendix D (forwarding)",
        "RFC 7208 §1.1.2 et annexe D (transfert)",
    ),
    (
        "ref.RFC 7208 §2.6 Results of evaluation",
        "RFC 7208 §2.6 Results of evaluation",
        "RFC 7208 §2.6 Résultats de l'évaluation",
    ),
    (
        "ref.RFC 7208 §4.3 (SPF returns none for such names)",
        "RFC 7208 §4.3 (SPF returns none for such names)",
        "RFC 7208 §4.3 (SPF renvoie none pour de tels noms)",
    ),
    (
        "ref.RFC 7489 §3.1 Identifier Alignment",
        "RFC 7489 §3.1 Identifier Alignment",
        "RFC 7489 §3.1 Alignement des identifiants",
    ),
    (
        "ref.RFC 7489 §3.1.1 (DKIM identifier alignment)",
        "RFC 7489 §3.1.1 (DKIM identifier alignment)",
        "RFC 7489 §3.1.1 (alignement de l'identifiant DKIM)",
    ),
    (
        "ref.RFC 7489 §3.1.1 DKIM-Authenticated Identifiers",
        "RFC 7489 §3.1.1 DKIM-Authenticated Identifiers",
        "RFC 7489 §3.1.1 Identifiants authentifiés par DKIM",
    ),
    (
        "ref.RFC 7489 §3.1.2 (SPF identifier alignment)",
        "RFC 7489 §3.1.2 (SPF identifier alignment)",
        "RFC 7489 §3.1.2 (alignement de l'identifiant SPF)",
    ),
    (
        "ref.RFC 7960 (DMARC and indirect mail flows)",
        "RFC 7960 (DMARC and indirect mail flows)",
        "RFC 7960 (DMARC et flux de messagerie indirects)",
    ),
    ("ref.RFC 7960 §3.2 (forwarding)", "RFC 7960 §3.2 (forwarding)", "RFC 7960 §3.2 (transfert)"),
    (
        "ref.RFC 8058 (one-click unsubscribe)",
        "RFC 8058 (one-click unsubscribe)",
        "RFC 8058 (désabonnement en un clic)",
    ),
    ("ref.RFC 8301 §3.2 (key sizes)", "RFC 8301 §3.2 (key sizes)", "RFC 8301 §3.2 (tailles de clé)"),
    ("ref.RFC 8601 §2.7.1 DKIM results", "RFC 8601 §2.7.1 DKIM results", "RFC 8601 §2.7.1 Résultats DKIM"),
    (
        "ref.RFC 8601 §5 (removing Authentication-Results fields on arrival), §7.1 (forged header fields)",
        "RFC 8601 §5 (removing Authentication-Results fields on arrival), §7.1 (forged header fields)",
        "RFC 8601 §5 (suppression des champs Authentication-Results à l'arrivée), §7.1 (champs d'en-tête falsifiés)",
    ),
    (
        "ref.RFC 8601 §5 Removing Existing Header Fields, §7.1 Forged Header Fields",
        "RFC 8601 §5 Removing Existing Header Fields, §7.1 Forged Header Fields",
        "RFC 8601 §5 Suppression des champs d'en-tête existants, §7.1 Champs d'en-tête falsifiés",
    ),
    ("ref.RFC 8617 (ARC)", "RFC 8617 (ARC)", "RFC 8617 (chaîne ARC)"),
    (
        "ref.RFC 8617 §5.2 Validator actions",
        "RFC 8617 §5.2 Validator actions",
        "RFC 8617 §5.2 Actions du validateur",
    ),
    (
        "ref.Recipient resolution in Exchange Server",
        "Recipient resolution in Exchange Server",
        "Résolution des destinataires dans Exchange Server",
    ),
    (
        "ref.Remove blocked users from the Restricted entities page",
        "Remove blocked users from the Restricted entities page",
        "Supprimer des utilisateurs bloqués de la page Entités restreintes",
    ),
    (
        "ref.Sender Rewriting Scheme (SRS) in Microsoft 365",
        "Sender Rewriting Scheme (SRS) in Microsoft 365",
        "Sender Rewriting Scheme (SRS) dans Microsoft 365",
    ),
    (
        "ref.Set-MailContact (Exchange PowerShell)",
        "Set-MailContact (Exchange PowerShell)",
        "Set-MailContact (PowerShell d'Exchange)",
    ),
    (
        "ref.Set-SendConnector (CloudServicesMailEnabled)",
        "Set-SendConnector (CloudServicesMailEnabled)",
        "Set-SendConnector (paramètre CloudServicesMailEnabled)",
    ),
    (
        "ref.Spam confidence level (SCL) in EOP",
        "Spam confidence level (SCL) in EOP",
        "Niveau de confiance du courrier indésirable (SCL) dans EOP",
    ),
    (
        "ref.Unicode Standard Annex #9 (bidirectional algorithm), CVE-2021-42574 (\"Trojan Source\")",
        "Unicode Standard Annex #9 (bidirectional algorithm), CVE-2021-42574 (\"Trojan Source\")",
        "Annexe n° 9 du standard Unicode (algorithme bidirectionnel), CVE-2021-42574 («\u{a0}Trojan Source\u{a0}»)",
    ),
    (
        "ref.Use mail flow rules to set the spam confidence level (SCL) in messages",
        "Use mail flow rules to set the spam confidence level (SCL) in messages",
        "Utiliser des règles de flux de courrier pour définir le niveau de confiance du courrier indésirable (SCL) dans les messages",
    ),
    (
        "ref.Yahoo Sender Hub: Sender best practices",
        "Yahoo Sender Hub: Sender best practices",
        "Yahoo Sender Hub\u{a0}: bonnes pratiques pour les expéditeurs",
    ),
];
