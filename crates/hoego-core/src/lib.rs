//! hoego-core: the pure heart of Hoego.
//!
//! Everything here is a function of its inputs: no clock, no randomness, no
//! files, no browser. The app (Yew) and the CLI (`hoego`) do I/O at the edges
//! and call into this crate.
//!
//! - [`split`] finds the front matter's exact bytes; [`post::Post`] parses it
//!   and edits it minimally ([`yaml`] rewrites only the touched entry).
//! - [`markdown`] renders bodies through one set of options and a
//!   [`markdown::Sanitizer`]; [`markdown::blocks`] makes the preview incremental.
//! - [`stats`], [`dialect`], [`templates`], [`slug`], [`export`].
//! - [`goals`] scores a retrospective's goals; [`period`] and [`next`] make
//!   the next period's draft from this one; [`series`] groups them and
//!   charts the achievement rate over time.

pub mod date;
pub mod dialect;
pub mod error;
pub mod export;
pub mod field;
pub mod goals;
pub mod line_endings;
pub mod markdown;
pub mod next;
pub mod period;
pub mod post;
pub mod report;
pub mod series;
pub mod skeleton;
pub mod slug;
pub mod span;
pub mod split;
pub mod stats;
pub mod target;
pub mod templates;
pub mod utf16;
pub mod value;
pub mod view;
pub mod yaml;

pub use date::{Offset, PostDate};
pub use error::{quoted, quoted_list, EditError, ParseError, Pos, Warning, WarningCode};
pub use field::FieldValue;
pub use post::Post;
pub use split::FrontMatterKind;
