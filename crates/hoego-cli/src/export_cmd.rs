//! `hoego export`: every post of one run is one site. Each post (and its
//! images) is written at its site path under `--out`, or all of them into
//! one `--zip`; the written post paths are printed one per line, in argument
//! order, each only once its file is in place.
//!
//! Nothing is lost or leaked: inputs are all read before anything is written;
//! an output path that is an input or already exists is refused unless
//! `--force`; nothing is written through a symlink in `--out`; every write
//! is atomic; images are read only from inside the blog (or `--assets`); one
//! post that fails is reported and the others are still exported (exit 1).
//! A closed stdout does not stop the export either: every post is still
//! written, then the lost output is reported and hoego exits 1.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use hoego_core::export::placement::is_safe_site_path;
use hoego_core::export::{bundle::zip_files, export_batch, image_refs, BatchPost, ExportOptions, SiteConfig, Target};
use hoego_core::slug::SlugStyle;
use hoego_core::{Offset, Post};

use crate::console::{warn, Lines};
use crate::fsio::{canonical_dest, check_dest, prepare_dest, write_atomic, Existing};
use crate::{flag, flags, has_switch, load, now_arg, usage, Fail};

/// One loaded input.
struct Input {
    file: String,
    post: Post,
    images: Vec<crate::images::Found>,
}

/// Settings of one run.
struct Run {
    out: Option<PathBuf>,
    zip: Option<PathBuf>,
    force: bool,
    inputs: Vec<PathBuf>,
}

/// The export options `found` asks for (shared with `hoego url`).
pub(crate) fn options(found: &[(String, String)]) -> Result<ExportOptions, Fail> {
    let Some(to) = flag(found, "to") else { return usage("export needs --to jekyll|gatsby") };
    let Some(target) = Target::parse(to, flag(found, "flavor")) else {
        return usage(format!("unknown target `--to {to}` / `--flavor {}`", flag(found, "flavor").unwrap_or("")));
    };
    let offset = match flag(found, "offset") {
        None => Offset::KST,
        Some(o) => Offset::parse(o).ok_or_else(|| Fail::Usage(format!("--offset must look like +09:00, got `{o}`")))?,
    };
    let slug_style = match flag(found, "slug-style") {
        None => SlugStyle::Romanize,
        Some(s) => SlugStyle::parse(s)
            .ok_or_else(|| Fail::Usage(format!("--slug-style must be romanize, keep or ascii, got `{s}`")))?,
    };
    let mut opts = ExportOptions::new(target, offset, now_arg(flag(found, "now"), offset)?);
    opts.slug_style = slug_style;
    opts.reslug = has_switch(found, "reslug");
    if let Some(f) = flag(found, "site-config") {
        let (text, _) = crate::input::read_post(Path::new(f)).map_err(|e| match e {
            crate::input::ReadError::Io(e) => Fail::Input(format!("{f}:1:1: cannot read: {e}")),
            crate::input::ReadError::NotText(l, c, m) => Fail::Input(format!("{f}:{l}:{c}: {m}")),
        })?;
        opts.site = SiteConfig::parse(&text).map_err(|e| Fail::Input(format!("{f}:{}", e.located())))?;
    }
    Ok(opts)
}

pub fn run(args: &[String]) -> Result<(), Fail> {
    let known = ["to", "flavor", "offset", "now", "slug-style", "assets", "out", "zip", "site-config"];
    let (found, files) = flags(args, &known, &["force", "reslug"])?;
    let opts = options(&found)?;
    if flag(&found, "out").is_some() && flag(&found, "zip").is_some() {
        return usage("give --out or --zip, not both");
    }
    if files.is_empty() {
        return usage("export needs at least one FILE");
    }
    let assets_dir = flag(&found, "assets").map(Path::new);
    let mut failed = 0usize;
    let mut inputs = Vec::new();
    for file in &files {
        match load(file) {
            Ok(post) => {
                let (images, refused) = crate::images::gather(&image_refs(&post), Path::new(file), assets_dir);
                for r in refused {
                    warn(format_args!("{file}: warning: {r}"));
                }
                inputs.push(Input { file: file.clone(), post, images });
            }
            Err(Fail::Input(m)) => {
                warn(m);
                failed += 1;
            }
            Err(u) => return Err(u),
        }
    }
    let run = Run {
        out: flag(&found, "zip").is_none().then(|| PathBuf::from(flag(&found, "out").unwrap_or("."))),
        zip: flag(&found, "zip").map(PathBuf::from),
        force: has_switch(&found, "force"),
        inputs: files.iter().filter_map(|f| std::fs::canonicalize(f).ok()).collect(),
    };
    let mut stdout = Lines::default();
    failed += export_all(&inputs, &opts, &run, &mut stdout);
    let printed = stdout.finish();
    if failed > 0 {
        if let Err(Fail::Input(lost)) = printed {
            warn(lost);
        }
        let done = files.len() - failed;
        return Err(Fail::Input(format!(
            "hoego: exported {done} of {} posts; {failed} failed (see above)",
            files.len()
        )));
    }
    printed
}

