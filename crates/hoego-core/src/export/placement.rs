//! Where a post goes: its slug (kept byte-for-byte when it has one), its
//! date, and its path in the target site. Paths are built only from safe
//! components: `/` separators, no `..`, `\`, `:`, control characters or
//! names Windows reserves.

use super::{parse_source_name, ExportOptions, Target};
use crate::date::{Offset, PostDate};
use crate::dialect::Dialect;
use crate::error::{Warning, WarningCode};
use crate::post::Post;
use crate::slug::{cap_bytes, is_safe_component, is_windows_reserved, slugify, MAX_SLUG_BYTES};

/// Where a slug came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlugSource {
    /// The `slug:` key.
    Key,
    /// The file name (`YYYY-MM-DD-slug.md`, `slug.md`) or bundle folder (`slug/index.md`).
    FileName,
    /// Made from the title.
    Title,
}

/// The post's existing slug (key, else file name): as written, and the part
/// used, the last segment of a path-like `slug:` (`/blog/2022/retro/` → `retro`).
fn existing_slug(post: &Post, opts: &ExportOptions) -> Option<(String, String, SlugSource)> {
    let from_key = post.view().slug.as_deref().and_then(|s| {
        let seg = s.trim().trim_matches('/').rsplit('/').next().unwrap_or("").trim();
        (!seg.is_empty()).then(|| (s.trim().to_string(), seg.to_string(), SlugSource::Key))
    });
    from_key.or_else(|| {
        let name = opts.source_name.as_deref()?;
        parse_source_name(name).1.map(|s| (s.clone(), s, SlugSource::FileName))
    })
}

/// Whether the post's `slug:` key walks out of its folder (a `.` or `..`
/// segment, also written `%2e`, as a URL reads it): the file is named after
/// its last part, and the key itself is rewritten (see `plan::SlugRewrite::Unsafe`).
pub(crate) fn slug_key_escapes(post: &Post) -> bool {
    let dots = |seg: &str| seg.trim().to_ascii_lowercase().replace("%2e", ".");
    post.view()
        .slug
        .as_deref()
        .is_some_and(|s| s.split(['/', '\\']).any(|seg| matches!(dots(seg).as_str(), "." | "..")))
}

/// Can `slug` be a Gatsby page's path as it is? Gatsby makes the page's URL
/// of it unescaped: a `%` fails the whole build (`URIError: URI malformed`),
/// and a `#` or a space cuts or breaks every link to the page. (Jekyll makes
/// its own URL slug from the file name, so a Jekyll file keeps its name.)
fn url_safe(target: Target, slug: &str) -> bool {
    matches!(target, Target::Jekyll) || page_path_safe(slug)
}

/// Does `path` have no `#`, `%` or whitespace, of which Gatsby makes no page path?
pub(crate) fn page_path_safe(path: &str) -> bool {
    !path.chars().any(|c| c.is_whitespace() || matches!(c, '#' | '%'))
}

/// Whether the post's `slug:` key has a part Gatsby cannot make a page path
/// of (see [`url_safe`]): Lumen builds the page's URL from the key, so the key
/// is rewritten (`plan::SlugRewrite::NotUrl`).
pub(crate) fn slug_key_not_url(post: &Post, target: Target) -> bool {
    post.view().slug.as_deref().is_some_and(|s| !url_safe(target, s.trim()))
}

