//! Grouping, date order, periods, rates and chart points, table-driven.

use super::*;

/// A post: front matter lines, then a `## 목표` list with `done` of `all`
/// goals checked (no goals section when `all` is 0).
fn post(front: &str, done: usize, all: usize) -> String {
    let mut s = format!("---\n{front}---\n\n회고 본문.\n");
    if all > 0 {
        s.push_str("\n## 목표\n\n");
        for i in 0..all {
            s.push_str(&format!("- [{}] 목표 {i}\n", if i < done { "x" } else { " " }));
        }
    }
    s
}

/// (id, file name, text)
type Input = (&'static str, Option<&'static str>, String);

/// (group name, [(id, period label, rate)])
type Want = (&'static str, Vec<(&'static str, Option<&'static str>, Option<u32>)>);

fn run(inputs: &[Input], by: &GroupBy) -> Vec<Want> {
    let posts: Vec<Post> = inputs.iter().map(|(_, _, t)| Post::parse(t).unwrap()).collect();
    let entries = inputs.iter().zip(&posts).map(|((id, name, _), post)| Entry { id, name: *name, post });
    groups(entries, by)
        .into_iter()
        .map(|g| {
            let name: &'static str = Box::leak(g.name.into_boxed_str());
            let members = g
                .members
                .into_iter()
                .map(|m| {
                    let id: &'static str = Box::leak(m.id.into_boxed_str());
                    let period = m.period.map(|p| &*Box::leak(p.into_boxed_str()));
                    (id, period, m.rate)
                })
                .collect();
            (name, members)
        })
        .collect()
}

#[test]
fn groups_in_date_order_with_periods_and_rates() {
    let cases: Vec<(&str, Vec<Input>, GroupBy, Vec<Want>)> = vec![
        (
            "korean series, out of order, half-year kind from the name",
            vec![
                ("b", None, post("title: 2024 하반기\nseries: 반기 회고\ndate: 2025-01-03\n", 3, 4)),
                ("a", None, post("title: 2024 상반기\nseries: 반기 회고\ndate: 2024-07-02\n", 1, 2)),
                ("c", None, post("title: 2025 상반기\nseries: \"반기 회고\"\ndate: 2025-06-30\n", 0, 3)),
            ],
            GroupBy::Series,
            vec![(
                "반기 회고",
                vec![
                    ("a", Some("2024 H1"), Some(500)),
                    ("b", Some("2024 H2"), Some(750)),
                    ("c", Some("2025 H1"), Some(0)),
                ],
            )],
        ),
        (
            "two series sorted by name; a post without series is left out",
            vec![
                ("m2", None, post("title: 3월\nseries: monthly\ndate: 2024-04-01\n", 1, 1)),
                ("y1", None, post("title: 2023\nseries: 연말 회고\ndate: 2023-12-31\n", 2, 3)),
                ("m1", None, post("title: 2월\nseries: monthly\ndate: 2024-03-02\n", 0, 1)),
                ("x", None, post("title: lone\ndate: 2024-01-01\n", 1, 1)),
            ],
            GroupBy::Series,
            vec![
                ("monthly", vec![("m1", Some("2024-02"), Some(0)), ("m2", Some("2024-03"), Some(1000))]),
                ("연말 회고", vec![("y1", Some("2023"), Some(667))]),
            ],
        ),
        (
            "missing dates: file-name date, else last in input order; no goals: no rate",
            vec![
                ("u1", None, post("title: undated one\nseries: s\n", 1, 1)),
                ("f", Some("2023-05-10-spring.md"), post("title: spring\nseries: s\n", 0, 0)),
                ("u2", None, post("title: undated two\nseries: s\n", 0, 0)),
                ("d", None, post("title: winter\nseries: s\ndate: 2023-01-15 09:00:00 +0900\n", 1, 2)),
            ],
            GroupBy::Series,
            vec![(
                "s",
                vec![
                    ("d", Some("2023-01-15"), Some(500)),
                    ("f", Some("2023-05-10"), None),
                    ("u1", None, Some(1000)),
                    ("u2", None, None),
                ],
            )],
        ),
        (
            "blank series, list series, numeric series",
            vec![
                ("blank", None, post("title: b\nseries: \"  \"\ndate: 2024-01-01\n", 1, 1)),
                ("list", None, post("title: l\nseries: [retro, other]\ndate: 2024-02-01\n", 1, 1)),
                ("num", None, post("title: n\nseries: 2024\ndate: 2024-03-01\n", 1, 1)),
            ],
            GroupBy::Series,
            vec![
                ("2024", vec![("num", Some("2024-03-01"), Some(1000))]),
                ("retro", vec![("list", Some("2024-02-01"), Some(1000))]),
            ],
        ),
        (
            "by tag: every post with the tag, series ignored; weekly kind from a title",
            vec![
                ("w2", None, post("title: 12주차 회고\ntags: [회고, 주간]\nseries: other\ndate: 2024-03-24\n", 1, 3)),
                ("w1", None, post("title: 11주차 회고\ntags: [회고]\ndate: 2024-03-17\n", 2, 2)),
                ("no", None, post("title: 다른 글\ntags: [rust]\ndate: 2024-03-18\n", 1, 1)),
            ],
            GroupBy::Tag("회고".into()),
            vec![("회고", vec![("w1", Some("2024-W11"), Some(1000)), ("w2", Some("2024-W12"), Some(333))])],
        ),
        ("no posts", vec![], GroupBy::Series, vec![]),
    ];
    for (name, inputs, by, want) in cases {
        assert_eq!(run(&inputs, &by), want, "{name}");
    }
}

#[test]
fn same_day_posts_keep_their_order_and_time_of_day_sorts() {
    let inputs: Vec<Input> = vec![
        ("late", None, post("title: l\nseries: s\ndate: 2024-05-05 21:00\n", 0, 0)),
        ("p", None, post("title: p\nseries: s\ndate: 2024-05-05\n", 0, 0)),
        ("q", None, post("title: q\nseries: s\ndate: 2024-05-05\n", 0, 0)),
        ("early", None, post("title: e\nseries: s\ndate: 2024-05-05 08:00\n", 0, 0)),
    ];
    let got: Vec<&str> = run(&inputs, &GroupBy::Series)[0].1.iter().map(|m| m.0).collect();
    assert_eq!(got, ["p", "q", "early", "late"]);
}

#[test]
fn tags_by_name_with_counts() {
    let texts = [post("tags: [회고, rust]\n", 0, 0), post("tags: [회고]\n", 0, 0), post("tags: [a]\n", 0, 0)];
    let posts: Vec<Post> = texts.iter().map(|t| Post::parse(t).unwrap()).collect();
    let got = tags(&posts);
    assert_eq!(got, vec![("a".to_string(), 1), ("rust".to_string(), 1), ("회고".to_string(), 2)]);
}

#[test]
fn chart_points_scale_rates_and_skip_posts_without_goals() {
    let m = |id: &str, period: Option<&str>, rate: Option<u32>| Member {
        id: id.into(),
        title: Some(format!("t-{id}")),
        date: None,
        period: period.map(str::to_string),
        rate,
    };
    /// (x, y, label, rate)
    type Plotted<'a> = (u32, u32, &'a str, u32);
    let cases: Vec<(Vec<Member>, Vec<Plotted>)> = vec![
        (vec![], vec![]),
        (vec![m("a", Some("2024"), Some(500))], vec![(100, 60, "2024", 500)]),
        (
            vec![
                m("a", Some("2023"), Some(0)),
                m("b", None, None),
                m("c", None, Some(1000)),
                m("d", Some("2025"), Some(250)),
            ],
            vec![(10, 110, "2023", 0), (100, 10, "t-c", 1000), (190, 85, "2025", 250)],
        ),
    ];
    for (members, want) in cases {
        let got: Vec<Plotted> = chart(&members, 200, 120, 10)
            .iter()
            .map(|p| (p.x, p.y, &*Box::leak(p.label.clone().into_boxed_str()), p.rate))
            .collect();
        assert_eq!(got, want);
    }
}

