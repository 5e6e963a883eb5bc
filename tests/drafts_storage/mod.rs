//! Browser tests of draft storage (a module of `tests/browser.rs`, so the
//! test command's `--test browser` runs them): the revision layout and its
//! garbage collection, a save interrupted between its two writes, another
//! tab's revision found by a save, the migration chain from the v0 fixture,
//! values and indexes from a newer schema, storage the browser refuses, and
//! the backup zip.

use hoego_app::backup::{backup_zip, read_backup, BackupError, MANIFEST};
use hoego_app::state::Draft;
use hoego_app::storage::{self, Access, Pending, Problem, SaveError, StoredDraft, INDEX_KEY};
use hoego_core::export::bundle::zip_files;
use std::rc::Rc;
use wasm_bindgen_test::*;

mod aids;

pub(crate) fn ls() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn keys() -> Vec<String> {
    let s = ls();
    let mut k: Vec<String> = (0..s.length().unwrap()).map(|i| s.key(i).unwrap().unwrap()).collect();
    k.sort();
    k
}

fn eval(js: &str) {
    js_sys::eval(js).expect("test script runs");
}

/// Put `Storage.prototype.setItem`/`removeItem` back.
fn unstub() {
    eval("if (window.__set) { Storage.prototype.setItem = window.__set; Storage.prototype.removeItem = window.__remove; }");
}

fn draft(id: &str, rev: u64, text: &str) -> StoredDraft {
    StoredDraft { id: id.into(), rev, name: None, text: text.into(), created: 1.0, updated: 2.0, target: None }
}

/// Save one draft as this tab would: `base` is the revision it last saw.
fn save_one(id: &str, base: u64, text: &str) -> storage::SaveReport {
    let p = Pending { draft: draft(id, base + 1, text), base };
    storage::save(&[p], &[id.to_string()], &[])
}

fn text_of(id: &str) -> Option<String> {
    storage::load_all(0.0).drafts.into_iter().find(|d| d.id == id).map(|d| d.text)
}

#[wasm_bindgen_test]
fn each_save_is_a_new_revision_and_only_the_current_one_is_kept() {
    ls().clear().unwrap();
    for (base, text) in ["one", "two", "three"].iter().enumerate() {
        let r = save_one("a", base as u64, text);
        assert_eq!((r.saved, r.error, r.committed), (vec![("a".to_string(), base as u64 + 1)], None, true));
    }
    save_one("b", 0, "bee");
    assert_eq!(keys(), ["hoego/v2/draft/a/3", "hoego/v2/draft/b/1", INDEX_KEY]);
    let loaded = storage::load_all(0.0);
    assert_eq!(
        loaded.drafts.iter().map(|d| (d.id.as_str(), d.rev, d.text.as_str())).collect::<Vec<_>>(),
        [("a", 3, "three"), ("b", 1, "bee")]
    );
    // Deleting a draft removes every key it had.
    let r = storage::save(&[], &["b".into()], &["a".into()]);
    assert!(r.committed && r.error.is_none());
    assert_eq!(keys(), ["hoego/v2/draft/b/1", INDEX_KEY]);
    // A draft both listed and removed (deleted here, then saved again by another
    // tab) is kept: listing wins.
    storage::save(&[], &["b".into()], &["b".into()]);
    assert_eq!(keys(), ["hoego/v2/draft/b/1", INDEX_KEY]);
    assert_eq!(text_of("b").as_deref(), Some("bee"));
    ls().clear().unwrap();
}

