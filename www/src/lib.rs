//! The headerlens web site. For now only a placeholder so the workspace shape is settled;
//! the Yew application lands with the site issue.

/// Analyses pasted header text with the core, as the site will.
pub fn analyze_text(text: &str) -> headerlens::Report {
    headerlens::analyze(text.as_bytes())
}
