//! Hoego, the in-browser editor for retrospective blog posts.
//!
//! The app is thin: [`state`] is a pure reducer over hoego-core, [`storage`]
//! and [`browser`] are the effects at the edge, [`components`] render.

mod app;
mod browser;
mod components;
mod i18n;
mod preview_dom;
mod sanitize;
mod state;
mod storage;

fn main() {
    yew::Renderer::<app::App>::new().render();
}
