//! Findings, most severe first: title, severity in words, explanation, evidence (the header line with the
//! supporting text marked) and the fix laid out as a runbook: why, steps, commands to paste, how to verify,
//! alternatives and further reading.

use headerlens::{Evidence, Finding, Fix, Span};
use yew::prelude::*;

use crate::analysis::Analysis;
use crate::highlight::runs;
use crate::strings;
use crate::views::copy_button::CopyButton;
use crate::views::{breakable, inline_text, render_runs};

/// The findings in display order: most severe first, stable within a severity.
pub fn sorted(findings: &[Finding]) -> Vec<&Finding> {
    let mut v: Vec<&Finding> = findings.iter().collect();
    v.sort_by_key(|f| std::cmp::Reverse(f.severity));
    v
}

/// True when a fix or verify entry is something to paste into a shell rather than a sentence: a
/// PowerShell cmdlet (`Verb-Noun …`) or a common mail / DNS tool.
pub fn looks_like_command(entry: &str) -> bool {
    const TOOLS: &[&str] = &[
        "dig",
        "nslookup",
        "host",
        "openssl",
        "swaks",
        "curl",
        "telnet",
        "postconf",
        "postqueue",
        "exim",
        "grep",
    ];
    let Some(first) = entry.split_whitespace().next() else { return false };
    let cmdlet = first.contains('-')
        && first.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && first.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    cmdlet || TOOLS.contains(&first)
}

/// The input window to show for a piece of evidence: the whole header field that contains it.
fn evidence_window(a: &Analysis, e: &Evidence) -> Option<Span> {
    a.report
        .headers
        .iter()
        .find(|h| h.span.start() <= e.span.start() && e.span.end() <= h.span.end())
        .map(|h| h.span)
        .filter(|w| a.input.get(w.start()..w.end()).is_some())
}

fn evidence_view(a: &Analysis, e: &Evidence) -> Html {
    let body = match evidence_window(a, e) {
        Some(window) => render_runs(&runs(&a.input, window, &[e.span], &e.highlights)),
        None => html! { <>{e.header.clone()}{": "}<mark class="ev">{breakable(&e.text)}</mark></> },
    };
    html! { <pre class="evidence" data-testid="evidence"><code>{body}</code></pre> }
}

fn command_list(cmds: &[String], testid: &'static str) -> Html {
    html! {
        <ol class="commands">
            { for cmds.iter().enumerate().map(|(i, c)| html! {
                <li class="command" data-testid={testid}>
                    <pre><code>{c.clone()}</code></pre>
                    <CopyButton text={AttrValue::from(c.clone())} what={format!("{} {}", testid.replace('-', " "), i + 1)} />
                </li>
            }) }
        </ol>
    }
}

fn fix_view(fix: &Fix) -> Html {
    let (verify_commands, verify_words): (Vec<String>, Vec<String>) =
        fix.verify.iter().cloned().partition(|v| looks_like_command(v));
    html! {
        <div class="fix" data-testid="fix">
            <h4>{strings::FIX}</h4>
            <p class="fix-summary">{inline_text(&fix.summary)}</p>
            if !fix.steps.is_empty() {
                <ol class="steps">{ for fix.steps.iter().map(|s| html! { <li>{inline_text(s)}</li> }) }</ol>
            }
            if !fix.commands.is_empty() { { command_list(&fix.commands, "fix-command") } }
            if !fix.verify.is_empty() {
                <h4>{strings::VERIFY}</h4>
                { command_list(&verify_commands, "verify-command") }
                if !verify_words.is_empty() {
                    <ul class="verify-steps">{ for verify_words.iter().map(|s| html! { <li>{inline_text(s)}</li> }) }</ul>
                }
            }
            if !fix.alternatives.is_empty() {
                <h4>{strings::ALTERNATIVES}</h4>
                <ul>{ for fix.alternatives.iter().map(|s| html! { <li>{inline_text(s)}</li> }) }</ul>
            }
            if !fix.references.is_empty() {
                <h4>{strings::REFERENCES}</h4>
                <ul class="refs">{ for fix.references.iter().map(|s| html! { <li>{inline_text(s)}</li> }) }</ul>
            }
        </div>
    }
}

fn finding_view(a: &Analysis, f: &Finding) -> Html {
    let likely = matches!(f.confidence, headerlens::Confidence::Likely);
    html! {
        <article class={classes!("finding", format!("sev-{}", f.severity.as_str()))}
                 id={format!("finding-{}", f.id)} data-finding={f.id.as_str()} aria-labelledby={format!("finding-{}-h", f.id)}>
            <header class="finding-head">
                <span class={classes!("sev", format!("sev-{}", f.severity.as_str()))}>{strings::severity(f.severity)}</span>
                if likely { <span class="badge">{strings::CONFIDENCE_LIKELY}</span> }
                <h3 id={format!("finding-{}-h", f.id)}>{inline_text(&f.title)}</h3>
                <code class="finding-id">{f.id.as_str()}</code>
            </header>
            <h4>{strings::WHY}</h4>
            <p class="detail">{inline_text(&f.detail)}</p>
            if !f.evidence.is_empty() {
                <h4>{strings::EVIDENCE}</h4>
                { for f.evidence.iter().map(|e| evidence_view(a, e)) }
            }
            if let Some(fix) = &f.fix { { fix_view(fix) } }
        </article>
    }
}

#[derive(Properties, PartialEq)]
pub struct FindingsProps {
    pub analysis: Analysis,
}

#[function_component(Findings)]
pub fn findings(props: &FindingsProps) -> Html {
    let a = &props.analysis;
    let list = sorted(&a.report.findings);
    html! {
        <section class="card findings" aria-labelledby="findings-h" data-testid="findings">
            <h2 id="findings-h">{strings::FINDINGS_HEADING}</h2>
            if list.is_empty() {
                <p class="muted">{strings::NO_FINDINGS}</p>
            } else {
                { for list.into_iter().map(|f| finding_view(a, f)) }
            }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_are_told_from_sentences() {
        assert!(looks_like_command("Get-MailContact \"x\" | Format-List"));
        assert!(looks_like_command("dig +short TXT example.com"));
        assert!(!looks_like_command("Send a test message and paste its headers here."));
        assert!(!looks_like_command("In the Exchange admin center, open Reports"));
        assert!(!looks_like_command(""));
    }
}
