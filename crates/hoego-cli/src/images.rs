//! Finding the images a post references, as hostile input: every reference
//! is resolved, canonicalised (symlinks included) and accepted only inside
//! the post's blog root or the `--assets` folder, and only when it is an
//! image by both its extension and its first bytes. Nothing else is read.

use std::fs;
use std::path::{Path, PathBuf};

use hoego_core::export::{is_image, is_image_name, ImageRef};

/// An image found for a reference.
pub struct Found {
    /// The reference as written in the post.
    pub reference: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// Where a reference may live: relative ones next to the post, then under
/// `--assets`; absolute ones (`/assets/x.png`) under `--assets`, then the blog root.
fn candidates(path: &str, post_dir: &Path, root: &Path, assets: Option<&Path>) -> Vec<PathBuf> {
    match path.strip_prefix('/') {
        Some(rel) => assets.map(|a| a.join(rel)).into_iter().chain([root.join(rel)]).collect(),
        None => [post_dir.join(path)].into_iter().chain(assets.map(|a| a.join(path))).collect(),
    }
}

/// Look for each reference's file. Returns what was found and a message for
/// each reference that exists but was refused (outside, or not an image).
pub fn gather(refs: &[ImageRef], post_file: &Path, assets: Option<&Path>) -> (Vec<Found>, Vec<String>) {
    let mut found = Vec::new();
    let mut refused = Vec::new();
    let Ok(root) = crate::fsio::blog_root(post_file) else { return (found, refused) };
    let post_dir = fs::canonicalize(post_file).ok().and_then(|p| p.parent().map(Path::to_path_buf)).unwrap_or_default();
    let assets = assets.and_then(|a| fs::canonicalize(a).ok());
    for r in refs {
        match find_one(r, &post_dir, &root, assets.as_deref()) {
            Ok(Some(bytes)) => found.push(Found { reference: r.reference.clone(), bytes }),
            Ok(None) => {}
            Err(why) => refused.push(why),
        }
    }
    (found, refused)
}

fn find_one(r: &ImageRef, post_dir: &Path, root: &Path, assets: Option<&Path>) -> Result<Option<Vec<u8>>, String> {
    let mut refusal = None;
    for c in candidates(&r.path, post_dir, root, assets) {
        // canonicalize resolves `..` and every symlink: what is checked is what would be read.
        let Ok(real) = fs::canonicalize(&c) else { continue };
        let inside = real.starts_with(root) || assets.is_some_and(|a| real.starts_with(a));
        if !inside {
            let also = if assets.is_some() { " or --assets" } else { "" };
            refusal = Some(format!(
                "image `{}` resolves to {}, outside the blog ({}){also}: not read",
                r.reference,
                real.display(),
                root.display()
            ));
            continue;
        }
        if !real.is_file() {
            continue;
        }
        let name = real.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if !is_image_name(&name) || !is_image_name(&r.file_name) {
            refusal = Some(format!("`{}` is not an image file (by its name): not read", r.reference));
            continue;
        }
        let bytes = fs::read(&real).map_err(|e| format!("image `{}` could not be read: {e}", r.reference))?;
        if !is_image(&name, &bytes) {
            refusal =
                Some(format!("`{}` does not contain a {name} image (its first bytes): not exported", r.reference));
            continue;
        }
        return Ok(Some(bytes));
    }
    refusal.map_or(Ok(None), Err)
}