#[wasm_bindgen_test]
fn a_save_torn_between_its_two_writes_leaves_the_previous_revision() {
    ls().clear().unwrap();
    save_one("a", 0, "last good");
    // The index write fails after the new revision was written (as if the tab
    // died, or storage filled up, between the two writes).
    eval(
        "window.__set = Storage.prototype.setItem; window.__remove = Storage.prototype.removeItem;
         Storage.prototype.setItem = function (k, v) {
           if (k === 'hoego/v2/index') throw new DOMException('injected', 'InvalidStateError');
           return window.__set.call(this, k, v);
         };",
    );
    let r = save_one("a", 1, "torn");
    assert!(!r.committed && matches!(r.error, Some(SaveError::Other(_))), "{r:?}");
    assert_eq!(keys(), ["hoego/v2/draft/a/1", INDEX_KEY], "the unreachable revision was removed at once");
    // Same again, but the tab dies before it can clean up: the new key stays.
    eval("Storage.prototype.removeItem = function () { throw new DOMException('injected', 'InvalidStateError'); };");
    save_one("a", 1, "torn again");
    unstub();
    assert_eq!(keys(), ["hoego/v2/draft/a/1", "hoego/v2/draft/a/2", INDEX_KEY]);
    assert_eq!(text_of("a").as_deref(), Some("last good"), "the index still names the previous revision");
    // A load soon after leaves the stray revision (it could be another tab's
    // save in flight); later, it is collected.
    let now = 2.0 + 1000.0;
    assert_eq!(storage::load_all(now).drafts[0].text, "last good");
    assert_eq!(keys().len(), 3);
    let later = 2.0 + 3_600_000.0;
    assert_eq!(storage::load_all(later).drafts[0].text, "last good");
    assert_eq!(keys(), ["hoego/v2/draft/a/1", INDEX_KEY], "nothing unreachable piles up");
    // And the next save goes through.
    assert_eq!(save_one("a", 1, "next").saved, [("a".to_string(), 2)]);
    assert_eq!(text_of("a").as_deref(), Some("next"));
    ls().clear().unwrap();
}

#[wasm_bindgen_test]
fn a_save_based_on_an_old_revision_returns_the_other_tabs_instead_of_writing() {
    ls().clear().unwrap();
    save_one("a", 0, "v1");
    save_one("a", 1, "other tab's v2");
    // This tab still thinks revision 1 is current.
    let r = save_one("a", 1, "mine");
    assert_eq!(r.conflicts, [StoredDraft { rev: 2, ..draft("a", 2, "other tab's v2") }]);
    assert!(r.saved.is_empty());
    assert_eq!(text_of("a").as_deref(), Some("other tab's v2"), "not overwritten");
    // Once the user chose "keep mine", the save is based on theirs.
    assert_eq!(save_one("a", 2, "mine").saved, [("a".to_string(), 3)]);
    ls().clear().unwrap();
}

#[wasm_bindgen_test]
fn another_tabs_new_draft_survives_this_tabs_index_write() {
    ls().clear().unwrap();
    save_one("mine", 0, "x");
    // Another tab adds a draft this tab has never seen.
    let p = Pending { draft: draft("theirs", 1, "y"), base: 0 };
    storage::save(&[p], &["theirs".into()], &[]);
    save_one("mine", 1, "x2");
    let ids: Vec<String> = storage::load_all(0.0).drafts.into_iter().map(|d| d.id).collect();
    assert_eq!(ids, ["theirs", "mine"]);
    ls().clear().unwrap();
}

