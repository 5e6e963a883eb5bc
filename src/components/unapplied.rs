//! Text typed into a front matter box (the raw front matter, the form's other
//! keys) and not applied yet, as a box shows it. Those boxes apply on a
//! button, so a half-typed key never reaches the post; until then the text is
//! in no draft and no storage, only in the app state (`AppState::held`, per
//! draft and box: a mode switch, the library or another draft in between keeps
//! it). A box keeps showing it when the front matter changes underneath (a
//! form field, another tab's save), with a note, and a reload asks first.

use yew::prelude::*;

use crate::state::{Action, FmBox, Typed};
use hoego_core::line_endings::to_lf;

/// One box as drawn now, from what it holds and what it would show (`shown`:
/// the post's text for it).
#[derive(Debug, Clone, PartialEq)]
pub struct BoxState {
    /// The textarea's key: a new key is a new textarea, with [`Self::text`] as
    /// its default. It changes when the box starts afresh (another draft, text
    /// applied), not while typed text is held.
    pub key: AttrValue,
    /// What the box holds.
    pub text: String,
    /// Typed and not applied.
    pub pending: bool,
    /// Typed before the front matter changed underneath: Apply would replace
    /// that change with this text.
    pub stale: bool,
}

/// The box of `draft` showing `shown`, given what it holds (`held`: the
/// state's entry for this draft and box).
pub fn box_state(held: Option<&Typed>, draft: &str, shown: &str) -> BoxState {
    match held {
        Some(t) => BoxState {
            key: box_key(draft, &t.base),
            text: t.text.clone(),
            pending: t.unapplied(shown),
            stale: t.base != shown,
        },
        None => BoxState { key: box_key(draft, shown), text: shown.to_string(), pending: false, stale: false },
    }
}

/// What a key typed into the box holds: its text, on the base it was typed on.
fn typed(held: Option<&Typed>, kind: FmBox, draft: &str, shown: &str, text: String) -> Typed {
    let base = held.map_or_else(|| shown.to_string(), |t| t.base.clone());
    Typed { draft: draft.to_string(), kind, base, text }
}

/// What a key typed into the box does: hold the text, or, when the text is
/// back to what the post shows or to what the box started from (typed and
/// erased), release it, so the box follows the post again. A text held after
/// it was erased would later show a stale front matter, and Apply would undo
/// whatever changed it.
pub fn on_typed(held: Option<&Typed>, kind: FmBox, draft: &str, shown: &str, text: String) -> Action {
    let back = text == to_lf(shown) || held.is_some_and(|t| text == to_lf(&t.base));
    match back {
        true => Action::Release { draft: draft.to_string(), kind },
        false => Action::Hold(typed(held, kind, draft, shown, text)),
    }
}

/// The key of a front matter box: its draft and the text it started from.
fn box_key(draft_id: &str, base: &str) -> AttrValue {
    AttrValue::from(format!("{draft_id}\u{1}{base}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn held(base: &str, text: &str) -> Typed {
        Typed { draft: "a".into(), kind: FmBox::Raw, base: base.into(), text: text.into() }
    }

    #[test]
    fn held_text_stays_shown_until_applied_even_when_the_front_matter_changes() {
        // (held, shown) → (text, pending, stale, same key as the fresh box)
        let cases = [
            (None, "t: 1\n", ("t: 1\n", false, false, true)),
            (Some(held("t: 1\n", "t: 1\nx: 2\n")), "t: 1\n", ("t: 1\nx: 2\n", true, false, true)),
            // The title changed in the form: the typed text is still there, and stale.
            (Some(held("t: 1\n", "t: 1\nx: 2\n")), "t: 9\n", ("t: 1\nx: 2\n", true, true, false)),
            // Applied (the post now shows what was typed): nothing pending.
            (Some(held("t: 1\n", "t: 1\nx: 2\n")), "t: 1\nx: 2\n", ("t: 1\nx: 2\n", false, true, false)),
            // A CRLF post shows `\r\n`; the textarea has `\n`.
            (Some(held("t: 1\r\n", "t: 1\n")), "t: 1\r\n", ("t: 1\n", false, false, true)),
        ];
        for (h, shown, (text, pending, stale, fresh_key)) in cases {
            let s = box_state(h.as_ref(), "a", shown);
            assert_eq!((s.text.as_str(), s.pending, s.stale), (text, pending, stale), "{h:?} / {shown:?}");
            assert_eq!(s.key == box_state(None, "a", shown).key, fresh_key, "{h:?} / {shown:?}");
        }
    }

    #[test]
    fn text_typed_back_to_the_post_or_the_start_is_released() {
        let h = held("t: 1\n", "t: 1\nx\n");
        // (held, shown, typed) → released?
        let cases = [
            (None, "t: 1\n", "t: 1\n", true),
            (None, "t: 1\r\n", "t: 1\n", true),
            (None, "t: 1\n", "t: 1\nx", false),
            (Some(&h), "t: 1\n", "t: 1\n", true),
            // The front matter changed underneath, and the typing was erased: nothing typed.
            (Some(&h), "t: 9\n", "t: 1\n", true),
            (Some(&h), "t: 9\n", "t: 9\n", true),
            (Some(&h), "t: 9\n", "t: 1\nxy\n", false),
        ];
        for (held, shown, text, released) in cases {
            let a = on_typed(held, FmBox::Raw, "a", shown, text.to_string());
            assert_eq!(matches!(a, Action::Release { .. }), released, "{held:?} {shown:?} {text:?}");
        }
    }

    #[test]
    fn typing_keeps_the_base_it_started_on() {
        let first = typed(None, FmBox::Raw, "a", "t: 1\n", "t: 1\nx".into());
        assert_eq!(first.base, "t: 1\n");
        // The front matter changed underneath; typing on keeps the old base (still stale).
        let next = typed(Some(&first), FmBox::Raw, "a", "t: 9\n", "t: 1\nxy".into());
        assert_eq!((next.base.as_str(), next.text.as_str()), ("t: 1\n", "t: 1\nxy"));
    }
}
