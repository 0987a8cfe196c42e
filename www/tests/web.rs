//! Component tests in a real browser (headless Chromium through wasm-bindgen-test-runner and chromedriver).
//! Run with `bash .ci/test`, or `cargo test -p headerlens-web --target wasm32-unknown-unknown --test web`
//! with `CHROMEDRIVER` set and wasm-bindgen-test-runner as the target's runner.
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use headerlens_web::analysis::Analysis;
use headerlens_web::app::{App, SAMPLE_HEADERS};
use headerlens_web::views::delivery::{DeliveryProps, delivery_view};
use headerlens_web::views::findings::{FindingsProps, findings};
use headerlens_web::views::summary::{SummaryProps, summary_card};
use headerlens_web::views::{Frame, FrameProps};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn mount_point() -> web_sys::Element {
    let div = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&div).unwrap();
    div
}

/// Lets Yew's scheduler and timers run.
async fn settle(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    JsFuture::from(promise).await.unwrap();
}

fn analysis(text: &str) -> Analysis {
    Analysis::run(text, 1, || 0.0)
}

#[wasm_bindgen_test]
async fn app_analyses_the_sample_into_six_hops() {
    let root = mount_point();
    yew::Renderer::<App>::with_root(root.clone()).render();
    settle(10).await;
    assert!(root.query_selector("[data-testid=\"empty\"]").unwrap().is_some());
    let sample: web_sys::HtmlElement =
        root.query_selector("[data-testid=\"sample\"]").unwrap().unwrap().dyn_into().unwrap();
    sample.click();
    settle(50).await;
    let hops = root.query_selector_all("[data-testid=\"hop\"]").unwrap();
    assert_eq!(hops.length(), 6);
    let first = hops.get(0).unwrap().text_content().unwrap();
    assert!(first.contains("APPSRV01.resdomain.local"), "{first}");
    let textarea: web_sys::HtmlTextAreaElement =
        root.query_selector("textarea[data-testid=\"header-input\"]").unwrap().unwrap().dyn_into().unwrap();
    assert_eq!(textarea.value(), SAMPLE_HEADERS);
}

