//! The one integration-test binary. Each module tests one area through the public API.

// Golden files: every fixture in tests/fixtures rendered as text and JSON.
mod fixtures;

// The shared corpus of real headers and MHA's expectations (skipped when ../shared/corpus is absent).
mod corpus;

// Microsoft 365 headers decoded, Microsoft diagnostics, corpus counts.
mod microsoft;

// Timing and trace diagnostics on their fixtures.
mod timing;
