//! The JavaScript API of the wasm build, for pages and tools that want the analysis without the app:
//! `analyze(text)` returns the report as a plain object (the JSON contract of the README: the same names
//! and values as the CLI's `--format json`), `version()` names the build. The V8 benchmark
//! (`www/bench/v8.mjs`) measures `analyze` through this API.

use wasm_bindgen::prelude::*;

/// Analyses pasted header text and returns the report as a plain JavaScript object (no `Map`s, no
/// `BigInt`s: what `JSON.parse` of the CLI's JSON gives; keys in alphabetical order): the report's JSON
/// value (see [`to_value`]) as one string through the browser's `JSON.parse`. `www/bench/v8.sh` compares
/// the ways (1 Dec 2026, 410 corpus texts one after another): this one 918 ms; the report straight to one
/// JSON string 652 ms, but that is a second serialisation of the report in the module, +10 KB gzip for
/// every visitor of the site, which does not call this; serde-wasm-bindgen 457 ms and 2 KB more again,
/// and it throws on a 64-bit integer above 2^53 (a DKIM `t=` or `x=` tag is kept as written). The analysis
/// alone takes 260 ms of it.
#[wasm_bindgen]
pub fn analyze(text: &str) -> Result<JsValue, JsError> {
    let json = serde_json::to_string(&to_value(&headerlens::analyze(text.as_bytes())))
        .map_err(|e| JsError::new(&format!("cannot convert the report: {e}")))?;
    js_sys::JSON::parse(&json).map_err(|_| JsError::new("cannot convert the report"))
}

/// A report as a JSON value (the JS API's object, the JSON export). One serialisation of the report in the
/// module: the panels' "more details" serialise their sections the same way.
pub(crate) fn to_value(report: &headerlens::Report) -> serde_json::Value {
    serde_json::to_value(report).unwrap_or(serde_json::Value::Null)
}

/// Bench-only: the report serialised straight to one JSON string (no JSON value) through `JSON.parse`, to
/// compare the conversions in `www/bench/v8.mjs`.
#[cfg(feature = "bench")]
#[wasm_bindgen(js_name = analyzeJson)]
pub fn analyze_json(text: &str) -> Result<JsValue, JsError> {
    let json = serde_json::to_string(&headerlens::analyze(text.as_bytes()))
        .map_err(|e| JsError::new(&format!("cannot convert the report: {e}")))?;
    js_sys::JSON::parse(&json).map_err(|_| JsError::new("cannot convert the report"))
}

/// Bench-only: the report converted field by field by serde-wasm-bindgen (its JSON-compatible
/// serializer: plain objects, `null` for a missing value, no `BigInt`), to compare in `www/bench/v8.mjs`.
#[cfg(feature = "bench")]
#[wasm_bindgen(js_name = analyzeSwb)]
pub fn analyze_swb(text: &str) -> Result<JsValue, JsError> {
    use serde::Serialize;
    let report = headerlens::analyze(text.as_bytes());
    report
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("cannot convert the report: {e}")))
}

/// Bench-only: the analysis alone (no conversion for JavaScript), to split `analyze`'s time between the
/// core and the API in `www/bench/v8.mjs`. Returns the number of findings, so nothing is optimised away.
#[cfg(feature = "bench")]
#[wasm_bindgen(js_name = analyzeCore)]
pub fn analyze_core(text: &str) -> usize {
    headerlens::analyze(text.as_bytes()).findings.len()
}

/// Bench-only (feature `bench`, built by `www/bench/v8.sh`, never shipped): a bare mail-parser parse of
/// the same text, the floor `analyze` is measured against. Returns the number of header fields, so the
/// parse cannot be optimised away.
#[cfg(feature = "bench")]
#[wasm_bindgen(js_name = bareParse)]
pub fn bare_parse(text: &str) -> usize {
    mail_parser::MessageParser::new().parse(text.as_bytes()).map_or(0, |m| m.headers().len())
}

#[cfg(feature = "bench")]
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;
}

/// Bench-only: one analysis timed per stage (`headerlens::analyze_observed`), then the report's JSON and
/// its drop, as `stage ms` pairs separated by commas.
#[cfg(feature = "bench")]
#[wasm_bindgen(js_name = analyzeStages)]
pub fn analyze_stages(text: &str) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let mut last = performance_now();
    let report = headerlens::analyze_observed(text.as_bytes(), |stage| {
        let now = performance_now();
        let _ = write!(out, "{stage} {:.3}, ", now - last);
        last = now;
    });
    let json = serde_json::to_string(&report).unwrap_or_default();
    let now = performance_now();
    let _ = write!(out, "json {:.3}, ", now - last);
    let parsed = js_sys::JSON::parse(&json);
    let after = performance_now();
    let _ = write!(out, "JSON.parse {:.3}, ", after - now);
    drop((report, json, parsed));
    let _ = write!(out, "drop {:.3}", performance_now() - after);
    out
}

/// The version of this build (the web crate's, which follows the core's).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