#[wasm_bindgen_test]
fn the_v0_fixture_migrates_through_v1_to_v2_and_old_drafts_keep_loading() {
    ls().clear().unwrap();
    let fixture = js_sys::JSON::parse(include_str!("../fixtures/storage/v0.json")).unwrap();
    let snapshot = js_sys::Reflect::get(&fixture, &"storage".into()).unwrap();
    for k in js_sys::Object::keys(&snapshot.clone().into()).iter() {
        let v = js_sys::Reflect::get(&snapshot, &k).unwrap();
        ls().set_item(&k.as_string().unwrap(), &v.as_string().unwrap()).unwrap();
    }
    // A v1 value as earlier versions wrote it with serde_json (floats as `1.0`,
    // `name: null`), one that is damaged, and a v1 index naming them.
    let v1 = r#"{"schema":1,"id":"t0","name":null,"text":"본문\r\n","created":1700000000000.0,"updated":1.5}"#;
    ls().set_item("hoego/v1/draft/t0", v1).unwrap();
    ls().set_item("hoego/v1/draft/bad", r#"{"schema":1, "text": "반쯤"#).unwrap();
    ls().set_item("hoego/v1/index", r#"{"schema":1,"ids":["t0"]}"#).unwrap();
    ls().set_item("hoego/v1/prefs", r#"{"schema":1,"lang":"en","theme":"dark"}"#).unwrap();
    let loaded = storage::load_all(0.0);
    assert_eq!(loaded.migrated, 4);
    assert!(!loaded.first_run);
    let got: Vec<(&str, u64, &str)> = loaded.drafts.iter().map(|d| (d.id.as_str(), d.rev, d.text.as_str())).collect();
    assert_eq!(
        got,
        [
            ("b2", 1, "---\ntitle: KPT\n---\nKeep / Problem / Try\n"),
            ("a1", 1, "---\ntitle: \"2023년 회고\"\ntags: [회고]\n---\n\n올해는 **많이** 배웠다.\r\n"),
            ("c3", 1, "no front matter, never indexed (crash before the index write)\n"),
            ("t0", 1, "본문\r\n"),
        ]
    );
    assert_eq!(loaded.drafts[0].name.as_deref(), Some("2022-06-29-kpt.md"));
    assert_eq!((loaded.drafts[3].created, loaded.drafts[3].updated), (1.7e12, 1.5));
    // The damaged value is reported and left exactly where it was; the rest moved.
    assert_eq!(loaded.broken.len(), 1);
    assert_eq!(loaded.broken[0].key, "hoego/v1/draft/bad");
    assert_eq!(
        keys(),
        [
            "hoego/v1/draft/bad",
            "hoego/v1/prefs",
            "hoego/v2/draft/a1/1",
            "hoego/v2/draft/b2/1",
            "hoego/v2/draft/c3/1",
            "hoego/v2/draft/t0/1",
            INDEX_KEY
        ]
    );
    assert_eq!(storage::load_prefs().map(|p| (p.lang, p.theme)), Some(("en".into(), "dark".into())));
    // Loading again changes nothing; a tab of the old version writing after
    // the migration gets its text kept as a separate draft.
    assert_eq!(storage::load_all(0.0).drafts.len(), 4);
    ls().set_item("hoego/v1/draft/t0", &v1.replace("본문", "옛 탭")).unwrap();
    let again = storage::load_all(0.0);
    assert_eq!(again.migrated, 1);
    assert_eq!(again.drafts.iter().find(|d| d.id == "t0-v1").map(|d| d.text.as_str()), Some("옛 탭\r\n"));
    assert_eq!(again.drafts.iter().find(|d| d.id == "t0").map(|d| d.text.as_str()), Some("본문\r\n"));
    ls().clear().unwrap();
}

#[wasm_bindgen_test]
fn values_from_a_newer_schema_are_read_only_and_never_overwritten() {
    ls().clear().unwrap();
    save_one("ok", 0, "fine");
    let future = r#"{"schema":3,"id":"fut","rev":1,"text":"from the future","extra":{"x":1}}"#;
    ls().set_item("hoego/v2/draft/fut/1", future).unwrap();
    let index = r#"{"schema":2,"drafts":[{"id":"fut","rev":1},{"id":"ok","rev":1}]}"#;
    ls().set_item(INDEX_KEY, index).unwrap();
    let loaded = storage::load_all(0.0);
    assert_eq!(loaded.drafts.len(), 1);
    assert_eq!(loaded.access, Access::Writable);
    let b = &loaded.broken[0];
    assert_eq!((b.problem.clone(), b.text.as_deref()), (Problem::Newer(3), Some("from the future")));
    // Saving another draft keeps the newer value and its index entry as they are.
    save_one("ok", 1, "fine 2");
    assert_eq!(ls().get_item("hoego/v2/draft/fut/1").unwrap().as_deref(), Some(future));
    assert!(ls().get_item(INDEX_KEY).unwrap().unwrap().contains(r#"{"id":"fut","rev":1}"#));
    // An index from a newer schema makes the whole storage read-only.
    let newer_index = r#"{"schema":3,"drafts":[],"somethingNew":true}"#;
    ls().set_item(INDEX_KEY, newer_index).unwrap();
    let loaded = storage::load_all(0.0);
    assert_eq!(loaded.access, Access::Newer(3));
    assert!(loaded.drafts.is_empty());
    assert!(loaded.broken.iter().any(|b| b.text.as_deref() == Some("fine 2")), "shown read-only");
    let before = keys().into_iter().map(|k| (ls().get_item(&k).unwrap(), k)).collect::<Vec<_>>();
    assert_eq!(save_one("ok", 2, "must not land").error, Some(SaveError::Newer(3)));
    assert_eq!(keys().into_iter().map(|k| (ls().get_item(&k).unwrap(), k)).collect::<Vec<_>>(), before);
    // So does a key of a newer layout.
    ls().clear().unwrap();
    ls().set_item("hoego/v3/index", "{}").unwrap();
    assert_eq!(storage::load_all(0.0).access, Access::Newer(3));
    ls().clear().unwrap();
}

#[wasm_bindgen_test]
fn storage_the_browser_refuses_is_reported_not_a_crash() {
    eval(
        "window.__ls = Object.getOwnPropertyDescriptor(window, 'localStorage') || Object.getOwnPropertyDescriptor(Window.prototype, 'localStorage');
         Object.defineProperty(window, 'localStorage', { configurable: true, get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });",
    );
    let loaded = storage::load_all(0.0);
    let report = save_one("a", 0, "x");
    assert!(storage::load_prefs().is_none());
    eval("Object.defineProperty(window, 'localStorage', window.__ls);");
    match loaded.access {
        Access::Unavailable(m) => assert!(m.contains("SecurityError"), "{m}"),
        other => panic!("{other:?}"),
    }
    assert!(loaded.first_run && loaded.drafts.is_empty());
    assert!(matches!(report.error, Some(SaveError::Unavailable(_))));
    ls().clear().unwrap();
}

#[wasm_bindgen_test]
fn a_full_storage_keeps_the_last_good_copy() {
    ls().clear().unwrap();
    save_one("t1", 0, "---\ntitle: 회고\n---\n본문\n");
    let chunk = "x".repeat(512 * 1024);
    let mut n = 0;
    while ls().set_item(&format!("filler/{n}"), &chunk).is_ok() {
        n += 1;
        assert!(n < 200, "quota never reached");
    }
    let r = save_one("t1", 1, &"y".repeat(1024 * 1024));
    assert_eq!((r.error, r.saved), (Some(SaveError::Quota), vec![]));
    assert_eq!(text_of("t1").as_deref(), Some("---\ntitle: 회고\n---\n본문\n"));
    ls().clear().unwrap();
}

#[wasm_bindgen_test]
fn a_backup_zip_reads_back_exactly_and_bad_ones_are_refused() {
    let mut a = Draft::new("a1".into(), Some("2024-01-01-x.md".into()), "---\ntitle: 회고\n---\r\n본문".into(), 10.0);
    a.base = 4;
    a.saved_rev = a.rev;
    let b = Draft::new("we/ird id".into(), None, String::new(), 20.0);
    let zip = backup_zip(&[Rc::new(a), Rc::new(b)], &[], &Default::default(), 99.0).unwrap();
    let back = read_backup(&zip).unwrap();
    assert!(back.templates.is_empty());
    assert_eq!(
        back.drafts,
        [
            StoredDraft {
                id: "a1".into(),
                rev: 4,
                name: Some("2024-01-01-x.md".into()),
                text: "---\ntitle: 회고\n---\r\n본문".into(),
                created: 10.0,
                updated: 10.0,
                target: None
            },
            StoredDraft {
                id: "we/ird id".into(),
                rev: 1,
                name: None,
                text: String::new(),
                created: 20.0,
                updated: 20.0,
                target: None
            },
        ]
    );
    let manifest = |m: &str, files: &[(&str, &str)]| {
        let mut all = vec![(MANIFEST.to_string(), m.as_bytes().to_vec())];
        all.extend(files.iter().map(|(n, t)| (n.to_string(), t.as_bytes().to_vec())));
        read_backup(&zip_files(&all).unwrap())
    };
    let entry = r#"{"id":"x","file":"d/x.md","name":null,"rev":1,"created":1,"updated":1}"#;
    let ok = format!(r#"{{"schema":1,"format":"hoego-backup","drafts":[{entry}]}}"#);
    assert_eq!(manifest(&ok, &[("d/x.md", "t")]).unwrap().drafts[0].text, "t");
    assert_eq!(manifest(&ok, &[]), Err(BackupError::Entry("d/x.md".into())));
    assert!(matches!(
        manifest(&ok.replace(r#""id":"x""#, r#""id":"""#), &[("d/x.md", "t")]),
        Err(BackupError::Manifest(_))
    ));
    assert_eq!(manifest(&ok.replace(r#""schema":1"#, r#""schema":2"#), &[("d/x.md", "t")]), Err(BackupError::Newer(2)));
    assert!(matches!(manifest("[]", &[]), Err(BackupError::Manifest(_))));
    assert_eq!(read_backup(&zip_files(&[("a.md".into(), vec![])]).unwrap()), Err(BackupError::NoManifest));
    assert!(matches!(read_backup(b"not a zip"), Err(BackupError::Zip(_))));
}

#[wasm_bindgen_test]
fn a_value_that_does_not_load_is_reported_with_its_text_and_a_reason() {
    let good =
        r#"{"schema":2,"id":"t0","rev":1,"name":null,"text":"본문\r\n","created":1700000000000.0,"updated":1.5}"#;
    let d = storage::parse_draft("hoego/v2/draft/t0/1", good).unwrap();
    assert_eq!((d.id.as_str(), d.rev, d.name, d.text.as_str(), d.created), ("t0", 1, None, "본문\r\n", 1.7e12));
    for (raw, why) in [
        ("{not json", "JSON"),
        (r#"{"schema":2,"id":"t0","rev":1,"name":null,"text":5,"created":1,"updated":1}"#, "text"),
        (r#"{"schema":2,"id":"t0","rev":1,"name":null,"created":1,"updated":1}"#, "text"),
        (r#"{"schema":2,"id":"t0","rev":1.5,"name":null,"text":"","created":1,"updated":1}"#, "rev"),
        (r#"{"schema":1,"id":"t0","rev":1,"name":null,"text":"","created":1,"updated":1}"#, "schema"),
        (r#"{"schema":1.5,"id":"t0","rev":1,"name":null,"text":"","created":1,"updated":1}"#, "schema"),
        (r#"{"schema":2,"id":"other","rev":1,"name":null,"text":"","created":1,"updated":1}"#, "key"),
        ("[1]", "object"),
    ] {
        let e = storage::parse_draft("hoego/v2/draft/t0/1", raw).unwrap_err();
        let Problem::Unreadable(reason) = &e.problem else { panic!("{raw}: {:?}", e.problem) };
        assert!(reason.contains(why) && e.raw == raw, "{raw}: {reason}");
    }
    // Loading reports it and leaves it alone.
    ls().clear().unwrap();
    save_one("a", 0, "fine");
    ls().set_item("hoego/v2/draft/bad/1", "{not json").unwrap();
    let loaded = storage::load_all(0.0);
    assert_eq!((loaded.drafts.len(), loaded.broken.len()), (1, 1));
    assert_eq!(loaded.broken[0].raw, "{not json");
    save_one("a", 1, "fine 2");
    assert_eq!(ls().get_item("hoego/v2/draft/bad/1").unwrap().as_deref(), Some("{not json"));
    ls().clear().unwrap();
}
