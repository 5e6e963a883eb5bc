//! URL slugs, with Revised Romanization of Korean for Hangul titles
//! (`2023년 회고` → `2023nyeon-hoego`).

/// How Hangul in a title becomes a slug.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SlugStyle {
    /// Revised Romanization of Korean (the default).
    #[default]
    Romanize,
    /// Keep Hangul (and other letters) as they are.
    Keep,
    /// Drop everything outside `[a-z0-9]`.
    Ascii,
}

impl SlugStyle {
    /// Parse `romanize|keep|ascii`.
    pub fn parse(s: &str) -> Option<SlugStyle> {
        match s {
            "romanize" => Some(SlugStyle::Romanize),
            "keep" => Some(SlugStyle::Keep),
            "ascii" => Some(SlugStyle::Ascii),
            _ => None,
        }
    }
}

const INITIAL: [&str; 19] =
    ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"];
const MEDIAL: [&str; 21] = [
    "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "eu",
    "ui", "i",
];
/// Final consonants before a consonant or at the end of a word.
const FINAL: [&str; 28] = [
    "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t", "ng", "t",
    "t", "k", "t", "p", "t",
];
/// Final consonants carried over to a following vowel (liaison: 음악 → eumak).
const FINAL_LIAISON: [&str; 28] = [
    "", "g", "kk", "ks", "n", "nj", "n", "d", "r", "lg", "lm", "lb", "ls", "lt", "lp", "r", "m", "b", "ps", "s", "ss",
    "ng", "j", "ch", "k", "t", "p", "",
];

fn decompose(c: char) -> Option<(usize, usize, usize)> {
    let code = c as u32;
    if !(0xAC00..=0xD7A3).contains(&code) {
        return None;
    }
    let s = (code - 0xAC00) as usize;
    Some((s / (21 * 28), (s % (21 * 28)) / 28, s % 28))
}

/// Romanize Hangul syllables in `text`; other characters pass through.
pub fn romanize(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let Some((ini, med, fin)) = decompose(c) else {
            out.push(c);
            continue;
        };
        out.push_str(INITIAL[ini]);
        out.push_str(MEDIAL[med]);
        let next = chars.get(i + 1).and_then(|&n| decompose(n));
        match next {
            Some((11, _, _)) => out.push_str(FINAL_LIAISON[fin]), // next starts with silent ㅇ
            Some((5, _, _)) if fin == 8 => out.push('l'),         // ㄹ + ㄹ → ll
            _ => out.push_str(FINAL[fin]),
        }
        if fin == 8 {
            if let Some((5, _, _)) = next {
                // The following ㄹ is written `l` too (ll), not `r`.
                out.push('\u{0}');
            }
        }
    }
    // `\0` marks an `r` that must read `l` after `l` (e.g. 일리 → illi).
    let mut fixed = String::with_capacity(out.len());
    let mut mark = false;
    for c in out.chars() {
        match (mark, c) {
            (_, '\u{0}') => mark = true,
            (true, 'r') => {
                fixed.push('l');
                mark = false;
            }
            _ => {
                fixed.push(c);
                mark = false;
            }
        }
    }
    fixed
}

/// Make a slug from a title: lowercase, words joined by `-`.
pub fn slugify(title: &str, style: SlugStyle) -> String {
    let text = match style {
        SlugStyle::Romanize => romanize(title),
        _ => title.to_string(),
    };
    let mut out = String::new();
    let mut dash = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        let keep = match style {
            SlugStyle::Keep => c.is_alphanumeric(),
            _ => c.is_ascii_alphanumeric(),
        };
        if keep {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else {
            dash = true;
        }
    }
    out
}

/// Make an existing slug safe for a path (`[a-z0-9-]`, or letters for `Keep`).
pub fn clean_slug(slug: &str, style: SlugStyle) -> String {
    let s = slugify(slug, style);
    if s.is_empty() {
        "post".into()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_table() {
        let cases: &[(&str, SlugStyle, &str)] = &[
            ("2023년 회고", SlugStyle::Romanize, "2023nyeon-hoego"),
            ("2023년 회고", SlugStyle::Keep, "2023년-회고"),
            ("2023년 회고", SlugStyle::Ascii, "2023"),
            ("Python - 패스트캠퍼스 챌린지", SlugStyle::Romanize, "python-paeseuteukaempeoseu-chaellinji"),
            ("음악", SlugStyle::Romanize, "eumak"),
            ("한글", SlugStyle::Romanize, "hangeul"),
            ("일리", SlugStyle::Romanize, "illi"),
            ("  Hello, World!  ", SlugStyle::Romanize, "hello-world"),
            ("KPT 회고 (Q3)", SlugStyle::Romanize, "kpt-hoego-q3"),
        ];
        for (title, style, want) in cases {
            assert_eq!(slugify(title, *style), *want, "{title} {style:?}");
        }
    }
}
