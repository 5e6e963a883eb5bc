//! `hoego`: the command-line face of hoego-core, for scripting and batch
//! migration. The contract (arguments, one-line JSON, exit codes) is stable:
//! 0 success, 1 bad input (`FILE:LINE:COL: message` on stderr) or output
//! that could not be written (a closed stdout), 2 usage.

mod console;
mod export_cmd;
mod fsio;
mod images;
mod input;
mod next_cmd;
mod url_cmd;

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use hoego_core::field::FieldValue;
use hoego_core::markdown::{render_to, sanitize::Ammonia};
use hoego_core::templates::{template, Lang, TEMPLATES};
use hoego_core::{Offset, ParseError, Post, PostDate};

const USAGE: &str = "usage:
  hoego show FILE
  hoego set [-i|--in-place] FILE [KEY=VALUE]... [--unset KEY]...
  hoego new --template NAME --title T --now RFC3339 [--lang ko|en]
  hoego new --from POST.md [--period year|half|quarter|month|week] [--lang ko|en] [--now RFC3339]
            [--to jekyll|gatsby] [--flavor starter-blog|lumen] [--offset +09:00] [--slug-style S]
  hoego render FILE
  hoego export --to jekyll|gatsby [--flavor starter-blog|lumen] [--offset +09:00] [--now RFC3339]
               [--slug-style romanize|keep|ascii] [--reslug] [--assets DIR] [--site-config _config.yml]
               [--force] [--out DIR | --zip FILE] FILE...
  hoego url --to jekyll|gatsby [the options of export but --assets, --out, --zip, --force] FILE...";

/// How a command failed.
pub enum Fail {
    /// Bad arguments: exit 2.
    Usage(String),
    /// Bad input: exit 1, message already formatted `FILE:LINE:COL: message`.
    Input(String),
}

fn usage<T>(msg: impl Into<String>) -> Result<T, Fail> {
    Err(Fail::Usage(msg.into()))
}

/// Read and parse a post, reporting problems as `FILE:LINE:COL: message`.
pub fn load(file: &str) -> Result<Post, Fail> {
    let (text, note) = input::read_post(Path::new(file)).map_err(|e| match e {
        input::ReadError::Io(e) => Fail::Input(format!("{file}:1:1: cannot read: {e}")),
        input::ReadError::NotText(l, c, m) => Fail::Input(format!("{file}:{l}:{c}: {m}")),
    })?;
    if let Some(n) = note {
        console::warn(format_args!("{file}: warning: {n}"));
    }
    Post::parse(&text).map_err(|e: ParseError| {
        let p = e.pos();
        Fail::Input(format!("{file}:{}:{}: {e}", p.line, p.col))
    })
}

fn write_stdout(bytes: &[u8]) -> Result<(), Fail> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes).and_then(|_| out.flush()).map_err(console::output_lost)
}

fn one_file(args: &[String]) -> Result<&str, Fail> {
    match args {
        [f] => Ok(f),
        _ => usage("expected exactly one FILE"),
    }
}

fn cmd_show(args: &[String]) -> Result<(), Fail> {
    let file = one_file(args)?;
    let post = load(file)?;
    for w in post.warnings() {
        console::warn(format_args!("{file}: warning: {}", w.message));
    }
    let json = serde_json::to_string(&hoego_core::report::report(&post)).map_err(|e| Fail::Input(e.to_string()))?;
    write_stdout(format!("{json}\n").as_bytes())
}

fn cmd_set(args: &[String]) -> Result<(), Fail> {
    let in_place = args.iter().any(|a| a == "-i" || a == "--in-place");
    let args: Vec<String> = args.iter().filter(|a| *a != "-i" && *a != "--in-place").cloned().collect();
    let Some((file, rest)) = args.split_first() else { return usage("expected FILE") };
    let mut post = load(file)?;
    let mut it = rest.iter();
    while let Some(a) = it.next() {
        let result = if a == "--unset" {
            let Some(k) = it.next() else { return usage("--unset needs a KEY") };
            post.unset(k)
        } else if let Some((k, v)) = a.split_once('=') {
            let value = FieldValue::from_text(k, v).map_err(|e| Fail::Input(format!("{file}:1:1: {e}")))?;
            post.set(k, &value)
        } else {
            return usage(format!("expected KEY=VALUE or --unset KEY, got `{a}`"));
        };
        result.map_err(|e| Fail::Input(format!("{file}:1:1: {e}")))?;
    }
    if in_place {
        return replace_in_place(file, post.to_text().as_bytes());
    }
    write_stdout(post.to_text().as_bytes())
}

/// `set -i`: replace the file atomically, keeping its permission bits; a
/// symlink is written through (its target changes, the link stays).
fn replace_in_place(file: &str, bytes: &[u8]) -> Result<(), Fail> {
    let fail = |e: std::io::Error| Fail::Input(format!("{file}:1:1: cannot write: {e}"));
    let target = std::fs::canonicalize(file).map_err(fail)?;
    if std::fs::read(&target).map_err(fail)? == bytes {
        return Ok(());
    }
    let mode = fsio::mode_of(&target).map_err(fail)?;
    fsio::write_atomic(&target, bytes, mode, fsio::Existing::Replace).map_err(fail)
}

