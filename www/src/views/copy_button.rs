//! A button that copies a piece of text (a command, the Markdown report) and says whether it worked.

use yew::prelude::*;

use crate::strings;

#[derive(Properties, PartialEq)]
pub struct CopyButtonProps {
    pub text: AttrValue,
    /// What is being copied, for screen readers (e.g. "command 1").
    #[prop_or_default]
    pub what: AttrValue,
}

#[function_component(CopyButton)]
pub fn copy_button(props: &CopyButtonProps) -> Html {
    let label = use_state(|| strings::COPY);
    let onclick = {
        let label = label.clone();
        let text = props.text.clone();
        Callback::from(move |_| {
            let label = label.clone();
            let text = text.clone();
            yew::platform::spawn_local(async move {
                let ok = crate::browser::copy_text(&text).await.is_ok();
                label.set(if ok { strings::COPIED } else { strings::COPY_FAILED });
            });
        })
    };
    let aria = if props.what.is_empty() { None } else { Some(format!("{} {}", strings::COPY, props.what)) };
    html! {
        <button type="button" class="btn btn-small copy" {onclick} aria-label={aria}>
            <span aria-live="polite">{*label}</span>
        </button>
    }
}
