//! A series' goal achievement per period as a small inline SVG: a line
//! through one dot per scored post, 0 % and 100 % guides, the first and last
//! period under it. Drawn with Yew's `html!` from hoego-core's integer
//! points (no chart library, no float formatting); the `<title>` and
//! `aria-label` list every value for screen readers.

use hoego_core::goals::summary::percent;
use hoego_core::series::{chart, Group};
use hoego_core::templates::Lang;
use yew::prelude::*;

use crate::i18n::t;

const W: u32 = 320;
const H: u32 = 100;
const PAD: u32 = 14;

/// The chart of `group`, or a note when none of its posts has goals.
pub fn series_chart(lang: Lang, group: &Group) -> Html {
    let points = chart(&group.members, W, H, PAD);
    let (Some(first), Some(last)) = (points.first(), points.last()) else {
        return html! { <p class="hint">{ t(lang, "series.no_goals") }</p> };
    };
    let values: Vec<String> = points.iter().map(|p| format!("{} {}", p.label, percent(p.rate))).collect();
    let label = format!("{} — {}: {}", group.name, t(lang, "series.chart"), values.join(", "));
    let line: Vec<String> = points.iter().map(|p| format!("{},{}", p.x, p.y)).collect();
    let (base, top, right) = ((H - PAD).to_string(), PAD.to_string(), (W - PAD).to_string());
    html! {
        <svg class="series-chart" data-testid="series-chart" role="img" aria-label={label.clone()} viewBox={format!("0 0 {W} {H}")}>
            <title>{ label }</title>
            <line class="guide" x1={top.clone()} y1={base.clone()} x2={right.clone()} y2={base} />
            <line class="guide" x1={top.clone()} y1={top.clone()} x2={right.clone()} y2={top} />
            <polyline points={line.join(" ")} />
            { for points.iter().map(|p| html! {
                <circle cx={p.x.to_string()} cy={p.y.to_string()} r="3" data-rate={p.rate.to_string()} data-label={p.label.clone()}>
                    <title>{ format!("{}: {}", p.label, percent(p.rate)) }</title>
                </circle>
            }) }
            <text x={first.x.to_string()} y={(H - 2).to_string()} text-anchor={if points.len() > 1 { "start" } else { "middle" }}>{ first.label.clone() }</text>
            if points.len() > 1 {
                <text x={last.x.to_string()} y={(H - 2).to_string()} text-anchor="end">{ last.label.clone() }</text>
            }
        </svg>
    }
}
