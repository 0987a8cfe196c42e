//! The mount API: puts the headerlens app into pages that are not ours (an internal wiki, an intranet
//! portal), beside whatever CSS those pages carry.
//!
//! Every element with a `data-headerlens` attribute gets the app when the script starts (see
//! [`mount_all`]); pages that add elements later call `headerlens.mount(element)` (exported as `mount`)
//! or `headerlens.mountAll()`. The app renders inside an open shadow root of the element, so the page's
//! selectors (`textarea { display: none }`, `* { color: red !important }`) cannot reach the tool's
//! elements and the tool's generic class names (`.card`, `.btn`) cannot restyle the page. The site's
//! stylesheet is adopted into that shadow root, rewritten by [`scoped_css`] so that its page-level rules
//! (`:root` variables, the `html` font, `rem` sizes) apply to the app's root element (class `hl-app`)
//! instead of the host page.

use wasm_bindgen::prelude::*;
use web_sys::{CssStyleSheet, Element, ShadowRootInit, ShadowRootMode};

use crate::app::App;

/// The attribute that asks for a mount; the marker set once an element has one.
pub const MOUNT_ATTRIBUTE: &str = "data-headerlens";
const MOUNTED_ATTRIBUTE: &str = "data-headerlens-mounted";

/// The class of the app's root element inside each shadow root.
pub const ROOT_CLASS: &str = "hl-app";

/// The site's stylesheet, the one `index.html` links (`www/style.css`). The site's wasm does not carry it
/// (5 KB gzip the site page never uses): the embed loader (`www/embed/build.mjs`) sets its text as
/// `globalThis.headerlensCss` before the module starts, and [`take_site_css`] keeps it from there.
#[cfg(test)]
const SITE_CSS: &str = include_str!("../style.css");

/// The global the embed loader puts the site's stylesheet in.
const CSS_GLOBAL: &str = "headerlensCss";

thread_local! {
    static LOADED_CSS: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Takes the site's stylesheet from the global the embed loader set (and removes the global), if any.
pub fn take_site_css() {
    let global = js_sys::global();
    let key = JsValue::from_str(CSS_GLOBAL);
    if let Some(css) = js_sys::Reflect::get(&global, &key).ok().and_then(|v| v.as_string()) {
        LOADED_CSS.with(|c| *c.borrow_mut() = Some(css));
        let _ = js_sys::Reflect::delete_property(&global, &key);
    }
}

/// The font size the site's `html` rule sets, which its `rem` sizes are relative to.
const ROOT_FONT_PX: &str = "15px";

/// Resets the host element: whatever the page's rules give it (`all` keeps custom properties out), the
/// app starts from the browser defaults. `!important` here outranks the page's `!important` rules.
const HOST_RESET: &str = ":host { all: initial !important; display: block !important; }\n";

/// Rewrites the site's page stylesheet for a shadow root: `:root` and `html` rules apply to the app's
/// root element, the `body` rule (page margins) is dropped, `Nrem` becomes `calc(N * 15px)` (a wiki's
/// root font size must not scale the tool), and the host reset comes first.
pub fn scoped_css(site_css: &str) -> String {
    let root = format!(".{ROOT_CLASS}");
    let mut out = String::from(HOST_RESET);
    for line in site_css.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("body {") && trimmed.ends_with('}') {
            continue;
        }
        let line = line.replace(":root", &root);
        let line = match line.trim_start().strip_prefix("html {") {
            Some(rest) => format!("{root} {{{rest}"),
            None => line,
        };
        out.push_str(&rem_to_px(&line));
        out.push('\n');
    }
    out
}

