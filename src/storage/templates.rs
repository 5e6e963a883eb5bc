//! The user's own templates ("Save as my template"), stored with the drafts
//! under one key, `hoego/v2/templates`:
//!
//! ```json
//! {"schema":1,"templates":[{"id":"…","name":"내 연간 회고","text":"---\n…","created":1767139200000}]}
//! ```
//!
//! The list is small and changes only on a click, so it is one value,
//! written at once (not through autosave) by read-modify-write: a change
//! reads the stored list, applies itself and writes it back, so another
//! tab's new template is never dropped. A value that does not load (damaged,
//! or from a newer schema) is reported like a broken draft and never
//! overwritten: changes are refused until it is dealt with.

use super::{area, array, get, set, Broken, In, Out, Problem, SaveError};

/// The storage key.
pub const TEMPLATES_KEY: &str = "hoego/v2/templates";
/// Version of the value's shape.
const SCHEMA: u32 = 1;

/// One user template.
#[derive(Debug, Clone, PartialEq)]
pub struct UserTemplate {
    /// Stable id.
    pub id: String,
    /// The name the user gave it (also the title of posts made from it).
    pub name: String,
    /// The template text (front matter and body skeleton).
    pub text: String,
    /// When it was saved, ms since epoch.
    pub created: f64,
}

impl UserTemplate {
    pub(crate) fn to_out(&self) -> Out {
        Out::empty()
            .set("id", self.id.as_str().into())
            .set("name", self.name.as_str().into())
            .set("text", self.text.as_str().into())
            .set("created", self.created.into())
    }

    pub(crate) fn from_in(o: &In) -> Result<UserTemplate, String> {
        Ok(UserTemplate { id: o.str("id")?, name: o.str("name")?, text: o.str("text")?, created: o.num("created")? })
    }
}

/// Parse the stored value.
pub fn parse_templates(raw: &str) -> Result<Vec<UserTemplate>, Broken> {
    let bad = |reason: String| Broken::unreadable(TEMPLATES_KEY, raw, reason);
    let o = In::parse(raw).map_err(bad)?;
    match o.schema().map_err(bad)? {
        SCHEMA => {}
        n if n > SCHEMA => {
            let problem = Problem::Newer(n);
            return Err(Broken { key: TEMPLATES_KEY.into(), raw: raw.into(), problem, text: None });
        }
        n => return Err(bad(format!("schema {n} is not {SCHEMA}"))),
    }
    let list = o.obj_list("templates").map_err(bad)?;
    list.iter().map(UserTemplate::from_in).collect::<Result<_, _>>().map_err(bad)
}

/// The stored templates (none when the key is absent).
pub fn load_templates() -> Result<Vec<UserTemplate>, Broken> {
    let Ok(s) = area() else { return Ok(Vec::new()) };
    get(&s, TEMPLATES_KEY).map_or(Ok(Vec::new()), |raw| parse_templates(&raw))
}

/// Apply `change` to the stored list and write it; the list as written.
/// Refused, with nothing written, when the stored value does not load.
/// (`&dyn`, not generic: one copy of this code in the wasm for every caller.)
pub fn update_templates(change: &dyn Fn(&mut Vec<UserTemplate>)) -> Result<Vec<UserTemplate>, SaveError> {
    let s = area().map_err(SaveError::Unavailable)?;
    let mut list = match load_templates() {
        Ok(l) => l,
        Err(Broken { problem: Problem::Newer(n), .. }) => return Err(SaveError::Newer(n)),
        Err(b) => {
            let why = match b.problem {
                Problem::Unreadable(why) => why,
                Problem::Newer(n) => format!("schema {n}"),
            };
            return Err(SaveError::Other(format!("{TEMPLATES_KEY} is unreadable; it is left as it is ({why})")));
        }
    };
    change(&mut list);
    let json = Out::new(SCHEMA).set("templates", array(list.iter().map(|t| t.to_out().value()))).stringify();
    set(&s, TEMPLATES_KEY, &json.map_err(SaveError::Other)?)?;
    Ok(list)
}

/// Add a backup's templates to `list`: one this list lacks is added; one
/// with the same id and other text or name is added as a copy under the
/// matching id of `new_ids`; an identical one is skipped. Returns how many
/// were added.
pub fn merge(list: &mut Vec<UserTemplate>, incoming: Vec<UserTemplate>, new_ids: Vec<String>) -> usize {
    let mut added = 0;
    for (t, new_id) in incoming.into_iter().zip(new_ids) {
        match list.iter().find(|x| x.id == t.id) {
            None => list.push(t),
            Some(x) if x.text == t.text && x.name == t.name => continue,
            Some(_) => list.push(UserTemplate { id: new_id, ..t }),
        }
        added += 1;
    }
    added
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tpl(id: &str, name: &str, text: &str) -> UserTemplate {
        UserTemplate { id: id.into(), name: name.into(), text: text.into(), created: 1.0 }
    }

    #[test]
    fn merge_adds_new_keeps_both_on_difference_and_skips_identical() {
        let mut list = vec![tpl("a", "연간", "x"), tpl("b", "KPT", "y")];
        let incoming = vec![tpl("a", "연간", "x"), tpl("b", "KPT", "changed"), tpl("c", "new", "z")];
        let added = merge(&mut list, incoming, vec!["n1".into(), "n2".into(), "n3".into()]);
        assert_eq!(added, 2);
        let ids: Vec<_> = list.iter().map(|t| (t.id.as_str(), t.text.as_str())).collect();
        assert_eq!(ids, [("a", "x"), ("b", "y"), ("n2", "changed"), ("c", "z")]);
    }
}
