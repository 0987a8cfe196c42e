//! The one integration-test binary. Each module tests one area through the public API.

// Golden files: every fixture in tests/fixtures rendered as text and JSON.
mod fixtures;

// Envelope diagnostics: the headline Mail Contact diagnosis, quiet cases, corpus run.
mod envelope;
