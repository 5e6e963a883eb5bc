//! The Gatsby profile's body (gatsby-starter-blog layout, or Lumen): images
//! co-located next to `index.md` as `./file`, `{{ site.X }}` resolved from
//! the site configuration, Liquid and kramdown attribute lists resolved
//! (remark would print them), `post_url` links following posts of the same
//! export. (Front matter: [`super::plan`]; paths: [`super::placement`].)

use super::assets::place_images;
use super::links::{guessed_url, outside_warnings};
use super::liquid::{resolve_for_gatsby, strip_kramdown_ials};
use super::placement::asset_dir;
use super::site::resolve_site_variables;
use super::{BodyContext, Flavor, PlacedAsset, Target};
use crate::error::{Warning, WarningCode};
use crate::post::Post;

pub(crate) fn body(p: &mut Post, cx: &mut BodyContext, warnings: &mut Vec<Warning>) -> Vec<PlacedAsset> {
    let line_base = p.body_first_line();
    let dir = asset_dir(Target::Gatsby(Flavor::StarterBlog), cx.slug);
    // `{{ site.baseurl }}` written with spaces made no markdown image (Liquid ran
    // first on the old site): tightened, `![a]({{site.baseurl}}/a.png)` is one,
    // found, bundled and rewritten like the unspaced form.
    if p.body().contains("{{") {
        let body = super::liquid::tighten_site_prefixes(p.body());
        p.set_body(&body);
    }
    let placed = place_images(p, cx, (&dir, Some("index.md")), |name| format!("./{name}"), "", warnings);
    for r in &placed.missing {
        let (code, text) = match r.path.starts_with('/') {
            true => (WarningCode::ImageAbsolute, "points into the old site and was not exported alongside"),
            // As the Jekyll profile says: Gatsby looks for it beside `index.md`, where it is not.
            false => {
                (WarningCode::ImageRelative, "is relative and was not exported; it will not resolve beside `index.md`")
            }
        };
        warnings.push(Warning::new(code, format!("image `{}` {text}", r.reference), None));
    }
    let mut body = placed.body;
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
    placed.assets
}
