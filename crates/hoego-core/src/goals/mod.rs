//! The goal scoreboard: this period's goals, one by one, and how many were
//! achieved, in one pass over the body's markdown events.
//!
//! Goals are the list items directly under a goals heading (see
//! [`heading`](self) for which headings count and whether a section reviews
//! this period or sets the next one) and the numbered sub-headings of a goals
//! or review heading (`## 1. CKA 취득하기 (성공)`). Each goal gets a
//! [`Status`] from its task box, status emoji, status word or fraction (see
//! [`status`](self)). Nested list items are a goal's details, not goals.
//!
//! The scoreboard counts only [`SectionKind::Review`] sections; the next
//! period's goals are listed (for the next retrospective) but not scored.
//! Rate = (achieved + the fractions of partial goals) / all goals, in
//! thousandths so the browser build needs no float formatting.

mod heading;
mod status;
pub mod summary;
#[cfg(test)]
mod tests;

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

pub(crate) use heading::Context;
pub use heading::SectionKind;
pub use status::{Fraction, Status};

use crate::date::PostDate;
use crate::markdown::options::parser;
use crate::markdown::render::level_num;
use crate::post::Post;
pub(crate) use heading::numbered;
use heading::{role, Role};
use status::{classify, is_status_emoji};

/// One goal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Goal {
    /// The goal without its status (`CKA 취득하기`), for carrying it over.
    pub title: String,
    /// The goal's text as written (inline text, no markup).
    pub text: String,
    /// Its outcome.
    pub status: Status,
    /// How much was done, when a fraction or percentage says so.
    pub fraction: Option<Fraction>,
    /// 1-based line in the body.
    pub line: usize,
    /// Byte range in the body.
    #[serde(skip)]
    pub range: Range<usize>,
}

impl Goal {
    /// Credit in thousandths: 1000 achieved, the fraction for partial, else 0.
    pub fn credit(&self) -> u32 {
        match (self.status, self.fraction) {
            (Status::Achieved, _) => 1000,
            (Status::Partial, Some(f)) => f.per_mille(),
            _ => 0,
        }
    }
}

/// Counts over some goals.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Goals achieved.
    pub achieved: u32,
    /// Goals partly achieved.
    pub partial: u32,
    /// All goals.
    pub total: u32,
    /// Achieved goals plus partial fractions, in thousandths of a goal.
    pub credit: u32,
}

impl Tally {
    fn add(&mut self, g: &Goal) {
        self.total += 1;
        self.achieved += u32::from(g.status == Status::Achieved);
        self.partial += u32::from(g.status == Status::Partial);
        self.credit += g.credit();
    }

    fn merge(&mut self, o: &Tally) {
        self.achieved += o.achieved;
        self.partial += o.partial;
        self.total += o.total;
        self.credit += o.credit;
    }

    /// Achievement rate in thousandths (833 = 83.3 %), rounded; `None` with no goals.
    pub fn rate_per_mille(&self) -> Option<u32> {
        (self.total > 0).then(|| (self.credit * 2 + self.total) / (2 * self.total))
    }
}

impl Tally {
    /// Its fields into `st`: the counts, and the rate (`null` unless `scored`).
    fn serialize_fields<S: SerializeStruct>(&self, st: &mut S, scored: bool) -> Result<(), S::Error> {
        st.serialize_field("achieved", &self.achieved)?;
        st.serialize_field("partial", &self.partial)?;
        st.serialize_field("total", &self.total)?;
        st.serialize_field("rate", &self.rate_per_mille().filter(|_| scored).map(|r| f64::from(r) / 1000.0))
    }
}

impl Serialize for Tally {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Tally", 4)?;
        self.serialize_fields(&mut st, true)?;
        st.end()
    }
}

/// A goals section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Heading text.
    pub heading: String,
    /// Heading level, 1–6.
    pub level: u8,
    /// Review (scored) or next period (listed).
    pub kind: SectionKind,
    /// 1-based line of the heading in the body.
    pub line: usize,
    /// Bytes from the heading to the next heading of the same or a higher level.
    pub range: Range<usize>,
    /// Counts over this section's goals.
    pub tally: Tally,
    /// The goals, in order.
    pub goals: Vec<Goal>,
}

/// As a [`Tally`] flattened in, but a next period's section has no `rate`
/// (`null`): its goals are listed, not scored (`hoego show` gave them 0.0).
impl Serialize for Section {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Section", 8)?;
        st.serialize_field("heading", &self.heading)?;
        st.serialize_field("kind", &self.kind)?;
        st.serialize_field("line", &self.line)?;
        self.tally.serialize_fields(&mut st, self.kind == SectionKind::Review)?;
        st.serialize_field("goals", &self.goals)?;
        st.end()
    }
}