/// Export and write, listing each post written on `stdout`; returns how many posts failed.
fn export_all(inputs: &[Input], opts: &ExportOptions, run: &Run, stdout: &mut Lines) -> usize {
    let batch: Vec<BatchPost> = inputs
        .iter()
        .map(|i| BatchPost {
            post: &i.post,
            source_name: Some(i.file.clone()),
            available: i.images.iter().map(|f| f.reference.clone()).collect(),
        })
        .collect();
    let exported = export_batch(&batch, opts);
    let mut failed = 0;
    let mut zip_entries: Vec<(String, Vec<u8>)> = Vec::new();
    let mut zipped: Vec<String> = Vec::new();
    for (input, e) in inputs.iter().zip(&exported) {
        for w in &e.warnings {
            warn(format_args!("{}: warning: {}", input.file, w.message));
        }
        // The post, then its images: the zip's order (the app's batch zip uses the same).
        let mut files: Vec<(String, Vec<u8>)> = vec![(e.path.clone(), e.text.clone().into_bytes())];
        // By reference: a search of the images for each asset was quadratic in a post's images.
        let by_ref: HashMap<&str, &[u8]> =
            input.images.iter().map(|f| (f.reference.as_str(), f.bytes.as_slice())).collect();
        for a in &e.assets {
            if let Some(bytes) = by_ref.get(a.reference.as_str()) {
                files.push((a.site_path.clone(), bytes.to_vec()));
            }
        }
        if let Some(bad) = files.iter().find(|(p, _)| !is_safe_site_path(p)) {
            warn(format_args!("{}: error: unsafe output path `{}`; not written", input.file, bad.0));
            failed += 1;
            continue;
        }
        match &run.out {
            Some(out) => match write_post(out, &files, run) {
                Ok(()) => stdout.line(&e.path),
                Err(m) => {
                    warn(format_args!("{}: error: {m}", input.file));
                    failed += 1;
                }
            },
            None => {
                zip_entries.extend(files);
                zipped.push(e.path.clone());
            }
        }
    }
    if let Some(z) = &run.zip {
        match write_zip(z, &zip_entries, run) {
            Ok(()) => zipped.iter().for_each(|p| stdout.line(p)),
            Err(m) => {
                warn(format_args!("{}: error: {m}", z.display()));
                failed += zipped.len();
            }
        }
    }
    failed
}

/// Is `dest` one that may be (re)placed? Inputs and existing files need `--force`.
fn may_replace(dest: &Path, exists: bool, run: &Run) -> Result<(), String> {
    let is_input = canonical_dest(dest).is_some_and(|c| run.inputs.contains(&c));
    match (is_input, exists, run.force) {
        (true, _, false) => {
            Err(format!("{} is one of the input files; refusing to replace it (use --force)", dest.display()))
        }
        (false, true, false) => Err(already_exists(dest)),
        _ => Ok(()),
    }
}

fn already_exists(dest: &Path) -> String {
    format!("{} already exists; refusing to replace it (use --force)", dest.display())
}

/// What writing a destination that [`may_replace`] let through does with a
/// file found there: only `--force` replaces; without it a file that appears
/// after the check (another process) is refused all the same.
fn existing(run: &Run) -> Existing {
    if run.force {
        Existing::Replace
    } else {
        Existing::Refuse
    }
}

/// A write error for `dest`; `prefix` says what was being written.
fn write_error(dest: &Path, prefix: &str, e: std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::AlreadyExists => already_exists(dest),
        _ => format!("{prefix}{e}"),
    }
}

/// Write one post's files, all or none. Every destination is checked first
/// (none may be an input or exist, unless `--force`), so a refused post
/// leaves nothing behind to block its re-run; then its images are written,
/// the post last (a printed post path means everything it links to is in
/// place), each atomically. A write that fails midway removes the files
/// this run created for the post.
fn write_post(out: &Path, files: &[(String, Vec<u8>)], run: &Run) -> Result<(), String> {
    for (rel, _) in files {
        let (dest, exists) = check_dest(out, rel).map_err(|e| e.to_string())?;
        may_replace(&dest, exists, run)?;
    }
    let mut created = Vec::new();
    for (rel, bytes) in files.iter().skip(1).chain(files.first()) {
        if let Err(m) = write_one(out, rel, bytes, run, &mut created) {
            return Err(undo(&created, m));
        }
    }
    Ok(())
}

/// Write one file of a post, adding it to `created` if it is new.
fn write_one(out: &Path, rel: &str, bytes: &[u8], run: &Run, created: &mut Vec<PathBuf>) -> Result<(), String> {
    // Checked again: the folders are created now, and the tree may have changed since the check.
    let (dest, exists) = prepare_dest(out, rel).map_err(|e| e.to_string())?;
    may_replace(&dest, exists, run)?;
    write_atomic(&dest, bytes, None, existing(run))
        .map_err(|e| write_error(&dest, &format!("cannot write {}: ", dest.display()), e))?;
    if !exists {
        created.push(dest);
    }
    Ok(())
}

/// Remove the files `created` for a post that then failed (`why`), so that
/// no half post stays behind; what cannot be removed is added to `why`.
fn undo(created: &[PathBuf], mut why: String) -> String {
    for p in created.iter().rev() {
        if let Err(e) = std::fs::remove_file(p) {
            why.push_str(&format!("; {} (written for this post) could not be removed: {e}", p.display()));
        }
    }
    why
}

fn write_zip(z: &Path, entries: &[(String, Vec<u8>)], run: &Run) -> Result<(), String> {
    let exists = std::fs::symlink_metadata(z).is_ok();
    may_replace(z, exists, run)?;
    let bytes = zip_files(entries).map_err(|e| format!("cannot build zip: {e}"))?;
    write_atomic(z, &bytes, None, existing(run)).map_err(|e| write_error(z, "cannot write: ", e))
}
