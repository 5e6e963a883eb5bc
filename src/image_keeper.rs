//! Keeps the imported images (`images.rs`) in the browser's Cache Storage
//! (`storage::images`): read back at start, stored after an import or a
//! backup restore, and cleared when the writer forgets them. What other tabs
//! store or clear is followed too (they say so on a `BroadcastChannel`), so
//! every tab previews and exports what a reload would read.
//!
//! Every step runs in one queue, in the order asked: the start's read ends
//! before a backup's images are compared with this browser's, a forget ends
//! before the next import is stored, and two stores of one name land in the
//! order they were asked. A store writes the bytes held *when it runs*, so
//! the last import of a name is the one kept. This tab's own imports are the
//! truth until stored; the store follows them, and which images it has not
//! taken yet is tracked by name, so a refusal (quota) marks those alone and
//! the next import tries them again. Other tabs' changes are taken as the
//! store has them when the step runs (a clear drops only what it no longer has).

use std::cell::RefCell;
use std::collections::{HashSet, VecDeque};
use std::rc::Rc;

use crate::components::Ctx;
use crate::i18n::{t, Key};
use crate::images::{change, drop_held, shelf, usable_key, Images, Kept, IMAGES};
use crate::state::{Action, Level, Notice};
use crate::storage::images::{self as store, ShelfError};

/// A step of the queue.
enum Op {
    /// Read the stored images into memory (at start).
    Restore,
    /// Store every image not stored yet.
    Store,
    /// Add a backup's images this browser does not have, then store them.
    FromBackup(Vec<(String, Vec<u8>)>),
    /// Clear the store, then drop from memory the images held when the
    /// writer asked (one imported since stays, and is stored again).
    Forget(Rc<Images>),
    /// Follow what other tabs stored (`names`) or cleared: what the store
    /// holds when the step runs is what this tab takes.
    Heard { cleared: bool, names: HashSet<String> },
}

/// The queue and what the store has.
#[derive(Default)]
struct Keeper {
    ops: VecDeque<Op>,
    /// A task is working through `ops`.
    running: bool,
    /// The start's read has ended.
    restored: bool,
    /// Images in memory the store does not have (or has older bytes of).
    unstored: HashSet<String>,
    /// The last step's refusal, until a step succeeds.
    refused: Option<ShelfError>,
}

thread_local! {
    static KEEPER: RefCell<Keeper> = RefCell::new(Keeper::default());
}

/// Whether a reload keeps the images, from what the store has said.
fn kept(k: &Keeper) -> Kept {
    match (&k.refused, k.restored, k.unstored.is_empty()) {
        (Some(e), _, _) => Kept::Refused(e.clone()),
        (None, false, _) => Kept::Unknown,
        (None, true, true) => Kept::Stored,
        (None, true, false) => Kept::Pending,
    }
}

fn tell(ctx: &Ctx) {
    let kept = KEEPER.with(|k| kept(&k.borrow()));
    ctx.dispatch(Action::Images(shelf(kept)));
}

fn enqueue(ctx: &Ctx, op: Op) {
    let start = KEEPER.with(|k| {
        let mut k = k.borrow_mut();
        // A store still waiting will store every image then unstored: one is enough
        // (a folder of 40 images is one store and, on a refusal, one notice). Other
        // tabs' changes waiting are one read of the store, as it is then.
        match (op, k.ops.back_mut()) {
            (Op::Store, Some(Op::Store)) => {}
            (Op::Heard { cleared, names }, Some(Op::Heard { cleared: c, names: n })) => {
                *c |= cleared;
                n.extend(names);
            }
            (op, _) => k.ops.push_back(op),
        }
        !std::mem::replace(&mut k.running, true)
    });
    if start {
        let ctx = ctx.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let mut wrote = false;
            while let Some(op) = KEEPER.with(|k| k.borrow_mut().ops.pop_front()) {
                wrote |= !matches!(op, Op::Restore);
                run(&ctx, op).await;
                tell(&ctx);
            }
            // The storage area's usage line counts the images too. A read alone
            // changes nothing (the start's own estimate is in app.rs).
            if wrote {
                crate::autosave::refresh_usage(&ctx);
            }
            KEEPER.with(|k| k.borrow_mut().running = false);
        });
    }
}

/// Read the stored images at start (one imported meanwhile wins), and from
/// then on follow what other tabs store and forget, so that every tab
/// previews and exports what a reload would read.
pub(crate) fn restore(ctx: &Ctx) {
    enqueue(ctx, Op::Restore);
    let ctx = ctx.clone();
    store::hear(move |cleared, names| enqueue(&ctx, Op::Heard { cleared, names: names.into_iter().collect() }));
}

