//! What one goal line says about itself.
//!
//! Real retrospectives mark a goal's outcome in a handful of ways: a task box
//! (`- [x]`), a status emoji (`✅`, `❌`, `🚫`), a status word in brackets or
//! after a separator (`(현재까지 성공)`, `— 실패`, `: done`), or a fraction
//! (`(1/3 성공)`, `60%`). The status zone is where people write them: every
//! bracket group, the sentences after the last separator, and the last word, so
//! that a goal *phrased* with a status word (`성공적으로 이직하기`,
//! `달성하기`) is not mistaken for a result.
//!
//! Precedence: an emoji anywhere; a status or fraction in a bracket group;
//! a fraction in the tail or last word; the task box; a status word in the
//! tail; a status word as the last word (an "achieved" word there only with
//! `!`: `하프 마라톤 완주` and `토익 900점 달성` are how goals are phrased,
//! `이직 성공!` is a result). So a checked item that says `(실패)` failed,
//! and an unchecked `- [ ] 정보처리기사 합격` is open.

use std::ops::Range;

use serde::Serialize;

/// A goal's outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Done (`[x]`, `성공`, `✅`, `3/3`).
    Achieved,
    /// Partly done (`1/3`, `60%`, `절반`); see the goal's fraction.
    Partial,
    /// Still in progress or scheduled (`진행중`, `예정`, `ongoing`).
    Ongoing,
    /// Not done (`실패`, `❌`, `0/3`).
    Failed,
    /// The goal itself changed (`목표 변경`).
    Changed,
    /// Given up (`포기`, `dropped`).
    Dropped,
    /// No outcome written yet (`- [ ]`, a plain item).
    Open,
}

impl Status {
    /// Should a goal with this status carry over to the next period?
    pub fn unfinished(self) -> bool {
        matches!(self, Status::Partial | Status::Ongoing | Status::Failed | Status::Open)
    }
}

/// How much of a goal was done: `done` of `of` (`1/3`; `60%` is 60 of 100,
/// `83.3%` is 833 of 1000).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Fraction {
    /// Parts done.
    pub done: u32,
    /// Parts in all (never 0).
    pub of: u32,
}

impl Fraction {
    /// Credit in thousandths, rounded to nearest.
    pub fn per_mille(self) -> u32 {
        ((u64::from(self.done) * 2000 + u64::from(self.of)) / (2 * u64::from(self.of))) as u32
    }
}

/// The classification of one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Verdict {
    pub status: Status,
    pub fraction: Option<Fraction>,
    /// The bytes of the text that carried the status, if they can be cut out
    /// to leave the goal itself (a trailing group, tail or word).
    pub strip: Option<Range<usize>>,
}

const ACHIEVED_EMOJI: &[char] = &['✅', '✔', '☑', '⭕'];
const FAILED_EMOJI: &[char] = &['❌', '✖', '🚫'];
const ONGOING_EMOJI: &[char] = &['⏳', '🔄'];
const PARTIAL_EMOJI: &[char] = &['🔺'];

/// The words for one status: Korean (found inside words, as particles
/// attach to them) and English phrases (whole words).
struct Words {
    status: Status,
    ko: &'static [&'static str],
    en: &'static [&'static [&'static str]],
}

/// Status words, most specific first: "미달성" before "달성", "not done" before "done".
const WORDS: &[Words] = &[
    Words {
        status: Status::Failed,
        ko: &["미달성", "불합격", "실패", "못했", "못 했", "못함", "못 함", "미완"],
        en: &[&["failed"], &["fail"], &["missed"], &["not", "done"], &["not", "achieved"], &["incomplete"]],
    },
    Words {
        status: Status::Dropped,
        ko: &["포기", "취소", "중단", "철회"],
        en: &[&["dropped"], &["abandoned"], &["gave", "up"], &["cancelled"], &["canceled"], &["skipped"]],
    },
    Words { status: Status::Changed, ko: &["변경"], en: &[&["changed"], &["pivoted"], &["replaced"]] },
    Words {
        status: Status::Partial,
        ko: &["절반", "부분 성공", "부분성공"],
        en: &[&["half"], &["partially"], &["partly"], &["partial"]],
    },
    Words {
        status: Status::Ongoing,
        ko: &["진행중", "진행 중", "예정", "준비중", "준비 중", "하는 중", "도전중", "도전 중"],
        en: &[&["ongoing"], &["in", "progress"], &["wip"], &["pending"], &["on", "track"]],
    },
    Words {
        status: Status::Achieved,
        ko: &["성공", "달성", "완료", "완주", "완독", "합격", "통과"],
        en: &[&["done"], &["achieved"], &["completed"], &["complete"], &["success"], &["succeeded"], &["accomplished"]],
    },
];

