//! The pure reducer parts that reconcile this tab's drafts with what others
//! stored: another tab's saves (`storage` events, or a save that found a
//! newer revision), the user's answer to a conflict, and restoring a backup.
//!
//! The rule throughout: text that exists only in this tab is never dropped
//! without the user choosing it. A newer stored revision replaces a draft
//! only when this tab has no unsaved changes to it; otherwise it becomes a
//! [`Conflict`] and saving that draft waits for an answer.

use std::rc::Rc;

use crate::i18n::{t, Key};
use crate::state::{AppState, Draft, Level, Notice, SaveState, View};
use crate::storage::StoredDraft;

/// Something another tab did to stored drafts.
#[derive(Debug, Clone, PartialEq)]
pub enum External {
    /// Saved this revision.
    Saved(StoredDraft),
    /// Deleted this draft.
    Removed(String),
}

/// Another tab saved a draft while this tab had unsaved changes to it.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    /// The draft.
    pub id: String,
    /// The other tab's newest revision.
    pub theirs: StoredDraft,
}

/// The user's answer to a conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// Keep this tab's text; it is saved over theirs.
    KeepMine,
    /// Take the other tab's text; this tab's changes are dropped.
    TakeTheirs,
    /// Theirs keeps the draft; this tab's text becomes a new draft. The safe
    /// default (Escape): nothing is lost.
    KeepBoth,
}

/// The answer to `navigator.storage.persist()`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Persist {
    /// Not asked yet (it is asked on the first save).
    NotAsked,
    /// Storage is persistent: the browser will not evict it under pressure.
    Granted,
    /// The browser said no (it may still keep the data; it just may evict it).
    Denied,
    /// No `navigator.storage` in this browser.
    Unsupported,
}

/// What a restore did, one count per outcome.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RestoreReport {
    /// Drafts this browser did not have.
    pub added: usize,
    /// Same text (same id, or another draft of this browser): nothing to do.
    pub unchanged: usize,
    /// The backup had a newer revision: it took the draft's place, and this
    /// browser's older text was kept as a separate draft.
    pub replaced: usize,
    /// Same revision, different text: the backup's text was added as a
    /// separate draft.
    pub copied: usize,
    /// This browser had a newer revision: kept, the backup's skipped (it is
    /// still in the backup file).
    pub kept_newer: usize,
}

impl Draft {
    /// A fresh, unsaved draft with this one's text, name and times.
    fn copy_as(&self, id: String) -> Draft {
        let mut d = Draft::new(id, self.name.clone(), self.text.clone(), self.created);
        d.updated = self.updated;
        d.target = self.target;
        d
    }

    /// A restored backup entry: unsaved, its revision carried over.
    fn restored(s: StoredDraft) -> Draft {
        let carry = s.rev;
        let mut d = Draft::from_stored(StoredDraft { rev: 0, ..s });
        d.carry = carry;
        d
    }
}

impl AppState {
    fn position(&self, id: &str) -> Option<usize> {
        self.drafts.iter().position(|d| d.id == id)
    }

    /// After drafts were replaced by stored copies: nothing unsaved left
    /// means the indicator says so.
    fn settle(&mut self) {
        if self.save == SaveState::Pending && self.dirty().is_empty() {
            self.save = SaveState::Saved(0.0);
        }
    }

    fn add_conflict(&mut self, theirs: StoredDraft) {
        match self.conflicts.iter_mut().find(|c| c.id == theirs.id) {
            Some(c) if c.theirs.rev < theirs.rev => c.theirs = theirs,
            Some(_) => {}
            None => self.conflicts.push(Conflict { id: theirs.id.clone(), theirs }),
        }
    }

    /// Apply what other tabs stored.
    pub(crate) fn external(&mut self, changes: Vec<External>) {
        for change in changes {
            match change {
                External::Saved(s) => self.external_saved(s),
                External::Removed(id) => self.external_removed(&id),
            }
        }
        self.settle();
    }