/// The scoreboard of a post.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Scoreboard {
    /// Counts over every review section.
    #[serde(flatten)]
    pub overall: Tally,
    /// Every goals section, in order.
    pub sections: Vec<Section>,
}

impl Scoreboard {
    /// Goals of sections of `kind`, in order.
    pub fn goals(&self, kind: SectionKind) -> impl Iterator<Item = &Goal> {
        self.sections.iter().filter(move |s| s.kind == kind).flat_map(|s| s.goals.iter())
    }
}

/// The scoreboard of `body` (lines counted from the body's first line);
/// `date` (the post's) tells next-period headings from review ones: a year
/// later than the reviewed one, `하반기` in a first-half post (see `heading.rs`).
pub fn scoreboard(body: &str, date: Option<&PostDate>) -> Scoreboard {
    scan(body, date, 1)
}

/// The scoreboard of a post, with lines of the whole file.
pub fn of_post(post: &Post) -> Scoreboard {
    scan(post.body(), post.view().date.as_ref(), post.body_first_line())
}

fn scan(body: &str, date: Option<&PostDate>, first_line: usize) -> Scoreboard {
    let ctx = Context { year: date.map(reviewed_year), month: date.map(|d| d.month) };
    // Code in a `{% highlight %}` block is code here too (same offsets, see `markdown::highlight_as_fences`).
    let body = &*crate::markdown::highlight_as_fences(body);
    let mut scan = Scan::new(body, ctx, first_line);
    for (event, range) in parser(body).into_offset_iter() {
        scan.event(event, range);
    }
    scan.finish()
}

/// The year a post dated `d` reviews: a post from January or February looks
/// back on the year before.
fn reviewed_year(d: &PostDate) -> i32 {
    if d.month <= 2 {
        d.year - 1
    } else {
        d.year
    }
}

/// A section being filled.
struct Open {
    index: usize,
    /// Opened by a review-only heading: only numbered sub-headings are goals,
    /// and the section is kept only if a goal states an outcome.
    review_only: bool,
    explicit: bool,
    /// A numbered sub-heading was a goal: lists that follow are its details.
    heading_goals: bool,
}

struct Item {
    start: usize,
    line: usize,
    text: String,
    checked: Option<bool>,
}

/// The one pass: headings open and close sections, top-level list items and
/// numbered sub-headings become goals.
struct Scan<'a> {
    body: &'a str,
    ctx: Context,
    sections: Vec<Section>,
    keep: Vec<bool>,
    open: Vec<Open>,
    heading: Option<(u8, usize, String)>,
    list_depth: usize,
    item: Option<Item>,
    lines: (usize, usize),
    first_line: usize,
}

impl<'a> Scan<'a> {
    fn new(body: &'a str, ctx: Context, first_line: usize) -> Self {
        Scan {
            body,
            ctx,
            sections: Vec::new(),
            keep: Vec::new(),
            open: Vec::new(),
            heading: None,
            list_depth: 0,
            item: None,
            lines: (0, first_line),
            first_line,
        }
    }

    /// 1-based line of byte `offset` (offsets come in document order, so the
    /// count only moves forward: linear overall).
    fn line(&mut self, offset: usize) -> usize {
        let (pos, line) = self.lines;
        let (pos, line) = if offset < pos { (0, self.first_line) } else { (pos, line) };
        let n = self.body.as_bytes()[pos..offset.min(self.body.len())].iter().filter(|b| **b == b'\n').count();
        self.lines = (offset, line + n);
        line + n
    }

    fn text_target(&mut self) -> Option<&mut String> {
        if let Some((_, _, h)) = self.heading.as_mut() {
            return Some(h);
        }
        match self.item.as_mut() {
            Some(it) if self.list_depth == 1 => Some(&mut it.text),
            _ => None,
        }
    }

