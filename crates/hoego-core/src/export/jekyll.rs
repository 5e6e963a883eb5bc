//! The Jekyll profile's body: images exported under `assets/images/<slug>/`
//! with links rewritten, `post_url` links following posts of the same
//! export, and Liquid-looking text that was not meant as Liquid protected.
//! (Front matter: [`super::plan`]; paths: [`super::placement`].)

use super::assets::{image_refs, placed_names, relink_cover, rewrite_body};
use super::liquid::{has_liquid, protect_for_jekyll};
use super::placement::asset_dir;
use super::{links, BodyContext, PlacedAsset, Target};
use crate::error::{Warning, WarningCode};
use crate::post::Post;

pub(crate) fn body(p: &mut Post, cx: &mut BodyContext, warnings: &mut Vec<Warning>) -> Vec<PlacedAsset> {
    let intended = cx.liquid_intended;
    let refs = image_refs(p);
    let mut body = p.body().to_string();
    let mut assets = Vec::new();
    let dir = asset_dir(Target::Jekyll, cx.slug);
    for (r, name) in placed_names(&refs, cx.available, &dir, None, cx.taken) {
        let site_path = format!("{dir}/{name}");
        let link = format!("/{site_path}");
        body = rewrite_body(&body, &r.reference, &link);
        relink_cover(p, &r.reference, &link, warnings);
        assets.push(PlacedAsset { reference: r.reference.clone(), site_path });
    }
    for r in refs.iter().filter(|r| !cx.available.contains(&r.reference) && !r.path.starts_with('/')) {
        warnings.push(Warning::new(
            WarningCode::ImageRelative,
            format!("image `{}` is relative and was not exported; it will not resolve from `_posts/`", r.reference),
            None,
        ));
    }
    body = links::rewrite_for_jekyll(&body, cx.links, p.body_first_line(), warnings);
    if !intended && has_liquid(&body) {
        body = protect_for_jekyll(&body, p.line_ending().as_str(), warnings);
    }
    p.set_body(&body);
    assets
}