/// The slug before collisions: an existing slug kept byte-for-byte (unless
/// `reslug`, or it is not a safe file name), else one made from the title
/// in `opts.slug_style`; then capped and kept off Windows' reserved names.
pub fn resolve_slug(post: &Post, opts: &ExportOptions, warnings: &mut Vec<Warning>) -> (String, SlugSource) {
    let existing = existing_slug(post, opts);
    let (mut slug, source) = match &existing {
        Some((_, s, src)) if !opts.reslug && is_safe_component(s) && url_safe(opts.target, s) => (s.clone(), *src),
        Some((_, s, src)) => (slugify(s, opts.slug_style), *src),
        None => (slugify(post.view().title.as_deref().unwrap_or(""), opts.slug_style), SlugSource::Title),
    };
    if slug.is_empty() {
        slug = "post".into();
    }
    // Named after the fallback above, so the warning says what is written (`.` → `post`,
    // not ``); a path cut to its last segment (`../../evil` → `evil`) is said too.
    if let Some((written, _, _)) = existing.filter(|(w, _, _)| !opts.reslug && w.trim_matches('/') != slug) {
        let why = format!("slug `{written}` is not a safe file name or URL path; written as `{slug}`");
        warnings.push(Warning::new(WarningCode::SlugUnsafe, why, None));
    }
    let (capped, cut) = cap_bytes(&slug, MAX_SLUG_BYTES);
    if cut {
        let why = format!("slug cut to {} bytes so every file system accepts it: `{capped}`", capped.len());
        warnings.push(Warning::new(WarningCode::SlugShortened, why, None));
        slug = capped;
    }
    if is_windows_reserved(&slug) {
        let renamed = format!("{slug}-post");
        let why = format!("`{slug}` is a name Windows reserves for a device; written as `{renamed}`");
        warnings.push(Warning::new(WarningCode::SlugReserved, why, None));
        slug = renamed;
    }
    (slug, source)
}

/// The post's instant for export: its date (floating → `opts.offset`), else
/// the file name's date, else `now`, with a warning for each fallback.
pub fn resolve_date(post: &Post, opts: &ExportOptions, kept: bool, warnings: &mut Vec<Warning>) -> PostDate {
    // Kept as written with `KST`/`JST` (see `date_kept`): Jekyll reads the wall clock
    // in the site's zone, as a time without an offset; so do the warnings and the file name.
    let floating = kept && post.inline_value("date").is_some_and(crate::date::ruby_reads_as_local);
    let date = post.view().date.clone().map(|d| if floating { PostDate { offset: None, ..d } } else { d });
    if let Some(d) = &date {
        // (`kept`: written as it is for Jekyll, see `date_kept` and `plan::date_fixes`.)
        match opts.target {
            Target::Jekyll if super::plan::written_date_only(post) => warn_if_later_in_utc(d, opts, warnings),
            Target::Jekyll if d.offset.is_none() && !kept => {
                warnings.push(Warning::new(
                    WarningCode::DateOffsetAdded,
                    format!(
                        "`date` had no offset; exported with {} (set the offset to change this)",
                        opts.offset.colon()
                    ),
                    None,
                ));
                warn_if_another_day_in_utc(&d.with_default_offset(opts.offset), opts, warnings);
            }
            // Without an offset Gatsby gets the wall clock (`plan::gatsby_date`), Jekyll
            // the date as written (`date_kept`).
            _ if d.offset.is_some() => warn_if_another_day_in_utc(d, opts, warnings),
            _ => {}
        }
        return d.with_default_offset(opts.offset);
    }
    if let Some(d) = opts.source_name.as_deref().and_then(|n| parse_source_name(n).0) {
        let msg = format!("no valid `date`: using {} from the file name", d.ymd());
        warnings.push(Warning::new(WarningCode::DateFromFilename, msg, None));
        // Jekyll reads the file name's date as written, without a time.
        if opts.target == Target::Jekyll {
            warn_if_later_in_utc(&d, opts, warnings);
        }
        return d.with_default_offset(opts.offset);
    }
    // Now's wall clock at the export's offset: what Gatsby is given, and the file name's day.
    let now = opts.now.with_default_offset(opts.offset);
    let now = now.at_offset(opts.offset).unwrap_or(now);
    warnings.push(Warning::new(WarningCode::DateNow, format!("no valid `date`: using now ({})", now.to_iso()), None));
    if opts.target == Target::Jekyll {
        warn_if_another_day_in_utc(&now, opts, warnings);
    }
    now
}

/// Is the post dated by its file name (`YYYY-MM-DD-slug.md`), having no
/// `date` Jekyll or Gatsby can read? (Not "is the resolved time midnight":
/// `now` can be midnight too.)
pub(crate) fn dated_by_file_name(post: &Post, opts: &ExportOptions) -> bool {
    post.view().date.is_none() && opts.source_name.as_deref().is_some_and(|n| parse_source_name(n).0.is_some())
}

