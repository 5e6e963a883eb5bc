//! The Gatsby profile's body (gatsby-starter-blog layout, or Lumen): images
//! co-located next to `index.md` as `./file`, `{{ site.X }}` resolved from
//! the site configuration, Liquid and kramdown attribute lists resolved
//! (remark would print them), `post_url` links following posts of the same
//! export. (Front matter: [`super::plan`]; paths: [`super::placement`].)

use super::assets::{image_refs, placed_names, relink_cover, rewrite_body};
use super::links::{guessed_url, outside_warnings};
use super::liquid::{resolve_for_gatsby, strip_kramdown_ials};
use super::placement::asset_dir;
use super::site::resolve_site_variables;
use super::{BodyContext, Flavor, PlacedAsset, Target};
use crate::error::{Warning, WarningCode};
use crate::post::Post;

pub(crate) fn body(p: &mut Post, cx: &mut BodyContext, warnings: &mut Vec<Warning>) -> Vec<PlacedAsset> {
    let line_base = p.body_first_line();
    let refs = image_refs(p);
    let mut body = p.body().to_string();
    let mut assets = Vec::new();
    let dir = asset_dir(Target::Gatsby(Flavor::StarterBlog), cx.slug);
    for (r, name) in placed_names(&refs, cx.available, &dir, Some("index.md"), cx.taken) {
        let link = format!("./{name}");
        body = rewrite_body(&body, &r.reference, &link);
        relink_cover(p, &r.reference, &link, warnings);
        assets.push(PlacedAsset { reference: r.reference.clone(), site_path: format!("{dir}/{name}") });
    }
    for r in refs.iter().filter(|r| !cx.available.contains(&r.reference) && r.path.starts_with('/')) {
        warnings.push(Warning::new(
            WarningCode::ImageAbsolute,
            format!("image `{}` points into the old site and was not exported alongside", r.reference),
            None,
        ));
    }
    body = resolve_site_variables(&body, cx.site, warnings);
    outside_warnings(&body, cx.links, line_base, warnings);
    let links = cx.links;
    let post_path = |name: &str| links.find(name).map_or_else(|| guessed_url(name), |t| t.url.clone());
    body = resolve_for_gatsby(&body, line_base, &post_path, warnings);
    let (stripped, n) = strip_kramdown_ials(&body);
    if n > 0 {
        let msg = format!("{n} kramdown attribute list(s) (`{{: …}}`) removed");
        warnings.push(Warning::new(WarningCode::KramdownRemoved, msg, None));
        body = stripped;
    }
    p.set_body(&body);
    assets
}
