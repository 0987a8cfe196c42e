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
