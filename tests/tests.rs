//! The one integration-test binary. Each module tests one area through the public API.

// Fixtures, the corpus root, span assertions: shared by the modules below.
mod support;

// Authentication: per-receiver fixtures and the corpus sweep.
mod auth;
// Golden files: every fixture in tests/fixtures rendered as text and JSON.
mod fixtures;
// The message catalogue: call sites against the tables, French renderings.
mod catalog;
// French reports: no English left in the route, authentication, envelope and Microsoft parts.
mod french;
// The readers' words in French (filters, input notes, zone notes, compare), own fixtures and the corpus.
mod french_readers;
// The forms of French: day unit, decimal comma, placeholders, auto-learn tokens, "and".
mod french_forms;

// Envelope diagnostics: the headline Mail Contact diagnosis, quiet cases, corpus run.
mod envelope;

// The shared corpus of real headers and MHA's expectations (skipped when ../shared/corpus is absent).
mod corpus;
// What every report must satisfy; shared with the fuzz targets in tests/fuzz.
mod invariants;
// The corpus pasted again in mangled ways (../shared/corpus; skipped when absent).
mod mutations;
// Inputs that once broke the core, kept as fixtures.
mod regressions;

// The container walk on the shared corpus as an mbox and as pasted header blocks.
mod containers;

// The command line as a process: formats, JSON Lines, exit codes.
mod cli;

// Property tests: any bytes, paste shapes.
mod props;

// Microsoft 365 headers decoded, Microsoft diagnostics, corpus counts.
mod microsoft;

// The examples of issue 10: who handled the message, whose systems a fix changes, what is never advised.
mod judgments;

// Timing and trace diagnostics on their fixtures.
mod timing;
// Received and date vectors as data (tests/vectors/*.json).
mod vectors;
// docs/diagnostics.md, generated from the diagnostics' metadata and the fixtures.
mod diagnostics_doc;
// The core's layers point one way (src/ read as text).
mod layers;
// Huge and degenerate inputs against the documented limits (src/limits.rs).
mod limits;