/// Hold `bytes` as the image `name` (replacing one of that name) and store
/// it; true when it replaced different bytes held in memory.
pub(crate) fn add(ctx: &Ctx, name: String, bytes: Vec<u8>) -> bool {
    let new: Rc<[u8]> = bytes.into();
    let old = change(|map| map.insert(name.clone(), new.clone()));
    KEEPER.with(|k| k.borrow_mut().unstored.insert(name));
    // The preview points its `<img>`s at the new bytes now, not after the store.
    tell(ctx);
    enqueue(ctx, Op::Store);
    old.is_some_and(|b| b != new)
}

/// Add the images of a restored backup that this browser does not have (one
/// of the same name here stays: a restore only adds), and store them.
pub(crate) fn add_from_backup(ctx: &Ctx, images: Vec<(String, Vec<u8>)>) {
    if !images.is_empty() {
        enqueue(ctx, Op::FromBackup(images));
    }
}

/// Forget every imported image, in the browser's store and then in memory.
pub(crate) fn forget(ctx: &Ctx) {
    enqueue(ctx, Op::Forget(IMAGES.with(|i| i.borrow().clone())));
}

async fn run(ctx: &Ctx, op: Op) {
    match op {
        Op::Restore => {
            let read = store::read_all().await;
            let done = read.map(|stored| if forget_waits() { Vec::new() } else { take_absent(stored) });
            KEEPER.with(|k| k.borrow_mut().restored = true);
            // A store that is simply absent (plain http:) is not news at every
            // start: the library's storage area says it.
            settle(done.map(|_| ()), None);
        }
        Op::Store => store_unstored(ctx).await,
        Op::FromBackup(images) => {
            let offered = images.len();
            let added = if forget_waits() { Vec::new() } else { take_absent(images) };
            let said = format!(
                "{}: {} {} · {} {}",
                t(ctx.lang, Key::BackupImages),
                t(ctx.lang, Key::BackupAdded),
                added.len(),
                t(ctx.lang, Key::BackupUnchanged),
                offered - added.len()
            );
            ctx.dispatch(Action::Notify(Notice { level: Level::Ok, text: said }));
            KEEPER.with(|k| k.borrow_mut().unstored.extend(added));
            store_unstored(ctx).await;
        }
        Op::Forget(asked) => match store::clear().await {
            Ok(()) => {
                let kept = drop_held(&asked);
                KEEPER.with(|k| {
                    let mut k = k.borrow_mut();
                    k.unstored.clear();
                    k.unstored.extend(kept);
                    k.refused = None;
                });
                store_unstored(ctx).await;
            }
            // Nothing was dropped: the images are still stored and still shown.
            Err(e) => say(ctx, Key::ImagesForgetFailed, &e),
        },
        Op::Heard { cleared, names } => {
            let names: Vec<String> = names.into_iter().collect();
            match store::read_after(&names, cleared).await {
                Ok(heard) => follow(heard),
                // This tab keeps what it holds, as before another tab spoke; the
                // library's storage line says the store could not be read.
                Err(e) => settle(Err(e), None),
            }
        }
    }
}

/// Take the store's images after other tabs' changes (see [`followed`]).
fn follow(heard: store::Heard) {
    let own = KEEPER.with(|k| k.borrow().unstored.clone());
    let (gone, new) = IMAGES.with(|i| followed(&i.borrow(), &own, heard, forget_waits()));
    if !gone.is_empty() {
        drop_held(&gone);
    }
    if !new.is_empty() {
        change(|map| map.extend(new));
    }
}

/// What this tab changes after other tabs' changes: the images it held that
/// the store no longer has (known after a clear), to drop; and the images
/// stored by another tab that differ from this tab's, to take. A name this
/// tab has not stored yet (`own`: its newer import, waiting) is left as it
/// is: its store lands after and the other tabs follow it. With a forget
/// queued (`forgetting`) nothing is taken: the writer asked to forget what
/// the store holds (the read at start and a backup restore add nothing then
/// either).
fn followed(held: &Images, own: &HashSet<String>, heard: store::Heard, forgetting: bool) -> (Images, Images) {
    let gone: Images = match &heard.stored {
        Some(stored) => {
            let stored: HashSet<&str> = stored.iter().map(String::as_str).collect();
            held.iter()
                .filter(|(n, _)| !own.contains(*n) && !stored.contains(n.as_str()))
                .map(|(n, b)| (n.clone(), b.clone()))
                .collect()
        }
        None => Images::new(),
    };
    let new: Images = heard
        .images
        .into_iter()
        .filter(|(n, b)| !forgetting && usable_key(n) && !own.contains(n) && held.get(n).is_none_or(|h| **h != **b))
        .map(|(n, b)| (n, b.into()))
        .collect();
    (gone, new)
}

/// Is a forget queued? Then what a read or a backup would add is what the
/// writer asked to forget: it is not added (a forget drops only the images
/// held when it was asked, so one added in between would survive it).
fn forget_waits() -> bool {
    KEEPER.with(|k| k.borrow().ops.iter().any(|op| matches!(op, Op::Forget(_))))
}

