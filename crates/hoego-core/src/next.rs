//! The next retrospective from this one: a draft for the period after the one
//! this post reviews, from the template of that kind, whose review section
//! links back to this post and lists, as unchecked items, the goals this
//! post set for the next period and its unfinished goals (open, ongoing,
//! failed or partial; marked "(이월)"/"(carried over)"). Achieved, changed
//! and dropped goals stay behind.
//!
//! The link back uses the target blog's URL form, through the export
//! module's own slug and path logic: Jekyll gets `{% post_url
//! YYYY-MM-DD-slug %}` (Jekyll resolves it under any permalink setting, and
//! Hoego's Gatsby export turns it into a path), Gatsby gets `/slug/`.

use crate::date::PostDate;
use crate::export::{export, resolve_slug, ExportOptions, Target};
use crate::goals::{of_post, scoreboard, Scoreboard, SectionKind};
use crate::period::{Period, PeriodKind};
use crate::post::Post;
use crate::templates::{template, Lang};

/// What to make.
#[derive(Debug, Clone)]
pub struct NextOptions {
    /// The period kind; detected from the post when `None` (see
    /// [`PeriodKind::detect`]), else yearly.
    pub kind: Option<PeriodKind>,
    /// The draft's language; the post's when `None` (Korean if it has Hangul).
    pub lang: Option<Lang>,
    /// The target blog (and "now", the new draft's date).
    pub export: ExportOptions,
}

/// The new draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextDraft {
    /// The whole post text.
    pub text: String,
    /// The period it reviews.
    pub period: Period,
    /// The link back to the source post, as written in the draft.
    pub link: String,
    /// Goals the source set for this period.
    pub planned: Vec<String>,
    /// Unfinished goals carried over.
    pub carried: Vec<String>,
}

/// Does the post read as Korean (any Hangul in its title or first 2 KB)?
pub fn lang_of(post: &Post) -> Lang {
    let body = post.body();
    let cut = (0..=body.len().min(2048)).rev().find(|i| body.is_char_boundary(*i)).unwrap_or(0);
    let title = post.view().title.clone().unwrap_or_default();
    let hangul = |s: &str| s.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c));
    if hangul(&title) || hangul(&body[..cut]) {
        Lang::Ko
    } else {
        Lang::En
    }
}

/// The link target for `post` in the blog `opts` describes.
pub fn backlink(post: &Post, opts: &ExportOptions) -> String {
    match opts.target {
        Target::Gatsby(_) => format!("/{}/", resolve_slug(post, opts)),
        Target::Jekyll => {
            let path = export(post, opts, &[]).path;
            let file = path.rsplit('/').next().unwrap_or("");
            let stem = file.strip_suffix(".md").unwrap_or(file);
            let name = if path.starts_with("_posts/") {
                stem.to_string()
            } else {
                // A draft (`_drafts/slug.md`): name the post it will become.
                let date = post.view().date.as_ref().unwrap_or(&opts.now).with_default_offset(opts.offset);
                format!("{}-{stem}", date.at_offset(opts.offset).unwrap_or(date).ymd())
            };
            format!("{{% post_url {name} %}}")
        }
    }
}

/// The next retrospective after `post`.
pub fn next_draft(post: &Post, opts: &NextOptions) -> NextDraft {
    let board = of_post(post);
    let v = post.view();
    let title = v.title.clone().unwrap_or_default();
    let kind = opts.kind.or_else(|| detect_kind(post, &board)).unwrap_or(PeriodKind::Year);
    let lang = opts.lang.unwrap_or_else(|| lang_of(post));
    let now = &opts.export.now;
    let period = Period::reviewed(kind, v.date.as_ref().unwrap_or(now), &title).next();
    let mut text = template(kind.template()).map_or_else(String::new, |t| t.render(&period.title(lang), now, lang));
    if lang == Lang::Ko && period.kind == PeriodKind::Half && period.index == 2 {
        // The half-year template is written for a first half.
        text = text.replace("하반기 계획", "내년 계획").replace("상반기", "하반기");
    }
    let link = backlink(post, &opts.export);
    let (planned, carried) = goals_to_carry(&board);
    let text = match Post::parse(&text) {
        Ok(mut draft) => {
            let body = review_section(draft.body(), now, &link_line(&title, &link, lang), &planned, &carried, lang);
            draft.set_body(&body);
            draft.to_text()
        }
        // Unreachable: every template parses in both languages (templates::tests).
        // Should one ever not, the draft is still the whole template, never lost.
        Err(_) => text,
    };
    NextDraft { text, period, link, planned, carried }
}