/// A Korean status word followed by one of these is the goal's own verb
/// (`달성하기`, `성공하자`), not a result.
const VERB_ENDINGS: &[&str] = &["하기", "하자", "할", "시키", "하지", "해야", "하고 싶"];

/// A status (and fraction) found in a piece of text.
type Found = Option<(Status, Option<Fraction>)>;

/// Classify a goal's text (inline text of the item or heading).
pub(crate) fn classify(text: &str, checked: Option<bool>) -> Verdict {
    if let Some(status) = emoji_status(text) {
        let fraction = (status == Status::Partial).then_some(Fraction { done: 1, of: 2 });
        return Verdict { status, fraction, strip: None };
    }
    let z = zone(text);
    let found = |pieces: &[Piece], what: fn(&str) -> Found| {
        pieces.iter().find_map(|p| {
            what(&text[p.inner.clone()]).map(|(status, fraction)| Verdict {
                status,
                fraction,
                strip: Some(p.outer.clone()),
            })
        })
    };
    if let Some(v) = found(&z.groups, piece_status) {
        return v;
    }
    let loose: Vec<Piece> = z.tail.iter().chain(&z.last_word).cloned().collect();
    if let Some(v) = found(&loose, |p| fraction(p).map(fraction_status)) {
        return v;
    }
    if let Some(done) = checked {
        let status = if done { Status::Achieved } else { Status::Open };
        return Verdict { status, fraction: None, strip: None };
    }
    if let Some(v) = found(&z.tail, word_status) {
        return v;
    }
    // A last word is a result only when it is not how goals are phrased:
    // "하프 마라톤 완주" and "토익 900점 달성" are goals; "이직 성공!" is a result.
    found(z.last_word.as_slice(), word_status)
        .filter(|v| v.status != Status::Achieved || text.trim_end().ends_with('!'))
        .unwrap_or(Verdict { status: Status::Open, fraction: None, strip: None })
}

fn emoji_status(text: &str) -> Option<Status> {
    // Every status emoji is above U+2500; most text is not.
    text.chars().filter(|c| *c > '\u{2500}').find_map(|c| {
        [
            (ACHIEVED_EMOJI, Status::Achieved),
            (FAILED_EMOJI, Status::Failed),
            (ONGOING_EMOJI, Status::Ongoing),
            (PARTIAL_EMOJI, Status::Partial),
        ]
        .into_iter()
        .find(|(set, _)| set.contains(&c))
        .map(|(_, s)| s)
    })
}

/// Is `c` a status emoji (removed from a goal's title)?
pub(crate) fn is_status_emoji(c: char) -> bool {
    [ACHIEVED_EMOJI, FAILED_EMOJI, ONGOING_EMOJI, PARTIAL_EMOJI].iter().any(|set| set.contains(&c)) || c == '\u{FE0F}'
}

/// One place a status may be written: `inner` is searched, `outer` is what
/// to cut to leave the goal.
#[derive(Debug, Clone)]
struct Piece {
    inner: Range<usize>,
    outer: Range<usize>,
}

const SEPARATORS: &[&str] = &[" — ", "—", " – ", " - ", "->", "→", "=>", "：", ":", "|"];

