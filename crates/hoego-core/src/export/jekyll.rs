//! The Jekyll profile's body: images exported under `assets/images/<slug>/`
//! with links rewritten, `post_url` links following posts of the same
//! export, and Liquid-looking text that was not meant as Liquid protected.
//! (Front matter: [`super::plan`]; paths: [`super::placement`].)

use super::assets::place_images;
use super::liquid::{has_liquid, protect_for_jekyll};
use super::placement::asset_dir;
use super::{links, BodyContext, PlacedAsset, Target};
use crate::error::{Warning, WarningCode};
use crate::post::Post;

pub(crate) fn body(p: &mut Post, cx: &mut BodyContext, warnings: &mut Vec<Warning>) -> Vec<PlacedAsset> {
    let intended = cx.liquid_intended;
    let dir = asset_dir(Target::Jekyll, cx.slug);
    let prefix = baseurl_prefix(cx, intended);
    let placed = place_images(p, cx, (&dir, None), |name| format!("/{dir}/{name}"), &prefix, warnings);
    for r in placed.missing.iter().filter(|r| !r.path.starts_with('/')) {
        warnings.push(Warning::new(
            WarningCode::ImageRelative,
            format!("image `{}` is relative and was not exported; it will not resolve from `_posts/`", r.reference),
            None,
        ));
    }
    let mut body = placed.body;
    body = links::rewrite_for_jekyll(&body, cx.links, p.body_first_line(), warnings);
    if !intended && has_liquid(&body) {
        body = protect_for_jekyll(&body, p.line_ending().as_str(), warnings);
    }
    p.set_body(&body);
    placed.assets
}

/// What the body's links to exported images start with on a site served
/// under a path (`baseurl: /blog`, a GitHub Pages project site), where
/// `/assets/…` is another site's: `{{site.baseurl}}` (written without spaces, a
/// markdown link destination before Liquid runs too) in a body whose Liquid is
/// meant as Liquid; else the site's `baseurl` itself, from the root (such a
/// body may be wrapped in `{% raw %}`, and a `baseurl` without its `/` would
/// be read from the post's URL). Nothing for a site at its root, or whose
/// `_config.yml` the export was not given.
fn baseurl_prefix(cx: &BodyContext, liquid: bool) -> String {
    let Some(base) = cx.site.get("baseurl").map(|b| b.trim().trim_end_matches('/').to_string()) else {
        return String::new();
    };
    // `baseurl: blog` (no `/`) renders `blog/assets/…`, relative to the post's own URL.
    match (base.is_empty(), liquid && base.starts_with('/')) {
        (true, _) => String::new(),
        (false, true) => "{{site.baseurl}}".into(),
        (false, false) => format!("/{}", base.trim_start_matches('/')),
    }
}
