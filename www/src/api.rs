//! The JavaScript API of the wasm build, for pages and tools that want the analysis without the app:
//! `analyze(text)` returns the report as a plain object (the JSON contract of the README: the same names
//! and values as the CLI's `--format json`), `version()` names the build. The V8 benchmark
//! (`www/bench/v8.mjs`) measures `analyze` through this API.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// Analyses pasted header text and returns the report as a plain JavaScript object (no `Map`s, no
/// `BigInt`s: what `JSON.parse` of the CLI's JSON gives; keys in alphabetical order): the report's JSON
/// value (see [`to_value`]) built into JavaScript objects one value at a time ([`to_js`]). `www/bench/v8.sh`
/// compares the ways (2 Dec 2026, 410 corpus texts, load 5–7): this one 607–710 ms, 0.272–0.278 ms median
/// on texts under 1,000 bytes and faster on 127–139 of those 151; the JSON value as one string through
/// `JSON.parse` (`analyzeParse`, the way before) 728–797 ms, 0.298–0.313 ms. Setting properties with
/// `Reflect.set` instead of an indexing setter was slower than `JSON.parse` (742 against 706 ms). Faster
/// still but each a second serialisation of the report in the module: straight to one JSON string (+10 KB
/// gzip for every visitor of the site, which does not call this), serde-wasm-bindgen (2 KB more again, and
/// it throws on a 64-bit integer above 2^53: a DKIM `t=` or `x=` tag is kept as written).
#[wasm_bindgen]
pub fn analyze(text: &str) -> JsValue {
    to_js(&to_value(&headerlens::analyze(text.as_bytes())))
}

#[wasm_bindgen]
extern "C" {
    // `object[key] = value` (no `catch`: setting a property of a plain object or an array cannot throw);
    // faster than js-sys's `Reflect.set`, which goes through a try/catch and a function call.
    #[wasm_bindgen(js_name = Object)]
    type Plain;
    #[wasm_bindgen(method, indexing_setter)]
    fn set(this: &Plain, key: &JsValue, value: &JsValue);
    #[wasm_bindgen(method, indexing_setter)]
    fn set_at(this: &Plain, index: u32, value: &JsValue);
}

/// A JSON value as the JavaScript value `JSON.parse` of its text gives: objects with their keys in the
/// value's order (serde_json's map is sorted), arrays, strings, booleans, `null`, and every number as a
/// double (an integer above 2^53 rounded to the nearest one, as `JSON.parse` rounds its digits; never a
/// `BigInt`).
pub fn to_js(v: &serde_json::Value) -> JsValue {
    use serde_json::Value;
    match v {
        Value::Null => JsValue::NULL,
        Value::Bool(b) => JsValue::from_bool(*b),
        // `as_f64` is never `None` without serde_json's arbitrary precision: `u64`/`i64` as `f64` round to
        // nearest, ties to even, as `JSON.parse` reads the integer's digits.
        Value::Number(n) => JsValue::from_f64(n.as_f64().unwrap_or(f64::NAN)),
        Value::String(s) => JsValue::from_str(s),
        Value::Array(items) => {
            let array: JsValue = js_sys::Array::new_with_length(items.len() as u32).into();
            let plain: &Plain = array.unchecked_ref();
            for (i, item) in items.iter().enumerate() {
                plain.set_at(i as u32, &to_js(item));
            }
            array
        }
        Value::Object(map) => {
            let object: JsValue = js_sys::Object::new().into();
            let plain: &Plain = object.unchecked_ref();
            for (key, item) in map {
                plain.set(&key_js(key), &to_js(item));
            }
            object
        }
    }
}

/// A key of a report's object as a JavaScript string, from a small memory of the keys seen (the report's
/// field names, a few hundred): a new string from the module's memory costs a `TextDecoder` call, and
/// every hop, result and finding repeats the same keys.
fn key_js(key: &str) -> JsValue {
    const SLOTS: usize = 1024;
    /// A key and its JavaScript string.
    type Slot = Option<(Box<str>, JsValue)>;
    thread_local! {
        static KEYS: std::cell::RefCell<Vec<Slot>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    // FNV-1a of the key's bytes picks its slot; a slot holds the last key that fell into it.
    let hash = key.bytes().fold(0x811c_9dc5_u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193));
    let slot = hash as usize % SLOTS;
    KEYS.with(|keys| {
        let mut keys = keys.borrow_mut();
        if keys.is_empty() {
            keys.resize_with(SLOTS, || None);
        }
        match &keys[slot] {
            Some((known, js)) if **known == *key => js.clone(),
            _ => {
                let js = JsValue::from_str(key);
                keys[slot] = Some((key.into(), js.clone()));
                js
            }
        }
    })
}

/// A report as a JSON value (the JS API's object, the JSON export). One serialisation of the report in the
/// module: the panels' "more details" serialise their sections the same way.
pub(crate) fn to_value(report: &headerlens::Report) -> serde_json::Value {
    serde_json::to_value(report).unwrap_or(serde_json::Value::Null)
}

/// Bench-only: the way `analyze` took before 2 Dec 2026: the report's JSON value as one string, then the
/// browser's `JSON.parse`, to compare in `www/bench/v8.mjs`.
#[cfg(feature = "bench")]
#[wasm_bindgen(js_name = analyzeParse)]
pub fn analyze_parse(text: &str) -> Result<JsValue, JsError> {
    let json = serde_json::to_string(&to_value(&headerlens::analyze(text.as_bytes())))
        .map_err(|e| JsError::new(&format!("cannot convert the report: {e}")))?;
    js_sys::JSON::parse(&json).map_err(|_| JsError::new("cannot convert the report"))
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
