//! Storage of the writing aids (issue 12): a draft's length target in its
//! stored record and in backups, and the user's templates under
//! `hoego/v2/templates`.

use std::rc::Rc;

use hoego_app::backup::{backup_zip, read_backup};
use hoego_app::state::Draft;
use hoego_app::storage::{self, Pending, Problem, SaveError, StoredDraft, UserTemplate, TEMPLATES_KEY};
use hoego_core::target::{LengthTarget, LengthUnit};
use wasm_bindgen_test::*;

use super::ls;

fn words(goal: u32) -> Option<LengthTarget> {
    LengthTarget::new(LengthUnit::Words, goal)
}

#[wasm_bindgen_test]
fn a_length_target_is_stored_in_the_record_and_older_records_load_without_one() {
    ls().clear().unwrap();
    let d = StoredDraft {
        id: "a".into(),
        rev: 1,
        name: None,
        text: "---\ntitle: t\n---\n".into(),
        created: 1.0,
        updated: 2.0,
        target: words(500),
    };
    let r = storage::save(&[Pending { draft: d.clone(), base: 0 }], &["a".into()], &[]);
    assert!(r.committed && r.error.is_none());
    let raw = ls().get_item("hoego/v2/draft/a/1").unwrap().unwrap();
    assert!(raw.contains(r#""target":{"unit":"words","goal":500}"#), "{raw}");
    assert_eq!(storage::load_all(0.0).drafts, std::slice::from_ref(&d));
    // A record written before targets existed loads unchanged, with none.
    let old = r#"{"schema":2,"id":"b","rev":1,"name":null,"text":"x","created":1,"updated":1}"#;
    assert_eq!(storage::parse_draft("hoego/v2/draft/b/1", old).unwrap().target, None);
    // A record without a target is written as before (no field at all).
    let plain = StoredDraft { target: None, ..d.clone() };
    storage::save(&[Pending { draft: StoredDraft { rev: 2, ..plain }, base: 1 }], &["a".into()], &[]);
    assert!(!ls().get_item("hoego/v2/draft/a/2").unwrap().unwrap().contains("target"));
    // An unknown unit (a newer Hoego's) leaves the draft loadable, without the target.
    let newer = r#"{"schema":2,"id":"c","rev":1,"name":null,"text":"x","created":1,"updated":1,"target":{"unit":"pages","goal":3}}"#;
    let c = storage::parse_draft("hoego/v2/draft/c/1", newer).unwrap();
    assert_eq!((c.text.as_str(), c.target), ("x", None));
    ls().clear().unwrap();
}

#[wasm_bindgen_test]
fn templates_are_stored_under_their_key_and_a_bad_value_is_never_overwritten() {
    ls().clear().unwrap();
    let tpl = |id: &str, name: &str| UserTemplate {
        id: id.into(),
        name: name.into(),
        text: "## 목표\n".into(),
        created: 3.0,
    };
    assert_eq!(storage::load_templates(), Ok(vec![]));
    let list = storage::update_templates(&|l| l.push(tpl("t1", "연간"))).unwrap();
    assert_eq!(list, [tpl("t1", "연간")]);
    // Another tab's template added meanwhile survives this tab's change.
    storage::update_templates(&|l| l.push(tpl("t2", "other tab"))).unwrap();
    let list = storage::update_templates(&|l| l.retain(|t| t.id != "t1")).unwrap();
    assert_eq!(list, [tpl("t2", "other tab")]);
    assert_eq!(storage::load_all(0.0).templates, list);
    let raw = ls().get_item(TEMPLATES_KEY).unwrap().unwrap();
    assert!(raw.starts_with(r#"{"schema":1,"templates":["#), "{raw}");
    // Damaged or newer: reported on load, changes refused, value untouched.
    for (bad, newer) in [("{oops", false), (r#"{"schema":9,"templates":[]}"#, true)] {
        ls().set_item(TEMPLATES_KEY, bad).unwrap();
        let loaded = storage::load_all(0.0);
        assert_eq!(loaded.broken.len(), 1, "{bad}");
        assert_eq!(matches!(loaded.broken[0].problem, Problem::Newer(9)), newer, "{bad}");
        let refused = storage::update_templates(&|l| l.clear()).unwrap_err();
        assert_eq!(matches!(refused, SaveError::Newer(9)), newer, "{bad}");
        assert_eq!(ls().get_item(TEMPLATES_KEY).unwrap().as_deref(), Some(bad));
    }
    ls().clear().unwrap();
}

#[wasm_bindgen_test]
fn a_backup_carries_targets_templates_and_images_and_old_backups_have_none() {
    let mut d = Draft::new("a1".into(), None, "---\ntitle: 회고\n---\n본문".into(), 10.0);
    d.target = words(1200);
    let tpl = UserTemplate {
        id: "t1".into(),
        name: "내 템플릿".into(),
        text: "---\ntitle: \"\"\n---\n## 들어가며\n".into(),
        created: 5.0,
    };
    // Imported images by key: any name a file system allows, or a folder's path, bytes exact.
    let images: hoego_app::images::Images = [
        ("사진 1.png", &b"\x89PNG one"[..]),
        ("a", b"no extension"),
        ("b.jpeg", b""),
        ("blog/assets/a/b.jpeg", b"deep"),
    ]
    .into_iter()
    .map(|(n, b)| (n.to_string(), b.into()))
    .collect();
    let zip = backup_zip(&[Rc::new(d)], std::slice::from_ref(&tpl), &images, 99.0).unwrap();
    let back = read_backup(&zip).unwrap();
    assert_eq!(back.drafts[0].target, words(1200));
    assert_eq!(back.templates, [tpl]);
    let want: Vec<(String, Vec<u8>)> = [
        ("a", &b"no extension"[..]),
        ("b.jpeg", b""),
        ("blog/assets/a/b.jpeg", b"deep"),
        ("사진 1.png", b"\x89PNG one"),
    ]
    .map(|(n, b)| (n.into(), b.to_vec()))
    .into();
    let mut got = back.images.clone();
    got.sort();
    assert_eq!(got, want);
    // Bad image entries are left out and named, and the drafts still restore: a name
    // that is a path or a dot, a missing file, a file a second entry names again, a
    // name a second entry has again.
    let bad = r#"{"schema":1,"format":"hoego-backup","drafts":[{"id":"x","file":"d/x.md","name":null,"rev":1,"created":1,"updated":1}],
        "images":[{"name":"../x.png","file":"images/1.png"},{"name":"..","file":"images/1.png"},{"name":"/abs.png","file":"images/1.png"},{"name":"a//b.png","file":"images/1.png"},{"name":"ok.png","file":"images/1.png"},
                  {"name":"again.png","file":"images/1.png"},{"name":"gone.png","file":"images/9.png"},{"file":"images/1.png"},
                  {"name":"ok.png","file":"images/2.png"}]}"#;
    let files = vec![
        ("manifest.json".to_string(), bad.as_bytes().to_vec()),
        ("d/x.md".into(), b"t".to_vec()),
        ("images/1.png".into(), b"x".to_vec()),
        ("images/2.png".into(), b"y".to_vec()),
    ];
    let back = read_backup(&hoego_core::export::bundle::zip_files(&files).unwrap()).unwrap();
    assert_eq!(back.drafts.len(), 1);
    assert_eq!(back.images, [("ok.png".to_string(), b"x".to_vec())]);
    assert_eq!(
        back.skipped_images,
        ["../x.png", "..", "/abs.png", "a//b.png", "again.png", "gone.png", "images/1.png", "ok.png"]
    );
    let old = r#"{"schema":1,"format":"hoego-backup","drafts":[{"id":"x","file":"d/x.md","name":null,"rev":1,"created":1,"updated":1}]}"#;
    let files = vec![("manifest.json".to_string(), old.as_bytes().to_vec()), ("d/x.md".into(), b"t".to_vec())];
    let back = read_backup(&hoego_core::export::bundle::zip_files(&files).unwrap()).unwrap();
    assert_eq!((back.drafts[0].target, back.templates.len(), back.images.len()), (None, 0, 0));
}