/// Where statuses are written, each part in the order it is searched.
struct Zone {
    /// Bracket groups, last first.
    groups: Vec<Piece>,
    /// The sentences after the last separator, last first ("— … wash. Half success.").
    tail: Vec<Piece>,
    /// The last word.
    last_word: Option<Piece>,
}

fn zone(text: &str) -> Zone {
    let mut groups = groups(text);
    groups.reverse();
    let mut tail = Vec::new();
    let sep = SEPARATORS.iter().filter_map(|s| text.rfind(s).map(|i| (i, i + s.len()))).max_by_key(|(i, _)| *i);
    if let Some((sep, after)) = sep {
        let mut start = after;
        let mut sentences = Vec::new();
        for (i, c) in text[after..].char_indices() {
            if matches!(c, '.' | '!' | '?' | '。') {
                sentences.push(start..after + i);
                start = after + i + c.len_utf8();
            }
        }
        sentences.push(start..text.len());
        for inner in sentences.into_iter().rev().filter(|r| !text[r.clone()].trim().is_empty()) {
            tail.push(Piece { inner, outer: sep..text.len() });
        }
    }
    let trimmed = text.trim_end();
    let start = trimmed.char_indices().rev().find(|(_, c)| c.is_whitespace()).map_or(0, |(i, c)| i + c.len_utf8());
    let last_word =
        (start < trimmed.len()).then_some(Piece { inner: start..trimmed.len(), outer: start..trimmed.len() });
    Zone { groups, tail, last_word }
}

/// Bracket groups `(…)`, `[…]`, `（…）`, outermost, in order.
fn groups(text: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut open: Option<(usize, char, usize)> = None; // (start, closer, depth)
    for (i, c) in text.char_indices() {
        match (open, c) {
            (None, '(' | '[' | '（') => {
                let closer = match c {
                    '(' => ')',
                    '[' => ']',
                    _ => '）',
                };
                open = Some((i, closer, 1));
            }
            (Some((s, closer, d)), _) if c == closer => {
                if d == 1 {
                    out.push(Piece { inner: s + 1..i, outer: s..i + c.len_utf8() });
                    open = None;
                } else {
                    open = Some((s, closer, d - 1));
                }
            }
            (Some((s, closer, d)), '(' | '[' | '（')
                if matches!((closer, c), (')', '(') | (']', '[') | ('）', '（')) =>
            {
                open = Some((s, closer, d + 1));
            }
            _ => {}
        }
    }
    out
}

fn fraction_status(f: Fraction) -> (Status, Option<Fraction>) {
    let status = if f.done >= f.of {
        Status::Achieved
    } else if f.done == 0 {
        Status::Failed
    } else {
        Status::Partial
    };
    (status, Some(f))
}

/// A fraction or percentage first, then a status word.
fn piece_status(piece: &str) -> Found {
    fraction(piece).map(fraction_status).or_else(|| word_status(piece))
}

/// The first status (most specific first) whose word is in `piece`. Pieces
/// without Hangul skip the Korean words and pieces without ASCII letters the
/// English ones (most pieces are short and one or the other).
fn word_status(piece: &str) -> Found {
    let hangul = piece.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c));
    let tokens: Vec<&str> = if piece.bytes().any(|b| b.is_ascii_alphabetic()) {
        piece.split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty()).collect()
    } else {
        Vec::new()
    };
    WORDS
        .iter()
        .find(|w| {
            (hangul && w.ko.iter().any(|k| korean_word(piece, k)))
                || (!tokens.is_empty() && w.en.iter().any(|phrase| has_phrase(&tokens, phrase)))
        })
        .map(|w| (w.status, (w.status == Status::Partial).then_some(Fraction { done: 1, of: 2 })))
}

fn korean_word(piece: &str, word: &str) -> bool {
    piece.match_indices(word).any(|(i, w)| {
        let rest = piece[i + w.len()..].trim_start_matches(' ');
        !VERB_ENDINGS.iter().any(|e| rest.starts_with(e))
    })
}

fn has_phrase(tokens: &[&str], phrase: &[&str]) -> bool {
    tokens.windows(phrase.len()).any(|w| w.iter().zip(phrase).all(|(t, p)| t.eq_ignore_ascii_case(p)))
}

