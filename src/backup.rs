//! Backups of every draft, to move them to another browser or keep them
//! safe: one zip (hoego-core's store-only writer and reader) holding each
//! draft's exact text as `drafts/<id>.md` and a `manifest.json`:
//!
//! ```json
//! {"schema":1,"format":"hoego-backup","exported":1767139200000,
//!  "drafts":[{"id":"…","file":"drafts/….md","name":null,"rev":3,"created":…,"updated":…,
//!             "target":{"unit":"words","goal":500}}],
//!  "templates":[{"id":"…","file":"templates/1.md","name":"…","created":…}],
//!  "images":[{"name":"사진 1.png","file":"images/1.png"}]}
//! ```
//!
//! `target` (a draft's length target), `templates` (the user's templates,
//! each text as `templates/<n>.md`) and `images` (the images imported with
//! posts, by key: the path as imported from a folder, else the file name)
//! are optional: backups from before them read as having none, and an older
//! Hoego reading a newer backup ignores them (one from before path keys
//! skips, and names, the images with a folder in their key), so the manifest
//! schema stays 1.
//!
//! Reading one back trusts nothing: entries are found by the manifest's
//! names inside the zip only (nothing touches a file system), texts must be
//! UTF-8, and ids must be usable as storage keys. How restored drafts merge
//! with this browser's is the reducer's rule (`sync.rs`).

use std::rc::Rc;

use hoego_core::export::bundle::zip_files;
use hoego_core::export::unzip::{unzip_files, UnzipError};

use crate::images::Images;
use crate::state::Draft;
use crate::storage::{array, target, In, Lookup, Out, StoredDraft, UserTemplate};

/// The manifest's name in the zip.
pub const MANIFEST: &str = "manifest.json";
const FORMAT: &str = "hoego-backup";
/// Version of the manifest's shape.
const SCHEMA: u32 = 1;

/// Why a backup could not be read.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum BackupError {
    /// The file is not a readable zip.
    #[error(transparent)]
    Zip(#[from] UnzipError),
    /// No `manifest.json`: not a Hoego backup.
    #[error("no manifest.json: not a Hoego backup")]
    NoManifest,
    /// The manifest does not have the expected shape.
    #[error("manifest.json: {0}")]
    Manifest(String),
    /// A newer Hoego wrote it.
    #[error("written by a newer Hoego (backup schema {0})")]
    Newer(u32),
    /// A draft the manifest names is missing or not UTF-8 text.
    #[error("{0}: missing or not UTF-8 text")]
    Entry(String),
}

/// Ids become storage keys: not empty, no control characters, not too long.
fn usable_id(id: &str) -> bool {
    (1..=128).contains(&id.len()) && !id.chars().any(char::is_control)
}

/// The file name a draft gets in the zip (its id when that is a plain name).
fn entry_name(id: &str, n: usize) -> String {
    if id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
        format!("drafts/{id}.md")
    } else {
        format!("drafts/draft-{n}.md")
    }
}

/// What a backup holds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Backup {
    /// Drafts, in manifest order.
    pub drafts: Vec<StoredDraft>,
    /// The user's templates.
    pub templates: Vec<UserTemplate>,
    /// Imported images: key (path as imported, or file name) and bytes.
    pub images: Vec<(String, Vec<u8>)>,
    /// Image entries left out, as the manifest names them: a name that is not
    /// a key (`images::usable_key`) or that an earlier entry has, a file missing from the zip,
    /// or one another entry took.
    pub skipped_images: Vec<String>,
}

/// `images/<n>.<ext>`: the zip's own name for an image (its name, which may be
/// anything a file system allows, is in the manifest).
fn image_file(name: &str, n: usize) -> String {
    match name.rsplit_once('.') {
        Some((_, ext)) if (1..=5).contains(&ext.len()) && ext.bytes().all(|b| b.is_ascii_alphanumeric()) => {
            format!("images/{n}.{ext}")
        }
        _ => format!("images/{n}"),
    }
}

/// The backup zip of `drafts` (their current text, saved or not), the user's
/// `templates` and the imported `images`.
pub fn backup_zip(
    drafts: &[Rc<Draft>],
    templates: &[UserTemplate],
    images: &Images,
    exported: f64,
) -> Result<Vec<u8>, String> {
    let mut files = Vec::with_capacity(drafts.len() + 1);
    let mut entries = Vec::with_capacity(drafts.len());
    for (n, d) in drafts.iter().enumerate() {
        let file = entry_name(&d.id, n + 1);
        let entry = Out::empty()
            .set("id", d.id.as_str().into())
            .set("file", file.as_str().into())
            .opt_str("name", d.name.as_deref())
            .set("rev", (d.backup_rev() as f64).into())
            .set("created", d.created.into())
            .set("updated", d.updated.into());
        entries.push(target::write(entry, d.target.as_ref()).value());
        files.push((file, d.text.as_bytes().to_vec()));
    }
    let mut tpl_entries = Vec::with_capacity(templates.len());
    for (n, t) in templates.iter().enumerate() {
        let file = format!("templates/{}.md", n + 1);
        let entry = Out::empty()
            .set("id", t.id.as_str().into())
            .set("file", file.as_str().into())
            .set("name", t.name.as_str().into())
            .set("created", t.created.into());
        tpl_entries.push(entry.value());
        files.push((file, t.text.as_bytes().to_vec()));
    }
    // In the map's order: a sort would be one more sort in the wasm (~1 KB), and
    // nothing reads the entries in order.
    let mut image_entries = Vec::with_capacity(images.len());
    for (n, (name, bytes)) in images.iter().enumerate() {
        let file = image_file(name, n + 1);
        image_entries.push(Out::empty().set("name", name.as_str().into()).set("file", file.as_str().into()).value());
        files.push((file, bytes.to_vec()));
    }
    let manifest = Out::new(SCHEMA)
        .set("format", FORMAT.into())
        .set("exported", exported.into())
        .set("drafts", array(entries))
        .set("templates", array(tpl_entries))
        .set("images", array(image_entries))
        .stringify()?;
    files.insert(0, (MANIFEST.to_string(), manifest.into_bytes()));
    zip_files(&files).map_err(|e| e.to_string())
}

