//! `hoego new --from POST.md`: the next retrospective after POST.md, for the
//! next period, with its next-period and unfinished goals carried over and a
//! link back in the target blog's URL form. The clock is read here, at the
//! edge, unless `--now` is given.

use hoego_core::dialect::{detect, Dialect};
use hoego_core::export::{ExportOptions, Flavor, Target};
use hoego_core::next::{next_draft, NextOptions};
use hoego_core::period::PeriodKind;
use hoego_core::slug::SlugStyle;
use hoego_core::templates::Lang;
use hoego_core::{Offset, Post};

use crate::{flag, flags, load, now_arg, usage, write_stdout, Fail};

/// The blog the link points into: `--to`/`--flavor`, else the source post's dialect.
fn target(post: &Post, to: Option<&str>, flavor: Option<&str>) -> Result<Target, Fail> {
    match to {
        Some(to) => Target::parse(to, flavor)
            .ok_or_else(|| Fail::Usage(format!("unknown target `--to {to}` / `--flavor {}`", flavor.unwrap_or("")))),
        None if detect(post).dialect == Dialect::Gatsby => {
            Ok(Target::Gatsby(if post.field("template").is_some() { Flavor::Lumen } else { Flavor::StarterBlog }))
        }
        None => Ok(Target::Jekyll),
    }
}

/// Run `hoego new --from FILE [--period K] [--lang L] [--now T] [--to …] [--flavor …] [--offset O] [--slug-style S]`.
pub fn run(args: &[String]) -> Result<(), Fail> {
    let known = ["from", "period", "lang", "now", "to", "flavor", "offset", "slug-style"];
    let (found, rest) = flags(args, &known, &[])?;
    if let Some(extra) = rest.first() {
        return usage(format!("unexpected argument `{extra}`"));
    }
    let Some(file) = flag(&found, "from") else { return usage("--from needs a FILE") };
    let post = load(file)?;
    let kind =
        match flag(&found, "period") {
            None => None,
            Some(p) => Some(PeriodKind::parse(p).ok_or_else(|| {
                Fail::Usage(format!("--period must be year, half, quarter, month or week, got `{p}`"))
            })?),
        };
    let lang = match flag(&found, "lang") {
        None => None,
        Some(l) => Some(Lang::parse(l).ok_or_else(|| Fail::Usage(format!("--lang must be ko or en, got `{l}`")))?),
    };
    let offset = match flag(&found, "offset") {
        None => post.view().date.as_ref().and_then(|d| d.offset).unwrap_or(Offset::KST),
        Some(o) => Offset::parse(o).ok_or_else(|| Fail::Usage(format!("--offset must look like +09:00, got `{o}`")))?,
    };
    let slug_style = match flag(&found, "slug-style") {
        None => SlugStyle::Romanize,
        Some(s) => SlugStyle::parse(s)
            .ok_or_else(|| Fail::Usage(format!("--slug-style must be romanize, keep or ascii, got `{s}`")))?,
    };
    let target = target(&post, flag(&found, "to"), flag(&found, "flavor"))?;
    let now = now_arg(flag(&found, "now"), offset)?;
    let export =
        ExportOptions { slug_style, source_name: Some(file.to_string()), ..ExportOptions::new(target, offset, now) };
    let draft = next_draft(&post, &NextOptions { kind, lang, export });
    write_stdout(draft.text.as_bytes())
}