#[test]
fn period_labels() {
    use crate::period::{Period, PeriodKind as K};
    let cases = [
        (K::Year, 2024, 1, "2024"),
        (K::Half, 2024, 2, "2024 H2"),
        (K::Quarter, 2023, 3, "2023 Q3"),
        (K::Month, 2024, 3, "2024-03"),
        (K::Week, 2020, 53, "2020-W53"),
    ];
    for (kind, year, index, want) in cases {
        assert_eq!(Period { kind, year, index }.label(), want);
    }
}

/// 5,000 posts in 50 series: linear work (each post parsed and scanned once).
#[test]
fn many_posts_group_without_blowup() {
    let texts: Vec<String> = (0..5000)
        .map(|i| post(&format!("title: p{i}\nseries: s{}\ndate: 2024-01-{:02}\n", i % 50, i % 28 + 1), i % 3, 3))
        .collect();
    let posts: Vec<Post> = texts.iter().map(|t| Post::parse(t).unwrap()).collect();
    let ids: Vec<String> = (0..5000).map(|i| format!("id{i}")).collect();
    let entries = ids.iter().zip(&posts).map(|(id, post)| Entry { id, name: None, post });
    let gs = groups(entries, &GroupBy::Series);
    assert_eq!(gs.len(), 50);
    assert!(gs.iter().all(|g| g.members.len() == 100));
    assert!(gs
        .iter()
        .all(|g| g.members.windows(2).all(|w| w[0].date.as_ref().map(|d| d.day) <= w[1].date.as_ref().map(|d| d.day))));
}

/// The packed order key sorts across the whole range of four-digit years,
/// and the time of day only within a day.
#[test]
fn order_spans_every_year() {
    let inputs: Vec<Input> = vec![
        ("y9999", None, post("title: a\nseries: s\ndate: 9999-12-31 23:59:59\n", 0, 0)),
        ("y0001", None, post("title: b\nseries: s\ndate: 0001-01-01\n", 0, 0)),
        ("undated", None, post("title: c\nseries: s\n", 0, 0)),
        ("y1970", None, post("title: d\nseries: s\ndate: 1970-01-01 23:00\n", 0, 0)),
        ("y1969", None, post("title: e\nseries: s\ndate: 1969-12-31 23:59:59\n", 0, 0)),
    ];
    let got: Vec<&str> = run(&inputs, &GroupBy::Series)[0].1.iter().map(|m| m.0).collect();
    assert_eq!(got, ["y0001", "y1969", "y1970", "y9999", "undated"]);
}
