//! App state and its pure reducer. No browser calls here: times and ids come
//! in with the actions, and storage/downloads are effects in `app.rs`.

use std::collections::HashMap;
use std::rc::Rc;

use hoego_core::export::Target;
use hoego_core::slug::SlugStyle;
use hoego_core::templates::Lang;
use hoego_core::{FieldValue, Offset, Post};
use yew::Reducible;

use crate::images::Shelf;
use crate::lazy::lazily;
use crate::storage::{Access, Broken, Loaded, Pending, SaveError, StoredDraft, UserTemplate};
use crate::sync::{Choice, Conflict, External, Persist, RestoreReport};
use hoego_core::target::LengthTarget;

/// One draft in memory.
#[derive(Debug, Clone)]
pub struct Draft {
    /// Stable id (storage key suffix).
    pub id: String,
    /// Imported file name, if any (supplies slug/date to export).
    pub name: Option<String>,
    /// The exact current text.
    pub text: String,
    /// The parsed post, or why it did not parse (then the draft is in raw mode).
    pub post: Result<Post, String>,
    /// ms since epoch.
    pub created: f64,
    /// ms since epoch of the last change.
    pub updated: f64,
    /// Bumped on every change (an in-memory edit counter).
    pub rev: u64,
    /// The `rev` last written to storage.
    pub saved_rev: u64,
    /// The stored revision these edits are based on (0: never stored). A
    /// save checks that storage still holds it, or another tab saved first.
    pub base: u64,
    /// A revision this text already had elsewhere (a restored backup): the
    /// next save never writes a lower one.
    pub carry: u64,
    /// Its length target (stored with it, never in the text).
    pub target: Option<LengthTarget>,
    /// The revision the body editor's last key made: while [`Self::rev`] is
    /// still it, the body is exactly the text that editor sent, and the editor
    /// need not compare it with its own (a scan of the whole body per key).
    pub typed_rev: u64,
}

impl PartialEq for Draft {
    fn eq(&self, o: &Self) -> bool {
        self.id == o.id
            && self.rev == o.rev
            && self.saved_rev == o.saved_rev
            && self.base == o.base
            && self.name == o.name
            && self.target == o.target
    }
}

impl Draft {
    /// A draft from text.
    pub fn new(id: String, name: Option<String>, text: String, at: f64) -> Draft {
        let post = Post::parse(&text).map_err(|e| e.located());
        Draft {
            id,
            name,
            text,
            post,
            created: at,
            updated: at,
            rev: 1,
            saved_rev: 0,
            base: 0,
            carry: 0,
            target: None,
            typed_rev: 0,
        }
    }

    /// From storage. Revision 0 means read from an older layout but not yet
    /// written in the current one: it starts unsaved.
    pub fn from_stored(s: StoredDraft) -> Draft {
        let mut d = Draft::new(s.id, s.name, s.text, s.created);
        d.updated = s.updated;
        d.base = s.rev;
        d.target = s.target;
        if s.rev > 0 {
            d.saved_rev = d.rev;
        }
        d
    }

    /// Has it changes storage does not have?
    pub fn dirty(&self) -> bool {
        self.rev != self.saved_rev
    }

    /// The revision its next save writes.
    pub fn next_rev(&self) -> u64 {
        (self.base + 1).max(self.carry)
    }

    /// The revision a backup records for it: what storage has, or what the
    /// next save will write.
    pub fn backup_rev(&self) -> u64 {
        if self.dirty() {
            self.next_rev()
        } else {
            self.base
        }
    }

    /// As stored at its next revision.
    pub fn to_stored(&self) -> StoredDraft {
        StoredDraft {
            id: self.id.clone(),
            rev: self.next_rev(),
            name: self.name.clone(),
            text: self.text.clone(),
            created: self.created,
            updated: self.updated,
            target: self.target,
        }
    }

    /// What a save writes for it.
    pub fn to_pending(&self) -> Pending {
        Pending { draft: self.to_stored(), base: self.base }
    }

    /// Title for lists.
    pub fn title(&self) -> Option<String> {
        self.post.as_ref().ok().and_then(|p| p.view().title.clone())
    }

    /// This draft with another parsed post; its text is made by
    /// [`Self::touched`], which every edit calls.
    fn with_post(&self, post: Post) -> Draft {
        Draft {
            id: self.id.clone(),
            name: self.name.clone(),
            text: String::new(),
            post: Ok(post),
            created: self.created,
            updated: self.updated,
            rev: self.rev,
            saved_rev: self.saved_rev,
            base: self.base,
            carry: self.carry,
            target: self.target,
            typed_rev: self.typed_rev,
        }
    }

    fn touched(&mut self, at: f64) {
        if let Ok(p) = &self.post {
            self.text = p.to_text();
        }
        self.rev += 1;
        self.updated = at;
    }
}

/// Which screen.
#[derive(Debug, Clone, PartialEq)]
pub enum View {
    /// The draft list.
    Library,
    /// Editing a draft.
    Editor(String),
    /// A broken stored value.
    Recovery(usize),
}

/// The save indicator.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveState {
    /// Everything is stored (time of the last save, ms).
    Saved(f64),
    /// Changes not yet stored.
    Pending,
    /// Storage full: last good copy kept, editing in memory.
    Quota,
    /// Another storage error.
    Error(String),
}

/// How serious a notice is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Something worked.
    Ok,
    /// Worked, with a caveat (e.g. imported in raw mode).
    Warn,
    /// Did not work.
    Error,
}

impl Level {
    /// The CSS class the notice is shown with.
    pub fn class(self) -> &'static str {
        match self {
            Level::Ok => "ok",
            Level::Warn => "warn",
            Level::Error => "error",
        }
    }
}

/// A message for the user.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    /// How serious.
    pub level: Level,
    /// Text.
    pub text: String,
}

/// Export panel settings.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportSettings {
    /// Target generator.
    pub target: Target,
    /// Offset for floating times and filenames.
    pub offset: Offset,
    /// Slug style.
    pub slug_style: SlugStyle,
    /// The writer chose these (in the export panel or the library); until
    /// then the target follows the generator the open draft was written for.
    pub chosen: bool,
}

/// A front matter box that applies on a button (a half-typed key never
/// reaches the post).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FmBox {
    /// The raw front matter mode's box.
    Raw,
    /// The form's box of the keys it has no field for.
    Other,
}

impl FmBox {
    /// What the box shows of `post` when nothing is held.
    pub fn shown(self, post: &Post) -> String {
        match self {
            FmBox::Raw => post.front_matter_text().to_string(),
            FmBox::Other => post.other_fields_text(TYPED_KEYS),
        }
    }
}

/// Text typed into a front matter box and not applied. Memory only: until
/// Apply it is in no draft and no storage (a reload asks first).
#[derive(Debug, Clone, PartialEq)]
pub struct Typed {
    /// The draft it was typed in.
    pub draft: String,
    /// The box.
    pub kind: FmBox,
    /// What the box showed when typing began.
    pub base: String,
    /// The box's text (a textarea's: `\n` lines only).
    pub text: String,
}

impl Typed {
    /// Not applied: it differs from what the box shows of the post (`shown`,
    /// in the post's line endings).
    pub fn unapplied(&self, shown: &str) -> bool {
        self.text != hoego_core::line_endings::to_lf(shown)
    }
}