/// Does a Jekyll export keep the post's `date` as written? A date without a
/// time (`plan::written_date_only`) always. A time without an offset once it
/// has passed in UTC, where Jekyll's YAML reader (Psych) reads it, whatever the
/// site's `timezone`: then no build hides it as "future" (the one thing the
/// offset is added for), and as written it keeps the URL the site gave it.
/// That is when the site's `_config.yml` (given) has a `timezone` (its URL's
/// day is the UTC reading's day there: `20:00` is the next day in Seoul), or
/// when adding ours would move its day in UTC (a site with none, GitHub Pages,
/// dates the URL in UTC: `2022-07-28 08:00:00` with `+09:00` would be
/// `/2022/07/27/`). A time ending in `KST` or `JST` counts as one without an
/// offset: Ruby reads it so (`date::ruby_reads_as_local`), and that is the URL
/// the site gave it.
/// `written_for` is asked only when the site has a zone (detecting a post's
/// dialect reads its body: the form's URL hint must not, per key).
pub(crate) fn date_kept(post: &Post, opts: &ExportOptions, written_for: impl FnOnce() -> Dialect) -> bool {
    if opts.target != Target::Jekyll {
        return false;
    }
    if super::plan::written_date_only(post) {
        return true;
    }
    let local_to_ruby = post.inline_value("date").is_some_and(crate::date::ruby_reads_as_local);
    let Some(d) = post.view().date.as_ref().filter(|d| (d.offset.is_none() || local_to_ruby) && d.time.is_some())
    else {
        return false;
    };
    // What the author meant: the written zone, else the export's offset.
    let meant = if local_to_ruby { d.clone() } else { d.with_default_offset(opts.offset) };
    let as_utc = PostDate { offset: Some(Offset::UTC), ..d.clone() }.unix();
    let now = opts.now.with_default_offset(opts.offset).unix();
    let past = as_utc.zip(now).is_some_and(|(at, now)| at <= now);
    let day_moves = utc_day(&meant).is_some();
    // A site zone keeps the URL only of a post that was on a Jekyll site: one from
    // elsewhere has none yet, and gets the day it was written for.
    past && (day_moves || (site_zone(opts) && written_for() == Dialect::Jekyll))
}

/// Does the site's `_config.yml` (given) set a `timezone` other than UTC? Jekyll
/// dates URLs there; an empty one, `UTC` or `Etc/UTC` dates them as GitHub
/// Pages does with none.
fn site_zone(opts: &ExportOptions) -> bool {
    opts.site.get("timezone").is_some_and(|z| !matches!(z.trim(), "" | "UTC" | "Etc/UTC" | "GMT" | "Etc/GMT"))
}

/// `d` (with an offset) in UTC, when that is another day than its own.
fn utc_day(d: &PostDate) -> Option<PostDate> {
    d.at_offset(Offset::UTC).filter(|u| u.ymd() != d.ymd())
}

/// Said when `d` (with its offset, as exported) falls on another day in UTC,
/// where a Jekyll site with no `timezone` dates the post's URL and where
/// Gatsby, which formats dates in UTC, shows it.
fn warn_if_another_day_in_utc(d: &PostDate, opts: &ExportOptions, warnings: &mut Vec<Warning>) {
    let Some(utc) = utc_day(d) else { return };
    let msg = match opts.target {
        Target::Jekyll if site_zone(opts) => return,
        Target::Jekyll => format!(
            "`date` {} is {} UTC: Jekyll with no `timezone` in _config.yml (as on GitHub Pages) dates the \
             post's URL {}, not {}; `timezone:` (your zone, e.g. Asia/Seoul) in _config.yml dates it {}, and \
             moves the URL of every published post like it",
            d.to_jekyll(),
            utc.to_jekyll(),
            utc.ymd(),
            d.ymd(),
            d.ymd()
        ),
        Target::Gatsby(_) => format!(
            "`date` {} is {} UTC: Gatsby shows dates in UTC, so the post is dated {}, not {}; write the date \
             without its offset to show it on {}",
            d.to_iso(),
            utc.to_iso(),
            utc.ymd(),
            d.ymd(),
            d.ymd()
        ),
    };
    warnings.push(Warning::new(WarningCode::DateUtcDay, msg, None));
}

