//! The single place pulldown-cmark `Options` are built (as mdBook does), so
//! preview, stats and export agree on what the markdown means.

use pulldown_cmark::{Options, Parser};

/// GFM-ish options our users' generators support: tables, strikethrough,
/// task lists, footnotes. Heading attributes (`{#id}`) stay off: kramdown's
/// `{: .class}` lines must not be half-interpreted.
pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS | Options::ENABLE_FOOTNOTES
}

/// A parser over `text` with [`options`].
pub fn parser(text: &str) -> Parser<'_> {
    Parser::new_ext(text, options())
}
