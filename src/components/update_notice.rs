//! "A new version is ready — reload": shown when the service worker has
//! installed a newer deployment in the background. Reloading saves drafts
//! first (`pagehide`); the update never touches them.

use hoego_core::templates::Lang;
use yew::prelude::*;

use crate::browser::listen;
use crate::i18n::t;
use crate::pwa;

/// Props: the UI language.
#[derive(Properties, PartialEq)]
pub struct Props {
    /// UI language.
    pub lang: Lang,
}

/// Shows the notice once the worker reports a waiting update ([`pwa::UPDATE_EVENT`]).
#[function_component(UpdateNotice)]
pub fn update_notice(props: &Props) -> Html {
    let ready = use_state(|| false);
    {
        let ready = ready.clone();
        use_effect_with((), move |_| {
            let window = web_sys::window().expect("window");
            listen(window.as_ref(), pwa::UPDATE_EVENT, move |_| ready.set(true))
        });
    }
    if !*ready {
        return html! {};
    }
    let lang = props.lang;
    html! {
        <div class="update-notice" data-testid="update-notice" role="status">
            <span>{ t(lang, "update.ready") }</span>
            <button class="small primary" data-testid="update-reload" onclick={Callback::from(|_| pwa::update_now())}>
                { t(lang, "update.reload") }
            </button>
        </div>
    }
}