/// Jekyll reads a date without a time as midnight in the site's `timezone`,
/// UTC where `_config.yml` sets none (GitHub Pages' servers), and builds a post
/// only once its date has passed. A post dated today where it is written (`now`
/// at the export offset: a Korean morning) is then left out of every build until
/// 09:00 there, which looks like a lost post. Said when that is so; a date still
/// to come where it is written is the writer's choice, and a site with its own
/// `timezone` reads the date there.
fn warn_if_later_in_utc(d: &PostDate, opts: &ExportOptions, warnings: &mut Vec<Warning>) {
    if site_zone(opts) || d.time.as_ref().is_some_and(|t| !t.is_midnight()) {
        return;
    }
    let midnight = crate::date::Time { hour: 0, minute: 0, second: 0, frac: None };
    let utc = PostDate { time: Some(midnight), offset: Some(Offset::UTC), ..d.clone() };
    let now = opts.now.with_default_offset(opts.offset);
    let (Some(at), Some(now_unix)) = (utc.unix(), now.unix()) else { return };
    let today = now.at_offset(opts.offset).is_some_and(|n| n.ymd() == d.ymd());
    if today && at > now_unix {
        let local = PostDate::from_unix(at, opts.offset);
        let msg = format!(
            "`date` {} has no time: Jekyll with no `timezone` in _config.yml (as on GitHub Pages) reads it as \
             00:00 UTC, {} at {}, and leaves the post out of every build until then; add `timezone:` (your \
             zone, e.g. Asia/Seoul) to _config.yml, or a time to the date",
            d.ymd(),
            local.to_jekyll(),
            opts.offset.colon()
        );
        warnings.push(Warning::new(WarningCode::DateOnlyLater, msg, None));
    }
}

/// The file path of a post in the target site.
pub fn post_path(target: Target, slug: &str, date: &PostDate, draft: bool, opts: &ExportOptions) -> String {
    match target {
        Target::Jekyll if draft => format!("_drafts/{slug}.md"),
        Target::Jekyll => {
            let local = date.at_offset(opts.offset).unwrap_or_else(|| date.clone());
            format!("_posts/{}-{slug}.md", local.ymd())
        }
        Target::Gatsby(_) => format!("content/blog/{slug}/index.md"),
    }
}

/// The folder (site path) a post's images go to.
pub fn asset_dir(target: Target, slug: &str) -> String {
    match target {
        Target::Jekyll => format!("assets/images/{slug}"),
        Target::Gatsby(_) => format!("content/blog/{slug}"),
    }
}

/// Is `path` a safe relative site path (zip entry name, file under `--out`)?
/// `/` separators only; every component safe; no absolute path.
pub fn is_safe_site_path(path: &str) -> bool {
    !path.is_empty() && !path.starts_with('/') && path.split('/').all(is_safe_component)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_paths() {
        for ok in ["_posts/2022-12-31-2022-retrospect.md", "content/blog/회고/index.md", "assets/images/a/b.png"] {
            assert!(is_safe_site_path(ok), "{ok}");
        }
        for bad in ["", "/etc/passwd", "a/../b", "a//b", "a\\b", "c:/x", "a/\u{1}b", "../x", "a/./b"] {
            assert!(!is_safe_site_path(bad), "{bad:?}");
        }
    }

    #[test]
    fn a_changed_slug_is_warned_about_as_written() {
        let now = PostDate::parse("2026-11-22T10:00:00+09:00").unwrap();
        let opts = ExportOptions::new(Target::Jekyll, crate::date::Offset::KST, now);
        // (slug: value, slug written, warning expected)
        let cases = [
            (".", "post", true),
            ("a/b", "b", true),
            ("../../evil", "evil", true),
            ("/etc/x", "x", true),
            ("a\\b", "a-b", true),
            ("/retro/", "retro", false),
            ("retro", "retro", false),
        ];
        for (value, slug, warned) in cases {
            let post = Post::parse(&format!("---\ntitle: t\nslug: '{value}'\n---\n")).unwrap();
            let mut warnings = Vec::new();
            assert_eq!(resolve_slug(&post, &opts, &mut warnings).0, slug, "{value}");
            let said = warnings.iter().find(|w| w.code == WarningCode::SlugUnsafe);
            assert_eq!(said.is_some(), warned, "{value}: {warnings:?}");
            if let Some(w) = said {
                assert!(w.message.ends_with(&format!("written as `{slug}`")), "{}", w.message);
            }
        }
    }
}
