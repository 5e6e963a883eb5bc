//! Writing to stdout and stderr without panicking. `println!` panics when a
//! stream is a pipe whose reader is gone (`| head -0`: Rust ignores SIGPIPE,
//! so the write fails with EPIPE), and release builds abort on a panic: a
//! batch would die with SIGABRT between two posts. Here a failed write is a
//! value, and the work goes on.

use std::borrow::Cow;
use std::fmt::Display;
use std::io::Write;

use crate::Fail;

/// Standard output, line by line, for a command whose output lists what it
/// did (`export`): a lost line must not stop the work it reports on. The
/// first failure is kept (later lines are not tried) and reported by
/// [`Lines::finish`] once the work is done.
#[derive(Default)]
pub struct Lines {
    lost: Option<std::io::Error>,
}

impl Lines {
    /// Print `line` and a newline (flushed: stdout is line-buffered).
    pub fn line(&mut self, line: impl Display) {
        if self.lost.is_none() {
            self.lost = writeln!(std::io::stdout().lock(), "{}", printable(&line.to_string())).err();
        }
    }

    /// Ok if every line was written, else the exit-1 failure that
    /// [`crate::write_stdout`] gives for output that could not be written.
    pub fn finish(self) -> Result<(), Fail> {
        match self.lost {
            None => Ok(()),
            Some(e) => Err(output_lost(e)),
        }
    }
}

/// The failure for stdout that could not be written (exit 1).
pub fn output_lost(e: std::io::Error) -> Fail {
    Fail::Input(format!("-:1:1: cannot write output: {e}"))
}

/// Print a diagnostic line on stderr. When stderr itself is gone the line
/// is dropped on purpose: stderr is where failures are reported, so there
/// is nowhere left to report this one, and the exit code alone still tells
/// success (0) from failure (1, 2). A lost warning does not fail a command.
pub fn warn(line: impl Display) {
    if writeln!(std::io::stderr().lock(), "{}", printable(&line.to_string())).is_err() {
        // Nothing to do: see above.
    }
}

/// `line` with the characters a terminal would act on instead of showing
/// escaped as `\u{1b}`: controls but tab and line feed (ESC sequences retitle
/// the window or clear the screen, a carriage return writes over the line) and the
/// direction overrides that display `a\u{202e}gnp.exe` as `aexe.png`. Posts
/// are hostile input, and warnings quote their values.
fn printable(line: &str) -> Cow<'_, str> {
    let shown = |c: char| {
        c == '\t' || c == '\n' || !(c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
    };
    if line.chars().all(shown) {
        return Cow::Borrowed(line);
    }
    Cow::Owned(line.chars().map(|c| if shown(c) { c.to_string() } else { c.escape_unicode().to_string() }).collect())
}

#[cfg(test)]
mod tests {
    use super::printable;

    #[test]
    fn what_a_terminal_would_act_on_is_escaped() {
        let cases = [
            ("p.md: warning: `slug` 회고", "p.md: warning: `slug` 회고"),
            ("a\tb", "a\tb"),
            ("x\u{1b}]0;PWNED\u{7}\u{1b}[2J", "x\\u{1b}]0;PWNED\\u{7}\\u{1b}[2J"),
            ("a\0b\nc\r", "a\\u{0}b\nc\\u{d}"),
            ("a\u{9b}b\u{202e}c\u{2066}", "a\\u{9b}b\\u{202e}c\\u{2066}"),
        ];
        for (line, want) in cases {
            assert_eq!(printable(line), want, "{line:?}");
        }
    }
}
