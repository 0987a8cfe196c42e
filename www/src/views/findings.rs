//! Findings, answer first: the root causes as cards (title, why, and the fix with its commands), each with
//! the findings it explains folded under it (`data-caused-by`); the rest of the runbook (steps, verify,
//! alternatives, references) and the evidence are folded too, one click away. Findings of low weight that
//! explain nothing else go in a folded "other notes" section at the end.

use headerlens::render::Shell;
use headerlens::{Evidence, Finding, Fix, Severity, Span};
use yew::prelude::*;

use crate::analysis::Analysis;
use crate::highlight::runs;
use crate::strings;
use crate::views::copy_button::CopyButton;
use crate::views::{breakable, inline_text, render_runs};

/// The findings in display order: most severe first, stable within a severity.
pub fn sorted(findings: &[Finding]) -> Vec<&Finding> {
    let mut v: Vec<&Finding> = findings.iter().collect();
    headerlens::sort::sort_by_key(&mut v, |f| std::cmp::Reverse(f.severity));
    v
}

/// A finding's id as text (the JSON name).
pub fn id_of(f: &Finding) -> String {
    f.id.to_string()
}

/// The id of the finding that explains this one, when the core says so.
pub fn caused_by(f: &Finding) -> Option<String> {
    f.caused_by.map(|c| c.as_str().to_string())
}

/// A root cause and the findings it explains (directly or through others), in display order.
pub struct Cause<'a> {
    pub finding: &'a Finding,
    pub consequences: Vec<&'a Finding>,
}

/// Groups the findings into root causes with their consequences. A finding is a root when it names no cause,
/// or a cause that is not in the report; a chain of causes is followed to its root (a cycle stops it).
pub fn causes(findings: &[Finding]) -> Vec<Cause<'_>> {
    let list = sorted(findings);
    let ids: Vec<String> = list.iter().map(|f| id_of(f)).collect();
    let parents: Vec<Option<usize>> = list
        .iter()
        .enumerate()
        .map(|(i, f)| caused_by(f).and_then(|c| ids.iter().position(|id| *id == c)).filter(|&p| p != i))
        .collect();
    // The root of a chain; a finding caught in a cycle of causes is its own root.
    let root_of = |start: usize| -> usize {
        let mut i = start;
        for _ in 0..=list.len() {
            match parents[i] {
                Some(p) => i = p,
                None => return i,
            }
        }
        start
    };
    let roots: Vec<usize> = (0..list.len()).map(root_of).collect();
    let mut out: Vec<(usize, Cause)> = list
        .iter()
        .enumerate()
        .filter(|(i, _)| roots[*i] == *i)
        .map(|(i, f)| (i, Cause { finding: f, consequences: Vec::new() }))
        .collect();
    for (i, f) in list.iter().enumerate() {
        if roots[i] != i
            && let Some((_, c)) = out.iter_mut().find(|(r, _)| *r == roots[i])
        {
            c.consequences.push(f);
        }
    }
    out.into_iter().map(|(_, c)| c).collect()
}

/// Splits the causes into those shown as cards and those folded as "other notes": causes of medium severity
/// or more (or that explain other findings) are cards; when there is none, every cause is a card.
pub fn split_causes(all: Vec<Cause<'_>>) -> (Vec<Cause<'_>>, Vec<Cause<'_>>) {
    let (main, other): (Vec<_>, Vec<_>) =
        all.into_iter().partition(|c| c.finding.severity >= Severity::Medium || !c.consequences.is_empty());
    if main.is_empty() { (other, Vec::new()) } else { (main, other) }
}

/// True when a fix or verify entry is something to paste into a shell rather than a sentence: a
/// PowerShell cmdlet (`Verb-Noun …`) or a common mail / DNS tool.
/// The core's rule, shared with the Markdown export (`render::is_command`).
pub fn looks_like_command(entry: &str) -> bool {
    headerlens::render::is_command(entry)
}

/// The name a command is known by: its cmdlet or tool (`Set-MailContact`, `dig`).
pub fn command_name(cmd: &str) -> &str {
    cmd.split_whitespace().next().unwrap_or_default()
}

