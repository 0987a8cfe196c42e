//! Microsoft's composite authentication (`compauth=`) reason codes, from "Anti-spam message headers in
//! Microsoft 365" (Microsoft Learn).

/// Meaning of a Microsoft compauth reason code (Microsoft Learn, "Anti-spam message headers in Microsoft 365", `compauth`).
/// The second value is true when the meaning is documented by Microsoft for this exact code or its range.
pub(crate) fn compauth_reason(code: &str) -> (String, bool) {
    let meaning = match code {
        "000" => {
            "the message failed explicit authentication: DMARC failed and the sender's domain publishes p=quarantine or p=reject"
        }
        "001" => {
            "the message failed implicit authentication: the sending domain has no authentication records or only weak ones (SPF ~all or ?all, DMARC p=none)"
        }
        "002" => {
            "the organisation has a policy that explicitly prohibits this sender/domain pair from sending spoofed email"
        }
        "010" => {
            "DMARC failed with p=quarantine or p=reject and the sending domain is one of this organisation's own accepted domains (self-to-self spoofing)"
        }
        _ => match code.as_bytes() {
            [b'1' | b'7', _, _] => "the message passed composite authentication",
            [b'2', _, _] => "soft pass: composite authentication found partial evidence for the sender",
            [b'3', _, _] => "composite authentication was not checked",
            [b'4' | b'9', _, _] => {
                "composite authentication was bypassed (for example by an allow rule or a trusted connection)"
            }
            [b'6', _, _] => {
                "implicit authentication failed and the sending domain is one of this organisation's own accepted domains"
            }
            _ => return (format!("reason {code} is not in Microsoft's documented table"), false),
        },
    };
    (meaning.to_string(), true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compauth_reasons_are_decoded() {
        assert!(compauth_reason("000").0.contains("explicit"));
        assert!(compauth_reason("001").0.contains("implicit"));
        assert!(compauth_reason("130").0.contains("passed"));
        assert!(compauth_reason("905").0.contains("bypassed"));
        assert!(compauth_reason("601").0.contains("accepted domains"));
        assert!(!compauth_reason("x").1);
    }
}
