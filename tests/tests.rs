//! The one integration-test binary. Each module tests one area through the public API.

// Golden files: every fixture in tests/fixtures rendered as text and JSON.
mod fixtures;

// Microsoft 365 headers decoded, Microsoft diagnostics, corpus counts.
mod microsoft;