/// Accessible names for a list of commands: "Copy Set-MailContact command", with a number when two share
/// a name ("Copy Get-MailContact command 2").
pub fn copy_labels(cmds: &[String]) -> Vec<String> {
    cmds.iter()
        .enumerate()
        .map(|(i, c)| {
            let name = command_name(c);
            let same = cmds.iter().filter(|o| command_name(o) == name).count();
            let nth = cmds[..i].iter().filter(|o| command_name(o) == name).count() + 1;
            if same > 1 { strings::copy_command_nth(name, nth) } else { strings::copy_command(name) }
        })
        .collect()
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

/// A command that wraps only at its spaces: each run without whitespace is kept on one line (a line
/// break after `Get-` would read as two commands), the spaces stay text, so selecting and copying the block
/// gives the command exactly.
pub fn wrap_at_spaces(cmd: &str) -> Html {
    let mut out = Vec::new();
    let mut rest = cmd;
    while !rest.is_empty() {
        let word_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        if word_end > 0 {
            out.push(html! { <span class="token">{rest[..word_end].to_string()}</span> });
        }
        let after = &rest[word_end..];
        let space_end = after.find(|c: char| !c.is_whitespace()).unwrap_or(after.len());
        if space_end > 0 {
            out.push(html! { {after[..space_end].to_string()} });
        }
        rest = &after[space_end..];
    }
    out.into_iter().collect()
}

/// Commands, each in a block labelled with the step it belongs to, the shell it is written for
/// ("PowerShell", "Shell (sh)", as the Markdown export fences it) and a copy button named after it.
fn command_list(cmds: &[String], testid: &'static str, step: &str) -> Html {
    let labels = copy_labels(cmds);
    html! {
        <ol class="commands" aria-label={step.to_string()}>
            { for cmds.iter().zip(labels).enumerate().map(|(i, (c, label))| {
                let shell = Shell::of(c);
                let number = strings::command_label(i + 1, cmds.len());
                html! {
                <li class="command" data-testid={testid} data-shell={shell.fence()}>
                    <span class="command-label">
                        if !number.is_empty() { {number}{" · "} }
                        <span class="command-shell" data-testid="command-shell">{shell.label()}</span>
                    </span>
                    <pre tabindex="0"><code class={format!("language-{}", shell.fence())}>{wrap_at_spaces(c)}</code></pre>
                    <CopyButton text={AttrValue::from(c.clone())} label={AttrValue::from(label)} />
                </li>
            }}) }
        </ol>
    }
}

/// A folded section: a real disclosure widget (`<details>`/`<summary>`). `context` (the finding's title) is
/// added for screen readers, so every toggle on the page has its own name.
fn fold(class: &'static str, title: String, context: &str, body: Html) -> Html {
    html! {
        <details class={classes!("fold", class)}>
            <summary>{title}<span class="visually-hidden">{" — "}{context.to_string()}</span></summary>
            <div class="fold-body">{body}</div>
        </details>
    }
}

/// The fix: its summary in sight, and for the leading root cause ("the one fix") its commands too; the rest
/// (other causes' commands, steps, verify, alternatives, references) folded.
fn fix_view(fix: &Fix, title: &str, lead: bool) -> Html {
    let (verify_commands, verify_words): (Vec<String>, Vec<String>) =
        fix.verify.iter().map(strings::t).partition(|v| looks_like_command(v));
    let commands: Vec<String> = fix.commands.iter().map(strings::t).collect();
    let folded_commands = !lead && !commands.is_empty();
    let runbook = !(fix.steps.is_empty()
        && !folded_commands
        && fix.verify.is_empty()
        && fix.alternatives.is_empty()
        && fix.references.is_empty());
    html! {
        <div class="fix" data-testid="fix">
            if lead {
                <h4>{strings::s().FIX}</h4>
                <p class="fix-summary">{inline_text(&strings::t(&fix.summary))}</p>
            } else {
                <p class="fix-summary"><span class="fix-label">{strings::s().FIX}{strings::label_sep()}</span>{inline_text(&strings::t(&fix.summary))}</p>
            }
            if lead && !commands.is_empty() { { command_list(&commands, "fix-command", &strings::fix_step(title)) } }
            if runbook {
                { fold("runbook", strings::s().RUNBOOK.to_string(), title, html! {
                    <>
                    if folded_commands {
                        <h5>{strings::s().COMMANDS}</h5>
                        { command_list(&commands, "fix-command", &strings::fix_step(title)) }
                    }
                    if !fix.steps.is_empty() {
                        <h5>{strings::s().STEPS}</h5>
                        <ol class="steps">{ for fix.steps.iter().map(|s| html! { <li>{inline_text(&strings::t(s))}</li> }) }</ol>
                    }
                    if !fix.verify.is_empty() {
                        <h5>{strings::s().VERIFY}</h5>
                        { command_list(&verify_commands, "verify-command", &strings::verify_step(title)) }
                        if !verify_words.is_empty() {
                            <ul class="verify-steps">{ for verify_words.iter().map(|s| html! { <li>{inline_text(s)}</li> }) }</ul>
                        }
                    }
                    if !fix.alternatives.is_empty() {
                        <h5>{strings::s().ALTERNATIVES}</h5>
                        <ul>{ for fix.alternatives.iter().map(|s| html! { <li>{inline_text(&strings::t(s))}</li> }) }</ul>
                    }
                    if !fix.references.is_empty() {
                        <h5>{strings::s().REFERENCES}</h5>
                        <ul class="refs">{ for fix.references.iter().map(|s| html! { <li>{inline_text(&strings::t(&headerlens::catalog::reference(s)))}</li> }) }</ul>
                    }
                    </>
                }) }
            }
        </div>
    }
}

/// Plain title text (backticks dropped) for labels.
fn plain(text: &str) -> String {
    text.replace('`', "")
}

fn finding_view(
    a: &Analysis,
    f: &Finding,
    cause: Option<&Finding>,
    consequences: &[&Finding],
    lead: bool,
) -> Html {
    let id = id_of(f);
    // One hedge per sentence: no "likely" badge on a title that already says "probablement".
    let likely = headerlens::render::shows_likely(f, strings::lang().core());
    let title_text = strings::t(&f.title);
    let title = plain(&title_text);
    let heading = if cause.is_some() {
        html! { <h4 class="finding-title" id={format!("finding-{id}-h")}>{inline_text(&title_text)}</h4> }
    } else {
        html! { <h3 class="finding-title" id={format!("finding-{id}-h")}>{inline_text(&title_text)}</h3> }
    };
    html! {
        <article class={classes!("finding", format!("sev-{}", f.severity.as_str()), cause.is_some().then_some("consequence"))}
                 id={format!("finding-{id}")} data-finding={id.clone()} data-caused-by={cause.map(id_of)}
                 tabindex="-1" aria-labelledby={format!("finding-{id}-h")}>
            <header class="finding-head">
                <span class={classes!("sev", format!("sev-{}", f.severity.as_str()))}>{strings::severity(f.severity)}</span>
                if likely { <span class="badge">{strings::s().CONFIDENCE_LIKELY}</span> }
                if let Some(o) = strings::owner(f.owner.as_str()) { <span class="badge owner" data-testid="owner">{o}</span> }
                {heading}
                <code class="finding-id">{id.clone()}</code>
            </header>
            if lead || cause.is_some() {
                <p class="detail">{inline_text(&strings::t(&f.detail))}</p>
            }
            if let Some(fix) = &f.fix { { fix_view(fix, &title, lead) } }
            if !(lead || cause.is_some()) {
                { fold("why-fold", strings::s().WHY.to_string(), &title, html! { <p class="detail">{inline_text(&strings::t(&f.detail))}</p> }) }
            }
            if !f.evidence.is_empty() {
                { fold("evidence-fold", strings::evidence_count(f.evidence.len()), &title, html! {
                    <>{ for f.evidence.iter().map(|e| evidence_view(a, e)) }</>
                }) }
            }
            if !consequences.is_empty() {
                <details class="fold consequences" data-testid="consequences">
                    <summary>{strings::consequences(consequences.len())}<span class="visually-hidden">{" — "}{title.clone()}</span></summary>
                    <div class="fold-body">
                        { for consequences.iter().map(|c| finding_view(a, c, Some(f), &[], false)) }
                    </div>
                </details>
            }
        </article>
    }
}

pub struct FindingsProps {
    pub analysis: Analysis,
}

/// A plain function, not a component (see [`crate::views::Frame`]).
pub fn findings(props: &FindingsProps) -> Html {
    let a = &props.analysis;
    let (main, other) = split_causes(causes(&a.report.findings));
    let other_count: usize = other.iter().map(|c| 1 + c.consequences.len()).sum();
    html! {
        <section class="card findings" aria-labelledby="findings-h" data-testid="findings">
            <h2 id="findings-h">{strings::s().ROOT_CAUSES_HEADING}</h2>
            if main.is_empty() {
                <p class="muted">{strings::s().NO_FINDINGS}</p>
            } else {
                { for main.iter().enumerate().map(|(i, c)| finding_view(a, c.finding, None, &c.consequences, i == 0)) }
            }
            if !other.is_empty() {
                <details class="fold other-findings" data-testid="other-findings">
                    <summary>{strings::other_notes(other_count)}</summary>
                    <div class="fold-body">
                        { for other.iter().map(|c| finding_view(a, c.finding, None, &c.consequences, false)) }
                    </div>
                </details>
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

    #[test]
    fn copy_buttons_are_named_after_their_command() {
        let cmds = vec![
            "Set-MailContact \"a\" -PrimarySmtpAddress b".to_string(),
            "Get-MailContact a".to_string(),
            "Get-MailContact b".to_string(),
        ];
        assert_eq!(
            copy_labels(&cmds),
            vec![
                "Copy Set-MailContact command".to_string(),
                "Copy Get-MailContact command 1".to_string(),
                "Copy Get-MailContact command 2".to_string()
            ]
        );
    }

    #[test]
    fn the_founding_case_puts_the_mail_contact_first_and_folds_the_notes() {
        let text = include_str!("../../../tests/fixtures/exchange/hybrid-mail-contact-broken.eml");
        let report = headerlens::analyze_str(text);
        let all = causes(&report.findings);
        let shown: usize = all.iter().map(|c| 1 + c.consequences.len()).sum();
        assert_eq!(shown, report.findings.len(), "every finding is shown once");
        assert_eq!(id_of(all[0].finding), "mail-contact-envelope-rewrite");
        let (main, other) = split_causes(all);
        assert!(main.iter().all(|c| c.finding.severity >= Severity::Medium || !c.consequences.is_empty()));
        assert!(other.iter().all(|c| c.finding.severity < Severity::Medium));
        assert!(!main.is_empty());
    }
}