/// The whole app state.
#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    /// UI language.
    pub lang: Lang,
    /// Dark theme?
    pub dark: bool,
    /// Drafts in library order.
    pub drafts: Vec<Rc<Draft>>,
    /// Stored values that failed to load.
    pub broken: Vec<Broken>,
    /// Current screen.
    pub view: View,
    /// Save indicator.
    pub save: SaveState,
    /// The last save failed (storage full or another error) and none has
    /// succeeded since. Unlike `save`, an edit after the failure (`Pending`)
    /// does not clear it: the edits are still unwritten.
    pub save_failed: bool,
    /// Last deleted draft and its position, for undo.
    pub undo: Option<(Rc<Draft>, usize)>,
    /// Messages.
    pub notices: Vec<Notice>,
    /// The last import's plain successes among `notices` (the next import replaces them).
    import_said: Vec<Notice>,
    /// Library search text.
    pub search: String,
    /// Drafts the last import brought in without opening one (several
    /// files, or a paste): highlighted in the library and its series view
    /// until the next user action.
    pub imported: Vec<String>,
    /// Export settings.
    pub export: ExportSettings,
    /// Show raw front matter instead of the form.
    pub fm_raw: bool,
    /// The draft being edited as one text (it opened in raw mode: its front
    /// matter did not read) after a key there: it stays one text until the
    /// writer asks for the form, even once the front matter reads, so the key
    /// that fixes it does not swap the editor (and its focus) under the keys
    /// that follow.
    pub whole_text: Option<String>,
    /// An error from the last form/other-fields edit.
    pub edit_error: Option<String>,
    /// Whether drafts can be saved in this browser.
    pub access: Access,
    /// Drafts another tab saved while this one had unsaved changes (the
    /// first is asked about).
    pub conflicts: Vec<Conflict>,
    /// The answer to `navigator.storage.persist()`.
    pub persist: Persist,
    /// What the last restore from a backup did.
    pub restored: Option<RestoreReport>,
    /// Storage usage and quota in bytes, when the browser says.
    pub usage: Option<(f64, f64)>,
    /// What localStorage, where drafts live, holds (UTF-16 code units): the
    /// estimate above does not count it, and it fills long before that quota.
    pub local: Option<f64>,
    /// Drafts deleted here that storage still has (the next save removes them).
    pub removed: Vec<String>,
    /// The images imported with posts: how many, and whether a reload keeps them.
    pub images: Shelf,
    /// The user's templates, as last read from or written to storage.
    pub templates: Vec<UserTemplate>,
    /// The user template previewed in the library (its id).
    pub tpl_preview: Option<String>,
    /// Front matter text typed and not applied, per draft and box: held here,
    /// not in the box, so that a mode switch, the library or another draft in
    /// between does not drop it.
    pub held: Vec<Typed>,
    /// Storage has been read ([`Action::Loaded`]). Until then nothing is drawn in
    /// the main area: not the empty library a first visit would flash before its
    /// sample draft opens (and whose code would then be in its first download).
    pub loaded: bool,
}

impl AppState {
    /// Initial state before storage is read.
    pub fn new(lang: Lang, dark: bool, offset: Offset) -> AppState {
        AppState {
            lang,
            dark,
            drafts: Vec::new(),
            broken: Vec::new(),
            view: View::Library,
            save: SaveState::Saved(0.0),
            undo: None,
            notices: Vec::new(),
            import_said: Vec::new(),
            search: String::new(),
            imported: Vec::new(),
            export: ExportSettings { target: Target::Jekyll, offset, slug_style: SlugStyle::Romanize, chosen: false },
            fm_raw: false,
            whole_text: None,
            edit_error: None,
            access: Access::Writable,
            conflicts: Vec::new(),
            persist: Persist::NotAsked,
            restored: None,
            usage: None,
            save_failed: false,
            local: None,
            removed: Vec::new(),
            images: Shelf::default(),
            templates: Vec::new(),
            tpl_preview: None,
            held: Vec::new(),
            loaded: false,
        }
    }

    /// Held front matter text of draft `from` now belongs to `to` (the local
    /// side of a conflict or restore, kept under a new id).
    pub(crate) fn move_held(&mut self, from: &str, to: &str) {
        for t in self.held.iter_mut().filter(|t| t.draft == from) {
            t.draft = to.to_string();
        }
    }

    /// What is held for `kind` of draft `id`.
    pub fn held(&self, id: &str, kind: FmBox) -> Option<&Typed> {
        self.held.iter().find(|t| t.draft == id && t.kind == kind)
    }

    /// Whether the last save failed (storage full or another error) while a
    /// draft has changes storage does not have: leaving the page would lose them.
    pub fn unsaved_after_failure(&self) -> bool {
        self.save_failed && self.drafts.iter().any(|d| d.dirty())
    }

    /// Whether a draft with changes has never been stored at all (`base` 0):
    /// when storage is full, there is no "last saved copy" of it to fall back on.
    pub fn unstored_drafts(&self) -> bool {
        self.drafts.iter().any(|d| d.dirty() && d.base == 0)
    }

    /// Whether any draft's box holds text that differs from what its post shows:
    /// leaving the page would lose it.
    pub fn holds_unapplied(&self) -> bool {
        self.held.iter().any(|t| {
            let post = self.drafts.iter().find(|d| d.id == t.draft).and_then(|d| d.post.as_ref().ok());
            post.is_some_and(|p| t.unapplied(&t.kind.shown(p)))
        })
    }

    /// The draft being edited.
    pub fn current(&self) -> Option<&Rc<Draft>> {
        match &self.view {
            View::Editor(id) => self.drafts.iter().find(|d| &d.id == id),
            _ => None,
        }
    }

    /// Drafts with unsaved changes.
    pub fn dirty(&self) -> Vec<Rc<Draft>> {
        self.drafts.iter().filter(|d| d.dirty()).cloned().collect()
    }

    /// Drafts to write now: unsaved, and not waiting for a conflict answer.
    /// None when storage is not writable.
    pub fn to_save(&self) -> Vec<Rc<Draft>> {
        if !self.access.writable() {
            return Vec::new();
        }
        self.drafts.iter().filter(|d| d.dirty() && !self.conflicts.iter().any(|c| c.id == d.id)).cloned().collect()
    }

    /// Ids in library order (the stored index).
    pub fn ids(&self) -> Vec<String> {
        self.drafts.iter().map(|d| d.id.clone()).collect()
    }
}

/// A file brought in by import.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// New draft id.
    pub id: String,
    /// File name (or `None` for a paste).
    pub name: Option<String>,
    /// Its text, or why it could not be read.
    pub text: Result<String, String>,
    /// A note (e.g. decoded from EUC-KR).
    pub note: Option<String>,
    /// `text` already made into a draft with this id and name (`Imported::parsed`),
    /// so that parsing a large file is a task of its own, not part of the
    /// dispatch that draws the editor; `None`: the reducer makes it.
    pub parsed: Option<Box<Draft>>,
}

impl Imported {
    /// Make the draft now (see `parsed`): a post of 1 MB takes ~100 ms to parse.
    pub fn parsed(mut self) -> Imported {
        if let Ok(text) = &self.text {
            self.parsed = Some(Box::new(Draft::new(self.id.clone(), self.name.clone(), text.clone(), 0.0)));
        }
        self
    }
}

