//! "A new version is ready — reload": shown when the service worker has
//! installed a newer deployment in the background (`pwa::UPDATE_EVENT`).
//! Reloading saves drafts first (`pagehide`); the update never touches them.
//!
//! A plain function, not a component: `App` owns the flag, and a component of
//! its own would cost ~1 KB gzip of the first-load budget.

use hoego_core::templates::Lang;
use yew::prelude::*;

use crate::i18n::{t, Key};
use crate::pwa;

/// The notice with its reload button.
pub fn update_notice(lang: Lang) -> Html {
    html! {
        <div class="update-notice" data-testid="update-notice" role="status">
            <span>{ t(lang, Key::UpdateReady) }</span>
            <button class="small primary" data-testid="update-reload" onclick={Callback::from(|_| pwa::update_now())}>
                { t(lang, Key::UpdateReload) }
            </button>
        </div>
    }
}
