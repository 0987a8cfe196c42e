//! The list of messages when an input holds several (an mbox, header blocks pasted one after another,
//! attached messages, several files): one entry per message with its subject, sender and date; choosing
//! one shows its report below.

use std::rc::Rc;

use yew::prelude::*;

use crate::analysis::Analysis;
use crate::strings;

#[derive(Properties, PartialEq)]
pub struct MessageListProps {
    pub messages: Rc<Vec<Analysis>>,
    pub selected: usize,
    /// Why the list stopped before the end of the input, if it did.
    pub stopped: Option<headerlens::Text>,
    pub on_select: Callback<usize>,
}

#[function_component(MessageList)]
pub fn message_list(props: &MessageListProps) -> Html {
    let items = props.messages.iter().enumerate().map(|(i, a)| {
        let s = &a.report.summary;
        let subject = s.subject.clone().unwrap_or_else(|| strings::s().NO_SUBJECT.to_string());
        let sender = s
            .from
            .first()
            .map(|m| m.address.clone().or_else(|| m.name.clone()).unwrap_or_default())
            .unwrap_or_default();
        let date = s.date.as_ref().map(|d| d.raw.clone()).unwrap_or_default();
        let place = a.report.input.container.as_ref().map(strings::t).unwrap_or_default();
        let selected = i == props.selected;
        let onclick = {
            let cb = props.on_select.clone();
            Callback::from(move |_: MouseEvent| cb.emit(i))
        };
        html! {
            <li data-message={i.to_string()} class={classes!("message-item", selected.then_some("selected"))}>
                <button type="button" class="message-button" {onclick} aria-current={selected.then_some("true")}>
                    <span class="message-subject">{subject}</span>
                    <span class="message-meta">
                        <span class="message-sender">{sender}</span>
                        <span class="message-date">{date}</span>
                    </span>
                    <span class="message-place muted">{place}</span>
                </button>
            </li>
        }
    });
    html! {
        <section class="card messages no-print" aria-labelledby="messages-h">
            <h2 id="messages-h">{strings::messages_heading(props.messages.len())}</h2>
            if let Some(stopped) = &props.stopped {
                <p class="notice" data-testid="message-list-stopped">{strings::list_stopped(stopped)}</p>
            }
            <ol class="message-list" data-testid="message-list">{ for items }</ol>
        </section>
    }
}