/// `a/b` with `a ≤ b` (a date like `9/1` is not a fraction), or `n%`/`n.d%`
/// with `n ≤ 100`; digits must stand alone (`2022/12/31` is a date).
fn fraction(piece: &str) -> Option<Fraction> {
    let b = piece.as_bytes();
    let digits = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && (b[i - 1].is_ascii_digit() || b[i - 1] == b'/' || b[i - 1] == b'.')) {
            i += 1;
            continue;
        }
        let n = digits(i);
        let j = i + n;
        let Ok(a) = piece[i..j].parse::<u32>() else {
            i = j;
            continue;
        };
        if b.get(j) == Some(&b'/') && digits(j + 1) > 0 {
            let m = digits(j + 1);
            let stands_alone = !matches!(b.get(j + 1 + m), Some(c) if c.is_ascii_digit() || *c == b'/');
            let of = piece[j + 1..j + 1 + m].parse::<u32>().unwrap_or(0);
            if stands_alone && of > 0 && a <= of {
                return Some(Fraction { done: a, of });
            }
        } else if let Some(f) = percent(piece, j, a) {
            return Some(f);
        }
        i = j;
    }
    None
}

fn percent(piece: &str, j: usize, whole: u32) -> Option<Fraction> {
    let b = piece.as_bytes();
    if whole > 100 {
        return None;
    }
    let (value, of, end) = match (b.get(j), b.get(j + 1), b.get(j + 2)) {
        (Some(b'.'), Some(d), Some(b'%')) if d.is_ascii_digit() => (whole * 10 + u32::from(d - b'0'), 1000, j + 3),
        (Some(b'%'), _, _) => (whole, 100, j + 1),
        _ => return None,
    };
    (value <= of && end <= b.len()).then_some(Fraction { done: value, of })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zone_pieces_and_fractions() {
        type Case = (&'static str, Option<bool>, Status, Option<(u32, u32)>);
        let cases: &[Case] = &[
            ("이직 성공!", None, Status::Achieved, None),
            ("성공적으로 이직하기", None, Status::Open, None),
            ("목표 달성하기", Some(false), Status::Open, None),
            ("운동 (실패)", Some(true), Status::Failed, None),
            ("책 읽기 60%", Some(false), Status::Partial, Some((60, 100))),
            ("책 읽기 (83.3%)", None, Status::Partial, Some((833, 1000))),
            ("자격증 3/3", None, Status::Achieved, Some((3, 3))),
            ("자격증 0/2", None, Status::Failed, Some((0, 2))),
            ("9/1까지 이사", Some(false), Status::Open, None),
            ("2022/12/31 마감", Some(false), Status::Open, None),
            ("Ship v2 - abandoned", None, Status::Dropped, None),
            ("Polish: undone", Some(false), Status::Open, None),
            ("하프 마라톤 완주", None, Status::Open, None),
            ("- 토익 900점 달성", None, Status::Open, None),
            ("자격증: 정보처리기사 합격", Some(false), Status::Open, None),
            ("자격증: 정보처리기사 합격", None, Status::Achieved, None),
            ("영어 공부 진행중", None, Status::Ongoing, None),
            ("운동 — 실패", Some(true), Status::Achieved, None),
            ("Ship v2 - not done", None, Status::Failed, None),
            ("Ship v2", Some(true), Status::Achieved, None),
        ];
        for (text, checked, status, fraction) in cases {
            let v = classify(text, *checked);
            assert_eq!(v.status, *status, "{text}");
            assert_eq!(v.fraction.map(|f| (f.done, f.of)), *fraction, "{text}");
        }
    }

    #[test]
    fn per_mille_rounds() {
        assert_eq!(Fraction { done: 1, of: 3 }.per_mille(), 333);
        assert_eq!(Fraction { done: 2, of: 3 }.per_mille(), 667);
        assert_eq!(Fraction { done: 833, of: 1000 }.per_mille(), 833);
    }
}