#[wasm_bindgen_test]
async fn delivery_view_opens_with_the_sentence_and_lists_filters() {
    let text = "X-Microsoft-Antispam-Mailbox-Delivery: ucf:0;jmr:0;auth:0;dest:J;OFR:SpamFilterAuthJ;RF:JunkEmail;\n\
        X-Forefront-Antispam-Report: CIP:203.0.113.7;SCL:5;SFV:SPM;CAT:SPM;\n\
        X-Spam-Status: Yes, score=7.1 required=5.0 tests=BAYES_99,<b>MISSING_MID</b>\n\
        From: a@example.com\nSubject: hi\n";
    let a = analysis(text);
    let sentence = a.report.delivery.sentence.clone().expect("a delivery sentence").to_string();
    let root = mount_point();
    yew::Renderer::<Frame>::with_root_and_props(
        root.clone(),
        FrameProps { html: delivery_view(&DeliveryProps { analysis: a }) },
    )
    .render();
    settle(10).await;
    let p = root.query_selector("[data-testid=\"delivery-sentence\"]").unwrap().unwrap();
    let shown = p.text_content().unwrap();
    assert!(shown.starts_with("Junk"), "{shown}");
    assert!(shown.ends_with(&sentence), "{shown}");
    let table = root.query_selector("[data-testid=\"delivery-filters\"]").unwrap().unwrap();
    let cells = table.text_content().unwrap();
    assert!(cells.contains("SpamAssassin") && cells.contains("7.1 / 5"), "{cells}");
    // Header text stays text: the rule name with markup is shown, not parsed.
    assert!(table.query_selector("b").unwrap().is_none());
    // Nothing to show: no section at all.
    let empty = mount_point();
    yew::Renderer::<Frame>::with_root_and_props(
        empty.clone(),
        FrameProps {
            html: delivery_view(&DeliveryProps { analysis: analysis("From: a@example.com\nSubject: hi\n") }),
        },
    )
    .render();
    settle(10).await;
    assert!(empty.query_selector("[data-testid=\"delivery\"]").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn summary_marks_odd_case_characters_from_the_core_highlights() {
    let a = analysis(SAMPLE_HEADERS);
    let expected: Vec<String> = a
        .findings_with_id(headerlens::FindingId::ReturnPathCaseOdd)
        .flat_map(|f| f.evidence.iter())
        .flat_map(|e| e.highlights.iter())
        .map(|h| SAMPLE_HEADERS[h.start()..h.end()].to_string())
        .collect();
    assert!(!expected.is_empty(), "the core flags the sample's Return-Path capitalisation");
    let root = mount_point();
    yew::Renderer::<Frame>::with_root_and_props(
        root.clone(),
        FrameProps { html: summary_card(&SummaryProps { analysis: a }) },
    )
    .render();
    settle(10).await;
    let rp_el = root.query_selector("[data-testid=\"return-path\"]").unwrap().unwrap();
    assert_eq!(rp_el.text_content().unwrap(), "<Application.MAILBOX@ResDomain.local>");
    let marks = rp_el.query_selector_all("mark").unwrap();
    let marked: Vec<String> =
        (0..marks.length()).map(|i| marks.get(i).unwrap().text_content().unwrap()).collect();
    assert_eq!(marked, expected);
    let badge = root.query_selector("[data-testid=\"badge-non-routable\"]").unwrap().unwrap();
    assert_eq!(badge.text_content().unwrap(), headerlens_web::strings::s().BADGE_NON_ROUTABLE);
}

#[wasm_bindgen_test]
async fn findings_render_evidence_marks_and_fix_commands_as_text() {
    let text = "From: <b>Bob</b> <bob@example.com>\nSubject: hi\n";
    let mut a = analysis(text);
    let mut report = (*a.report).clone();
    let from = report.headers[0].clone();
    report.findings.push(headerlens::Finding {
        // An id this input cannot raise, so the finding is the only one with it.
        id: headerlens::FindingId::HybridNotInternal,
        severity: headerlens::Severity::High,
        confidence: headerlens::Confidence::Likely,
        owner: headerlens::Owner::SendingOrg,
        caused_by: None,
        title: "A test finding".into(),
        detail: "Why it matters.".into(),
        evidence: vec![headerlens::Evidence {
            header: from.name.clone(),
            text: from.value.clone(),
            span: from.value_span,
            highlights: vec![],
        }],
        fix: Some(headerlens::Fix {
            summary: "Do this".into(),
            commands: vec!["Set-MailContact \"<b>x</b>\" -PrimarySmtpAddress a@example.com".into()],
            verify: vec!["Get-MailContact x".into()],
            ..Default::default()
        }),
    });
    a.report = Rc::new(report);
    let root = mount_point();
    yew::Renderer::<Frame>::with_root_and_props(
        root.clone(),
        FrameProps { html: findings(&FindingsProps { analysis: a }) },
    )
    .render();
    settle(10).await;
    let ids: Vec<String> = {
        let list = root.query_selector_all("[data-finding]").unwrap();
        (0..list.length())
            .map(|i| {
                list.get(i)
                    .unwrap()
                    .dyn_into::<web_sys::Element>()
                    .unwrap()
                    .get_attribute("data-finding")
                    .unwrap()
            })
            .collect()
    };
    assert_eq!(ids[0], "hybrid-not-internal", "most severe first: {ids:?}");
    let f = root.query_selector("[data-finding=\"hybrid-not-internal\"]").unwrap().unwrap();
    assert_eq!(
        f.query_selector("mark.ev").unwrap().unwrap().text_content().unwrap(),
        "<b>Bob</b> <bob@example.com>"
    );
    assert!(f.query_selector("b").unwrap().is_none(), "header text must never become markup");
    let cmd = f.query_selector("[data-testid=\"fix-command\"] code").unwrap().unwrap();
    assert!(cmd.text_content().unwrap().starts_with("Set-MailContact \"<b>x</b>\""));
    assert_eq!(f.query_selector_all("[data-testid=\"verify-command\"]").unwrap().length(), 1);
}

#[wasm_bindgen_test]
fn panic_box_shows_the_message() {
    let bx = document().create_element("div").unwrap();
    bx.set_id("panic");
    bx.set_attribute("hidden", "").unwrap();
    document().body().unwrap().append_child(&bx).unwrap();
    headerlens_web::browser::show_panic_box("index out of bounds");
    assert!(!bx.has_attribute("hidden"));
    let text = bx.text_content().unwrap();
    assert!(text.contains(headerlens_web::strings::s().PANIC_TITLE));
    assert!(text.contains("index out of bounds"));
}

/// The JS API's object is what `JSON.parse` of the report's JSON value gives (the README's JSON contract):
/// the same keys in the same (alphabetical) order, the same strings, and the same numbers, those above 2^53 included (a DKIM
/// `t=` and `x=` are kept as written: as `JSON.parse` rounds them, never a `BigInt`).
#[wasm_bindgen_test]
fn the_js_api_gives_what_json_parse_of_the_report_gives() {
    let big_numbers = "DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=s1; t=9007199254740993; \
                       x=-9223372036854775807; h=from; bh=YWJj; b=ZGVm\n\
                       From: a@example.com\nSubject: numbers\n";
    for text in [
        SAMPLE_HEADERS,
        include_str!("../e2e/fixtures/hybrid-mail-contact-fixed.eml"),
        include_str!("../e2e/fixtures/phishing-long-filter-table.eml"),
        include_str!("../e2e/fixtures/xss-values.eml"),
        big_numbers,
        "",
        "not headers at all",
    ] {
        // The report's JSON value (keys sorted, as the API has always given them) through `JSON.parse`: the
        // API's way before 2 Dec 2026.
        let report = serde_json::to_value(headerlens::analyze_str(text)).unwrap();
        let expected = js_sys::JSON::parse(&serde_json::to_string(&report).unwrap()).unwrap();
        let got = headerlens_web::api::analyze(text);
        let (got, expected) =
            (js_sys::JSON::stringify(&got).unwrap(), js_sys::JSON::stringify(&expected).unwrap());
        assert_eq!(String::from(got), String::from(expected), "{text}");
    }
    let report = headerlens_web::api::analyze(big_numbers);
    let t = js_sys::Reflect::get(&report, &"authentication".into())
        .and_then(|a| js_sys::Reflect::get(&a, &"dkim".into()))
        .and_then(|d| js_sys::Reflect::get(&d, &0.into()))
        .and_then(|s| js_sys::Reflect::get(&s, &"timestamp".into()))
        .unwrap();
    assert_eq!(t.as_f64(), Some(9_007_199_254_740_992.0), "2^53 + 1 as JSON.parse reads it");
}

/// Numbers and nesting as `JSON.parse` gives them, value by value (`-0` too, which `JSON.stringify` hides).
#[wasm_bindgen_test]
fn json_values_become_the_objects_json_parse_gives() {
    let value = serde_json::json!({
        "z": [u64::MAX, i64::MIN, 9_007_199_254_740_993_u64, 0.1, 1e300, -0.0, 5e-324, 2.5],
        "a": {"nested": [[], {}, null, true, false, "é \u{1F600} \"q\" \u{0}"]},
        "10": "integer-like key", "2": "comes first, as in JSON.parse",
    });
    let expected = js_sys::JSON::parse(&serde_json::to_string(&value).unwrap()).unwrap();
    let got = headerlens_web::api::to_js(&value);
    assert_eq!(
        String::from(js_sys::JSON::stringify(&got).unwrap()),
        String::from(js_sys::JSON::stringify(&expected).unwrap())
    );
    let numbers = |v: &wasm_bindgen::JsValue| -> Vec<wasm_bindgen::JsValue> {
        js_sys::Array::from(&js_sys::Reflect::get(v, &"z".into()).unwrap()).iter().collect()
    };
    for (g, e) in numbers(&got).iter().zip(numbers(&expected).iter()) {
        assert!(js_sys::Object::is(g, e), "{g:?} against {e:?}");
    }
}
