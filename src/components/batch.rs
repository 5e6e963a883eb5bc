//! Batch export from the library: the selected drafts (or all) as one
//! site-shaped zip, through the same core batch as `hoego export --zip`
//! (same collision rules, same bytes), with images and the source blog's
//! `_config.yml` imported alongside the posts.
//!
//! The bar (in the library) is always there and always the same size (the
//! count sits in a fixed-width badge, the button is only disabled when
//! nothing is selected), so nothing moves under a pending click.

use std::collections::HashMap;
use std::rc::Rc;

use super::Ctx;
use crate::browser::{download, now_date};
use crate::i18n::{t, Key};
use crate::images::{ByName, Images, IMAGES};
use crate::state::{Action, Draft, ExportSettings, Level, Notice};
use hoego_core::export::bundle::zip_files;
use hoego_core::export::{export_batch, image_refs, is_image, BatchPost, ExportOptions, Flavor, SiteConfig, Target};

thread_local! {
    /// The source blog's `_config.yml`, imported alongside posts this session.
    pub static SITE: std::cell::RefCell<SiteConfig> = std::cell::RefCell::new(SiteConfig::default());
}

/// Export options for the app's settings, with "now" from the browser and
/// the imported site configuration.
pub fn options(s: &ExportSettings, source_name: Option<String>) -> ExportOptions {
    let mut o = ExportOptions::new(s.target, s.offset, now_date(s.offset));
    o.slug_style = s.slug_style;
    o.source_name = source_name;
    o.site = SITE.with(|c| c.borrow().clone());
    o
}

/// The references of `post` (imported as `source`) that name an imported
/// image (`images::key_for`, over `by_name` of `images`) that really is an
/// image (the CLI's rule), with that image's key.
pub fn image_keys<'i>(
    post: &hoego_core::Post,
    source: Option<&str>,
    images: &Images,
    by_name: &ByName<'i>,
) -> Vec<(String, &'i str)> {
    image_refs(post)
        .into_iter()
        .filter_map(|r| {
            let key = crate::images::key_for(by_name, source, &r.reference)?;
            images.get(key).is_some_and(|b| is_image(&r.file_name, b)).then_some((r.reference, key))
        })
        .collect()
}

/// The references of [`image_keys`], what the export is told is available.
pub fn available(keys: &[(String, &str)]) -> Vec<String> {
    keys.iter().map(|(r, _)| r.clone()).collect()
}

/// The image files of an exported post (`keys`: its [`image_keys`]): each
/// placed asset's bytes at its site path. Looked up by maps, not by scanning
/// every reference and image per asset.
pub fn asset_files<K: AsRef<str>>(
    out: &hoego_core::export::Exported,
    keys: &[(String, K)],
    images: &Images,
) -> Vec<(String, Vec<u8>)> {
    let by_ref: HashMap<&str, &str> = keys.iter().map(|(r, k)| (r.as_str(), k.as_ref())).collect();
    let bytes_of = |reference: &str| images.get(*by_ref.get(reference)?);
    out.assets.iter().filter_map(|a| Some((a.site_path.clone(), bytes_of(&a.reference)?.to_vec()))).collect()
}

/// The zip of `drafts` as one site; also how many drafts were skipped (raw mode).
pub fn site_zip(drafts: &[Rc<Draft>], s: &ExportSettings) -> (Result<Vec<u8>, String>, usize) {
    let images = IMAGES.with(|i| i.borrow().clone());
    let parsed: Vec<(&Rc<Draft>, &hoego_core::Post)> =
        drafts.iter().filter_map(|d| d.post.as_ref().ok().map(|p| (d, p))).collect();
    let by_name = crate::images::by_name(&images);
    let keys: Vec<Vec<(String, &str)>> =
        parsed.iter().map(|(d, p)| image_keys(p, d.name.as_deref(), &images, &by_name)).collect();
    let batch: Vec<BatchPost> = parsed
        .iter()
        .zip(&keys)
        .map(|((d, p), k)| BatchPost { post: p, source_name: d.name.clone(), available: available(k) })
        .collect();
    let exported = export_batch(&batch, &options(s, None));
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for (e, k) in exported.iter().zip(&keys) {
        files.push((e.path.clone(), e.text.clone().into_bytes()));
        files.extend(asset_files(e, k, &images));
    }
    (zip_files(&files).map_err(|e| e.to_string()), drafts.len() - parsed.len())
}

/// Download the selected drafts (`ids`, in library order) as one site zip;
/// a refused download or skipped raw drafts become notices.
pub fn download_site(ctx: &Ctx, ids: &[String], settings: &ExportSettings) {
    let drafts: Vec<Rc<Draft>> = ctx.drafts.iter().filter(|d| ids.contains(&d.id)).cloned().collect();
    let (zip, skipped) = site_zip(&drafts, settings);
    let result =
        zip.and_then(|bytes| download("site.zip", &bytes, "application/zip").map_err(|e| crate::storage::js_error(&e)));
    if let Err(e) = result {
        let text = format!("{}: site.zip ({e})", t(ctx.lang, Key::DownloadFailed));
        ctx.dispatch(Action::Notify(Notice { level: Level::Error, text }));
    }
    if skipped > 0 {
        let text = format!("{}: {skipped}", t(ctx.lang, Key::BatchSkipped));
        ctx.dispatch(Action::Notify(Notice { level: Level::Warn, text }));
    }
}

/// The export settings for a `batch-target` value.
pub fn with_target(s: &ExportSettings, value: &str) -> ExportSettings {
    let target = match value {
        "gatsby" => Target::Gatsby(Flavor::StarterBlog),
        "lumen" => Target::Gatsby(Flavor::Lumen),
        _ => Target::Jekyll,
    };
    // Picked, even where it is the target already followed: it now stays.
    ExportSettings { target, chosen: true, ..s.clone() }
}
