//! The Gatsby profile (gatsby-starter-blog layout, or Lumen):
//! `content/blog/<slug>/index.md`, a quoted ISO 8601 date with offset (js-yaml
//! reads an offset-less time as UTC and `+0900` as text), lists of strings,
//! no duplicate keys, Liquid and kramdown attributes resolved, images
//! co-located.

use super::assets::{image_refs, placed_names, relink_cover, rewrite_body};
use super::fix::{normalize_bools, normalize_lists};
use super::liquid::{resolve_for_gatsby, strip_kramdown_ials};
use super::{parse_source_name, Flavor, PlacedAsset};
use crate::date::PostDate;
use crate::error::Warning;
use crate::field::FieldValue;
use crate::post::Post;
use crate::slug::{clean_slug, SlugStyle};

pub(crate) fn apply(
    p: &mut Post,
    slug: &str,
    date: &PostDate,
    flavor: Flavor,
    available: &[String],
    warnings: &mut Vec<Warning>,
) -> (String, Vec<PlacedAsset>) {
    let iso = date.to_iso();
    let quoted_ok = p.inline_value("date").is_some_and(|c| c == format!("\"{iso}\"") || c == format!("'{iso}'"));
    if !quoted_ok {
        let _ = p.set("date", &FieldValue::Str(iso));
    }
    normalize_lists(p, &["tags", "categories"], true, warnings);
    normalize_bools(p, warnings);
    if flavor == Flavor::Lumen {
        if p.field("template").is_none() {
            let _ = p.set("template", &FieldValue::Text("\"post\"".into()));
        }
        if p.field("slug").is_none() {
            let _ = p.set("slug", &FieldValue::Str(slug.to_string()));
        }
        if p.field("category").is_none() {
            let cat = p.view().categories.first().cloned().unwrap_or_else(|| "retrospective".into());
            let _ = p.set("category", &FieldValue::Str(cat));
        }
    }
    // Body: Liquid and kramdown attribute lines mean nothing to remark.
    let line_base = p.body_first_line();
    let post_path = |name: &str| {
        let s = parse_source_name(name).1.unwrap_or_else(|| name.to_string());
        format!("/{}/", clean_slug(&s, SlugStyle::Keep))
    };
    let mut body = resolve_for_gatsby(p.body(), line_base, &post_path, warnings);
    let (stripped, n) = strip_kramdown_ials(&body);
    if n > 0 {
        warnings.push(Warning::new(
            "kramdown-removed",
            format!("{n} kramdown attribute list(s) (`{{: …}}`) removed"),
            None,
        ));
        body = stripped;
    }
    p.set_body(&body);
    // Images next to index.md, links `./file`.
    let refs = image_refs(p);
    let mut assets = Vec::new();
    for (r, name) in placed_names(&refs, available) {
        let link = format!("./{name}");
        body = rewrite_body(&body, &r.reference, &link);
        relink_cover(p, &r.reference, &link);
        assets.push(PlacedAsset { reference: r.reference.clone(), site_path: format!("content/blog/{slug}/{name}") });
    }
    for r in refs.iter().filter(|r| !available.contains(&r.reference) && r.path.starts_with('/')) {
        warnings.push(Warning::new(
            "image-absolute",
            format!("image `{}` points into the old site and was not exported alongside", r.reference),
            None,
        ));
    }
    p.set_body(&body);
    (format!("content/blog/{slug}/index.md"), assets)
}
