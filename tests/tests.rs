//! The one integration-test binary. Each module tests one area through the public API.

// Authentication: per-receiver fixtures and the corpus sweep.
mod auth;
// Golden files: every fixture in tests/fixtures rendered as text and JSON.
mod fixtures;
