//! YAML front matter, read and edited line by line.
//!
//! We never re-emit the whole document: [`scan`] finds each top-level entry's
//! exact bytes, [`parse`] reads each entry's value, and [`edit`] replaces
//! only the bytes of the entry being changed. That is what keeps comments, key
//! order, quoting and line endings of untouched keys byte-identical.

pub mod edit;
pub mod emit;
pub(crate) mod parse;
pub mod quote;
pub mod scan;

pub use scan::{parse_entries, YamlEntry};
