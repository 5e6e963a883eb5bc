//! The Jekyll profile: `_posts/YYYY-MM-DD-slug.md`, dates with an explicit
//! offset (so a KST post is not "future" on a UTC build server), real lists,
//! `layout: post` by default, and Liquid-looking text protected.

use super::assets::{image_refs, placed_names, relink_cover, rewrite_body};
use super::fix::{normalize_bools, normalize_lists};
use super::liquid::{has_liquid, protect_for_jekyll};
use super::{ExportOptions, PlacedAsset};
use crate::date::PostDate;
use crate::dialect::liquid_is_intended;
use crate::error::Warning;
use crate::field::FieldValue;
use crate::post::Post;

pub(crate) fn apply(
    p: &mut Post,
    slug: &str,
    date: &PostDate,
    opts: &ExportOptions,
    available: &[String],
    warnings: &mut Vec<Warning>,
) -> (String, Vec<PlacedAsset>) {
    let intended = liquid_is_intended(p);
    let written = date.to_jekyll();
    let current = p.inline_value("date").map(|raw| raw.trim_matches(['"', '\'']));
    if current != Some(written.as_str()) {
        let _ = p.set("date", &FieldValue::Text(written));
    }
    normalize_lists(p, &["tags", "categories"], false, warnings);
    normalize_bools(p, warnings);
    if p.field("layout").is_none() {
        let _ = p.set("layout", &FieldValue::Str("post".into()));
    }
    // Images: exported under assets/images/<slug>/, links rewritten.
    let refs = image_refs(p);
    let mut body = p.body().to_string();
    let mut assets = Vec::new();
    for (r, name) in placed_names(&refs, available) {
        let site_path = format!("assets/images/{slug}/{name}");
        let link = format!("/{site_path}");
        body = rewrite_body(&body, &r.reference, &link);
        relink_cover(p, &r.reference, &link);
        assets.push(PlacedAsset { reference: r.reference.clone(), site_path });
    }
    for r in refs.iter().filter(|r| !available.contains(&r.reference) && !r.path.starts_with('/')) {
        warnings.push(Warning::new(
            "image-relative",
            format!("image `{}` is relative and was not exported; it will not resolve from `_posts/`", r.reference),
            None,
        ));
    }
    if !intended && has_liquid(&body) {
        body = protect_for_jekyll(&body, p.line_ending().as_str(), warnings);
    }
    p.set_body(&body);
    let local = date.at_offset(opts.offset).unwrap_or_else(|| date.clone());
    let path = if p.view().draft && p.field("draft").is_some() {
        format!("_drafts/{slug}.md")
    } else {
        format!("_posts/{}-{slug}.md", local.ymd())
    };
    (path, assets)
}
