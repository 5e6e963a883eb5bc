//! Hoego, the in-browser editor for retrospective blog posts.
//!
//! The app is thin: [`state`] is a pure reducer over hoego-core, [`storage`]
//! and [`browser`] are the effects at the edge, [`components`] render.

pub mod app;
pub mod autosave;
pub mod backup;
pub mod browser;
pub mod components;
pub mod frames;
pub mod graphemes;
pub mod i18n;
pub mod image_keeper;
pub mod images;
pub mod lazy;
pub mod paging;
pub mod preview_dom;
pub mod pwa;
pub mod sanitize;
pub mod state;
pub mod storage;
pub mod sync;
pub mod text_delta;
pub mod warning_titles;

/// Mount the app on the page's body.
pub fn run() {
    yew::Renderer::<app::App>::new().render();
}
