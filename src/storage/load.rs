//! Loading: migrate older layouts, read each indexed draft's current
//! revision, recover drafts that never reached the index, and collect the
//! garbage a save may leave behind (superseded or abandoned revisions).

use super::{
    all_keys, area, get, migrate, parse_draft, parse_index, rebuilt_index, remove, rev_key, revisions, Access, Broken,
    Index, IndexRead, Loaded, Lookup, Problem, IN_FLIGHT_MS, PREFIX,
};

/// A key prefix of a newer layout (`hoego/v3/…`), if any key has one.
fn newer_layout(keys: &[String]) -> Option<u32> {
    let current = PREFIX.trim_start_matches("hoego/v").trim_end_matches('/').parse::<u32>().ok()?;
    keys.iter()
        .filter_map(|k| k.strip_prefix("hoego/v")?.split_once('/')?.0.parse::<u32>().ok())
        .filter(|v| *v > current)
        .max()
}

/// Storage a newer Hoego owns: show what can be read, change nothing.
fn read_only(s: &web_sys::Storage, keys: &[String], schema: u32, out: &mut Loaded) {
    out.access = Access::Newer(schema);
    for key in keys.iter().filter(|k| k.starts_with("hoego/") && *k != super::PREFS_KEY) {
        let Some(raw) = get(s, key) else { continue };
        let text = super::In::parse(&raw).ok().and_then(|o| o.str("text").ok());
        out.broken.push(Broken { key: key.clone(), raw, problem: Problem::Newer(schema), text });
    }
}

/// Load every draft. `now` (ms) tells an abandoned write from one another
/// tab is making at this moment.
pub fn load_all(now: f64) -> Loaded {
    let mut out = Loaded::default();
    let s = match area() {
        Ok(s) => s,
        Err(message) => {
            out.access = Access::Unavailable(message);
            out.first_run = true;
            return out;
        }
    };
    let keys = all_keys(&s);
    if let Some(v) = newer_layout(&keys) {
        read_only(&s, &keys, v, &mut out);
        return out;
    }
    let mut index = match get(&s, super::INDEX_KEY).map(|raw| parse_index(&raw)) {
        None => Index::default(),
        Some(IndexRead::Ok(i)) => i,
        Some(IndexRead::Newer(n)) => {
            read_only(&s, &keys, n, &mut out);
            return out;
        }
        Some(IndexRead::Broken(b)) => {
            // The index holds no text (only order and revision numbers), so it is
            // rebuilt from the draft keys; its raw value is still offered in recovery.
            out.broken.push(b);
            rebuilt_index(&keys)
        }
    };
    out.first_run = !keys.iter().any(|k| k.starts_with("hoego/") && k != super::PREFS_KEY);
    let migrated = migrate::run(&s, &keys, &mut index);
    out.migrated = migrated.moved;
    out.broken.extend(migrated.broken);
    // Migration may have written revisions (committed or not): read the keys again.
    let keys = all_keys(&s);
    read_drafts(&s, &keys, &index, now, &mut out);
    out.drafts.extend(migrated.unsaved);
    match super::load_templates() {
        Ok(t) => out.templates = t,
        Err(b) => out.broken.push(b),
    }
    out
}

/// Read the current revision of every indexed draft, then the drafts no
/// index names (a crash between a new draft's two writes), and delete
/// revisions nobody can reach.
fn read_drafts(s: &web_sys::Storage, keys: &[String], index: &Index, now: f64, out: &mut Loaded) {
    let revs = revisions(keys);
    let at = Lookup::new(revs.iter().enumerate().map(|(i, (id, _))| (*id, i as u64)));
    let mut done = vec![false; revs.len()];
    let indexed = index.0.iter().map(|e| (e.id.as_str(), Some(e.rev)));
    let orphans = revs.iter().map(|(id, _)| (*id, None));
    for (id, want) in indexed.chain(orphans) {
        let Some(i) = at.get(id).map(|i| i as usize).filter(|i| !done[*i]) else { continue };
        done[i] = true;
        let have = &revs[i].1;
        // The indexed revision, or the newest one left if the index points at nothing.
        let Some(&pick) = want.filter(|w| have.contains(w)).as_ref().or(have.last()) else { continue };
        let key = rev_key(id, pick);
        let Some(raw) = get(s, &key) else { continue };
        match parse_draft(&key, &raw) {
            Ok(d) => out.drafts.push(d),
            Err(b) => out.broken.push(b),
        }
        collect(s, id, pick, have, now, out);
    }
}

/// Delete the revisions of a draft other than `pick`: older ones are
/// superseded; newer ones are writes whose index switch never happened
/// (kept while they may still be in flight in another tab).
fn collect(s: &web_sys::Storage, id: &str, pick: u64, have: &[u64], now: f64, out: &mut Loaded) {
    for &rev in have.iter().filter(|r| **r != pick) {
        let key = rev_key(id, rev);
        if rev > pick {
            let Some(raw) = get(s, &key) else { continue };
            match parse_draft(&key, &raw) {
                Ok(d) if now - d.updated < IN_FLIGHT_MS => continue,
                Ok(_) => {}
                Err(b) => {
                    out.broken.push(b);
                    continue;
                }
            }
        }
        remove(s, &key);
    }
}

#[cfg(test)]
mod tests {
    use super::newer_layout;

    #[test]
    fn newer_layouts_are_recognised_by_key_prefix() {
        let keys = |ks: &[&str]| ks.iter().map(|k| k.to_string()).collect::<Vec<_>>();
        assert_eq!(newer_layout(&keys(&["hoego/v2/index", "hoego/v1/prefs", "other"])), None);
        assert_eq!(newer_layout(&keys(&["hoego/v2/index", "hoego/v3/index"])), Some(3));
        assert_eq!(newer_layout(&keys(&["hoego/v10/x", "hoego/vx/y"])), Some(10));
    }
}
