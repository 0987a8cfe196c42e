//! The few browser services the site needs (clipboard, file download, file reading, local time, the panic
//! box), wrapped so components stay plain. Everything here is local: no request leaves the page.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::strings::Lang;

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// Copies text to the clipboard. Errors when the Clipboard API is missing or refuses.
pub async fn copy_text(text: &str) -> Result<(), JsValue> {
    let w = window().ok_or_else(|| JsValue::from_str("no window"))?;
    let clipboard = w.navigator().clipboard();
    if clipboard.is_undefined() {
        return Err(JsValue::from_str("no clipboard"));
    }
    JsFuture::from(clipboard.write_text(text)).await.map(|_| ())
}

/// Offers `text` as a file download named `name` (a blob URL: nothing is sent anywhere).
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), JsValue> {
    let w = window().ok_or_else(|| JsValue::from_str("no window"))?;
    let doc = w.document().ok_or_else(|| JsValue::from_str("no document"))?;
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let a: web_sys::HtmlAnchorElement = doc.create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(name);
    a.set_class_name("offscreen");
    let body = doc.body().ok_or_else(|| JsValue::from_str("no body"))?;
    body.append_child(&a)?;
    a.click();
    body.remove_child(&a)?;
    // Revoke after the click has been handled.
    let revoke = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 1000);
    Ok(())
}

/// Reads a dropped or picked file as bytes (a `.msg` is binary). Nothing leaves the page.
pub async fn read_file_bytes(file: web_sys::File) -> Result<Vec<u8>, JsValue> {
    let buf = JsFuture::from(file.array_buffer()).await?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}

#[wasm_bindgen]
extern "C" {
    type TextEncoder;
    #[wasm_bindgen(constructor)]
    fn new() -> TextEncoder;
    #[wasm_bindgen(method, js_name = encodeInto)]
    fn encode_into(
        this: &TextEncoder,
        text: &js_sys::JsString,
        into: &js_sys::Uint8Array,
    ) -> EncodeIntoResult;
    type EncodeIntoResult;
    #[wasm_bindgen(method, getter)]
    fn read(this: &EncodeIntoResult) -> u32;
    #[wasm_bindgen(method, getter)]
    fn written(this: &EncodeIntoResult) -> u32;
}

/// The plain text of a paste or drop, as a JavaScript string (its `length()` costs nothing).
/// `DataTransfer.getData`, called through JavaScript so the text stays there (see [`js_string_to_rc`]).
pub fn clipboard_text(data: &web_sys::DataTransfer) -> js_sys::JsString {
    js_sys::Reflect::get(data, &JsValue::from_str("getData"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call1(data, &JsValue::from_str("text/plain")).ok())
        .and_then(|t| t.dyn_into::<js_sys::JsString>().ok())
        .unwrap_or_else(|| js_sys::JsString::from(""))
}

/// A JavaScript string as a Rust one, for megabytes: the browser's `TextEncoder.encodeInto` writes its
/// UTF-8 straight into the module's memory (wasm-bindgen's own conversion copies an ASCII text one
/// character at a time in JavaScript: about 150 ms for a 5 MB paste on the build machine; `encode` made a
/// copy outside the module first).
pub fn js_string_to_string(text: &js_sys::JsString) -> String {
    let encoder = TextEncoder::new();
    // One byte per UTF-16 unit: exact for ASCII; the rest of a text with wider characters is encoded into
    // room for three bytes per unit (the most one unit takes; a surrogate pair takes four for two).
    let mut bytes: Vec<u8> = Vec::with_capacity(text.length() as usize);
    let mut rest = text.clone();
    loop {
        let len = bytes.len();
        let spare = bytes.spare_capacity_mut();
        // SAFETY: the view covers the vector's spare capacity and is used at once, before anything can
        // allocate (and move or grow the module's memory); `encodeInto` writes at most its length.
        let view = unsafe { js_sys::Uint8Array::view_mut_raw(spare.as_mut_ptr().cast::<u8>(), spare.len()) };
        let done = encoder.encode_into(&rest, &view);
        drop(view);
        let (read, written) = (done.read(), done.written() as usize);
        // SAFETY: `encodeInto` initialised `written` bytes of the spare capacity.
        unsafe { bytes.set_len(len + written) };
        if read >= rest.length() {
            break;
        }
        rest = rest.slice(read, rest.length());
        bytes.reserve(rest.length() as usize * 3);
    }
    // The encoder writes UTF-8 (a lone surrogate becomes U+FFFD): checked all the same, never copied.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// [`js_string_to_string`] as a shared text (one copy into its `Rc`).
pub fn js_string_to_rc(text: &js_sys::JsString) -> std::rc::Rc<str> {
    std::rc::Rc::from(js_string_to_string(text))
}

/// Milliseconds from an arbitrary origin, for measuring.
pub fn now_ms() -> f64 {
    window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or_default()
}

/// Resolves after `ms` milliseconds (a timer task): between two slices of a long analysis, the page
/// handles input and paints.
pub async fn sleep_ms(ms: i32) {
    let Some(w) = window() else { return };
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = JsFuture::from(promise).await;
}

/// Sets a performance mark (`hl-ready`, `hl-analyze`, `hl-rendered`: read by `www/bench/startup.mjs`).
pub fn mark(name: &str) {
    if let Some(p) = window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// A UTC instant (seconds since the epoch) in the viewer's local time and locale, with the zone name.
pub fn local_time(epoch_seconds: f64) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(epoch_seconds * 1000.0));
    let opts = js_sys::Object::new();
    for (k, v) in [
        ("year", "numeric"),
        ("month", "short"),
        ("day", "numeric"),
        ("hour", "2-digit"),
        ("minute", "2-digit"),
        ("second", "2-digit"),
        ("timeZoneName", "short"),
    ] {
        let _ = js_sys::Reflect::set(&opts, &JsValue::from_str(k), &JsValue::from_str(v));
    }
    let locale = window().and_then(|w| w.navigator().language()).unwrap_or_else(|| "en".to_string());
    String::from(date.to_locale_string(&locale, &opts))
}

thread_local! {
    /// A big input kept in memory while the box shows only its beginning (see `app::box_preview`).
    static HELD: std::cell::RefCell<Option<std::rc::Rc<str>>> = const { std::cell::RefCell::new(None) };
}

/// Keeps `text` as the whole input (the box shows its beginning), or forgets the kept text (`None`).
pub fn set_held_text(text: Option<std::rc::Rc<str>>) {
    HELD.with(|h| *h.borrow_mut() = text);
}

/// The big input kept in memory, if the box shows only its beginning.
pub fn held_text() -> Option<std::rc::Rc<str>> {
    HELD.with(|h| h.borrow().clone())
}

/// The whole input: the text kept in memory when the box shows only its beginning, else the box's text.
pub fn input_text() -> Option<String> {
    if let Some(held) = held_text() {
        return Some(held.to_string());
    }
    let doc = window()?.document()?;
    let el = doc.query_selector("textarea[data-testid=\"header-input\"]").ok()??;
    Some(el.dyn_into::<web_sys::HtmlTextAreaElement>().ok()?.value())
}

const LANG_KEY: &str = "headerlens.lang";

thread_local! {
    /// True when the app is mounted inside other pages (the embed): the host page's `<html lang>` and
    /// text are not ours to change.
    static EMBEDDED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Marks the app as embedded in another page.
pub fn set_embedded() {
    EMBEDDED.with(|e| e.set(true));
}

/// The language to start in: the one the user chose before (local storage), else the first English or
/// French entry of `navigator.languages`, else English.
pub fn initial_lang() -> Lang {
    let Some(w) = window() else { return Lang::En };
    if let Some(l) = w
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item(LANG_KEY).ok().flatten())
        .and_then(|t| Lang::from_tag(&t))
    {
        return l;
    }
    let tags: Vec<String> = w.navigator().languages().iter().filter_map(|v| v.as_string()).collect();
    Lang::preferred(tags.iter().map(String::as_str))
}

/// Remembers the user's choice of language (local storage of this site only).
pub fn remember_lang(l: Lang) {
    if let Some(store) = window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = store.set_item(LANG_KEY, l.code());
    }
}

