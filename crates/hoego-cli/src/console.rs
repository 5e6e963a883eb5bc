//! Writing to stdout and stderr without panicking. `println!` panics when a
//! stream is a pipe whose reader is gone (`| head -0`: Rust ignores SIGPIPE,
//! so the write fails with EPIPE), and release builds abort on a panic: a
//! batch would die with SIGABRT between two posts. Here a failed write is a
//! value, and the work goes on.

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
            self.lost = writeln!(std::io::stdout().lock(), "{line}").err();
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
    if writeln!(std::io::stderr().lock(), "{line}").is_err() {
        // Nothing to do: see above.
    }
}
