//! The series view's groups as one HTML string: each group's heading, its
//! achievement chart (an inline SVG: a line through one dot per scored post,
//! 0 % and 100 % guides, the first and last period under it; `<title>` and
//! `aria-label` list every value for screen readers) and its posts in date
//! order. Built as text because Yew's `html!` costs the first load several
//! KB more for the same markup. Every text from a post (series names,
//! titles, ids) is escaped here: nothing of a post is ever markup.
//! A member's button carries `data-open`; the section opens it.

use hoego_core::goals::summary::percent;
use hoego_core::series::{chart, Group, Member};
use hoego_core::templates::Lang;

use crate::i18n::{count, t, Key};

/// The canvas (the markup below writes these numbers out: viewBox
/// `0 0 320 100`, guides at y 14 and 86, axis labels at y 98).
const W: u32 = 320;
const H: u32 = 100;
const PAD: u32 = 14;

/// Append `s` with `& < > " '` escaped (safe in text and quoted attributes).
fn esc(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

fn num(out: &mut String, n: u32) {
    out.push_str(&n.to_string());
}

/// Every group; drafts in `imported` are highlighted.
pub fn groups_html(lang: Lang, groups: &[Group], imported: &[String]) -> String {
    let lit: std::collections::HashSet<&str> = imported.iter().map(String::as_str).collect();
    let mut out = String::new();
    for g in groups {
        out.push_str("<section class=\"series-group\" data-testid=\"series-group\" data-name=\"");
        esc(&mut out, &g.name);
        out.push_str("\"><h3>");
        esc(&mut out, &g.name);
        out.push_str(" <span class=\"meta\">");
        out.push_str(&count(lang, g.members.len(), Key::SeriesPosts));
        out.push_str("</span></h3>");
        chart_svg(&mut out, lang, g);
        out.push_str("<ol class=\"series-members\">");
        for m in &g.members {
            member(&mut out, lang, m, lit.contains(m.id.as_str()));
        }
        out.push_str("</ol></section>");
    }
    out
}

fn member(out: &mut String, lang: Lang, m: &Member, lit: bool) {
    out.push_str(if lit { "<li class=\"series-member imported\"" } else { "<li class=\"series-member\"" });
    out.push_str(" data-testid=\"series-member\" data-id=\"");
    esc(out, &m.id);
    out.push_str("\"><button type=\"button\" data-open=\"");
    esc(out, &m.id);
    out.push_str("\"><span class=\"period\">");
    esc(out, m.period.as_deref().unwrap_or(t(lang, Key::SeriesUndated)));
    out.push_str("</span><span class=\"title\">");
    esc(out, m.title.as_deref().unwrap_or(t(lang, Key::Untitled)));
    out.push_str("</span><span class=\"rate\" data-rate=\"");
    if let Some(r) = m.rate {
        num(out, r);
        out.push_str("\">");
        out.push_str(&percent(r));
    } else {
        out.push_str("\">");
        out.push_str(t(lang, Key::SeriesNoGoals));
    }
    out.push_str("</span></button></li>");
}

fn chart_svg(out: &mut String, lang: Lang, g: &Group) {
    let points = chart(&g.members, W, H, PAD);
    let (Some(first), Some(last)) = (points.first(), points.last()) else {
        out.push_str("<p class=\"hint\">");
        out.push_str(t(lang, Key::SeriesNoGoals));
        out.push_str("</p>");
        return;
    };
    out.push_str(
        "<svg class=\"series-chart\" data-testid=\"series-chart\" role=\"img\" viewBox=\"0 0 320 100\" aria-label=\"",
    );
    let mut label = String::new();
    esc(&mut label, &g.name);
    label.push_str(" — ");
    label.push_str(t(lang, Key::SeriesChart));
    for (i, p) in points.iter().enumerate() {
        label.push_str(if i == 0 { ": " } else { ", " });
        esc(&mut label, &p.label);
        label.push(' ');
        label.push_str(&percent(p.rate));
    }
    out.push_str(&label);
    out.push_str("\"><title>");
    out.push_str(&label);
    // The guides at 0 % (y = H - PAD = 86) and 100 % (y = PAD = 14), x from PAD to W - PAD.
    out.push_str("</title><line class=\"guide\" x1=\"14\" y1=\"86\" x2=\"306\" y2=\"86\"/><line class=\"guide\" x1=\"14\" y1=\"14\" x2=\"306\" y2=\"14\"/><polyline points=\"");
    for p in &points {
        num(out, p.x);
        out.push(',');
        num(out, p.y);
        out.push(' ');
    }
    out.push_str("\"/>");
    for p in &points {
        out.push_str("<circle r=\"3\" cx=\"");
        num(out, p.x);
        out.push_str("\" cy=\"");
        num(out, p.y);
        out.push_str("\" data-rate=\"");
        num(out, p.rate);
        out.push_str("\" data-label=\"");
        esc(out, &p.label);
        out.push_str("\"><title>");
        esc(out, &p.label);
        out.push_str(": ");
        out.push_str(&percent(p.rate));
        out.push_str("</title></circle>");
    }
    let anchor = if points.len() > 1 { "start" } else { "middle" };
    axis_label(out, first.x, anchor, &first.label);
    if points.len() > 1 {
        axis_label(out, last.x, "end", &last.label);
    }
    out.push_str("</svg>");
}

fn axis_label(out: &mut String, x: u32, anchor: &str, label: &str) {
    out.push_str("<text y=\"98\" x=\"");
    num(out, x);
    out.push_str("\" text-anchor=\"");
    out.push_str(anchor);
    out.push_str("\">");
    esc(out, label);
    out.push_str("</text>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use hoego_core::series::{groups, Entry, GroupBy};
    use hoego_core::Post;

    fn html(texts: &[&str], imported: &[String]) -> String {
        let posts: Vec<Post> = texts.iter().map(|t| Post::parse(t).unwrap()).collect();
        let ids: Vec<String> = (0..posts.len()).map(|i| format!("id{i}")).collect();
        let entries = ids.iter().zip(&posts).map(|(id, post)| Entry { id, name: None, post });
        groups_html(Lang::En, &groups(entries, &GroupBy::Series), imported)
    }

    #[test]
    fn post_text_is_never_markup() {
        let out = html(
            &["---\ntitle: \"<img src=x onerror=alert(1)>\"\nseries: \"a\\\" onmouseover=\\\"x<b>\"\ndate: 2024-01-01\n---\n\n## Goals\n\n- [x] <script>\n"],
            &[],
        );
        assert!(!out.contains("<img") && !out.contains("<b>") && !out.contains("<script"), "{out}");
        assert!(out.contains("&lt;img src=x onerror=alert(1)&gt;"), "{out}");
        assert!(out.contains("data-name=\"a&quot; onmouseover=&quot;x&lt;b&gt;\""), "{out}");
    }

    #[test]
    fn chart_labels_every_value_and_marks_imported() {
        let post = |title: &str, date: &str, done: usize| {
            let goals: String = (0..2).map(|i| format!("- [{}] g{i}\n", if i < done { "x" } else { " " })).collect();
            format!("---\ntitle: {title}\nseries: yearly\ndate: {date}\n---\n\n## Goals\n\n{goals}")
        };
        let texts = [
            post("2024", "2024-12-30", 1),
            post("2023", "2023-12-30", 2),
            "---\ntitle: none\nseries: yearly\n---\nx\n".into(),
        ];
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let out = html(&refs, &["id0".to_string()]);
        assert!(out.contains("aria-label=\"yearly — goal achievement per period: 2023 100.0%, 2024 50.0%\""), "{out}");
        assert_eq!(out.matches("<circle").count(), 2);
        assert!(
            out.contains("<li class=\"series-member imported\" data-testid=\"series-member\" data-id=\"id0\">"),
            "{out}"
        );
        assert!(out.contains("<span class=\"period\">undated</span><span class=\"title\">none</span><span class=\"rate\" data-rate=\"\">no goals</span>"), "{out}");
    }
}
