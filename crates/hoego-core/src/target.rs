//! A per-draft length target ("4000자, 공백 제외"): which count it is held to
//! and the goal. It lives in the draft's stored record (the app's metadata),
//! never in the post's front matter, so exports and the text stay untouched.

use crate::stats::Stats;

/// Which count a target is measured in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LengthUnit {
    /// Grapheme clusters, spaces and line breaks included.
    CharsWithSpaces,
    /// Grapheme clusters that are not whitespace (the usual Korean 기준).
    CharsNoSpaces,
    /// Words (a Hangul 어절 is one word).
    Words,
}

/// Every unit, in menu order.
pub const UNITS: [LengthUnit; 3] = [LengthUnit::CharsNoSpaces, LengthUnit::CharsWithSpaces, LengthUnit::Words];

impl LengthUnit {
    /// The stable name stored in records and backups.
    pub fn as_str(self) -> &'static str {
        match self {
            LengthUnit::CharsWithSpaces => "chars",
            LengthUnit::CharsNoSpaces => "chars-no-spaces",
            LengthUnit::Words => "words",
        }
    }

    /// Parse a stored name.
    pub fn parse(s: &str) -> Option<LengthUnit> {
        UNITS.into_iter().find(|u| u.as_str() == s)
    }

    /// This unit's count in `stats`.
    pub(crate) fn count(self, stats: &Stats) -> usize {
        match self {
            LengthUnit::CharsWithSpaces => stats.chars,
            LengthUnit::CharsNoSpaces => stats.chars_no_spaces,
            LengthUnit::Words => stats.words,
        }
    }
}

/// A length goal for one draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LengthTarget {
    /// What is counted.
    pub unit: LengthUnit,
    /// How many (at least 1).
    pub goal: u32,
}

/// How far a draft is towards its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// The current count.
    pub current: usize,
    /// The goal.
    pub goal: usize,
    /// Per mille of the goal, capped at 1000 (integer: no float formatting).
    pub permille: u32,
    /// The goal is reached.
    pub reached: bool,
}

impl LengthTarget {
    /// A target; `None` for a goal of 0 (no target).
    pub fn new(unit: LengthUnit, goal: u32) -> Option<LengthTarget> {
        (goal > 0).then_some(LengthTarget { unit, goal })
    }

    /// Progress of a body with these stats.
    pub fn progress(&self, stats: &Stats) -> Progress {
        let current = self.unit.count(stats);
        let goal = self.goal as usize;
        let permille = (current.saturating_mul(1000) / goal).min(1000) as u32;
        Progress { current, goal, permille, reached: current >= goal }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_round_trip_their_stored_names() {
        for u in UNITS {
            assert_eq!(LengthUnit::parse(u.as_str()), Some(u));
        }
        assert_eq!(LengthUnit::parse("pages"), None);
        assert_eq!(LengthTarget::new(LengthUnit::Words, 0), None);
    }

    #[test]
    fn progress_counts_the_chosen_unit_and_caps_at_the_goal() {
        let (stats, _) = crate::stats::analyze("올해는 많이 배웠다. Rust 공부\n");
        // (unit, goal, current, permille, reached)
        let table = [
            (LengthUnit::CharsWithSpaces, 40, stats.chars, (stats.chars * 1000 / 40) as u32, false),
            (LengthUnit::CharsNoSpaces, 10, stats.chars_no_spaces, 1000, true),
            (LengthUnit::Words, 5, 5, 1000, true),
            (LengthUnit::Words, 10, 5, 500, false),
        ];
        for (unit, goal, current, permille, reached) in table {
            let p = LengthTarget::new(unit, goal).unwrap().progress(&stats);
            assert_eq!(
                (p.current, p.goal, p.permille, p.reached),
                (current, goal as usize, permille, reached),
                "{unit:?}"
            );
        }
        assert_eq!((stats.chars_no_spaces, stats.words), (15, 5));
    }
}
