//! A key typed in the body reaches the app state after the frame that shows it.
//!
//! Why: the preview's patch for a key is ~0.5 ms of script at 60 KB, but
//! putting the new body in the app state re-renders the editor screen (the
//! editor, the body, the preview, the export panel, their effects: ~0.7 ms
//! more), and all of it ran before the browser could paint the key
//! (BENCHMARKS.md, "Where ≤ 8 ms at 60 KB stands"). So the body editor draws
//! the preview itself ([`crate::components::preview::draw_typed`]) and its
//! `SetBody` waits here until the frame holding the key has been painted.
//!
//! The first key after a save lands at once (the app's render says when all is saved): the
//! save status turns to "saving" with it, and a wait for "saved" after typing waits for
//! it. The keys after it, while a save is pending anyway, wait for their frames.
//!
//! Nothing may act on a state the body editor is ahead of, so the waiting
//! edit lands first whenever anything else could: before every other action
//! ([`crate::components::Ctx::dispatch`]), on every pointer or key press
//! (`app.rs`: a click reads the state it was drawn from), and autosave applies
//! it to what it writes ([`crate::autosave::save_now`]: a reload or a hidden
//! tab saves the last key too). The edit names its draft, so it lands on the
//! draft it was typed in whatever the view is by then.

use std::cell::{Cell, RefCell};

use gloo_timers::callback::Timeout;
use wasm_bindgen::JsCast;

use crate::components::Dispatch;
use crate::state::Action;

/// A body typed into draft `draft`'s editor at `at`, not yet in the state.
pub struct Typed {
    draft: String,
    body: String,
    at: f64,
}

impl Typed {
    /// The action that puts it in the state.
    pub fn action(&self) -> Action {
        Action::SetBody { draft: self.draft.clone(), body: self.body.clone(), typed: true, at: self.at }
    }

    fn into_action(self) -> Action {
        Action::SetBody { draft: self.draft, body: self.body, typed: true, at: self.at }
    }
}

thread_local! {
    /// The newest typed body not yet in the state, and where to send it.
    static PENDING: RefCell<Option<(Typed, Dispatch)>> = const { RefCell::new(None) };
    /// Whether a landing after the next frame is already asked for.
    static ASKED: Cell<bool> = const { Cell::new(false) };
    /// Whether the state, as last drawn, has everything saved (see [`note_saved`]).
    static SAVED: Cell<bool> = const { Cell::new(false) };
}

/// The app's render says whether its state has everything saved. Read here,
/// not from a state handle the editor's callback holds: such a handle keeps
/// every state it is read in (Yew's deref history), and the body editor's
/// composition listeners hold their first render's callback for as long as
/// the editor lives.
pub fn note_saved(saved: bool) {
    SAVED.with(|s| s.set(saved));
}

/// How long an edit waits for the browser to be idle before it lands anyway
/// (typing that never lets it idle, a tab hidden as the key was typed).
const FRAME_WAIT_MS: u32 = 100;

/// Hold `body`, typed into draft `draft` at `at` (the whole body: a newer one
/// replaces an older one of the same draft), until the frame showing it has
/// been painted.
pub fn defer(dispatch: &Dispatch, draft: &str, body: String, at: f64) {
    let other_draft = PENDING.with(|p| p.borrow().as_ref().is_some_and(|(held, _)| held.draft != draft));
    if other_draft {
        land();
    }
    let typed = Typed { draft: draft.to_string(), body, at };
    PENDING.with(|p| *p.borrow_mut() = Some((typed, dispatch.clone())));
    // The first key after a save lands at once (see the module's notes).
    if SAVED.with(Cell::get) {
        land();
    } else if !ASKED.with(|a| a.replace(true)) {
        after_frame();
    }
}

/// Send the held edit to the state now, if there is one.
pub fn land() {
    if let Some((typed, dispatch)) = take_pending() {
        // Unsaved from now on, until the app's next render says otherwise (a second
        // key in the same task must not land at once too).
        note_saved(false);
        dispatch.dispatch_now(typed.into_action());
    }
}

/// Is a typed body waiting for its frame?
pub fn holds() -> bool {
    PENDING.with(|p| p.borrow().is_some())
}

/// Take the held edit, for a caller that applies it itself and dispatches it
/// (autosave, which writes the state it is given, not the one the next
/// render will have).
pub fn take() -> Option<Typed> {
    take_pending().map(|(typed, _)| typed)
}

fn take_pending() -> Option<(Typed, Dispatch)> {
    PENDING.with(|p| p.borrow_mut().take())
}

/// Land the held edit once the browser is idle after painting the key (an
/// idle callback, at most [`FRAME_WAIT_MS`] later), or, in a browser without
/// idle callbacks, in the next task.
///
/// Why idle and not the first task after the frame: the render of the new
/// state then still ran before the task after it, and a page (or a test)
/// that waits for a task after the frame to know it was painted waited for
/// the render too.
fn after_frame() {
    let run = || {
        ASKED.with(|a| a.set(false));
        land();
    };
    let idle = wasm_bindgen::closure::Closure::once_into_js(run);
    let opts = web_sys::IdleRequestOptions::new();
    opts.set_timeout(FRAME_WAIT_MS);
    let asked =
        web_sys::window().is_some_and(|w| w.request_idle_callback_with_options(idle.unchecked_ref(), &opts).is_ok());
    if !asked {
        Timeout::new(0, run).forget();
    }
}
