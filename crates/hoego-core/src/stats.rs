//! Body statistics over the *visible text* of the markdown (what a reader
//! sees: no URLs, HTML tags or markup), because Korean bloggers are held to
//! counts like "4000자, 공백 제외" that refer to the text itself.
//!
//! Reading time: 500 Hangul syllables a minute (the rate Korean reading
//! studies and Brunch/Velog estimates use for silent reading of web prose)
//! plus 200 words a minute for other text, rounded up; 0 for an empty body.
//!
//! Characters are extended grapheme clusters (UAX #29). Most of a Korean post
//! takes a fast path (ASCII, Hangul syllables, CJK ideographs are clusters on
//! their own); other text goes to a [`Graphemes`] counter: unicode-segmentation
//! natively (feature `graphemes`), the browser's `Intl.Segmenter` in the app,
//! whose segmentation tables the browser already has (~11 KB gzip saved).

use pulldown_cmark::{Event, Tag, TagEnd, TextMergeWithOffset};
use serde::Serialize;

use crate::markdown::options::parser;
use crate::markdown::render::level_num;

/// Hangul syllables per minute.
pub const HANGUL_PER_MINUTE: usize = 500;
/// Non-Hangul words per minute.
pub const WORDS_PER_MINUTE: usize = 200;

/// Counts over a body.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// Grapheme clusters of visible text, spaces and line breaks included.
    pub chars: usize,
    /// Grapheme clusters that are not whitespace.
    pub chars_no_spaces: usize,
    /// Words: whitespace-separated runs containing a letter or digit (a
    /// Hangul 어절 is one word, as in word processors).
    pub words: usize,
    /// Estimated reading minutes.
    pub reading_minutes: usize,
    /// Checked task-list items.
    pub tasks_done: usize,
    /// All task-list items.
    pub tasks_total: usize,
}

/// A heading in the outline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Heading {
    /// 1–6
    pub level: u8,
    /// Plain text.
    pub text: String,
    /// Byte offset in the body where the heading starts (its `#`, or a setext
    /// heading's text): the outline's jump goes there, not to the first heading
    /// with the same text.
    pub offset: usize,
}

/// A char that always forms a grapheme cluster alone, whatever its neighbours
/// (so counting chars equals counting clusters).
fn is_simple(c: char) -> bool {
    (c.is_ascii() && c != '\r') || ('\u{AC00}'..='\u{D7A3}').contains(&c) || ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

fn is_hangul(c: char) -> bool {
    matches!(c, '\u{AC00}'..='\u{D7A3}' | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}')
}

/// Counts the grapheme clusters of text off the fast path.
pub trait Graphemes {
    /// (clusters, clusters that are not all whitespace), whitespace as in
    /// [`char::is_whitespace`].
    fn count(&self, text: &str) -> (usize, usize);
}

/// UAX #29 clusters by unicode-segmentation.
#[cfg(feature = "graphemes")]
#[derive(Debug, Default, Clone, Copy)]
pub struct UnicodeGraphemes;

#[cfg(feature = "graphemes")]
impl Graphemes for UnicodeGraphemes {
    fn count(&self, text: &str) -> (usize, usize) {
        use unicode_segmentation::UnicodeSegmentation;
        let mut n = (0, 0);
        for g in text.graphemes(true) {
            n.0 += 1;
            n.1 += usize::from(!g.chars().all(char::is_whitespace));
        }
        n
    }
}

struct Counter<'g> {
    graphemes: &'g dyn Graphemes,
    chars: usize,
    non_space: usize,
    words: usize,
    hangul: usize,
    other_words: usize,
}

impl Counter<'_> {
    fn add(&mut self, t: &str) {
        if t.chars().all(is_simple) {
            // Fast path: every char is its own grapheme cluster (ASCII without CR,
            // precomposed Hangul, CJK ideographs): most of a Korean post.
            for c in t.chars() {
                self.chars += 1;
                self.non_space += usize::from(!c.is_whitespace());
            }
        } else {
            let (all, non_space) = self.graphemes.count(t);
            self.chars += all;
            self.non_space += non_space;
        }
        for w in t.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)) {
            self.words += 1;
            let h = w.chars().filter(|c| is_hangul(*c)).count();
            self.hangul += h;
            if h == 0 {
                self.other_words += 1;
            }
        }
    }
}

/// Stats and outline of `body` in one pass, clusters by unicode-segmentation.
#[cfg(feature = "graphemes")]
pub fn analyze(body: &str) -> (Stats, Vec<Heading>) {
    analyze_with(body, &UnicodeGraphemes)
}