fn detect_kind(post: &Post, board: &Scoreboard) -> Option<PeriodKind> {
    let v = post.view();
    let texts = v.title.iter().chain(&v.tags).chain(&v.categories).map(String::as_str);
    PeriodKind::detect(texts).or_else(|| PeriodKind::detect(board.sections.iter().map(|s| s.heading.as_str())))
}

/// (goals set for the next period, unfinished goals not among them).
fn goals_to_carry(board: &Scoreboard) -> (Vec<String>, Vec<String>) {
    let mut planned: Vec<String> = Vec::new();
    for g in board.goals(SectionKind::Next) {
        if !g.title.is_empty() && !planned.contains(&g.title) {
            planned.push(g.title.clone());
        }
    }
    let mut carried: Vec<String> = Vec::new();
    for g in board.goals(SectionKind::Review).filter(|g| g.status.unfinished()) {
        if !g.title.is_empty() && !planned.contains(&g.title) && !carried.contains(&g.title) {
            carried.push(g.title.clone());
        }
    }
    (planned, carried)
}

/// `지난 회고: [title](link)`. A Liquid link has spaces, so it goes in angle
/// brackets: a CommonMark link in the preview, and kramdown reads
/// `(</2026/12/31/slug.html>)` once Jekyll has rendered the tag (checked
/// against Jekyll 4.3).
fn link_line(title: &str, link: &str, lang: Lang) -> String {
    let label = if title.trim().is_empty() { link.to_string() } else { title.replace('[', "\\[").replace(']', "\\]") };
    let target = if link.contains(' ') { format!("<{link}>") } else { link.to_string() };
    match lang {
        Lang::Ko => format!("지난 회고: [{label}]({target})"),
        Lang::En => format!("Previous retrospective: [{label}]({target})"),
    }
}

/// A task item whose text cannot turn into other markdown.
fn task(title: &str, suffix: &str) -> String {
    let escaped =
        if title.starts_with(['#', '>', '-', '+', '*', '[', '|', '=']) { format!("\\{title}") } else { title.into() };
    format!("- [ ] {escaped}{suffix}\n")
}

/// The draft body with its first review section holding the link line and
/// the carried goals (the template's placeholders stay when nothing carries).
fn review_section(
    body: &str,
    now: &PostDate,
    link: &str,
    planned: &[String],
    carried: &[String],
    lang: Lang,
) -> String {
    let board = scoreboard(body, Some(now));
    let Some(s) = board.sections.iter().find(|s| s.kind == SectionKind::Review) else {
        return format!("{link}\n\n{body}");
    };
    let heading_end = body[s.range.start..].find('\n').map_or(body.len(), |i| s.range.start + i + 1).min(s.range.end);
    let suffix = if lang == Lang::Ko { " (이월)" } else { " (carried over)" };
    let mut items: String = planned.iter().map(|t| task(t, "")).collect();
    items.extend(carried.iter().map(|t| task(t, suffix)));
    if items.is_empty() {
        items = body[heading_end..s.range.end].trim().to_string() + "\n";
    }
    format!("{}\n{link}\n\n{items}\n{}", &body[..heading_end], &body[s.range.end..])
}

#[cfg(test)]
mod tests;
