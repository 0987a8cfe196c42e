//! A button that copies a piece of text (a command, the Markdown report) and says whether it worked.

use yew::prelude::*;

use crate::strings;

#[derive(Properties, PartialEq)]
pub struct CopyButtonProps {
    pub text: AttrValue,
    /// The button's accessible name, distinct on the page (e.g. "Copy Set-MailContact command").
    #[prop_or_default]
    pub label: AttrValue,
}

#[function_component(CopyButton)]
pub fn copy_button(props: &CopyButtonProps) -> Html {
    let state = use_state(|| strings::s().COPY);
    let onclick = {
        let state = state.clone();
        let text = props.text.clone();
        Callback::from(move |_| {
            let state = state.clone();
            let text = text.clone();
            yew::platform::spawn_local(async move {
                let ok = crate::browser::copy_text(&text).await.is_ok();
                state.set(if ok { strings::s().COPIED } else { strings::s().COPY_FAILED });
            });
        })
    };
    let aria = (!props.label.is_empty()).then(|| props.label.clone());
    html! {
        <button type="button" class="btn btn-small copy" {onclick} aria-label={aria}>
            <span aria-live="polite">{*state}</span>
        </button>
    }
}