/// Stats and outline of `body` in one pass, clusters off the fast path
/// counted by `graphemes`.
pub fn analyze_with(body: &str, graphemes: &dyn Graphemes) -> (Stats, Vec<Heading>) {
    let mut c = Counter { graphemes, chars: 0, non_space: 0, words: 0, hangul: 0, other_words: 0 };
    let mut stats = Stats::default();
    let mut headings = Vec::new();
    let mut heading: Option<(u8, String, usize)> = None;
    // A task's box, counted once its item has text: an empty `- [ ] ` is a
    // template's blank to fill in (the goals scoreboard skips it too).
    let mut task: Option<bool> = None;
    // Text merged as the preview merges it (`markdown::render`), so a heading's
    // text here, and the id the outline builds from it, are the preview's.
    let read = crate::markdown::highlight_as_fences(body);
    for (e, at) in TextMergeWithOffset::new(parser(&read).into_offset_iter()) {
        match e {
            Event::Text(t) | Event::Code(t) => {
                if crate::markdown::render::is_ial(&t) {
                    continue;
                }
                if let Some(done) = task.take_if(|_| !t.trim().is_empty()) {
                    stats.tasks_total += 1;
                    stats.tasks_done += usize::from(done);
                }
                c.add(&t);
                if let Some((_, h, _)) = heading.as_mut() {
                    h.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                c.chars += 1;
                if let Some((_, h, _)) = heading.as_mut() {
                    h.push(' ');
                }
            }
            Event::TaskListMarker(done) => task = Some(done),
            // The item ended, or a list inside it began, with no text of its own.
            Event::End(TagEnd::Item) | Event::Start(Tag::List(_)) => task = None,
            Event::Start(Tag::Heading { level, .. }) => heading = Some((level_num(level), String::new(), at.start)),
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, text, offset)) = heading.take() {
                    headings.push(Heading { level, text: text.trim().to_string(), offset });
                }
            }
            _ => {}
        }
    }
    stats.chars = c.chars;
    stats.chars_no_spaces = c.non_space;
    stats.words = c.words;
    // minutes = hangul / 500 + other / 200, rounded up, at least 1 for any text.
    let per_mille = c.hangul * (1000 / HANGUL_PER_MINUTE) + c.other_words * (1000 / WORDS_PER_MINUTE);
    stats.reading_minutes = if c.words == 0 { 0 } else { per_mille.div_ceil(1000).max(1) };
    (stats, headings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        // (body, chars, chars_no_spaces, words, tasks_done, tasks_total)
        let cases: &[(&str, usize, usize, usize, usize, usize)] = &[
            ("", 0, 0, 0, 0, 0),
            ("안녕 하세요", 6, 5, 2, 0, 0),
            ("**굵게** [링크](http://example.com)", 5, 4, 2, 0, 0),
            ("👩‍💻 코딩", 4, 3, 1, 0, 0),
            ("- [x] a\n- [ ] b\n- [x] c", 3, 3, 3, 2, 3),
            // A template's empty boxes are blanks, not tasks; text in any inline counts.
            ("- [ ] \n- [x] 한 일\n- [ ]\n- [ ] **굵게**\n- [x] `x`", 6, 5, 4, 2, 3),
            ("- [ ]\n  - [x] 안\n", 1, 1, 1, 1, 1),
            ("<b>html</b> text", 9, 8, 2, 0, 0),
            ("ë e\u{301}", 3, 2, 2, 0, 0),
        ];
        for (body, chars, ns, words, done, total) in cases {
            let (s, _) = analyze(body);
            assert_eq!(
                (s.chars, s.chars_no_spaces, s.words, s.tasks_done, s.tasks_total),
                (*chars, *ns, *words, *done, *total),
                "{body:?}"
            );
        }
    }

    #[test]
    fn reading_time_and_outline() {
        let hangul = "가".repeat(1000);
        assert_eq!(analyze(&hangul).0.reading_minutes, 2);
        let english = "word ".repeat(300);
        assert_eq!(analyze(&english).0.reading_minutes, 2);
        assert_eq!(analyze("hi").0.reading_minutes, 1);
        let body = "# 들어가며\n\ntext\n\n## Part `two`\n\nSetext\n===\n\n  # 들어가며\n";
        let (_, h) = analyze(body);
        let at = |s: &str, nth: usize| body.match_indices(s).nth(nth).map(|(i, _)| i).unwrap_or(usize::MAX);
        assert_eq!(
            h,
            vec![
                Heading { level: 1, text: "들어가며".into(), offset: 0 },
                Heading { level: 2, text: "Part two".into(), offset: at("## Part", 0) },
                Heading { level: 1, text: "Setext".into(), offset: at("Setext", 0) },
                // A repeated heading has its own offset (the outline jumps to it, not to the first).
                Heading { level: 1, text: "들어가며".into(), offset: at("# 들어가며", 1) },
            ]
        );
    }
}