/// Put the images that are not `IMAGES` yet into it (and nothing else: an
/// unchanged map is not a change). The names added.
fn take_absent(images: Vec<(String, Vec<u8>)>) -> Vec<String> {
    let absent: Vec<(String, Vec<u8>)> =
        IMAGES.with(|i| images.into_iter().filter(|(n, _)| usable_key(n) && !i.borrow().contains_key(n)).collect());
    if absent.is_empty() {
        return Vec::new();
    }
    change(|map| {
        absent
            .into_iter()
            .map(|(name, bytes)| {
                map.insert(name.clone(), bytes.into());
                name
            })
            .collect()
    })
}

/// Store each image not stored yet, with the bytes held now. A refusal of
/// one does not stop the others (a photo over the quota leaves a small one
/// stored); the first refusal is said, once per kind of refusal.
async fn store_unstored(ctx: &Ctx) {
    let names: Vec<String> = KEEPER.with(|k| k.borrow().unstored.iter().cloned().collect());
    let mut done = Ok(());
    for name in names {
        let Some(bytes) = IMAGES.with(|i| i.borrow().get(&name).cloned()) else {
            // Forgotten since: nothing to store.
            KEEPER.with(|k| k.borrow_mut().unstored.remove(&name));
            continue;
        };
        match store::put(&[(&name, &bytes)]).await {
            // Newer bytes of that name arrived while this was written: they stay marked.
            Ok(()) if IMAGES.with(|i| i.borrow().get(&name).is_some_and(|now| Rc::ptr_eq(now, &bytes))) => {
                KEEPER.with(|k| k.borrow_mut().unstored.remove(&name));
            }
            Ok(()) => {}
            Err(e) => done = done.and(Err(e)),
        }
    }
    settle(done, Some((ctx, Key::ImagesStoreFailed)));
}

/// Record how the store answered; a refusal is also a notice when `notice`
/// and it is not the one already recorded (plain http: refuses every store
/// alike, and says so in the library, not at every import).
fn settle(done: Result<(), ShelfError>, notice: Option<(&Ctx, Key)>) {
    let known = KEEPER.with(|k| k.borrow().refused.clone());
    if let (Err(e), Some((ctx, key))) = (&done, notice) {
        if known.as_ref() != Some(e) {
            say(ctx, key, e);
        }
    }
    KEEPER.with(|k| k.borrow_mut().refused = done.err());
}

fn say(ctx: &Ctx, key: Key, e: &ShelfError) {
    let text = format!("{}: {e}", t(ctx.lang, key));
    ctx.dispatch(Action::Notify(Notice { level: Level::Warn, text }));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn images(list: &[(&str, &[u8])]) -> Images {
        list.iter().map(|(n, b)| (n.to_string(), Rc::from(*b))).collect()
    }

    fn names(m: &Images) -> Vec<&str> {
        let mut n: Vec<&str> = m.keys().map(String::as_str).collect();
        n.sort();
        n
    }

    #[test]
    fn another_tabs_change_is_taken_as_the_store_has_it() {
        let held = images(&[("a.png", b"a"), ("b.png", b"b"), ("mine.png", b"m")]);
        let own: HashSet<String> = HashSet::from(["mine.png".to_string()]);
        let heard = |stored: Option<&[&str]>, imgs: &[(&str, &[u8])]| store::Heard {
            stored: stored.map(|s| s.iter().map(|n| n.to_string()).collect()),
            images: imgs.iter().map(|(n, b)| (n.to_string(), b.to_vec())).collect(),
        };
        // (what the store says, a forget queued, dropped, taken)
        type Case<'a> = (store::Heard, bool, &'a [&'a str], &'a [&'a str]);
        let cases: Vec<Case> = vec![
            // A store: a new image and new bytes are taken; the same bytes are no change;
            // this tab's own waiting import of a name stays; a bad name is never taken.
            (
                heard(None, &[("new.png", b"n"), ("a.png", b"A"), ("b.png", b"b"), ("mine.png", b"x"), ("..", b"d")]),
                false,
                &[],
                &["a.png", "new.png"],
            ),
            // A clear with nothing stored since: all but this tab's own waiting import go.
            (heard(Some(&[]), &[]), false, &["a.png", "b.png"], &[]),
            // A clear, then the other tab (or this one) stored b.png again: b.png stays.
            (heard(Some(&["b.png"]), &[]), false, &["a.png"], &[]),
            // A clear and a store merged: what is stored now is taken.
            (heard(Some(&["c.png"]), &[("c.png", b"c")]), false, &["a.png", "b.png"], &["c.png"]),
            // A forget waits in this tab: nothing is taken (it would survive the forget).
            (heard(None, &[("new.png", b"n"), ("a.png", b"A")]), true, &[], &[]),
        ];
        for (i, (h, forgetting, gone, new)) in cases.into_iter().enumerate() {
            let (g, n) = followed(&held, &own, h, forgetting);
            assert_eq!((names(&g), names(&n)), (gone.to_vec(), new.to_vec()), "case {i}");
        }
    }
}
