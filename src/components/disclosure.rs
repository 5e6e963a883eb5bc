//! A show/hide section for the editor view, in place of `<details>`.
//!
//! Why not `<details>`: Chromium lays a closed `<details>`' content out as
//! `content-visibility: hidden`, a display lock. While any lock in the
//! document is locked, every edit in the body textarea costs the browser a
//! walk up the ancestors of each of the textarea's nodes (one per line) when
//! it computes the caret's offset (`TypingCommand`'s `GetSelectionOffsets`):
//! 2.4 ms a key at the end of a 235 KB body instead of 0.8 ms. A button with
//! `aria-expanded` over a region with `hidden` (plain `display: none`) locks
//! nothing. The library, never on screen with the body editor, keeps its
//! `<details>`.

use yew::prelude::*;

/// Props.
#[derive(Properties, PartialEq)]
pub struct DisclosureProps {
    /// The region's id (the button's `aria-controls`). With a capital letter: no
    /// id from a post's text (headings' and footnotes' are `user-content-…`,
    /// lowercase) can take it.
    pub id: AttrValue,
    /// The button's label.
    pub summary: AttrValue,
    /// Open when first shown.
    #[prop_or_default]
    pub open: bool,
    /// The region's content.
    #[prop_or_default]
    pub children: Html,
}

/// A button that shows or hides the region under it; Escape inside the
/// region hides it again and puts focus back on the button.
#[function_component(Disclosure)]
pub fn disclosure(p: &DisclosureProps) -> Html {
    let open = use_state(|| p.open);
    let button = use_node_ref();
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let onkeydown = {
        let (open, button) = (open.clone(), button.clone());
        Callback::from(move |e: KeyboardEvent| {
            if e.key() != "Escape" || !*open {
                return;
            }
            e.stop_propagation();
            open.set(false);
            let focused = button.cast::<web_sys::HtmlElement>().is_some_and(|b| b.focus().is_ok());
            if !focused {
                web_sys::console::warn_1(&"hoego: could not focus the disclosure button".into());
            }
        })
    };
    html! {
        <div class="disclosure" {onkeydown}>
            <button type="button" class="disclosure-toggle" ref={button} aria-expanded={if *open { "true" } else { "false" }}
                aria-controls={p.id.clone()} onclick={toggle}>{ &p.summary }</button>
            <div id={p.id.clone()} class="disclosure-body" role="region" aria-label={p.summary.clone()} hidden={!*open}>
                { p.children.clone() }
            </div>
        </div>
    }
}
