//! The [`Report`]: the whole analysis of one pasted header block, as the CLI prints it, the site renders it and
//! external checks read it as JSON. It gathers the readers' sections (authentication, Microsoft, envelope) and the
//! shared types of [`crate::model`]; field names are a contract (see the JSON contract in README.md).

use serde::Serialize;

use crate::auth::Authentication;
use crate::delivery::Delivery;
use crate::envelope::Envelope;
use crate::microsoft::Microsoft;
use crate::model::{Finding, HeaderField, Hop, InputInfo, Summary, Timing};
use crate::route::Route;

/// The whole analysis of one pasted header block.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// What the input looked like and what was cleaned up before parsing.
    pub input: InputInfo,
    pub summary: Summary,
    /// One hop per `Received` field, oldest first.
    pub hops: Vec<Hop>,
    pub timing: Timing,
    /// Authentication-Results, ARC, Received-SPF and DKIM-Signature, parsed.
    pub authentication: Authentication,
    /// Microsoft 365 / Exchange headers decoded into words.
    pub microsoft: Microsoft,
    /// Return-Path and From domains classified, DMARC alignment, and the recognised (hybrid) path.
    pub envelope: Envelope,
    /// Where the message landed (Inbox, Junk, quarantine, …), why, and every spam filter's verdict.
    pub delivery: Delivery,
    /// Who handled the message: administrative domains and their roles, the boundary hop, forwarding, lists,
    /// bounces, likely impersonation (see `crate::route`).
    pub route: Route,
    /// Every header field in input order, for the "all headers" table.
    pub headers: Vec<HeaderField>,
    /// Diagnoses, most severe first.
    pub findings: Vec<Finding>,
}