    /// Another tab deleted draft `id`. Unsaved changes keep it (the next save
    /// stores it again); else it goes. Either way, a writer who has it open is
    /// told why: the editor closing, or the draft coming back, with no word
    /// would look like a fault of this tab.
    fn external_removed(&mut self, id: &str) {
        let Some(p) = self.position(id) else { return };
        let d = &self.drafts[p];
        if d.base == 0 {
            return;
        }
        let open = self.view == View::Editor(id.to_string());
        let title = d.title().unwrap_or_else(|| t(self.lang, Key::Untitled).to_string());
        let (kept, key) = match d.dirty() {
            true => (true, Key::RemovedElsewhereKept),
            false => (false, Key::RemovedElsewhere),
        };
        if !kept {
            self.drafts.remove(p);
            if open {
                self.view = View::Library;
            }
        }
        let notice = Notice { level: Level::Warn, text: format!("{}: {title}", t(self.lang, key)) };
        if (open || kept) && !self.notices.contains(&notice) {
            self.notices.push(notice);
        }
    }

    fn external_saved(&mut self, s: StoredDraft) {
        let Some(p) = self.position(&s.id) else {
            // Deleted here but not yet in storage? The other tab's newer save wins:
            // storage must not delete it now, and the delete's undo has nothing to undo.
            self.removed.retain(|id| *id != s.id);
            self.undo = self.undo.take().filter(|(d, _)| d.id != s.id);
            self.drafts.insert(0, Rc::new(Draft::from_stored(s)));
            return;
        };
        let d = &self.drafts[p];
        if s.rev <= d.base {
            return; // already seen (or this tab's own save)
        }
        if !d.dirty() {
            self.drafts[p] = Rc::new(Draft::from_stored(s));
        } else if d.text == s.text && d.target == s.target {
            // Both tabs wrote the same text: nothing to ask.
            let d = Rc::make_mut(&mut self.drafts[p]);
            (d.base, d.saved_rev) = (s.rev, d.rev);
        } else {
            self.add_conflict(s);
        }
    }

    /// Answer the first conflict.
    pub(crate) fn resolve(&mut self, choice: Choice, new_id: String) {
        if self.conflicts.is_empty() {
            return;
        }
        let Conflict { id, theirs } = self.conflicts.remove(0);
        let Some(p) = self.position(&id) else { return };
        match choice {
            Choice::KeepMine => {
                let d = Rc::make_mut(&mut self.drafts[p]);
                d.base = theirs.rev;
                d.saved_rev = d.rev - 1; // saved over theirs even if unchanged since
                self.save = SaveState::Pending;
            }
            Choice::TakeTheirs => {
                self.drafts[p] = Rc::new(Draft::from_stored(theirs));
                self.settle();
            }
            Choice::KeepBoth => {
                let mine = self.drafts[p].copy_as(new_id.clone());
                // Front matter text typed here was typed into "mine": it goes with it.
                self.move_held(&id, &new_id);
                // So does the one-text editor it was typed in (see `AppState::whole_text`).
                if self.whole_text.as_ref() == Some(&id) {
                    self.whole_text = Some(new_id.clone());
                }
                self.drafts[p] = Rc::new(Draft::from_stored(theirs));
                self.drafts.insert(p, Rc::new(mine));
                if self.view == View::Editor(id) {
                    self.view = View::Editor(new_id);
                }
                self.save = SaveState::Pending;
            }
        }
    }

