//! The JavaScript API of the wasm build, for pages and tools that want the analysis without the app:
//! `analyze(text)` returns the report as a plain object (the JSON contract of the README: the same names
//! and values as the CLI's `--format json`), `version()` names the build. The V8 benchmark
//! (`www/bench/v8.mjs`) measures `analyze` through this API.

use wasm_bindgen::prelude::*;

/// Analyses pasted header text and returns the report as a plain JavaScript object (no `Map`s, no
/// `BigInt`s: what `JSON.parse` of the CLI's JSON gives, because that is how it is made). One JSON string
/// through `JSON.parse` costs one crossing of the wasm boundary, where serde-wasm-bindgen made one per
/// field (the fixed cost that dominated small inputs), and it needs no second copy of the report's
/// serialisation code in the module.
#[wasm_bindgen]
pub fn analyze(text: &str) -> Result<JsValue, JsError> {
    let report = headerlens::analyze(text.as_bytes());
    let json = serde_json::to_string(&report)
        .map_err(|e| JsError::new(&format!("cannot convert the report: {e}")))?;
    js_sys::JSON::parse(&json).map_err(|_| JsError::new("cannot convert the report"))
}

/// The version of this build (the web crate's, which follows the core's).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