fn cmd_render(args: &[String]) -> Result<(), Fail> {
    let post = load(one_file(args)?)?;
    // Streamed piece by piece: memory stays proportional to one piece, not the post.
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut failed: Option<std::io::Error> = None;
    render_to(post.body(), &Ammonia::default(), &mut |piece| {
        if failed.is_none() {
            failed = out.write_all(piece.as_bytes()).err();
        }
    });
    match failed {
        None => out.flush(),
        Some(e) => Err(e),
    }
    .map_err(console::output_lost)
}

/// `--name value` pairs given, in order.
pub type Flags = Vec<(String, String)>;

/// Parse `--flag value` pairs and `--switch`es (recorded with an empty
/// value); returns the flags found and the other arguments.
pub fn flags(args: &[String], known: &[&str], switches: &[&str]) -> Result<(Flags, Vec<String>), Fail> {
    let mut found = Vec::new();
    let mut rest = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if let Some(name) = a.strip_prefix("--") {
            let (name, inline) = match name.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (name, None),
            };
            if switches.contains(&name) && inline.is_none() {
                found.push((name.to_string(), String::new()));
                continue;
            }
            if !known.contains(&name) {
                return usage(format!("unknown option --{name}"));
            }
            let v = match inline {
                Some(v) => v,
                None => match it.next() {
                    Some(v) => v.clone(),
                    None => return usage(format!("--{name} needs a value")),
                },
            };
            found.push((name.to_string(), v));
        } else {
            rest.push(a.clone());
        }
    }
    Ok((found, rest))
}

/// Was the switch `--name` given?
pub fn has_switch(found: &[(String, String)], name: &str) -> bool {
    found.iter().any(|(n, v)| n == name && v.is_empty())
}

/// The value of flag `name`, if given (the last one wins).
pub fn flag<'a>(found: &'a [(String, String)], name: &str) -> Option<&'a str> {
    found.iter().rev().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
}

/// Parse `--now`, or read the system clock at `offset`.
pub fn now_arg(v: Option<&str>, offset: Offset) -> Result<PostDate, Fail> {
    match v {
        Some(s) => match PostDate::parse(s) {
            Some(d) if d.offset.is_some() && d.time.is_some() => Ok(d),
            _ => usage(format!("--now must be RFC 3339 with an offset, e.g. 2026-11-22T10:00:00+09:00 (got `{s}`)")),
        },
        None => {
            let secs =
                std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
            Ok(PostDate::from_unix(secs, offset))
        }
    }
}

fn cmd_new(args: &[String]) -> Result<(), Fail> {
    if args.iter().any(|a| a == "--from" || a.starts_with("--from=")) {
        return next_cmd::run(args);
    }
    let (found, rest) = flags(args, &["template", "title", "now", "lang"], &[])?;
    if !rest.is_empty() {
        return usage(format!("unexpected argument `{}`", rest[0]));
    }
    let name = flag(&found, "template").unwrap_or("blank");
    let Some(t) = template(name) else {
        let names: Vec<&str> = TEMPLATES.iter().map(|t| t.name).collect();
        return usage(format!("unknown template `{name}`; one of: {}", names.join(", ")));
    };
    let lang = match flag(&found, "lang") {
        None => Lang::Ko,
        Some(l) => Lang::parse(l).ok_or_else(|| Fail::Usage(format!("--lang must be ko or en, got `{l}`")))?,
    };
    let now = now_arg(flag(&found, "now"), Offset::KST)?;
    let title = flag(&found, "title").unwrap_or(t.label(lang));
    write_stdout(t.render(title, &now, lang).as_bytes())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((cmd, rest)) = args.split_first() else {
        console::warn(USAGE);
        return ExitCode::from(2);
    };
    // `hoego show --help` and the like: the usage, not "cannot read --help".
    if rest.iter().any(|a| a == "-h" || a == "--help") {
        return exit_code(write_stdout(format!("{USAGE}\n").as_bytes()));
    }
    exit_code(match cmd.as_str() {
        "show" => cmd_show(rest),
        "set" => cmd_set(rest),
        "new" => cmd_new(rest),
        "render" => cmd_render(rest),
        "export" => export_cmd::run(rest),
        "url" => url_cmd::run(rest),
        "-h" | "--help" | "help" => write_stdout(format!("{USAGE}\n").as_bytes()),
        other => usage(format!("unknown command `{other}`")),
    })
}

/// The exit code of a command's result, its message reported on stderr.
fn exit_code(result: Result<(), Fail>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Fail::Usage(m)) => {
            console::warn(format_args!("hoego: {m}\n{USAGE}"));
            ExitCode::from(2)
        }
        Err(Fail::Input(m)) => {
            if !m.is_empty() {
                console::warn(m);
            }
            ExitCode::from(1)
        }
    }
}