    /// Add a backup's drafts without replacing newer ones (see [`RestoreReport`]).
    pub(crate) fn restore(&mut self, items: Vec<StoredDraft>, new_ids: Vec<String>) {
        let mut report = RestoreReport::default();
        for (item, new_id) in items.into_iter().zip(new_ids) {
            let Some(p) = self.position(&item.id) else {
                // The same text under another id (the sample post each new browser
                // starts with, a file imported in both) is there already: not doubled.
                if self.drafts.iter().any(|d| d.text == item.text && d.target == item.target) {
                    report.unchanged += 1;
                } else {
                    self.drafts.insert(0, Rc::new(Draft::restored(item)));
                    report.added += 1;
                }
                continue;
            };
            let local = &self.drafts[p];
            if local.text == item.text && local.target == item.target {
                report.unchanged += 1;
            } else if item.rev > local.backup_rev() {
                let older = local.copy_as(new_id.clone());
                let mut newer = Draft::restored(item);
                newer.base = local.base;
                // Text typed here and not applied belongs to the local copy.
                self.move_held(&newer.id, &new_id);
                self.drafts[p] = Rc::new(newer);
                self.drafts.insert(p + 1, Rc::new(older));
                report.replaced += 1;
            } else if item.rev == local.backup_rev() {
                let mut copy = Draft::restored(StoredDraft { id: new_id, ..item });
                copy.carry = 0;
                self.drafts.insert(p + 1, Rc::new(copy));
                report.copied += 1;
            } else {
                report.kept_newer += 1;
            }
        }
        if report != RestoreReport::default() && !self.dirty().is_empty() {
            self.save = SaveState::Pending;
        }
        self.restored = Some(report);
    }
}

#[cfg(test)]
mod tests {
    use hoego_core::templates::Lang;
    use hoego_core::Offset;

    use super::*;
    use crate::state::Action;

    fn stored(id: &str, rev: u64, text: &str) -> StoredDraft {
        StoredDraft { id: id.into(), rev, name: None, text: text.into(), created: 1.0, updated: 2.0, target: None }
    }

    /// A state holding `d1` stored at revision 3 with text "base", open in the editor.
    fn state() -> AppState {
        let mut s = AppState::new(Lang::Ko, false, Offset::KST);
        let loaded = crate::storage::Loaded { drafts: vec![stored("d1", 3, "base")], ..Default::default() };
        s.apply(Action::Loaded(loaded));
        s.apply(Action::Open("d1".into()));
        s
    }

    fn edit(s: &mut AppState, text: &str) {
        s.apply(Action::SetText { text: text.into(), at: 5.0 });
    }

    fn texts(s: &AppState) -> Vec<(&str, &str, bool)> {
        s.drafts.iter().map(|d| (d.id.as_str(), d.text.as_str(), d.dirty())).collect()
    }

    #[test]
    fn another_tabs_save_replaces_a_clean_draft_and_conflicts_with_a_dirty_one() {
        let mut s = state();
        s.apply(Action::External(vec![External::Saved(stored("d1", 4, "theirs"))]));
        assert_eq!(texts(&s), [("d1", "theirs", false)]);
        assert!(s.conflicts.is_empty());
        // An old or own revision is ignored.
        s.apply(Action::External(vec![External::Saved(stored("d1", 4, "echo"))]));
        assert_eq!(texts(&s), [("d1", "theirs", false)]);
        edit(&mut s, "mine");
        s.apply(Action::External(vec![External::Saved(stored("d1", 5, "theirs 2"))]));
        assert_eq!(texts(&s), [("d1", "mine", true)], "unsaved text is never replaced");
        assert_eq!(s.conflicts.len(), 1);
        assert!(s.to_save().is_empty(), "a draft in conflict is not saved");
        // A newer revision while waiting updates the conflict, not the draft.
        s.apply(Action::External(vec![External::Saved(stored("d1", 6, "theirs 3"))]));
        assert_eq!((s.conflicts.len(), s.conflicts[0].theirs.rev), (1, 6));
    }