/// The drafts (in manifest order) and templates in a backup zip.
pub fn read_backup(bytes: &[u8]) -> Result<Backup, BackupError> {
    let entries = unzip_files(bytes)?;
    let files = Files {
        at: Lookup::new(entries.iter().enumerate().map(|(i, (name, _))| (name.as_str(), i as u64))),
        entries: &entries,
    };
    let manifest = files.get(MANIFEST).ok_or(BackupError::NoManifest)?;
    let text = std::str::from_utf8(manifest).map_err(|_| BackupError::Manifest("not UTF-8".into()))?;
    let m = In::parse(text).map_err(BackupError::Manifest)?;
    match m.schema().map_err(BackupError::Manifest)? {
        n if n > SCHEMA => return Err(BackupError::Newer(n)),
        SCHEMA if m.str("format").as_deref() == Ok(FORMAT) => {}
        _ => return Err(BackupError::Manifest("not a Hoego backup manifest".into())),
    }
    let list = m.obj_list("drafts").map_err(BackupError::Manifest)?;
    let drafts = list.iter().map(|e| entry(e, &files)).collect::<Result<_, _>>()?;
    let templates = if m.has("templates") {
        let list = m.obj_list("templates").map_err(BackupError::Manifest)?;
        list.iter().map(|e| template_entry(e, &files)).collect::<Result<_, _>>()?
    } else {
        Vec::new()
    };
    let (images, skipped_images) = if m.has("images") {
        let list = m.obj_list("images").map_err(BackupError::Manifest)?;
        image_entries(&list, &files)
    } else {
        (Vec::new(), Vec::new())
    };
    Ok(Backup { drafts, templates, images, skipped_images })
}

/// A zip's entries by name.
struct Files<'a> {
    at: Lookup<'a>,
    entries: &'a [(String, Vec<u8>)],
}

impl Files<'_> {
    fn get(&self, name: &str) -> Option<&[u8]> {
        self.at.get(name).map(|i| self.entries[i as usize].1.as_slice())
    }
}

fn entry(e: &In, files: &Files) -> Result<StoredDraft, BackupError> {
    let bad = BackupError::Manifest;
    let file = e.str("file").map_err(bad)?;
    let text = files.get(&file).and_then(|b| String::from_utf8(b.to_vec()).ok()).ok_or(BackupError::Entry(file))?;
    let d = StoredDraft {
        id: e.str("id").map_err(bad)?,
        rev: e.whole("rev").map_err(bad)?,
        name: e.opt_str("name").map_err(bad)?,
        text,
        created: e.num("created").map_err(bad)?,
        updated: e.num("updated").map_err(bad)?,
        target: target::read(e),
    };
    if !usable_id(&d.id) {
        return Err(bad(format!("draft id '{}' is not usable", d.id)));
    }
    Ok(d)
}

/// The images a manifest lists, and those left out (by name): images are
/// the big files, so one bad entry does not cost the drafts their restore,
/// and a file is read for one entry only (a manifest naming one 1 MB file
/// 30,000 times would otherwise ask for 30 GB).
fn image_entries(list: &[In], files: &Files) -> (Vec<(String, Vec<u8>)>, Vec<String>) {
    let (mut images, mut skipped) = (Vec::new(), Vec::new());
    let (mut taken, mut named) = (std::collections::HashSet::new(), std::collections::HashSet::new());
    for e in list {
        let (name, file) = (e.str("name"), e.str("file"));
        let bytes = match (&name, &file) {
            (Ok(n), Ok(f)) if crate::images::usable_key(n) && !named.contains(n) && taken.insert(f.clone()) => {
                named.insert(n.clone());
                files.get(f)
            }
            _ => None,
        };
        match (name, bytes) {
            (Ok(n), Some(b)) => images.push((n, b.to_vec())),
            (name, _) => skipped.push(name.or(file).unwrap_or_default()),
        }
    }
    (images, skipped)
}

fn template_entry(e: &In, files: &Files) -> Result<UserTemplate, BackupError> {
    let bad = BackupError::Manifest;
    let file = e.str("file").map_err(bad)?;
    let text = files.get(&file).and_then(|b| String::from_utf8(b.to_vec()).ok()).ok_or(BackupError::Entry(file))?;
    let t = UserTemplate {
        id: e.str("id").map_err(bad)?,
        name: e.str("name").map_err(bad)?,
        text,
        created: e.num("created").map_err(bad)?,
    };
    if !usable_id(&t.id) {
        return Err(bad(format!("template id '{}' is not usable", t.id)));
    }
    Ok(t)
}
