//! Markdown: one place builds the parser options, transforms are event
//! adaptors, and raw HTML always goes through a [`Sanitizer`] before anyone
//! sees it.

pub mod blocks;
mod html_depth;
mod html_tags;
mod link_defs;
mod liquid_code;
pub mod nesting;
pub mod options;
mod plain;
pub mod render;
pub mod sanitize;
mod text_run;
#[cfg(feature = "ammonia")]
mod text_split;

pub use blocks::{render_blocks, Block};
pub(crate) use liquid_code::highlight_as_fences;
pub use nesting::MAX_NESTING;
pub use options::options;
pub use render::{render, render_to, render_unsanitized};
pub use sanitize::{Budgeted, Limits, Omitted, Sanitizer};
