//! Microsoft 365 / Exchange headers decoded into words.
//!
//! Placeholder shape; the authentication issue fills it in (X-Forefront-Antispam-Report,
//! X-Microsoft-Antispam, X-MS-Exchange-Organization-*, X-MS-Exchange-CrossTenant-*).

use serde::Serialize;

use crate::input::Source;
use crate::model::HeaderField;

/// Decoded Microsoft headers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Microsoft {}

/// Decodes the Microsoft headers.
pub fn build(source: &Source, fields: &[HeaderField]) -> Microsoft {
    let _ = (source, fields);
    Microsoft::default()
}
