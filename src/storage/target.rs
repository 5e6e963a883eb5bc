//! The length target in a stored record (a draft revision or a backup
//! manifest entry): an optional `"target":{"unit":"chars-no-spaces","goal":3000}`.
//!
//! Optional field, no schema bump: a record without it loads as before (no
//! target), and an older Hoego reads a record with it unchanged (it reads
//! named fields only). A bump would make every older tab treat the whole
//! storage as newer and read-only, for an annotation whose loss costs a
//! number. A target this version cannot read (an unknown unit from a newer
//! one) is left out with a console warning; the draft itself still loads.

use hoego_core::target::{LengthTarget, LengthUnit};

use super::{In, Out};

/// The field's name.
const FIELD: &str = "target";

/// `out` with the target set (nothing when there is none, so records
/// without a target are what they were before targets existed).
pub(crate) fn write(out: Out, target: Option<&LengthTarget>) -> Out {
    match target {
        None => out,
        Some(t) => {
            let v = Out::empty().set("unit", t.unit.as_str().into()).set("goal", t.goal.into());
            out.set(FIELD, v.value())
        }
    }
}

/// The target of a record, if it has a readable one.
pub(crate) fn read(o: &In) -> Option<LengthTarget> {
    let t = match o.opt_obj(FIELD) {
        Ok(t) => t?,
        Err(e) => return warn(&e),
    };
    let unit = match t.str("unit") {
        Ok(u) => LengthUnit::parse(&u).ok_or(format!("unknown unit `{u}`")),
        Err(e) => Err(e),
    };
    let goal = t.whole("goal").and_then(|g| u32::try_from(g).map_err(|_| "goal too large".to_string()));
    match (unit, goal) {
        (Ok(unit), Ok(goal)) => LengthTarget::new(unit, goal),
        (Err(e), _) | (_, Err(e)) => warn(&e),
    }
}

fn warn(e: &str) -> Option<LengthTarget> {
    web_sys::console::warn_1(&format!("hoego: length target not read: {e}").into());
    None
}
