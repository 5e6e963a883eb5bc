//! `hoego export`: write each post at its site path (or into one zip) and
//! print the written paths, one per line, in argument order.

use std::path::{Path, PathBuf};

use hoego_core::export::{bundle::zip_files, export, image_refs, ExportOptions, Target};
use hoego_core::slug::SlugStyle;
use hoego_core::Offset;

use crate::{flag, flags, load, now_arg, usage, Fail};

/// Where an image reference lives on disk: relative references next to the
/// post (then under `--assets`), absolute ones (`/assets/...`) under `--assets`.
fn locate(reference_path: &str, post_file: &Path, assets: Option<&Path>) -> Option<PathBuf> {
    let post_dir = post_file.parent().unwrap_or(Path::new("."));
    let mut candidates = Vec::new();
    if let Some(rel) = reference_path.strip_prefix('/') {
        candidates.push(assets.unwrap_or(post_dir).join(rel));
    } else {
        candidates.push(post_dir.join(reference_path));
        if let Some(a) = assets {
            candidates.push(a.join(reference_path));
        }
    }
    candidates.into_iter().find(|c| c.is_file())
}

pub fn run(args: &[String]) -> Result<(), Fail> {
    let (found, files) = flags(args, &["to", "flavor", "offset", "now", "slug-style", "assets", "out", "zip"])?;
    let Some(to) = flag(&found, "to") else { return usage("export needs --to jekyll|gatsby") };
    let Some(target) = Target::parse(to, flag(&found, "flavor")) else {
        return usage(format!("unknown target `--to {to}` / `--flavor {}`", flag(&found, "flavor").unwrap_or("")));
    };
    let offset = match flag(&found, "offset") {
        None => Offset::KST,
        Some(o) => Offset::parse(o).ok_or_else(|| Fail::Usage(format!("--offset must look like +09:00, got `{o}`")))?,
    };
    let slug_style = match flag(&found, "slug-style") {
        None => SlugStyle::Romanize,
        Some(s) => SlugStyle::parse(s)
            .ok_or_else(|| Fail::Usage(format!("--slug-style must be romanize, keep or ascii, got `{s}`")))?,
    };
    let now = now_arg(flag(&found, "now"), offset)?;
    if flag(&found, "out").is_some() && flag(&found, "zip").is_some() {
        return usage("give --out or --zip, not both");
    }
    if files.is_empty() {
        return usage("export needs at least one FILE");
    }
    let assets_dir = flag(&found, "assets").map(Path::new);
    let out_dir = PathBuf::from(flag(&found, "out").unwrap_or("."));
    let mut zip_entries: Vec<(String, Vec<u8>)> = Vec::new();
    let mut failed: Option<Fail> = None;
    for file in &files {
        let post = match load(file) {
            Ok(p) => p,
            Err(e) => {
                if let Fail::Input(m) = &e {
                    eprintln!("{m}");
                }
                failed = Some(e);
                continue;
            }
        };
        let refs = image_refs(&post);
        let located: Vec<(String, PathBuf)> = refs
            .iter()
            .filter_map(|r| locate(&r.path, Path::new(file), assets_dir).map(|p| (r.reference.clone(), p)))
            .collect();
        let available: Vec<String> = located.iter().map(|(r, _)| r.clone()).collect();
        let opts = ExportOptions { target, offset, now: now.clone(), slug_style, source_name: Some(file.clone()) };
        let e = export(&post, &opts, &available);
        for w in &e.warnings {
            eprintln!("{file}: warning: {}", w.message);
        }
        let mut outputs: Vec<(String, Vec<u8>)> = vec![(e.path.clone(), e.text.clone().into_bytes())];
        for a in &e.assets {
            let Some((_, src)) = located.iter().find(|(r, _)| *r == a.reference) else { continue };
            match std::fs::read(src) {
                Ok(bytes) => outputs.push((a.site_path.clone(), bytes)),
                Err(err) => eprintln!("{file}: warning: could not read image {}: {err}", src.display()),
            }
        }
        if flag(&found, "zip").is_some() {
            zip_entries.extend(outputs);
        } else {
            for (path, bytes) in &outputs {
                let dest = out_dir.join(path);
                if let Some(parent) = dest.parent() {
                    std::fs::create_dir_all(parent).map_err(|err| {
                        Fail::Input(format!("{}:1:1: cannot create directory: {err}", parent.display()))
                    })?;
                }
                std::fs::write(&dest, bytes)
                    .map_err(|err| Fail::Input(format!("{}:1:1: cannot write: {err}", dest.display())))?;
            }
        }
        println!("{}", e.path);
    }
    if let Some(z) = flag(&found, "zip") {
        let bytes = zip_files(&zip_entries).map_err(|err| Fail::Input(format!("{z}:1:1: cannot build zip: {err}")))?;
        std::fs::write(z, bytes).map_err(|err| Fail::Input(format!("{z}:1:1: cannot write: {err}")))?;
    }
    match failed {
        // Each file's error was already printed: exit 1 without repeating it.
        Some(Fail::Input(_)) => Err(Fail::Input(String::new())),
        Some(u) => Err(u),
        None => Ok(()),
    }
}
