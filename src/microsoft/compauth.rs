//! Microsoft's composite authentication (`compauth=`) reason codes, from "Anti-spam message headers in
//! Microsoft 365" (Microsoft Learn).

use crate::catalog::{Msg, msg};

/// Meaning of a Microsoft compauth reason code (Microsoft Learn, "Anti-spam message headers in Microsoft 365", `compauth`).
/// The second value is true when the meaning is documented by Microsoft for this exact code or its range.
pub(crate) fn compauth_reason(code: &str) -> (Msg, bool) {
    let id = match code {
        "000" => "compauth.000",
        "001" => "compauth.001",
        "002" => "compauth.002",
        "010" => "compauth.010",
        _ => match code.as_bytes() {
            [b'1' | b'7', _, _] => "compauth.pass",
            [b'2', _, _] => "compauth.soft-pass",
            [b'3', _, _] => "compauth.not-checked",
            [b'4' | b'9', _, _] => "compauth.bypassed",
            [b'6', _, _] => "compauth.own-domain",
            _ => return (msg!("compauth.unknown", code), false),
        },
    };
    (Msg::new(id, vec![]), true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compauth_reasons_are_decoded() {
        assert!(compauth_reason("000").0.render(crate::catalog::Lang::En).contains("explicit"));
        assert!(compauth_reason("001").0.render(crate::catalog::Lang::En).contains("implicit"));
        assert!(compauth_reason("130").0.render(crate::catalog::Lang::En).contains("passed"));
        assert!(compauth_reason("905").0.render(crate::catalog::Lang::En).contains("bypassed"));
        assert!(compauth_reason("601").0.render(crate::catalog::Lang::En).contains("accepted domains"));
        assert!(!compauth_reason("x").1);
    }
}