/// Everything that changes state.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Storage was read.
    Loaded(Loaded),
    /// Create a draft from text and open it.
    Create { id: String, text: String, at: f64 },
    /// Files or a paste came in.
    Import { items: Vec<Imported>, at: f64, messages: ImportMessages },
    /// Open a draft.
    Open(String),
    /// Open a broken value's recovery view.
    OpenRecovery(usize),
    /// Back to the library.
    Library,
    /// Duplicate a draft.
    Duplicate { id: String, new_id: String, at: f64 },
    /// Delete a draft (undoable).
    Delete(String),
    /// Undo the last delete.
    UndoDelete,
    /// Set a front matter key of the current draft.
    SetField { key: String, value: FieldValue, at: f64 },
    /// Remove a key of the current draft.
    UnsetField { key: String, at: f64 },
    /// Replace the current draft's body. `typed`: sent by the body editor,
    /// whose textarea already holds it (see `Draft::typed_rev`); any other
    /// sender's body must be written into the textarea.
    SetBody { body: String, typed: bool, at: f64 },
    /// Set or clear the current draft's length target.
    SetTarget { target: Option<LengthTarget>, at: f64 },
    /// The user's templates as storage now holds them.
    Templates(Vec<UserTemplate>),
    /// Preview a user template in the library (`None` closes the preview).
    PreviewTemplate(Option<String>),
    /// Replace the current draft's whole text (raw mode).
    SetText { text: String, at: f64 },
    /// Leave the one-text editor of [`AppState::whole_text`] for the form.
    EditAsForm,
    /// Hold what was typed into a front matter box (replacing what that box
    /// of that draft held).
    Hold(Typed),
    /// Drop what a box of a draft held (its text was applied).
    Release { draft: String, kind: FmBox },
    /// Replace the front matter text (raw front matter mode).
    SetFrontMatter { text: String, at: f64 },
    /// Replace the "other fields" entries.
    SetOtherFields { text: String, at: f64 },
    /// These drafts were saved: (id, edit counter written, stored revision);
    /// these deletions reached storage.
    Saved { revs: Vec<(String, u64, u64)>, removed: Vec<String>, at: f64 },
    /// A save failed.
    SaveFailed(SaveError),
    /// Switch language.
    SetLang(Lang),
    /// Switch theme.
    SetDark(bool),
    /// Library search.
    SetSearch(String),
    /// Export settings.
    SetExport(ExportSettings),
    /// Toggle raw front matter mode.
    SetFmRaw(bool),
    /// Show a message (e.g. a download the browser refused).
    Notify(Notice),
    /// Dismiss all messages.
    DismissNotices,
    /// Dismiss one message (by position).
    DismissNotice(usize),
    /// Another tab saved or removed drafts (seen by a `storage` event, or by
    /// a save that found a newer revision).
    External(Vec<External>),
    /// Answer the first conflict; `new_id` names a copy if one is made.
    Resolve { choice: Choice, new_id: String },
    /// Drafts read from a backup; `new_ids` (one per draft) name copies.
    Restore { items: Vec<StoredDraft>, new_ids: Vec<String> },
    /// The browser answered the persistent storage request.
    Persisted(Persist),
    /// Storage usage and quota, and whether it is already persistent.
    Usage { usage: Option<(f64, f64)>, local: Option<f64>, persisted: Option<bool> },
    /// The imported images changed, or their store answered.
    Images(Shelf),
}

impl Action {
    /// Did the user do it (rather than storage, another tab or the browser)?
    /// A user action ends the import highlight; background ones keep it.
    fn is_user(&self) -> bool {
        !matches!(
            self,
            Action::Loaded(_)
                | Action::Saved { .. }
                | Action::SaveFailed(_)
                | Action::Notify(_)
                | Action::External(_)
                | Action::Persisted(_)
                | Action::Usage { .. }
                | Action::Images(_)
                // Storage telling us the templates (ours written, or another tab's).
                | Action::Templates(_)
        )
    }
}

/// One notice for the files imported without a caveat: `Imported: a.md` or
/// `Imported: a.md, b.md, c.md … (12)`.
fn ok_summary(ok: &str, labels: &[String]) -> Option<String> {
    match labels {
        [] => None,
        [one] => Some(format!("{ok}: {one}")),
        _ => {
            let shown = labels.iter().take(3).map(String::as_str).collect::<Vec<_>>().join(", ");
            let more = if labels.len() > 3 { " …" } else { "" };
            Some(format!("{ok}: {shown}{more} ({})", labels.len()))
        }
    }
}

/// Localised import messages (the reducer does not know the UI language table).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ImportMessages {
    /// "Imported".
    pub ok: String,
    /// "imported in raw mode".
    pub raw: String,
    /// "Unreadable file".
    pub bad: String,
    /// "Already in the library, not imported again".
    pub same: String,
    /// "Pasted post", what a paste is named by in a notice.
    pub pasted: String,
}

