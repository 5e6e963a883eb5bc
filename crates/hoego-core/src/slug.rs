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

/// The longest slug, in UTF-8 bytes, that every common file system accepts
/// as part of a name: 255-byte names (ext4, APFS, NTFS) less the Jekyll date
/// prefix, `.md` and room for a `-NN` collision suffix, and under eCryptfs'
/// 143. 120 bytes is 40 Hangul syllables or 120 ASCII letters.
pub const MAX_SLUG_BYTES: usize = 120;

/// Names Windows reserves for devices, with or without an extension.
const WINDOWS_RESERVED: [&str; 22] = [
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9", "lpt1", "lpt2",
    "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// Is `name` one Windows reserves (`con`, `NUL.md`, `com1`…)?
pub fn is_windows_reserved(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or("").trim_end().to_ascii_lowercase();
    WINDOWS_RESERVED.contains(&stem.as_str())
}

/// Can `s` be one path component on every file system and in a zip, as is?
/// No separators, no `..`, no characters Windows forbids, no control
/// characters, no leading/trailing space or dot (Windows strips those), no
/// direction overrides (`a\u{202e}gnp.exe` shows as `aexe.png`).
pub fn is_safe_component(s: &str) -> bool {
    !s.is_empty()
        && s != "."
        && s != ".."
        && !s.starts_with(['.', ' '])
        && !s.ends_with(['.', ' '])
        && !s.chars().any(|c| {
            c.is_control()
                || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|')
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
}

/// Cut `s` to at most `max` bytes on a character boundary (and not in the
/// middle of a `-` run at the end). Returns the text and whether it was cut.
pub fn cap_bytes(s: &str, max: usize) -> (String, bool) {
    if s.len() <= max {
        return (s.to_string(), false);
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    (s[..end].trim_end_matches(['-', '_', ' ']).to_string(), true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_caps_and_reserved_names() {
        for ok in ["2022-retrospect", "HTTP", "회고", "a.b"] {
            assert!(is_safe_component(ok), "{ok}");
        }
        for bad in ["", ".", "..", "a/b", "a\\b", "c:", ".hidden", "end.", "tab\there", "q?", "a\u{202e}b", "x\u{2067}"]
        {
            assert!(!is_safe_component(bad), "{bad:?}");
        }
        for r in ["con", "NUL", "com1", "lpt9", "aux.md", "Con "] {
            assert!(is_windows_reserved(r), "{r}");
        }
        assert!(!is_windows_reserved("console") && !is_windows_reserved("com10"));
        let long = "회".repeat(100);
        let (cut, was) = cap_bytes(&long, MAX_SLUG_BYTES);
        assert!(was && cut.len() <= MAX_SLUG_BYTES && cut.chars().all(|c| c == '회'), "{}", cut.len());
        assert_eq!(cap_bytes("abc-def", 4), ("abc".to_string(), true));
    }

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
