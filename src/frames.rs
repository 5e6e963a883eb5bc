//! Deferred work, one job per painted frame.
//!
//! Opening a large draft owes several long jobs: the first analysis (stats,
//! outline, goals), the export panel's first export, the preview's slices.
//! Each deferred with its own zero timeout, Chromium ran them back to back
//! before painting (the import, the analysis and the layout of the new editor
//! froze a 1 MB post's tab for 324 ms in one frame). Here they wait in one
//! queue and run one at a time, each in a task after a painted frame (an
//! animation-frame callback posts it), so no frame holds more than one.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use wasm_bindgen::JsCast;

type Job = (Rc<Cell<bool>>, Box<dyn FnOnce()>);

thread_local! {
    /// Jobs waiting, first come first run; `true` while a frame is awaited for them.
    static QUEUE: RefCell<(VecDeque<Job>, bool)> = RefCell::new((VecDeque::new(), false));
}

/// A job waiting for its frame. Dropping it cancels the job.
pub struct Deferred {
    cancelled: Rc<Cell<bool>>,
}

impl Deferred {
    /// Run `f` after the next painted frame that no earlier job has taken.
    pub fn after_frame(f: impl FnOnce() + 'static) -> Deferred {
        let cancelled = Rc::new(Cell::new(false));
        enqueue(cancelled.clone(), Box::new(f));
        Deferred { cancelled }
    }
}

/// [`Deferred::after_frame`] for a job nothing cancels (an import's dispatch).
pub fn run_after_frame(f: impl FnOnce() + 'static) {
    enqueue(Rc::new(Cell::new(false)), Box::new(f));
}

fn enqueue(cancelled: Rc<Cell<bool>>, f: Box<dyn FnOnce()>) {
    let pump = QUEUE.with(|q| {
        let mut q = q.borrow_mut();
        q.0.push_back((cancelled, f));
        !std::mem::replace(&mut q.1, true)
    });
    if pump {
        next_frame();
    }
}

impl Drop for Deferred {
    fn drop(&mut self) {
        self.cancelled.set(true);
    }
}

/// How long a job waits for a frame before it runs without one: a tab hidden
/// after the frame was asked for paints none, and the queue (an import's
/// dispatch among its jobs) must not wait for the tab to be shown again.
const FRAME_WAIT_MS: u32 = 1_000;

/// Run the first live job in a task after the next frame, then wait for the
/// frame after that if more are queued. A hidden tab paints no frames: there a
/// zero timeout stands in for one, and [`FRAME_WAIT_MS`] bounds the wait for one.
fn next_frame() {
    let window = web_sys::window();
    let hidden = window.as_ref().and_then(|w| w.document()).is_none_or(|d| d.hidden());
    if !hidden {
        // Whichever comes first, the frame or the fallback, runs the job; the other does nothing.
        let once = Rc::new(Cell::new(false));
        let run = move || {
            if !once.replace(true) {
                run_one();
            }
        };
        let fallback = run.clone();
        // A timeout posted from the frame callback runs after that frame is painted.
        let on_frame = wasm_bindgen::closure::Closure::once_into_js(move || Timeout::new(0, run).forget());
        if window.is_some_and(|w| w.request_animation_frame(on_frame.unchecked_ref()).is_ok()) {
            Timeout::new(FRAME_WAIT_MS, fallback).forget();
            return;
        }
    }
    Timeout::new(0, run_one).forget();
}

fn run_one() {
    let job = QUEUE.with(|q| {
        let mut q = q.borrow_mut();
        while let Some((cancelled, f)) = q.0.pop_front() {
            if !cancelled.get() {
                return Some(f);
            }
        }
        None
    });
    // Outside the borrow: the job may queue another (the preview's next slice).
    if let Some(f) = job {
        f();
    }
    let more = QUEUE.with(|q| {
        let mut q = q.borrow_mut();
        // Cancelled jobs need no frame.
        while q.0.front().is_some_and(|(c, _)| c.get()) {
            q.0.pop_front();
        }
        q.1 = !q.0.is_empty();
        q.1
    });
    if more {
        next_frame();
    }
}
