//! Authentication results: Authentication-Results, ARC, Received-SPF and DKIM-Signature, parsed.
//!
//! Placeholder shape; the authentication issue fills it in (RFC 8601 / 7208 / 6376 / 8617 parsers,
//! trust boundary, DKIM lint, ARC chain summary).

pub mod tags;

use serde::Serialize;

use crate::input::Source;
use crate::model::{HeaderField, Hop};

/// Everything the message says about authentication.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Authentication {}

/// Parses the authentication headers.
pub fn build(source: &Source, fields: &[HeaderField], hops: &[Hop]) -> Authentication {
    let _ = (source, fields, hops);
    Authentication::default()
}
