//! Every header field in input order, in a real table with a search box, folded until asked for. The rows are
//! built only while the section is open (a report of thousands of fields renders no row nobody sees), and
//! long lists are cut to the first rows (with a "show all" button) so a huge paste stays responsive.

use headerlens::HeaderField;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::analysis::Analysis;
use crate::strings;
use crate::views::breakable;

/// Rows shown before "show all".
pub const FIRST_ROWS: usize = 200;

/// True when the field's name or value contains `needle` (case-insensitive; an empty needle matches all).
pub fn matches(field: &HeaderField, needle: &str) -> bool {
    if needle.is_empty() {
        return true;
    }
    let n = needle.to_lowercase();
    field.name.to_lowercase().contains(&n)
        || field.value.to_lowercase().contains(&n)
        || field.decoded.as_deref().is_some_and(|d| d.to_lowercase().contains(&n))
}

#[derive(Properties, PartialEq)]
pub struct HeadersTableProps {
    pub analysis: Analysis,
}

#[function_component(HeadersTable)]
pub fn headers_table(props: &HeadersTableProps) -> Html {
    let filter = use_state(String::new);
    let show_all = use_state(|| false);
    // Whether the section is unfolded (the browser opens and closes the `<details>`; its toggle event says so).
    let open = use_state(|| false);
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            let now = e.target_unchecked_into::<web_sys::Element>().has_attribute("open");
            if now != *open {
                open.set(now);
            }
        })
    };
    let oninput = {
        let filter = filter.clone();
        Callback::from(move |e: InputEvent| filter.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let headers = &props.analysis.report.headers;
    let summary = html! {
        <summary><h2 id="headers-h" class="summary-h">{strings::all_headers(headers.len())}</h2></summary>
    };
    if !*open {
        return html! {
            <section class="card headers" aria-labelledby="headers-h" data-testid="headers">
                <details class="fold headers-fold" {ontoggle}>{summary}</details>
            </section>
        };
    }
    let rows: Vec<(usize, &HeaderField)> =
        headers.iter().enumerate().filter(|(_, h)| matches(h, &filter)).collect();
    let total = rows.len();
    let limit = if *show_all { total } else { total.min(FIRST_ROWS) };
    let on_show_all = {
        let show_all = show_all.clone();
        Callback::from(move |_| show_all.set(true))
    };
    html! {
        <section class="card headers" aria-labelledby="headers-h" data-testid="headers">
            <details class="fold headers-fold" {ontoggle}>
            {summary}
            <div class="field">
                <label for="header-filter">{strings::s().HEADERS_FILTER_LABEL}</label>
                <input id="header-filter" type="search" placeholder={strings::s().HEADERS_FILTER_PLACEHOLDER}
                       value={(*filter).clone()} {oninput} data-testid="header-filter" />
            </div>
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby="headers-h">
                <table>
                    <thead><tr>
                        <th scope="col">{strings::s().COL_NUMBER}</th>
                        <th scope="col">{strings::s().COL_NAME}</th>
                        <th scope="col">{strings::s().COL_VALUE}</th>
                        <th scope="col">{strings::s().COL_MEANING}</th>
                    </tr></thead>
                    <tbody>
                        { for rows.iter().take(limit).map(|(i, h)| {
                            let meaning = strings::header_meaning(&h.name.to_ascii_lowercase());
                            html! {
                                <tr data-testid="header-row">
                                    <td class="num">{i + 1}</td>
                                    <th scope="row" class="hname">{h.name.clone()}</th>
                                    <td class="hvalue"><code>{breakable(&h.value)}</code>
                                        if let Some(d) = &h.decoded {
                                            <div class="decoded"><span class="badge">{strings::s().DECODED}</span>{" "}{breakable(d)}</div>
                                        }
                                    </td>
                                    <td class="meaning">
                                        if let Some((text, href)) = meaning {
                                            <a href={href} rel="noopener noreferrer" target="_blank">{text}</a>
                                        }
                                    </td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
            if limit < total {
                <p>{strings::showing_of(limit, total)}{" "}
                    <button type="button" class="btn btn-small" onclick={on_show_all}>{strings::s().SHOW_ALL}</button></p>
            }
            </details>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_matches_name_value_and_decoded_text() {
        let r = headerlens::analyze_str("Subject: =?UTF-8?Q?Caf=C3=A9?=\nX-Spam: yes\n");
        let subject = &r.headers[0];
        assert!(matches(subject, "subj"));
        assert!(matches(subject, "café"));
        assert!(!matches(subject, "spam"));
        assert!(matches(&r.headers[1], ""));
    }
}
