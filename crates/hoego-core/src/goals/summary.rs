//! The scoreboard written into the post as a table between two marker
//! comments, so that later edits can refresh exactly that block and nothing
//! else. HTML comments are invisible in Jekyll (kramdown) and Gatsby (remark)
//! output, and the preview's sanitizer drops them.

use super::{Scoreboard, SectionKind, Tally};
use crate::templates::Lang;

/// The line that opens the block.
pub const START: &str = "<!-- hoego:goals -->";
/// The line that closes the block.
pub const END: &str = "<!-- /hoego:goals -->";

/// `833` → `83.3%`.
pub fn percent(per_mille: u32) -> String {
    format!("{}.{}%", per_mille / 10, per_mille % 10)
}

fn row(out: &mut String, name: &str, t: &Tally, nl: &str) {
    let rate = t.rate_per_mille().map_or_else(|| "—".to_string(), percent);
    let name = name.replace('|', "\\|");
    out.push_str(&format!("| {name} | {} | {} | {} | {rate} |{nl}", t.achieved, t.partial, t.total));
}

/// The block, markers included, ending with a line break. `nl` is the
/// post's line ending.
pub fn render(board: &Scoreboard, lang: Lang, nl: &str) -> String {
    let (head, total) = match lang {
        Lang::Ko => ("| 목표 | 달성 | 부분 달성 | 전체 | 달성률 |", "**전체**"),
        Lang::En => ("| Goals | Achieved | Partial | Total | Rate |", "**Overall**"),
    };
    let mut out = format!("{START}{nl}{nl}{head}{nl}|---|---:|---:|---:|---:|{nl}");
    let review: Vec<_> = board.sections.iter().filter(|s| s.kind == SectionKind::Review).collect();
    for s in &review {
        row(&mut out, &s.heading, &s.tally, nl);
    }
    if review.len() != 1 {
        row(&mut out, total, &board.overall, nl);
    }
    out.push_str(nl);
    out.push_str(END);
    out.push_str(nl);
    out
}

fn line_ending(body: &str) -> &'static str {
    if body.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    }
}

/// The byte range of the existing block (start of the opening marker to the
/// end of the closing marker's line), if the body has one: an opening marker
/// at a line's start, outside code, followed by table rows and blank lines
/// only, then the closing marker. An opening marker left alone (its table and
/// closing line deleted) is not a block: reaching a later closing marker from
/// it would take the writer's text in between into the refresh. Nor is one in
/// a fenced or indented code block (a post that shows the markers as an
/// example: its refresh would replace the example on import).
pub fn find(body: &str) -> Option<std::ops::Range<usize>> {
    // The fence a code block was opened with: its character and length.
    let mut fence: Option<(u8, usize)> = None;
    let mut at = 0;
    for line in body.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let indent = line.len() - line.trim_start_matches(' ').len();
        if indent > 3 {
            continue; // indented code, or a paragraph's continuation
        }
        let text = &line[indent..];
        let run = |c: u8| text.bytes().take_while(|&b| b == c).count();
        match fence {
            Some((c, n)) if run(c) >= n && text[run(c)..].trim().is_empty() => fence = None,
            Some(_) => {}
            None if run(b'`') >= 3 => fence = Some((b'`', run(b'`'))),
            None if run(b'~') >= 3 => fence = Some((b'~', run(b'~'))),
            None if text.starts_with(START) => {
                if let Some(end) = block_end(body, start + indent + START.len()) {
                    return Some(start + indent..end);
                }
            }
            None => {}
        }
    }
    None
}

/// The end of the closing marker's line, when only table rows and blank lines
/// come between `after` (the end of an opening marker) and it.
fn block_end(body: &str, after: usize) -> Option<usize> {
    // The rest of the opening marker's line must be blank. Read only up to its first
    // other character: scanning the whole line for each marker on it was quadratic.
    let rest = &body[after..];
    let mut at = after + (rest.len() - rest.trim_start_matches([' ', '\t', '\r']).len());
    match body.as_bytes().get(at) {
        Some(b'\n') => at += 1,
        _ => return None,
    }
    for line in body[at..].split_inclusive('\n') {
        at += line.len();
        match line.trim() {
            END => return Some(at),
            t if t.is_empty() || t.starts_with('|') => {}
            _ => return None,
        }
    }
    None
}

/// Refresh an existing block: the new body, or `None` when there is no block
/// or it is already current (so refreshing never loops).
pub fn refresh(body: &str, board: &Scoreboard, lang: Lang) -> Option<String> {
    let r = find(body)?;
    let block = render(board, lang, line_ending(body));
    if body[r.clone()] == block {
        return None;
    }
    Some(format!("{}{block}{}", &body[..r.start], &body[r.end..]))
}

/// Insert the block at the end of the first review section (or of the body),
/// or refresh it where it already is.
pub fn insert(body: &str, board: &Scoreboard, lang: Lang) -> String {
    if find(body).is_some() {
        return refresh(body, board, lang).unwrap_or_else(|| body.to_string());
    }
    let nl = line_ending(body);
    let at = board.sections.iter().find(|s| s.kind == SectionKind::Review).map_or(body.len(), |s| s.range.end);
    let before = body[..at].trim_end_matches(['\r', '\n']);
    let after = &body[at..];
    let gap = if after.is_empty() { "" } else { nl };
    format!("{before}{nl}{nl}{}{gap}{after}", render(board, lang, nl))
}
