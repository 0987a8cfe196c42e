//! The JavaScript API of the wasm build, for pages and tools that want the analysis without the app:
//! `analyze(text)` returns the report as a plain object (the JSON contract of the README: the same names
//! and values as the CLI's `--format json`), `version()` names the build. The V8 benchmark
//! (`www/bench/v8.mjs`) measures `analyze` through this API.

use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Analyses pasted header text and returns the report as a plain JavaScript object (no `Map`s, no
/// `BigInt`s: what `JSON.parse` of the CLI's JSON gives). Converting field by field with
/// serde-wasm-bindgen measured faster in V8 than one JSON string through `JSON.parse`, at the same size.
#[wasm_bindgen]
pub fn analyze(text: &str) -> Result<JsValue, JsError> {
    let report = headerlens::analyze(text.as_bytes());
    report
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("cannot convert the report: {e}")))
}

/// The version of this build (the web crate's, which follows the core's).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