    #[test]
    fn each_choice_resolves_without_silent_loss() {
        // (choice, drafts after, view after, base of d1 after)
        type Row = (Choice, Vec<(&'static str, &'static str, bool)>, &'static str, u64);
        let table: Vec<Row> = vec![
            (Choice::KeepMine, vec![("d1", "mine", true)], "d1", 5),
            (Choice::TakeTheirs, vec![("d1", "theirs", false)], "d1", 5),
            (Choice::KeepBoth, vec![("copy", "mine", true), ("d1", "theirs", false)], "copy", 5),
        ];
        for (choice, after, view, base) in table {
            let mut s = state();
            edit(&mut s, "mine");
            s.apply(Action::External(vec![External::Saved(stored("d1", 5, "theirs"))]));
            s.apply(Action::Resolve { choice, new_id: "copy".into() });
            assert_eq!(texts(&s), after, "{choice:?}");
            assert_eq!(s.view, View::Editor(view.into()), "{choice:?}");
            assert!(s.conflicts.is_empty(), "{choice:?}");
            let d1 = s.drafts.iter().find(|d| d.id == "d1").unwrap();
            assert_eq!(d1.base, base, "{choice:?}");
            if choice == Choice::KeepMine {
                assert_eq!(d1.next_rev(), 6, "mine is saved over theirs, as the next revision");
            }
        }
    }

    /// Front matter text typed and not applied goes with "mine" when both are
    /// kept (it was typed into mine, not into the other tab's copy).
    #[test]
    fn keep_both_moves_held_text_to_the_copy_of_mine() {
        use crate::state::{FmBox, Typed};
        let mut s = state();
        edit(&mut s, "mine");
        let typed = Typed { draft: "d1".into(), kind: FmBox::Raw, base: String::new(), text: "k: 1\n".into() };
        s.apply(Action::Hold(typed));
        s.apply(Action::External(vec![External::Saved(stored("d1", 5, "theirs"))]));
        s.apply(Action::Resolve { choice: Choice::KeepBoth, new_id: "copy".into() });
        assert!(s.held("d1", FmBox::Raw).is_none(), "not on the other tab's version");
        assert_eq!(s.held("copy", FmBox::Raw).map(|t| t.text.as_str()), Some("k: 1\n"));
        // "mine" was typed as one text (`edit` is raw mode's SetText): the copy stays one text.
        assert_eq!(s.whole_text.as_deref(), Some("copy"));
    }

    #[test]
    fn keep_both_keeps_each_sides_length_target() {
        use hoego_core::target::{LengthTarget, LengthUnit};
        let mine = LengthTarget::new(LengthUnit::Words, 500);
        let theirs = LengthTarget::new(LengthUnit::CharsNoSpaces, 3000);
        let mut s = state();
        s.apply(Action::SetTarget { target: mine, at: 4.0 });
        edit(&mut s, "mine");
        s.apply(Action::External(vec![External::Saved(StoredDraft { target: theirs, ..stored("d1", 5, "theirs") })]));
        s.apply(Action::Resolve { choice: Choice::KeepBoth, new_id: "copy".into() });
        let targets: Vec<_> = s.drafts.iter().map(|d| (d.id.as_str(), d.target)).collect();
        assert_eq!(targets, [("copy", mine), ("d1", theirs)]);
        // The same text with another target is still a conflict, not "nothing to ask".
        let mut s = state();
        s.apply(Action::SetTarget { target: mine, at: 4.0 });
        s.apply(Action::External(vec![External::Saved(StoredDraft { target: theirs, ..stored("d1", 4, "base") })]));
        assert_eq!(s.conflicts.len(), 1);
    }

    #[test]
    fn same_text_in_both_tabs_needs_no_question() {
        let mut s = state();
        edit(&mut s, "same");
        s.apply(Action::External(vec![External::Saved(stored("d1", 4, "same"))]));
        assert!(s.conflicts.is_empty());
        assert_eq!(texts(&s), [("d1", "same", false)]);
    }

    #[test]
    fn another_tabs_save_of_a_draft_deleted_here_brings_it_back_and_cancels_the_deletion() {
        let mut s = state();
        s.apply(Action::Delete("d1".into()));
        assert_eq!(s.removed, ["d1"]);
        s.apply(Action::External(vec![External::Saved(stored("d1", 4, "theirs"))]));
        assert_eq!(texts(&s), [("d1", "theirs", false)]);
        assert!(s.removed.is_empty(), "storage must not delete what the other tab just saved");
        assert!(s.undo.is_none(), "no undo button left for a delete that was undone elsewhere");
    }

    #[test]
    fn removal_elsewhere_drops_a_clean_draft_but_not_unsaved_text_and_says_so() {
        let removed = || Action::External(vec![External::Removed("d1".into())]);
        let said = |s: &AppState| s.notices.iter().map(|n| (n.level, n.text.clone())).collect::<Vec<_>>();
        let mut s = state();
        assert_eq!(s.view, View::Editor("d1".into()), "the premise: d1 is open");
        s.apply(removed());
        assert!(s.drafts.is_empty());
        assert_eq!(s.view, View::Library);
        assert_eq!(said(&s), [(Level::Warn, "다른 탭에서 삭제한 초안: (제목 없음)".to_string())]);
        let mut s = state();
        edit(&mut s, "unsaved");
        s.apply(removed());
        s.apply(removed());
        assert_eq!(texts(&s), [("d1", "unsaved", true)]);
        let kept = "다른 탭에서 삭제했지만 이 탭의 저장하지 않은 글이 있어 남겨 둔 초안: (제목 없음)".to_string();
        assert_eq!(said(&s), [(Level::Warn, kept)], "said once");
        // Not open and clean: the library shows it gone; nothing to say.
        let mut s = state();
        s.view = View::Library;
        s.apply(removed());
        assert!(s.drafts.is_empty() && s.notices.is_empty());
    }

    #[test]
    fn restore_adds_and_never_replaces_newer_drafts() {
        // Local d1 is stored at revision 3 ("base"). Each row: backup entry → outcome.
        type Row = (StoredDraft, RestoreReport, Vec<(&'static str, &'static str, bool)>);
        let report = |f: fn(&mut RestoreReport)| {
            let mut r = RestoreReport::default();
            f(&mut r);
            r
        };
        let table: Vec<Row> = vec![
            (stored("new", 7, "fresh"), report(|r| r.added = 1), vec![("new", "fresh", true), ("d1", "base", false)]),
            (stored("other-id", 7, "base"), report(|r| r.unchanged = 1), vec![("d1", "base", false)]),
            (stored("d1", 9, "base"), report(|r| r.unchanged = 1), vec![("d1", "base", false)]),
            (stored("d1", 4, "newer"), report(|r| r.replaced = 1), vec![("d1", "newer", true), ("c", "base", true)]),
            (
                stored("d1", 3, "diverged"),
                report(|r| r.copied = 1),
                vec![("d1", "base", false), ("c", "diverged", true)],
            ),
            (stored("d1", 2, "older"), report(|r| r.kept_newer = 1), vec![("d1", "base", false)]),
        ];
        for (item, want, drafts) in table {
            let mut s = state();
            let rev = item.rev;
            s.apply(Action::Restore { items: vec![item], new_ids: vec!["c".into()] });
            assert_eq!(s.restored.as_ref(), Some(&want), "rev {rev}");
            assert_eq!(texts(&s), drafts, "rev {rev}");
        }
    }

    #[test]
    fn restored_drafts_keep_their_revision_when_saved() {
        let mut s = state();
        s.apply(Action::Restore {
            items: vec![stored("new", 7, "x"), stored("d1", 4, "newer")],
            new_ids: vec!["a".into(), "b".into()],
        });
        let rev = |id: &str| s.drafts.iter().find(|d| d.id == id).unwrap().to_pending();
        assert_eq!((rev("new").draft.rev, rev("new").base), (7, 0));
        assert_eq!(
            (rev("d1").draft.rev, rev("d1").base),
            (4, 3),
            "written as the backup's revision, checked against ours"
        );
        assert_eq!((rev("b").draft.rev, rev("b").base), (1, 0), "the older local text is a new draft");
    }
}
