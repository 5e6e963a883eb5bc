//! The points of a series' achievement chart, in whole SVG units so the
//! browser build draws it without float formatting: the app turns them into
//! an inline `<svg>` (no chart library).

use super::Member;

/// One plotted post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Point {
    /// The member's id.
    pub id: String,
    /// Horizontal position, `pad..=width - pad`.
    pub x: u32,
    /// Vertical position: `height - pad` is 0 %, `pad` is 100 %.
    pub y: u32,
    /// The period (or the title when undated), for the label.
    pub label: String,
    /// Its rate in thousandths.
    pub rate: u32,
}

/// Members with a rate, evenly spaced left to right in their order, on a
/// `width` × `height` canvas with `pad` units kept free on every side.
/// Members without goals are left out (no rate to plot).
pub fn chart(members: &[Member], width: u32, height: u32, pad: u32) -> Vec<Point> {
    let scored: Vec<(&Member, u32)> = members.iter().filter_map(|m| Some((m, m.rate?))).collect();
    let span_x = width.saturating_sub(2 * pad);
    let span_y = height.saturating_sub(2 * pad);
    let n = scored.len() as u32;
    scored
        .into_iter()
        .zip(0u32..)
        .map(|((m, rate), i)| {
            let x = if n > 1 { pad + i * span_x / (n - 1) } else { pad + span_x / 2 };
            let y = height - pad - rate.min(1000) * span_y / 1000;
            let label = m.period.clone().or_else(|| m.title.clone()).unwrap_or_default();
            Point { id: m.id.clone(), x, y, label, rate }
        })
        .collect()
}