/// `1.15rem` → `calc(1.15 * 15px)`; other text unchanged.
fn rem_to_px(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(i) = rest.find("rem") {
        let before = &rest[..i];
        let number_start = before
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_ascii_digit() || *c == '.')
            .last()
            .map(|(j, _)| j);
        let after = &rest[i + 3..];
        let unit_ends = !after.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '-');
        match number_start {
            Some(j) if unit_ends => {
                out.push_str(&before[..j]);
                out.push_str(&format!("calc({} * {ROOT_FONT_PX})", &before[j..]));
            }
            _ => {
                out.push_str(before);
                out.push_str("rem");
            }
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

fn js_error(context: &str, e: JsValue) -> JsError {
    JsError::new(&format!("{context}: {}", e.as_string().unwrap_or_else(|| format!("{e:?}"))))
}

/// Mounts the app inside `element` (a `div`, `section`, `span` or other element that can host a shadow
/// root). Mounting an element twice does nothing the second time.
#[wasm_bindgen]
pub fn mount(element: Element) -> Result<(), JsError> {
    if element.has_attribute(MOUNTED_ATTRIBUTE) {
        return Ok(());
    }
    let document = element.owner_document().ok_or_else(|| JsError::new("the element has no document"))?;
    let shadow = element
        .attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))
        .map_err(|e| js_error("this element cannot host the app (use a div)", e))?;
    let css = LOADED_CSS.with(|c| c.borrow().as_deref().map(scoped_css)).ok_or_else(|| {
        JsError::new("no stylesheet: load headerlens through its embed script (dist-embed/headerlens.js)")
    })?;
    let sheet = CssStyleSheet::new().map_err(|e| js_error("no constructable stylesheets", e))?;
    sheet.replace_sync(&css).map_err(|e| js_error("stylesheet", e))?;
    shadow.set_adopted_style_sheets(&js_sys::Array::of1(&sheet));
    let root = document.create_element("div").map_err(|e| js_error("create the root", e))?;
    root.set_class_name(ROOT_CLASS);
    shadow.append_child(&root).map_err(|e| js_error("attach the root", e))?;
    element.set_attribute(MOUNTED_ATTRIBUTE, "").map_err(|e| js_error("mark the element", e))?;
    yew::Renderer::<App>::with_root(root).render();
    Ok(())
}

/// Mounts the app on every element with a `data-headerlens` attribute that has none yet; returns how
/// many were mounted. Does nothing where there is no document (Node, workers).
#[wasm_bindgen(js_name = mountAll)]
pub fn mount_all() -> u32 {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return 0 };
    let Ok(found) = document.query_selector_all(&format!("[{MOUNT_ATTRIBUTE}]:not([{MOUNTED_ATTRIBUTE}])"))
    else {
        return 0;
    };
    let mut mounted = 0;
    if found.length() > 0 {
        crate::browser::set_embedded();
    }
    for i in 0..found.length() {
        let Some(element) = found.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else { continue };
        match mount(element) {
            Ok(()) => mounted += 1,
            Err(e) => web_sys::console::error_1(&JsValue::from(e)),
        }
    }
    mounted
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The selector of every rule in a stylesheet (text before each `{`, nested blocks included).
    fn selectors(css: &str) -> Vec<String> {
        css.split('{').map(|s| s.rsplit(['}', ';']).next().unwrap_or("").trim().to_string()).collect()
    }

    #[test]
    fn the_site_stylesheet_keeps_no_page_level_rule() {
        let css = scoped_css(SITE_CSS);
        for sel in selectors(&css) {
            for part in sel.split(',') {
                let first = part.split_whitespace().next().unwrap_or("");
                assert!(!matches!(first, "html" | "body" | ":root"), "page-level selector left: {sel}");
            }
        }
        assert!(!css.contains("rem;") && !css.contains("rem }"), "rem units left");
        assert!(css.starts_with(HOST_RESET));
        // The variables and the base font now live on the app's root element.
        let root_rules = selectors(&css).iter().filter(|s| *s == ".hl-app").count();
        assert!(root_rules >= 3, "{root_rules} .hl-app rules (variables, dark variables, base font)");
    }

    #[test]
    fn the_site_base_font_is_the_rem_size_used() {
        let html = SITE_CSS.lines().find(|l| l.trim_start().starts_with("html {")).expect("an html rule");
        assert!(
            html.contains(ROOT_FONT_PX),
            "style.css's html font size changed: update ROOT_FONT_PX ({html})"
        );
    }

    #[test]
    fn rewrites_each_page_level_form() {
        let css = ":root {\n  --bg: #fff;\n}\nhtml { font: 15px/1.5 sans-serif; }\nbody { margin: 0; }\nh2 { font-size: 1.15rem; margin: .5rem 0; }\n.lorem { color: red; }\n";
        let out = scoped_css(css);
        assert_eq!(
            out,
            format!(
                "{HOST_RESET}.hl-app {{\n  --bg: #fff;\n}}\n.hl-app {{ font: 15px/1.5 sans-serif; }}\nh2 {{ font-size: calc(1.15 * 15px); margin: calc(.5 * 15px) 0; }}\n.lorem {{ color: red; }}\n"
            )
        );
    }
}