    fn event(&mut self, e: Event<'_>, range: Range<usize>) {
        match e {
            Event::Text(t) | Event::Code(t) => {
                if let Some(s) = self.text_target() {
                    s.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph) => {
                if let Some(s) = self.text_target() {
                    s.push(' ');
                }
            }
            Event::TaskListMarker(done) => {
                if let Some(it) = self.item.as_mut().filter(|_| self.list_depth == 1) {
                    it.checked = Some(done);
                }
            }
            Event::Start(Tag::Heading { level, .. }) => {
                self.heading = Some((level_num(level), range.start, String::new()))
            }
            Event::End(TagEnd::Heading(_)) => self.end_heading(range),
            Event::Start(Tag::List(_)) => self.list_depth += 1,
            Event::End(TagEnd::List(_)) => self.list_depth = self.list_depth.saturating_sub(1),
            Event::Start(Tag::Item) if self.list_depth == 1 && self.accepts_items() => {
                // The line is taken at the start: offsets asked for in document order keep the count linear.
                let line = self.line(range.start);
                self.item = Some(Item { start: range.start, line, text: String::new(), checked: None });
            }
            Event::End(TagEnd::Item) if self.list_depth == 1 => self.end_item(range.end),
            _ => {}
        }
    }

    fn accepts_items(&self) -> bool {
        self.heading.is_none() && self.open.last().is_some_and(|o| !o.review_only && !o.heading_goals)
    }

    fn end_item(&mut self, end: usize) {
        let Some(it) = self.item.take() else { return };
        let text = it.text.trim();
        if text.is_empty() {
            return;
        }
        self.push_goal(text, it.checked, it.line, it.start..end);
    }

    fn end_heading(&mut self, range: Range<usize>) {
        let Some((level, start, text)) = self.heading.take() else { return };
        let text = text.trim();
        while self.open.last().is_some_and(|o| self.sections[o.index].level >= level) {
            self.close(start);
        }
        let line = self.line(start);
        if let Some(top) = self.open.last() {
            let number = numbered(text);
            let goal = &text[number.unwrap_or(0)..];
            let v = classify(goal, None);
            if level > self.sections[top.index].level && (number.is_some() || v.status != Status::Open) {
                if let Some(top) = self.open.last_mut() {
                    top.heading_goals = true;
                }
                self.push(goal, v, line, start..range.end);
                return;
            }
        }
        let (kind, review_only) = match role(text, self.ctx) {
            Role::Goals(kind) => (kind, false),
            Role::ReviewOnly => (SectionKind::Review, true),
            Role::Other => return,
        };
        self.open.push(Open { index: self.sections.len(), review_only, explicit: false, heading_goals: false });
        self.keep.push(!review_only);
        self.sections.push(Section {
            heading: text.to_string(),
            level,
            kind,
            line,
            range: start..self.body.len(),
            tally: Tally::default(),
            goals: Vec::new(),
        });
    }

    fn push_goal(&mut self, text: &str, checked: Option<bool>, line: usize, range: Range<usize>) {
        self.push(text, classify(text, checked), line, range);
    }

    fn push(&mut self, text: &str, v: status::Verdict, line: usize, range: Range<usize>) {
        let Some(top) = self.open.last_mut() else { return };
        top.explicit |= v.status != Status::Open;
        let goal = Goal {
            title: title_of(text, v.strip.clone()),
            text: text.to_string(),
            status: v.status,
            fraction: v.fraction,
            line,
            range,
        };
        self.sections[top.index].goals.push(goal);
    }

    fn close(&mut self, at: usize) {
        let Some(o) = self.open.pop() else { return };
        self.sections[o.index].range.end = at;
        if o.review_only {
            self.keep[o.index] = o.explicit;
        }
    }

    fn finish(mut self) -> Scoreboard {
        while !self.open.is_empty() {
            self.close(self.body.len());
        }
        let mut board = Scoreboard::default();
        for (mut s, keep) in self.sections.into_iter().zip(self.keep) {
            if !keep {
                continue;
            }
            for g in &s.goals {
                s.tally.add(g);
            }
            if s.kind == SectionKind::Review {
                board.overall.merge(&s.tally);
            }
            board.sections.push(s);
        }
        board
    }
}

/// A goal's text without its result (the status part when it ends the text,
/// status emoji): what a template keeps of a goal, so it starts open.
pub(crate) fn without_status(text: &str) -> String {
    title_of(text, classify(text, None).strip)
}

/// The goal without the status part (when it ends the text) or status emoji.
fn title_of(text: &str, strip: Option<Range<usize>>) -> String {
    let mut t = text;
    if let Some(r) = strip {
        let after = &text[r.end..];
        if after.chars().all(|c| c.is_whitespace() || matches!(c, '!' | '.' | '…' | '~')) && r.start > 0 {
            t = &text[..r.start];
        }
    }
    let t: String = t.chars().filter(|c| !is_status_emoji(*c)).collect();
    t.trim().trim_end_matches([':', '-', '—', '–', '|', '→', '=', '>']).trim().to_string()
}
