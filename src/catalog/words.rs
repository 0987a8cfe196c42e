//! Units, numbers and the placeholders of commands and steps (what the reader replaces with their own value):
//! id, English, French. Sorted by id (checked by `catalog::tests`).
//!
//! A placeholder keeps its angle brackets in both languages; the command around it (cmdlet, parameters,
//! record syntax) stays as it is.

pub(super) const MESSAGES: &[super::Row] = &[
    ("duration.days-hours", "{d} d {h} h", "{d} j {h} h"),
    ("number.decimal", "{int}.{frac}", "{int},{frac}"),
];
