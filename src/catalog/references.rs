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
        "En-têtes de message anti-spam dans Microsoft 365",
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
        "ref.Message tracking (Exchange Server)",
        "Message tracking (Exchange Server)",
        "Suivi des messages (Exchange Server)",
    ),
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
    (
        "ref.RFC 5321 §4.5.4.1 (sending strategy and retry)",
        "RFC 5321 §4.5.4.1 (sending strategy and retry)",
        "RFC 5321 §4.5.4.1 (stratégie d'envoi et nouvelles tentatives)",
    ),
    (
        "ref.RFC 7489 §3.1.1 (DKIM identifier alignment)",
        "RFC 7489 §3.1.1 (DKIM identifier alignment)",
        "RFC 7489 §3.1.1 (alignement de l'identifiant DKIM)",
    ),
    (
        "ref.RFC 7489 §3.1.2 (SPF identifier alignment)",
        "RFC 7489 §3.1.2 (SPF identifier alignment)",
        "RFC 7489 §3.1.2 (alignement de l'identifiant SPF)",
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
        "ref.Spam confidence level (SCL) in EOP",
        "Spam confidence level (SCL) in EOP",
        "Niveau de confiance du courrier indésirable (SCL) dans EOP",
    ),
];
