//! The headerlens web site: a Yew front end over the headerlens core. The core runs in-process (no
//! server, no fetch); this crate only lays out the report, handles input (paste, file, drop) and export,
//! and is the only crate that knows yew, web-sys or wasm-bindgen.

pub mod analysis;
pub mod api;
pub mod app;
pub mod browser;
pub mod embed;
pub mod highlight;
pub mod redact;
pub mod strings;
pub mod views;

/// Installs the panic hook (error box, input kept) and mounts the app: on the `data-headerlens` elements
/// when the page has some (the mount API, see `embed`), else on `#app`.
pub fn start() {
    yew::set_custom_panic_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&wasm_bindgen::JsValue::from_str(&message));
        browser::stash_input_for_recovery();
        browser::show_panic_box(&message);
    }));
    embed::take_site_css();
    // A page with `data-headerlens` elements (a wiki) gets the app there; its own `#app`, if any, is left alone.
    if embed::mount_all() > 0 {
        return;
    }
    let root = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("app"));
    // Without a place for the app (Node, a page that loaded the script without one), nothing is mounted.
    if let Some(root) = root {
        root.set_text_content(None);
        yew::Renderer::<app::App>::with_root(root).render();
    }
}