/// Puts the page around the app in the current language: `<html lang>` and the static text of
/// `index.html` (elements with `data-hl-text`). Nothing when embedded in someone else's page.
pub fn localize_page(l: Lang) {
    if EMBEDDED.with(|e| e.get()) {
        return;
    }
    let Some(doc) = window().and_then(|w| w.document()) else { return };
    if let Some(html) = doc.document_element() {
        let _ = html.set_attribute("lang", l.code());
    }
    let s = crate::strings::s();
    for (key, text) in [("tagline", s.TAGLINE), ("footer", s.FOOTER), ("skip", s.SKIP)] {
        if let Ok(Some(el)) = doc.query_selector(&format!("[data-hl-text=\"{key}\"]")) {
            el.set_text_content(Some(text));
        }
    }
}

const RECOVERY_KEY: &str = "headerlens.recovered-input";

/// Keeps the input across a reload after a crash (session storage of this tab only).
pub fn stash_input_for_recovery() {
    if let (Some(text), Some(Ok(Some(store)))) = (input_text(), window().map(|w| w.session_storage())) {
        let _ = store.set_item(RECOVERY_KEY, &text);
    }
}

/// The input stashed by a crash, removed from storage as it is returned.
pub fn take_recovered_input() -> Option<String> {
    let store = window()?.session_storage().ok()??;
    let text = store.get_item(RECOVERY_KEY).ok()??;
    let _ = store.remove_item(RECOVERY_KEY);
    Some(text)
}

/// Shows the static error box of `index.html` (it does not depend on the app still running).
pub fn show_panic_box(detail: &str) {
    let Some(doc) = window().and_then(|w| w.document()) else { return };
    let Some(bx) = doc.get_element_by_id("panic") else { return };
    let title = doc.create_element("strong").ok();
    let body = doc.create_element("p").ok();
    let det = doc.create_element("pre").ok();
    // A plain link to this page rather than a button with a handler: after a panic the wasm module is
    // dead, and a link needs no script (nor an inline handler, which the CSP forbids).
    let reload = doc.create_element("a").ok();
    bx.set_text_content(None);
    if let (Some(t), Some(b), Some(d), Some(r)) = (title, body, det, reload) {
        t.set_text_content(Some(crate::strings::s().PANIC_TITLE));
        b.set_text_content(Some(crate::strings::s().PANIC_BODY));
        d.set_text_content(Some(detail));
        r.set_text_content(Some(crate::strings::s().PANIC_RELOAD));
        let _ = r.set_attribute("href", "");
        let _ = r.set_attribute("class", "btn btn-primary");
        let _ = r.set_attribute("data-testid", "panic-reload");
        let _ = bx.append_child(&t);
        let _ = bx.append_child(&b);
        let _ = bx.append_child(&r);
        let _ = bx.append_child(&d);
    }
    let _ = bx.remove_attribute("hidden");
}