/// A hash of a draft's text (to find a file imported again without keeping copies).
fn text_hash(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

/// Keys the typed form edits; the rest show in "other fields".
pub const TYPED_KEYS: &[&str] =
    &["title", "date", "tags", "categories", "description", "slug", "draft", "layout", "template", "cover", "author"];

impl AppState {
    fn edit_current(&mut self, at: f64, f: impl FnOnce(&mut Draft) -> Result<(), String>) {
        let View::Editor(id) = &self.view else { return };
        let Some(slot) = self.drafts.iter_mut().find(|d| &d.id == id) else { return };
        let d = Rc::make_mut(slot);
        match f(d) {
            Ok(()) => {
                d.touched(at);
                self.edit_error = None;
                if !matches!(self.save, SaveState::Quota) {
                    self.save = SaveState::Pending;
                }
            }
            Err(e) => self.edit_error = Some(e),
        }
    }

    /// A key typed in the body: [`Self::edit_current`], but the new draft is
    /// made from the current one's parts. Why: the editor holds the current
    /// draft too, so editing it in place first copies all of it
    /// (`Rc::make_mut`), text and body included, on every key typed.
    fn set_body(&mut self, body: String, typed: bool, at: f64) {
        let View::Editor(id) = &self.view else { return };
        let Some(slot) = self.drafts.iter_mut().find(|d| &d.id == id) else { return };
        let made = match &slot.post {
            Ok(p) => Ok(slot.with_post(p.with_body(body))),
            Err(_) => Err("raw mode".to_string()),
        };
        match made {
            Ok(mut d) => {
                d.touched(at);
                if typed {
                    d.typed_rev = d.rev;
                }
                *slot = Rc::new(d);
                self.edit_error = None;
                if !matches!(self.save, SaveState::Quota) {
                    self.save = SaveState::Pending;
                }
            }
            Err(e) => self.edit_error = Some(e),
        }
    }

    /// Until the writer chooses a target, export the open draft for the
    /// generator it was written for: a Gatsby post (the library's badge says
    /// so) downloaded as a Jekyll one got `layout: post` and a `_posts/` name.
    fn follow_dialect(&mut self) {
        if self.export.chosen {
            return;
        }
        let Some(Ok(post)) = self.current().map(|d| &d.post) else { return };
        self.export.target = written_for(post, hoego_core::dialect::detect(post).dialect);
    }

    /// One imported file opens in the editor; several stay (or land) in the
    /// library, highlighted. A single paste stays in the library too.
    fn after_import(&mut self, new_ids: Vec<String>, from_file: bool) {
        match new_ids.as_slice() {
            [] => {}
            [id] if from_file => {
                self.view = View::Editor(id.clone());
                self.edit_error = None;
                self.follow_dialect();
            }
            _ => {
                if new_ids.len() > 1 {
                    self.view = View::Library;
                }
                self.imported = new_ids;
            }
        }
    }

    /// Add imported files as drafts. A file already in the library (same file
    /// name, same text) is not added again: importing a folder twice must not
    /// double every post (and every point of its series chart). By the file
    /// name, not the path: a folder import's draft is named by its path there,
    /// and the same file picked alone, or imported before paths were kept, or
    /// from the folder renamed, is still the same post.
    fn import(&mut self, items: Vec<Imported>, at: f64, messages: &ImportMessages) {
        let have: HashMap<(Option<&str>, u64), String> =
            self.drafts.iter().map(|d| ((file_part(d.name.as_deref()), text_hash(&d.text)), d.id.clone())).collect();
        let (mut new_ids, mut same, mut from_file) = (Vec::new(), Vec::new(), false);
        let (mut notices, mut drafts) = (Vec::new(), Vec::new());
        // Plain successes are said once for the batch (a folder import put one
        // notice per file above the library); warnings and errors stay one each.
        let mut ok_labels: Vec<String> = Vec::new();
        for it in items {
            let label = it.name.clone().unwrap_or_else(|| messages.pasted.clone());
            let text = match it.text {
                Err(e) => {
                    notices.push(Notice { level: Level::Error, text: format!("{}: {label}: {e}", messages.bad) });
                    continue;
                }
                Ok(text) => text,
            };
            from_file = it.name.is_some();
            if let Some(id) = have.get(&(file_part(it.name.as_deref()), text_hash(&text))) {
                same.push(id.clone());
                continue;
            }
            // The text as it came: a `YYYY-MM-DD-slug.md` name's date and slug
            // reach the export through the draft's name (`source_name`), so
            // nothing is written into a front matter the user did not touch.
            let d = match it.parsed {
                Some(d) if d.text == text && d.id == it.id && d.name == it.name => {
                    Draft { created: at, updated: at, ..*d }
                }
                _ => Draft::new(it.id.clone(), it.name.clone(), text, at),
            };
            match (&d.post, &it.note) {
                (Ok(_), None) => ok_labels.push(label),
                (post, note) => {
                    let (level, msg) = match post {
                        Ok(_) => (Level::Ok, messages.ok.clone()),
                        Err(e) => (Level::Warn, format!("{} ({e})", messages.raw)),
                    };
                    let note = note.as_ref().map(|n| format!(" — {n}")).unwrap_or_default();
                    notices.push(Notice { level, text: format!("{msg}: {label}{note}") });
                }
            }
            new_ids.push(it.id.clone());
            drafts.push(Rc::new(d));
        }
        notices.extend(ok_summary(&messages.ok, &ok_labels).map(|text| Notice { level: Level::Ok, text }));
        if !same.is_empty() {
            notices.push(Notice { level: Level::Ok, text: format!("{} ({})", messages.same, same.len()) });
        }
        // An earlier import's "Imported: …" is old news: seven imports stacked seven
        // of them above the editor. Its warnings and errors, and other notices (a
        // folder's `_config.yml` read), stay until dismissed.
        let said: Vec<Notice> = notices.iter().filter(|n| n.level == Level::Ok).cloned().collect();
        let old = std::mem::replace(&mut self.import_said, said);
        self.notices.retain(|n| !old.contains(n));
        self.notices.extend(notices);
        if !new_ids.is_empty() {
            self.save = SaveState::Pending;
        }
        self.drafts.extend(drafts);
        // Nothing new from one file that is already here: open that one.
        let shown = if new_ids.is_empty() && same.len() == 1 { same } else { new_ids };
        self.after_import(shown, from_file);
        // Unstable sort with an id tie-break: same order every time, and the
        // stable sort's extra code is not worth its bytes in the wasm.
        self.drafts.sort_unstable_by(|a, b| b.updated.total_cmp(&a.updated).then_with(|| a.id.cmp(&b.id)));
    }

    /// Apply an action (pure).
    pub fn apply(&mut self, action: Action) {
        type ImportFn = fn(&mut AppState, Vec<Imported>, f64, &ImportMessages);
        type ExternalFn = fn(&mut AppState, Vec<External>);
        type ResolveFn = fn(&mut AppState, Choice, String);
        type RestoreFn = fn(&mut AppState, Vec<StoredDraft>, Vec<String>);
        if action.is_user() {
            self.imported.clear();
        }
        match action {
            Action::Loaded(loaded) => {
                self.loaded = true;
                self.drafts = loaded.drafts.into_iter().map(|d| Rc::new(Draft::from_stored(d))).collect();
                self.broken = loaded.broken;
                self.access = loaded.access;
                self.templates = loaded.templates;
                if !self.dirty().is_empty() {
                    self.save = SaveState::Pending;
                }
                if let Some(id) = loaded.open.filter(|id| self.drafts.iter().any(|d| d.id == *id)) {
                    self.apply(Action::Open(id));
                }
            }
            Action::Create { id, text, at } => {
                self.tpl_preview = None;
                self.drafts.insert(0, Rc::new(Draft::new(id.clone(), None, text, at)));
                self.view = View::Editor(id);
                self.save = SaveState::Pending;
            }
            // Rare at a first screen: kept out of its download (`lazily`).
            Action::Import { items, at, messages } => lazily::<ImportFn>(Self::import)(self, items, at, &messages),
            Action::Open(id) => {
                self.view = View::Editor(id);
                self.edit_error = None;
                self.whole_text = None;
                self.follow_dialect();
            }
            Action::OpenRecovery(i) => self.view = View::Recovery(i),
            Action::Library => self.view = View::Library,
            Action::EditAsForm => self.whole_text = None,
            Action::Duplicate { id, new_id, at } => {
                if let Some(pos) = self.drafts.iter().position(|d| d.id == id) {
                    let src = &self.drafts[pos];
                    let mut d = Draft::new(new_id, src.name.clone(), src.text.clone(), at);
                    d.target = src.target;
                    self.drafts.insert(pos, Rc::new(d));
                    self.save = SaveState::Pending;
                }
            }
            Action::Hold(typed) => {
                self.held.retain(|t| !(t.draft == typed.draft && t.kind == typed.kind));
                self.held.push(typed);
                // The last Apply's refusal was about other text than the box now holds.
                self.edit_error = None;
            }
            Action::Release { draft, kind } => {
                self.held.retain(|t| !(t.draft == draft && t.kind == kind));
                // As after Hold: a refusal is about text the box no longer holds.
                self.edit_error = None;
            }
            Action::Delete(id) => {
                self.held.retain(|t| t.draft != id);
                if let Some(pos) = self.drafts.iter().position(|d| d.id == id) {
                    let d = self.drafts.remove(pos);
                    if d.base > 0 {
                        self.removed.push(d.id.clone());
                    }
                    self.undo = Some((d, pos));
                    if self.view == View::Editor(id) {
                        self.view = View::Library;
                    }
                }
            }
            Action::UndoDelete => {
                // Back already (another tab saved it after the delete): that copy is
                // the newer one; a second would list it twice and store its id twice.
                let back = |d: &Draft| self.drafts.iter().any(|o| o.id == d.id);
                if let Some((d, pos)) = self.undo.take().filter(|(d, _)| !back(d)) {
                    self.removed.retain(|id| *id != d.id);
                    let mut d = (*d).clone();
                    d.saved_rev = 0; // storage no longer has it: write again
                    self.drafts.insert(pos.min(self.drafts.len()), Rc::new(d));
                    self.save = SaveState::Pending;
                }
            }
            Action::SetField { key, value, at } => self.edit_current(at, |d| match &mut d.post {
                Ok(p) => p.set(&key, &value).map_err(|e| e.to_string()),
                Err(_) => Err("raw mode".into()),
            }),
            Action::UnsetField { key, at } => self.edit_current(at, |d| match &mut d.post {
                Ok(p) => p.unset(&key).map_err(|e| e.to_string()),
                Err(_) => Err("raw mode".into()),
            }),
            Action::SetBody { body, typed, at } => self.set_body(body, typed, at),
            Action::SetTarget { target, at } => self.edit_current(at, |d| {
                d.target = target;
                Ok(())
            }),
            Action::Templates(list) => {
                self.tpl_preview = self.tpl_preview.take().filter(|id| list.iter().any(|t| &t.id == id));
                self.templates = list;
            }
            Action::PreviewTemplate(id) => self.tpl_preview = id,
            Action::SetText { text, at } => {
                if let View::Editor(id) = &self.view {
                    self.whole_text = Some(id.clone());
                }
                self.edit_current(at, |d| {
                    let fresh = Draft::new(d.id.clone(), d.name.clone(), text.clone(), at);
                    d.post = fresh.post;
                    d.text = text;
                    Ok(())
                });
            }
            Action::SetFrontMatter { text, at } => self.edit_current(at, |d| match &mut d.post {
                Ok(p) => p.set_front_matter_text(&text).map_err(|e| e.to_string()),
                Err(_) => Err("raw mode".into()),
            }),
            Action::SetOtherFields { text, at } => {
                let lang = self.lang;
                self.edit_current(at, |d| match &mut d.post {
                    Ok(p) => p.set_other_fields(TYPED_KEYS, &text).map_err(|e| other_fields_error(lang, &e)),
                    Err(_) => Err("raw mode".into()),
                })
            }
            Action::Saved { revs, removed, at } => {
                self.removed.retain(|id| !removed.contains(id));
                for (id, rev, stored) in revs {
                    if let Some(slot) = self.drafts.iter_mut().find(|d| d.id == id) {
                        let d = Rc::make_mut(slot);
                        (d.saved_rev, d.base, d.carry) = (rev, stored, 0);
                    }
                }
                self.save = if self.dirty().is_empty() { SaveState::Saved(at) } else { SaveState::Pending };
                self.save_failed = false;
            }
            Action::SaveFailed(e) => match e {
                SaveError::Quota => (self.save, self.save_failed) = (SaveState::Quota, true),
                SaveError::Other(m) => (self.save, self.save_failed) = (SaveState::Error(m), true),
                SaveError::Unavailable(m) => self.access = Access::Unavailable(m),
                SaveError::Newer(n) => self.access = Access::Newer(n),
            },
            Action::SetLang(l) => self.lang = l,
            Action::SetDark(d) => self.dark = d,
            Action::SetSearch(s) => self.search = s,
            // Only picking a target is choosing one: an offset or slug style leaves it following drafts.
            Action::SetExport(e) => {
                let chosen = self.export.chosen || e.chosen || e.target != self.export.target;
                self.export = ExportSettings { chosen, ..e };
            }
            Action::SetFmRaw(r) => {
                // Either mode button leaves the one-text editor too.
                self.fm_raw = r;
                self.whole_text = None;
            }
            Action::Notify(n) => self.notices.push(n),
            Action::DismissNotices => self.notices.clear(),
            Action::DismissNotice(i) => {
                if i < self.notices.len() {
                    self.notices.remove(i);
                }
            }
            Action::External(changes) => lazily::<ExternalFn>(Self::external)(self, changes),
            // A conflict's answer and a backup's restore: never on a first screen either.
            Action::Resolve { choice, new_id } => lazily::<ResolveFn>(Self::resolve)(self, choice, new_id),
            Action::Restore { items, new_ids } => lazily::<RestoreFn>(Self::restore)(self, items, new_ids),
            Action::Persisted(p) => self.persist = p,
            Action::Images(shelf) => self.images = shelf,
            Action::Usage { usage, local, persisted } => {
                self.usage = usage;
                self.local = local;
                if persisted == Some(true) {
                    self.persist = Persist::Granted;
                }
            }
        }
        // The one-text editor belongs to the draft on screen: any other view
        // (another draft opened by an import, a drop, the library) ends it.
        if !matches!(&self.view, View::Editor(id) if self.whole_text.as_ref() == Some(id)) {
            self.whole_text = None;
        }
    }
}

impl Reducible for AppState {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = Rc::unwrap_or_clone(self);
        s.apply(action);
        Rc::new(s)
    }
}

