//! The one integration-test binary. Each module tests one area through the public API.

// Golden files: every fixture in tests/fixtures rendered as text and JSON.
mod fixtures;
// What every report must satisfy; shared with the fuzz targets in tests/fuzz.
mod invariants;
// The corpus pasted again in mangled ways (../shared/corpus; skipped when absent).
mod mutations;
// Inputs that once broke the core, kept as fixtures.
mod regressions;