/// The export target for a post written for `dialect` (`detect`'s): Gatsby's
/// flavor by its `template` key (Lumen's posts name theirs), else Jekyll.
pub(crate) fn written_for(post: &Post, dialect: hoego_core::dialect::Dialect) -> Target {
    use hoego_core::export::Flavor;
    match dialect {
        hoego_core::dialect::Dialect::Gatsby => Target::Gatsby(match post.field("template") {
            Some(hoego_core::value::Value::String(t)) if t == "post" => Flavor::Lumen,
            _ => Flavor::StarterBlog,
        }),
        _ => Target::Jekyll,
    }
}

/// Why the other-fields box was refused, in the UI's language where it is the
/// box's own rule (YAML errors stay as the parser words them).
fn other_fields_error(lang: Lang, e: &hoego_core::EditError) -> String {
    use crate::i18n::{t, Key};
    use hoego_core::EditError;
    match e {
        EditError::FormKey(k) => t(lang, Key::OtherFormKey).replace("{key}", k),
        EditError::RepeatedKey(k) => t(lang, Key::OtherRepeatedKey).replace("{key}", k),
        other => other.to_string(),
    }
}

/// The file name of an imported draft's name (a folder import's is its path there).
pub(crate) fn file_part(name: Option<&str>) -> Option<&str> {
    name.map(|n| n.rsplit('/').next().unwrap_or(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state() -> AppState {
        AppState::new(Lang::Ko, false, Offset::KST)
    }

    #[test]
    fn edits_keep_untouched_bytes_and_mark_dirty() {
        let mut s = state();
        let text = "---\ntitle:  'a'   # keep\ntags: [x]\n---\nbody\n";
        s.apply(Action::Create { id: "d1".into(), text: text.into(), at: 1.0 });
        s.apply(Action::SetField { key: "tags".into(), value: FieldValue::List(vec!["z".into()]), at: 2.0 });
        let d = s.current().unwrap();
        assert_eq!(d.text, "---\ntitle:  'a'   # keep\ntags: [z]\n---\nbody\n");
        assert_eq!(s.dirty().len(), 1);
        s.apply(Action::Saved { revs: vec![("d1".into(), d.rev, 1)], removed: Vec::new(), at: 3.0 });
        assert!(s.dirty().is_empty());
        assert_eq!(s.save, SaveState::Saved(3.0));
    }

    /// A reload opens the draft the tab had open, if it loaded; else the library.
    #[test]
    fn a_reload_opens_the_draft_this_tab_had_open_if_it_is_still_there() {
        let stored = |id: &str| crate::storage::StoredDraft {
            id: id.into(),
            rev: 1,
            name: None,
            text: "---\ntitle: a\n---\nx\n".into(),
            created: 1.0,
            updated: 1.0,
            target: None,
        };
        let loaded = |open: Option<&str>| crate::storage::Loaded {
            drafts: vec![stored("a"), stored("b")],
            open: open.map(str::to_string),
            ..Default::default()
        };
        for (open, want) in
            [(Some("b"), View::Editor("b".into())), (Some("gone"), View::Library), (None, View::Library)]
        {
            let mut s = state();
            s.apply(Action::Loaded(loaded(open)));
            assert_eq!(s.view, want, "{open:?}");
        }
    }

    /// A failed save keeps the leave guard on through later edits (`Pending`)
    /// until a save succeeds; a draft never stored is told apart from one whose
    /// last copy storage still has.
    #[test]
    fn a_failed_save_guards_leaving_until_a_save_succeeds() {
        let mut s = state();
        s.apply(Action::Create { id: "d1".into(), text: "---\ntitle: a\n---\nx\n".into(), at: 1.0 });
        assert!(s.unstored_drafts() && !s.unsaved_after_failure());
        let rev = s.current().unwrap().rev;
        s.apply(Action::Saved { revs: vec![("d1".into(), rev, 1)], removed: Vec::new(), at: 2.0 });
        s.apply(Action::SetField { key: "title".into(), value: FieldValue::Text("b".into()), at: 3.0 });
        s.apply(Action::SaveFailed(SaveError::Quota));
        assert!(s.unsaved_after_failure() && !s.unstored_drafts(), "stored once: its last copy is kept");
        s.apply(Action::SetField { key: "title".into(), value: FieldValue::Text("c".into()), at: 4.0 });
        assert!(s.unsaved_after_failure(), "an edit after the failure does not lift the guard");
        let rev = s.current().unwrap().rev;
        s.apply(Action::Saved { revs: vec![("d1".into(), rev, 2)], removed: Vec::new(), at: 5.0 });
        assert!(!s.unsaved_after_failure());
    }

    /// Until the writer picks a target, opening a draft exports it for the
    /// generator it was written for; once picked, the choice stays.
    #[test]
    fn the_export_target_follows_the_open_draft_until_chosen() {
        let mut s = state();
        let gatsby = "---\ntitle: g\ndate: \"2022-06-29T06:00:00\"\ndescription: d\nemoji: 🐍\n---\n![](./a.png)\n";
        let lumen = "---\ntitle: l\ntemplate: \"post\" # Lumen\nslug: /posts/l\ndraft: false\ncategory: c\n---\nx\n";
        let jekyll = "---\nlayout: post\ntitle: j\ncategories: [a]\n---\n{% raw %}x{% endraw %}\n";
        for (id, text) in [("g", gatsby), ("l", lumen), ("j", jekyll)] {
            s.apply(Action::Create { id: id.into(), text: text.into(), at: 1.0 });
        }
        let gatsby_target = Target::Gatsby(hoego_core::export::Flavor::StarterBlog);
        let steps = [
            ("g", gatsby_target),
            ("j", Target::Jekyll),
            ("l", Target::Gatsby(hoego_core::export::Flavor::Lumen)),
            ("g", gatsby_target),
        ];
        for (id, want) in steps {
            s.apply(Action::Open(id.into()));
            assert_eq!(s.export.target, want, "{id}");
        }
        // An offset is no choice of target; picking Jekyll is (it was Gatsby here).
        s.apply(Action::SetExport(ExportSettings { offset: Offset::UTC, ..s.export.clone() }));
        s.apply(Action::Open("j".into()));
        assert_eq!(s.export.target, Target::Jekyll, "still following");
        s.apply(Action::Open("g".into()));
        s.apply(Action::SetExport(ExportSettings { target: Target::Jekyll, ..s.export.clone() }));
        s.apply(Action::Open("l".into()));
        assert_eq!(s.export.target, Target::Jekyll, "chosen");
    }

    /// Only the body editor's own keys mark the body as its echo: after any
    /// other change (the goal summary's insert sends a body too, a field, a
    /// raw text) the editor must write the state's body into its textarea.
    #[test]
    fn only_the_body_editors_keys_are_its_echo() {
        let mut s = state();
        s.apply(Action::Create { id: "d1".into(), text: "---\ntitle: t\n---\nbody\n".into(), at: 1.0 });
        let echo = |s: &AppState| s.current().is_some_and(|d| d.typed_rev == d.rev);
        // (action, echo after it)
        let steps = [
            (Action::SetBody { body: "body 1\n".into(), typed: true, at: 2.0 }, true),
            (Action::SetBody { body: "body 2\n".into(), typed: false, at: 3.0 }, false),
            (Action::SetBody { body: "body 3\n".into(), typed: true, at: 4.0 }, true),
            (Action::SetField { key: "title".into(), value: FieldValue::Str("u".into()), at: 5.0 }, false),
            (Action::SetBody { body: "body 4\n".into(), typed: true, at: 6.0 }, true),
            (Action::SetText { text: "---\ntitle: v\n---\nbody 5\n".into(), at: 7.0 }, false),
        ];
        for (i, (action, want)) in steps.into_iter().enumerate() {
            s.apply(action);
            assert_eq!(echo(&s), want, "step {i}");
        }
        assert_eq!(s.current().unwrap().text, "---\ntitle: v\n---\nbody 5\n");
    }

    /// Text held for a front matter box outlives the editor: another draft,
    /// the library and back keep it; Apply (Release) and deleting the draft
    /// drop it; it counts as unapplied only while it differs from the post.
    #[test]
    fn held_box_text_is_kept_per_draft_until_applied() {
        let mut s = state();
        s.apply(Action::Create { id: "a".into(), text: "---\ntitle: t\n---\nbody\n".into(), at: 1.0 });
        s.apply(Action::Create { id: "b".into(), text: "---\ntitle: u\n---\nbody\n".into(), at: 2.0 });
        let typed = |draft: &str, text: &str| Typed {
            draft: draft.into(),
            kind: FmBox::Raw,
            base: "title: t\n".into(),
            text: text.into(),
        };
        s.apply(Action::Hold(typed("a", "title: t\nx: 1\n")));
        s.apply(Action::Open("b".into()));
        s.apply(Action::Library);
        s.apply(Action::Open("a".into()));
        assert_eq!(s.held("a", FmBox::Raw).map(|t| t.text.as_str()), Some("title: t\nx: 1\n"));
        assert!(s.holds_unapplied());
        // Typed again: replaces, one entry per draft and box.
        s.apply(Action::Hold(typed("a", "title: t\n")));
        assert_eq!(s.held.len(), 1);
        assert!(!s.holds_unapplied(), "the same text as the post's is nothing to lose");
        s.apply(Action::Hold(typed("a", "title: t\ny: 2\n")));
        s.apply(Action::Release { draft: "a".into(), kind: FmBox::Other });
        assert!(s.holds_unapplied(), "another box's release keeps it");
        s.apply(Action::Release { draft: "a".into(), kind: FmBox::Raw });
        assert!(s.held.is_empty());
        s.apply(Action::Hold(typed("b", "title: u\nz: 3\n")));
        s.apply(Action::Delete("b".into()));
        assert!(s.held.is_empty() && !s.holds_unapplied());
    }

    #[test]
    fn malformed_draft_stays_raw_and_loses_nothing() {
        let mut s = state();
        let text = "---\ntitle: [unclosed\n---\nbody\n";
        s.apply(Action::Create { id: "d1".into(), text: text.into(), at: 1.0 });
        assert!(s.current().unwrap().post.is_err());
        assert_eq!(s.current().unwrap().text, text);
        s.apply(Action::SetText { text: "---\ntitle: fixed\n---\nbody\n".into(), at: 2.0 });
        assert!(s.current().unwrap().post.is_ok());
    }

    #[test]
    fn a_draft_typed_as_one_text_stays_one_text_until_the_form_is_asked_for() {
        let text = "---\ntitle: \"open\n---\nbody\n";
        let fixed = "---\ntitle: \"open\"\n---\nbody\n";
        // (what happens after the key that fixes the front matter, still one text after it)
        let table: [(Option<Action>, bool); 7] = [
            (None, true),
            (Some(Action::EditAsForm), false),
            (Some(Action::SetFmRaw(true)), false),
            (Some(Action::SetFmRaw(false)), false),
            (Some(Action::Library), false),
            (Some(Action::Open("d1".into())), false),
            (Some(Action::Create { id: "d2".into(), text: "x".into(), at: 3.0 }), false),
        ];
        for (then, whole) in table {
            let mut s = state();
            s.apply(Action::Create { id: "d1".into(), text: text.into(), at: 1.0 });
            assert_eq!(s.whole_text, None, "opened in raw mode: not yet typed in");
            s.apply(Action::SetText { text: fixed.into(), at: 2.0 });
            assert!(s.current().unwrap().post.is_ok());
            let label = format!("{then:?}");
            if let Some(a) = then {
                s.apply(a);
            }
            assert_eq!(s.whole_text.is_some(), whole, "{label}");
        }
    }

    #[test]
    fn other_fields_box_edits_only_untyped_entries() {
        let mut s = state();
        let text = "---\ntitle: t # keep\ntoc: true\nsidebar:\n  nav: main\n---\nbody\n";
        s.apply(Action::Create { id: "d1".into(), text: text.into(), at: 1.0 });
        let other = s.current().unwrap().post.as_ref().unwrap().other_fields_text(TYPED_KEYS);
        assert_eq!(other, "toc: true\nsidebar:\n  nav: main\n");
        s.apply(Action::SetOtherFields { text: "toc: false\nsidebar:\n  nav: main\nnew_key: 1\n".into(), at: 2.0 });
        assert_eq!(
            s.current().unwrap().text,
            "---\ntitle: t # keep\ntoc: false\nsidebar:\n  nav: main\nnew_key: 1\n---\nbody\n"
        );
        s.apply(Action::SetOtherFields { text: "toc: [unclosed".into(), at: 3.0 });
        assert!(s.edit_error.is_some(), "invalid YAML is refused");
        assert!(s.current().unwrap().text.contains("toc: false"), "and nothing changed");
    }

    #[test]
    fn delete_then_undo_restores_position() {
        let mut s = state();
        for i in 0..3 {
            s.apply(Action::Create { id: format!("d{i}"), text: "x".into(), at: f64::from(i) });
        }
        let before = s.ids();
        s.apply(Action::Delete("d1".into()));
        assert_eq!(s.drafts.len(), 2);
        s.apply(Action::UndoDelete);
        assert_eq!(s.ids(), before);
    }

    #[test]
    fn undo_of_a_delete_another_tab_has_saved_back_keeps_one_copy_the_newer() {
        let mut s = state();
        s.apply(Action::Create { id: "d1".into(), text: "old".into(), at: 1.0 });
        s.apply(Action::Delete("d1".into()));
        // Another tab's save of the same draft lands after the delete.
        s.apply(Action::Create { id: "d1".into(), text: "newer".into(), at: 2.0 });
        s.apply(Action::UndoDelete);
        assert_eq!(s.ids(), ["d1"]);
        assert_eq!(s.drafts[0].text, "newer");
        assert!(s.undo.is_none());
    }

    #[test]
    fn a_length_target_is_an_edit_that_is_saved_and_leaves_the_text_alone() {
        use hoego_core::target::LengthUnit;
        let mut s = state();
        let text = "---\ntitle: t\n---\nbody\n";
        s.apply(Action::Create { id: "d1".into(), text: text.into(), at: 1.0 });
        let d = s.current().unwrap().clone();
        s.apply(Action::Saved { revs: vec![("d1".into(), d.rev, 1)], removed: Vec::new(), at: 2.0 });
        let target = LengthTarget::new(LengthUnit::CharsNoSpaces, 3000);
        s.apply(Action::SetTarget { target, at: 3.0 });
        let d = s.current().unwrap();
        assert_eq!((d.text.as_str(), d.target, d.dirty()), (text, target, true));
        assert_eq!(d.to_pending().draft.target, target, "the stored record carries it");
        assert_eq!(Draft::from_stored(d.to_stored()).target, target, "and it loads back");
        s.apply(Action::Duplicate { id: "d1".into(), new_id: "d2".into(), at: 4.0 });
        assert_eq!(s.drafts[0].target, target, "a duplicate keeps it");
        s.apply(Action::SetTarget { target: None, at: 5.0 });
        assert_eq!(s.current().unwrap().target, None);
    }

    #[test]
    fn a_template_preview_closes_when_its_template_goes_or_a_draft_is_created() {
        let tpl = |id: &str| UserTemplate { id: id.into(), name: "n".into(), text: "t".into(), created: 1.0 };
        let mut s = state();
        s.apply(Action::Templates(vec![tpl("a"), tpl("b")]));
        s.apply(Action::PreviewTemplate(Some("a".into())));
        s.apply(Action::Templates(vec![tpl("a")]));
        assert_eq!(s.tpl_preview.as_deref(), Some("a"), "another template's removal keeps it");
        s.apply(Action::Templates(vec![tpl("b")]));
        assert_eq!(s.tpl_preview, None, "deleted: closed");
        s.apply(Action::PreviewTemplate(Some("b".into())));
        s.apply(Action::Create { id: "d".into(), text: "x".into(), at: 1.0 });
        assert_eq!(s.tpl_preview, None, "created from it: closed");
    }

    #[test]
    fn import_keeps_the_text_and_the_file_name_gives_the_export_its_date_and_slug() {
        use hoego_core::date::{Offset, PostDate};
        use hoego_core::export::{export, ExportOptions, Target};
        let mut s = state();
        let text = "---\ntitle: t\n---\nx\n";
        let items = vec![Imported {
            id: "i1".into(),
            name: Some("2022-06-29-my-post.md".into()),
            text: Ok(text.into()),
            note: None,
            parsed: None,
        }];
        s.apply(Action::Import { items, at: 1.0, messages: ImportMessages::default() });
        let d = &s.drafts[0];
        assert_eq!(d.text, text, "nothing added to the front matter");
        let now = PostDate::parse("2026-11-25T10:00:00+09:00").unwrap();
        let opts =
            ExportOptions { source_name: d.name.clone(), ..ExportOptions::new(Target::Jekyll, Offset::KST, now) };
        assert_eq!(export(d.post.as_ref().unwrap(), &opts, &[]).path, "_posts/2022-06-29-my-post.md");
    }

    #[test]
    fn a_draft_parsed_ahead_imports_as_one_made_by_the_reducer() {
        let items = || {
            vec![
                file("a", Some("a.md"), "---\ntitle: A\n---\nx\n"),
                file("b", Some("b.md"), "---\nbad: [\n---\n"),
                file("c", None, "no front matter"),
            ]
        };
        let (mut ahead, mut plain) = (state(), state());
        ahead.apply(Action::Import {
            items: items().into_iter().map(Imported::parsed).collect(),
            at: 7.0,
            messages: ImportMessages::default(),
        });
        plain.apply(Action::Import { items: items(), at: 7.0, messages: ImportMessages::default() });
        assert_eq!(ahead.drafts, plain.drafts);
        assert!(ahead.drafts.iter().all(|d| d.created == 7.0 && d.updated == 7.0));
        assert_eq!(ahead.notices, plain.notices);
        // A parsed draft that is not of this text is not used.
        let mut stale = file("d", Some("d.md"), "new text");
        stale.parsed = file("d", Some("d.md"), "old text").parsed().parsed;
        let mut s = state();
        s.apply(Action::Import { items: vec![stale], at: 1.0, messages: ImportMessages::default() });
        assert_eq!(s.drafts[0].text, "new text");
    }

    fn file(id: &str, name: Option<&str>, text: &str) -> Imported {
        Imported { id: id.into(), name: name.map(str::to_string), text: Ok(text.into()), note: None, parsed: None }
    }

    #[test]
    fn one_imported_file_opens_several_stay_highlighted() {
        let post = "---\ntitle: t\n---\nx\n";
        let bad = Imported {
            id: "e".into(),
            name: Some("x.md".into()),
            text: Err("binary".into()),
            note: None,
            parsed: None,
        };
        // (items, view afterwards, highlighted ids)
        let cases: Vec<(Vec<Imported>, View, Vec<&str>)> = vec![
            (vec![file("a", Some("a.md"), post)], View::Editor("a".into()), vec![]),
            (vec![file("a", Some("a.md"), post), bad.clone()], View::Editor("a".into()), vec![]),
            (vec![file("a", Some("a.md"), post), file("b", Some("b.md"), post)], View::Library, vec!["a", "b"]),
            (vec![file("p", None, post)], View::Library, vec!["p"]),
            (vec![bad], View::Library, vec![]),
        ];
        for (items, view, lit) in cases {
            let mut s = state();
            s.apply(Action::Import { items, at: 1.0, messages: ImportMessages::default() });
            assert_eq!((&s.view, s.imported.iter().map(String::as_str).collect::<Vec<_>>()), (&view, lit));
        }
    }

    #[test]
    fn a_batch_import_says_its_successes_once_and_each_caveat_apart() {
        let (post, raw) = ("---\ntitle: t\n---\nx\n", "---\ntitle: [\n---\nx\n");
        let mut items: Vec<Imported> = (0..5).map(|i| file(&format!("f{i}"), Some(&format!("{i}.md")), post)).collect();
        items.push(file("r", Some("raw.md"), raw));
        let messages = ImportMessages {
            ok: "OK".into(),
            raw: "RAW".into(),
            bad: "BAD".into(),
            same: "SAME".into(),
            pasted: "PASTED".into(),
        };
        let mut s = state();
        s.apply(Action::Import { items, at: 1.0, messages });
        let texts: Vec<&str> = s.notices.iter().map(|n| n.text.as_str()).collect();
        assert_eq!(texts.len(), 2, "{texts:?}");
        assert!(texts.contains(&"OK: 0.md, 1.md, 2.md … (5)"), "{texts:?}");
        assert!(texts.iter().any(|t| t.starts_with("RAW") && t.ends_with(": raw.md")), "{texts:?}");
    }

    /// Each import's successes replace the last one's; caveats stay until dismissed.
    #[test]
    fn an_import_replaces_the_last_ones_success_notice() {
        let messages = || ImportMessages { ok: "OK".into(), raw: "RAW".into(), ..ImportMessages::default() };
        let mut s = state();
        s.apply(Action::Import {
            items: vec![file("r", Some("raw.md"), "---\ntitle: [\n---\nx\n")],
            at: 1.0,
            messages: messages(),
        });
        s.apply(Action::Notify(Notice { level: Level::Ok, text: "SITE: _config.yml".into() }));
        for i in 0..7 {
            let items = vec![file(&format!("f{i}"), Some(&format!("{i}.md")), &format!("---\ntitle: t{i}\n---\nx\n"))];
            s.apply(Action::Import { items, at: 2.0 + f64::from(i), messages: messages() });
        }
        let texts: Vec<&str> = s.notices.iter().map(|n| n.text.as_str()).collect();
        assert_eq!(texts.len(), 3, "{texts:?}");
        assert!(texts[0].starts_with("RAW") && texts[1] == "SITE: _config.yml" && texts[2] == "OK: 6.md", "{texts:?}");
    }

    /// The other-fields box's own refusals are said in the UI's language.
    #[test]
    fn other_fields_refusals_are_in_the_ui_language() {
        let mut s = state();
        s.apply(Action::Create { id: "d1".into(), text: "---\ntitle: t\nx: 1\n---\nb\n".into(), at: 1.0 });
        s.apply(Action::SetOtherFields { text: "x: 2\ntitle: u\n".into(), at: 2.0 });
        assert!(
            s.edit_error.as_deref().is_some_and(|e| e.starts_with("`title`은(는) 위 양식에서")),
            "{:?}",
            s.edit_error
        );
        s.apply(Action::SetOtherFields { text: "x: 2\nx: 3\n".into(), at: 3.0 });
        assert!(s.edit_error.as_deref().is_some_and(|e| e.starts_with("`x`이(가) 두 번")), "{:?}", s.edit_error);
        assert_eq!(s.current().unwrap().text, "---\ntitle: t\nx: 1\n---\nb\n");
    }

    /// A paste is named in the notice in the UI's language, not as "paste".
    #[test]
    fn a_paste_is_named_by_the_messages() {
        let messages =
            ImportMessages { ok: "OK".into(), pasted: "붙여넣은 글".into(), ..ImportMessages::default() };
        let mut s = state();
        s.apply(Action::Import { items: vec![file("p", None, "---\ntitle: t\n---\nx\n")], at: 1.0, messages });
        assert_eq!(s.notices.iter().map(|n| n.text.as_str()).collect::<Vec<_>>(), ["OK: 붙여넣은 글"]);
    }

    #[test]
    fn a_file_imported_again_is_not_doubled_and_one_such_file_opens_its_draft() {
        let post = "---\ntitle: t\n---\nx\n";
        let mut s = state();
        let batch =
            |k: &str| vec![file(&format!("a{k}"), Some("a.md"), post), file(&format!("b{k}"), Some("b.md"), post)];
        s.apply(Action::Import { items: batch("1"), at: 1.0, messages: ImportMessages::default() });
        s.apply(Action::Import { items: batch("2"), at: 2.0, messages: ImportMessages::default() });
        assert_eq!(s.drafts.len(), 2, "the same folder twice: still two drafts");
        // Same name, other text: a new draft. The same file alone: its draft opens.
        s.apply(Action::Import {
            items: vec![file("a3", Some("a.md"), "changed")],
            at: 3.0,
            messages: ImportMessages::default(),
        });
        assert_eq!(s.drafts.len(), 3);
        s.apply(Action::Import {
            items: vec![file("b4", Some("b.md"), post)],
            at: 4.0,
            messages: ImportMessages::default(),
        });
        assert_eq!((s.drafts.len(), &s.view), (3, &View::Editor("b1".into())));
        // From a folder (named by its path there), or that folder renamed: the same file.
        for (k, name) in [("5", "blog/_posts/b.md"), ("6", "old-blog/_posts/b.md")] {
            s.apply(Action::Import {
                items: vec![file(&format!("b{k}"), Some(name), post)],
                at: 5.0,
                messages: ImportMessages::default(),
            });
            assert_eq!(s.drafts.len(), 3, "{name}");
        }
    }

    #[test]
    fn several_imported_from_the_editor_go_to_the_library_and_the_next_user_action_clears() {
        let mut s = state();
        s.apply(Action::Create { id: "d".into(), text: "x".into(), at: 0.0 });
        let post = "---\ntitle: t\n---\nx\n";
        let items = vec![file("a", Some("a.md"), post), file("b", Some("b.md"), post)];
        s.apply(Action::Import { items, at: 1.0, messages: ImportMessages::default() });
        assert_eq!(s.view, View::Library);
        s.apply(Action::Saved { revs: vec![("a".into(), 1, 1)], removed: Vec::new(), at: 2.0 });
        assert_eq!(s.imported.len(), 2, "an autosave keeps the highlight");
        // The images imported with them, stored a moment later: still no user action.
        let shelf = crate::images::Shelf { count: 1, bytes: 68, kept: crate::images::Kept::Stored, generation: 3 };
        s.apply(Action::Images(shelf.clone()));
        assert_eq!((s.imported.len(), &s.images), (2, &shelf), "the images' store keeps the highlight");
        s.apply(Action::SetSearch("q".into()));
        assert!(s.imported.is_empty(), "a user action ends it");
    }
}
