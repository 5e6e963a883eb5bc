//! UI strings in Korean and English. The browser's language picks the first
//! one; the user can switch, and the choice is remembered.

use hoego_core::templates::Lang;

/// A UI string in `lang`.
pub fn t(lang: Lang, key: Key) -> &'static str {
    let (ko, en) = lookup(key);
    match lang {
        Lang::Ko => ko,
        Lang::En => en,
    }
}

/// A count with its unit: Korean writes them together ("2440자"), English
/// with a space ("2440 chars").
pub fn count(lang: Lang, n: usize, unit_key: Key) -> String {
    match lang {
        Lang::Ko => format!("{n}{}", t(lang, unit_key)),
        Lang::En => format!("{n} {}", t(lang, unit_key)),
    }
}

/// Declares [`Key`] and [`lookup`] from one list, so a key and its two texts
/// are written once: a key with no text cannot be named, and the compiler, not
/// a test scanning the source, finds a missing one.
macro_rules! texts {
    ($($key:ident => $pair:expr),* $(,)?) => {
        /// A UI string: the key of one text the app shows, in Korean and English.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Key {
            $($key),*
        }

        /// Every key, for the tests.
        #[cfg(test)]
        const ALL: &[Key] = &[$(Key::$key),*];

        /// The Korean and English text of a key.
        fn lookup(key: Key) -> (&'static str, &'static str) {
            match key {
                $(Key::$key => $pair),*
            }
        }
    };
}

texts! {
    AppTagline => ("회고를 쓰고, 지키고, 내보내는 에디터", "Write, keep and publish your retrospectives"),
    Library => ("보관함", "Library"),
    New => ("새 글", "New"),
    NewTemplate => ("템플릿으로 새 글", "New from template"),
    Import => ("가져오기", "Import"),
    ImportHint => ("파일을 끌어다 놓거나 글 전체를 붙여넣어도 됩니다", "Drop files here, or paste a whole post"),
    Paste => ("붙여넣기로 가져오기", "Import from paste"),
    PastePlaceholder => ("--- 로 시작하는 글 전체를 붙여넣으세요", "Paste a whole post (front matter and body)"),
    PasteAdd => ("초안으로 추가", "Add as draft"),
    Search => ("제목 검색", "Search titles"),
    Duplicate => ("복제", "Duplicate"),
    Delete => ("삭제", "Delete"),
    Undo => ("되돌리기", "Undo"),
    Deleted => ("초안을 삭제했습니다", "Draft deleted"),
    Open => ("열기", "Open"),
    Empty => ("초안이 없습니다. 새 글을 만들거나 가져오세요.", "No drafts yet. Create or import one."),
    Untitled => ("(제목 없음)", "(untitled)"),
    Chars => ("자", "chars"),
    Saved => ("저장됨", "Saved"),
    Saving => ("저장 대기 중…", "Unsaved changes…"),
    SaveQuota => (
        "브라우저 저장 공간이 가득 찼습니다. 마지막으로 저장된 사본은 안전합니다. 편집은 메모리에서 계속됩니다. 오래된 초안을 내려받은 뒤 삭제해 공간을 확보하세요.",
        "Browser storage is full. The last saved copy is safe and editing continues in memory. Download and delete old drafts to free space.",
    ),
    SaveQuotaNew => (
        "브라우저 저장 공간이 가득 차 새 초안을 저장하지 못했습니다. 새 초안과 이후의 모든 변경은 이 탭의 메모리에만 있습니다. 탭을 닫기 전에 내려받거나, 오래된 초안을 삭제해 공간을 확보하세요.",
        "Browser storage is full: a new draft could not be saved, and it and every later change are in this tab's memory only. Download drafts before you close the tab, or delete old ones to free space.",
    ),
    SaveError => ("저장 실패", "Save failed"),
    Title => ("제목", "Title"),
    Date => ("날짜", "Date"),
    Time => ("시간", "Time"),
    // Two fields set an offset: the date's own, and the one an export gives a date
    // written without one. A screen reader lists both by name, so the names differ.
    DateOffset => ("날짜의 시간대", "Date's offset"),
    ExportOffset => ("오프셋 없는 날짜에 붙일 시간대", "Offset for dates without one"),
    OffsetBad => (
        "시간대가 아닙니다. +09:00, -05:30, KST, UTC처럼 쓰세요.",
        "Not an offset: write it as +09:00, -05:30, KST or UTC.",
    ),
    Tags => ("태그", "Tags"),
    Categories => ("카테고리", "Categories"),
    ChipAdd => ("입력 후 Enter", "Type, then Enter"),
    Description => ("설명", "Description"),
    Slug => ("슬러그", "Slug"),
    Draft => ("초안 (발행 안 함)", "Draft (unpublished)"),
    Layout => ("레이아웃/템플릿", "Layout / template"),
    Cover => ("커버 이미지", "Cover image"),
    Author => ("작성자", "Author"),
    Other => ("기타 필드 (YAML)", "Other fields (YAML)"),
    ModeForm => ("폼", "Form"),
    ModeRaw => ("원본 front matter", "Raw front matter"),
    Apply => ("적용", "Apply"),
    PlaceholderBold => ("굵게", "bold"),
    PlaceholderItalic => ("기울임", "italic"),
    PlaceholderLink => ("링크 텍스트", "link text"),
    UnappliedStale => (
        "입력한 뒤 front matter가 바뀌었습니다 (폼이나 다른 탭에서). 적용하면 이 칸의 내용으로 바뀝니다.",
        "The front matter changed after you typed here (in the form or another tab): Apply replaces it with this text.",
    ),
    Unapplied => ("적용하지 않은 변경입니다: 적용을 눌러야 저장됩니다.", "Not applied yet: press Apply to keep these changes."),
    Body => ("본문", "Body"),
    Preview => ("미리보기", "Preview"),
    PreviewNote => (
        "미리보기는 보이는 부분 근처만 그립니다. 글 전체는 본문 편집기에, 모든 제목은 개요에 있습니다.",
        "The preview draws only the part near view; the whole text is in the body editor, and every heading in the outline.",
    ),
    Outline => ("목차", "Outline"),
    Words => ("단어", "words"),
    NoSpaces => ("공백 제외", "no spaces"),
    Minutes => ("분 읽기", "min read"),
    Tasks => ("할 일", "tasks"),
    Export => ("내보내기", "Export"),
    ExportLoading => ("내보내기를 불러오는 중…", "Loading export…"),
    ExportUnavailable => (
        "내보내기를 불러오지 못했습니다. 잠시 뒤에, 그리고 연결되면 다시 불러옵니다.",
        "Export could not be loaded; it is tried again shortly, and once you are online.",
    ),
    ExportTarget => ("대상", "Target"),
    ExportFlavor => ("Gatsby 스타터", "Gatsby starter"),
    ExportSlugStyle => ("한글 슬러그", "Hangul slug"),
    SlugRomanize => ("로마자로 (2023nyeon-hoego)", "romanize (2023nyeon-hoego)"),
    SlugKeep => ("그대로 (2023년-회고)", "keep (2023년-회고)"),
    SlugAscii => ("영문·숫자만", "ASCII only"),
    ExportPath => ("파일 경로", "File path"),
    ExportDiff => ("front matter 변경", "Front matter changes"),
    ExportNochange => ("변경 없음", "No changes"),
    ExportWarnings => ("확인할 점", "Things to check"),
    DownloadMd => (".md 내려받기", "Download .md"),
    ExportZipOnly => (
        "이미지 {n}개는 .zip에만 들어 있습니다. .md만 올리면 그 이미지의 링크가 깨집니다.",
        "Images in the .zip only: {n}. The .md alone links to files it does not carry.",
    ),
    DownloadZip => (".zip 내려받기", "Download .zip"),
    DownloadFailed => ("브라우저가 내려받기를 거부했습니다", "The browser refused the download"),
    RawMode => (
        "front matter를 읽을 수 없어 원본 모드로 엽니다. 아무것도 잃지 않았습니다. 고치면 폼으로 돌아갈 수 있습니다.",
        "The front matter could not be read, so this draft is in raw mode. Nothing was lost; fix it and you can go back to the form.",
    ),
    WholeTextReads => (
        "이제 front matter를 읽을 수 있습니다. 계속 여기서 써도 되고, 폼으로 돌아가도 됩니다.",
        "The front matter reads now. Keep writing here, or go back to the form.",
    ),
    EditAsForm => ("폼으로 편집", "Edit with the form"),
    Recovery => ("복구가 필요한 저장 데이터", "Stored data that needs recovery"),
    RecoveryHint => (
        "이 저장 값은 읽을 수 없어 덮어쓰지 않고 그대로 두었습니다. 내려받아 보관하세요.",
        "This stored value could not be read, so it was left untouched. Download it to keep it.",
    ),
    Download => ("내려받기", "Download"),
    Theme => ("테마", "Theme"),
    Lang => ("언어", "Language"),
    Back => ("← 보관함", "← Library"),
    ImportBad => ("읽을 수 없는 파일", "Unreadable file"),
    ImportNotText => (
        "UTF-8이 {at}번째 바이트에서 깨지고, EUC-KR(CP949)로도 읽을 수 없습니다",
        "Not UTF-8 (it breaks at byte {at}), nor EUC-KR/CP949",
    ),
    ImportTooBig => (
        "{mb} MB라 열지 않았습니다. 브라우저에서는 {max} MB까지의 글을 편집합니다(브라우저가 사이트마다 저장하는 양은 몇 MB입니다). 더 큰 파일은 hoego CLI로 다루세요.",
        "Not opened: it is {mb} MB, and the browser edits posts up to {max} MB (a browser keeps a few MB per site). Use the hoego CLI for larger files.",
    ),
    ImportBinary => ("바이너리 파일은 가져올 수 없습니다", "Binary files cannot be imported"),
    ImportEuckr => ("EUC-KR로 인코딩된 파일을 UTF-8로 변환했습니다", "Converted from EUC-KR to UTF-8"),
    ImportRaw => ("front matter 오류: 원본 모드로 가져왔습니다", "Front matter error: imported in raw mode"),
    ImportOk => ("가져왔습니다", "Imported"),
    ImportPasted => ("붙여넣은 글", "pasted post"),
    OtherFormKey => ("`{key}`은(는) 위 양식에서 바꿔 주세요 (여기서는 적용되지 않습니다)", "`{key}` is set in the form above, not here"),
    OtherRepeatedKey => ("`{key}`이(가) 두 번 이상 나옵니다: 하나만 남겨 주세요", "`{key}` is set more than once: keep one"),
    Dismiss => ("닫기", "Dismiss"),
    RemovedElsewhere => ("다른 탭에서 삭제한 초안", "Deleted in another tab"),
    RemovedElsewhereKept => (
        "다른 탭에서 삭제했지만 이 탭의 저장하지 않은 글이 있어 남겨 둔 초안",
        "Deleted in another tab, kept for this tab's unsaved text"
    ),
    BodyKeys => (
        "Tab: 목록 들여쓰기 · Esc 다음 Tab: 편집기에서 나가기 · Ctrl+B 굵게 · Ctrl+I 기울임 · Ctrl+K 링크",
        "Tab: indent list item · Esc then Tab: leave the editor · Ctrl+B bold · Ctrl+I italic · Ctrl+K link",
    ),
    TaskDone => ("완료한 할 일", "Done task"),
    PagesGroup => ("긴 글의 페이지", "Pages of a long post"),
    PagesPrev => ("◀ 이전 {n}줄", "◀ Previous {n} lines"),
    PagesNext => ("다음 {n}줄 ▶", "Next {n} lines ▶"),
    PagesPos => ("{first}–{last}줄 / 전체 {total}줄", "Lines {first}–{last} of {total}"),
    PagesWhy => (
        "{over}줄이 넘는 긴 글이라 {n}줄씩 편집합니다(브라우저의 입력창은 줄이 많을수록 한글 입력이 느려집니다). 페이지 끝에서 ↓·→, 처음에서 ↑·←를 누르면 다음·이전 페이지로 넘어가고(넘어가면 되돌리기 기록은 새로 시작됩니다), 그 자리에서 Delete·Backspace는 두 페이지의 줄을 잇습니다. 다른 줄은 그대로 저장되어 있고, 미리보기와 내보내기에는 글 전체가 들어갑니다.",
        "This post has over {over} lines, so it is edited {n} lines at a time (the browser's text box types Hangul more slowly the more lines it holds). ↓ or → at the end of a page and ↑ or ← at its start turn to the next and previous page (undo starts afresh on the new page); Delete or Backspace there joins the two pages' lines. The other lines are kept as they are; the preview and the export show the whole post.",
    ),
    PreviewOmittedLong => (
        "미리보기 생략: 이 블록은 {kb} KB나 되어 그리지 않았습니다. 글과 내보내기에는 그대로 남아 있습니다.",
        "Not previewed: this block is {kb} KB, too long to draw live. The post and its export keep it as written.",
    ),
    PreviewRest => (
        "미리보기는 빈 줄 {n}개(블록 약 {n}개)까지만 그립니다. 나머지 {kb} KB는 글과 내보내기에 그대로 있습니다.",
        "The preview draws the post up to its {n}th blank line (about {n} blocks). The remaining {kb} KB are kept in the post and its export.",
    ),
    PreviewOmitted => (
        "미리보기 생략: 이 블록은 HTML 요소가 {n}개({kb} KB)라 그리지 않았습니다. 글과 내보내기에는 그대로 남아 있습니다.",
        "Not previewed: this block builds {n} HTML elements ({kb} KB), too many to draw live. The post and its export keep it as written.",
    ),
    TaskOpen => ("남은 할 일", "Open task"),
    RawText => ("글 전체 (원본)", "Whole post (raw)"),
    RecoveryRaw => ("저장된 원래 값", "The stored value, as is"),
    TagRemove => ("태그 삭제", "Remove tag"),
    CategoryRemove => ("카테고리 삭제", "Remove category"),
    Mode => ("front matter 편집 방식", "Front matter editing mode"),
    Url => ("주소", "URL"),
    UrlByPermalink => ("주소: 사이트의 permalink 설정을 따릅니다", "URL: as your site's permalink setting makes it"),
    UpdateReady => (
        "새 버전이 준비되었습니다. 초안은 그대로 남습니다.",
        "A new version is ready. Your drafts stay as they are.",
    ),
    UpdateReload => ("새로고침", "Reload"),
    SaveMemory => ("저장 안 됨: 이 탭의 메모리에만 있음", "Not saved: in this tab's memory only"),
    StorageUnavailable => (
        "이 브라우저가 저장소(localStorage) 접근을 막고 있습니다(일부 사생활 보호 모드). 편집은 이 탭의 메모리에서만 계속되고 탭을 닫으면 사라집니다. 내려받아 보관하세요.",
        "This browser blocks storage (localStorage), as some private modes do. Editing continues in this tab's memory only and is lost when the tab closes. Download your drafts to keep them.",
    ),
    StorageNewer => (
        "이 브라우저의 초안은 더 새로운 버전의 Hoego가 저장했습니다. 덮어쓰지 않도록 읽기 전용으로 두며, 편집은 메모리에만 남습니다. 새로고침하면 새 버전을 받습니다.",
        "The drafts in this browser were saved by a newer version of Hoego. They are left read-only and never overwritten; edits stay in memory only. Reload to get the newer version.",
    ),
    DownloadAll => ("모든 초안 내려받기 (.zip)", "Download all drafts (.zip)"),
    DownloadThis => ("이 초안 내려받기 (.md)", "Download this draft (.md)"),
    Storage => ("저장 공간", "Storage"),
    // What `navigator.storage.estimate()` counts: Chromium leaves localStorage (the
    // drafts, the next line) out of it, so "used 0 B" read as if no draft was kept.
    StorageUsage => ("이미지·앱 캐시(Cache Storage)", "Images and app cache (Cache Storage)"),
    StorageUnknown => ("사용량을 알 수 없습니다", "Usage unknown"),
    StorageLocal => (
        "초안 저장소(localStorage): {pct}% 사용 (브라우저는 사이트마다 약 5 MB까지만 둡니다. 가득 차면 어떤 변경도 저장할 수 없습니다)",
        "Draft storage (localStorage): {pct}% used (browsers keep about 5 MB per site; when it is full, no change can be saved)",
    ),
    PersistNotasked => ("영구 저장: 첫 저장 때 요청합니다", "Persistent storage: requested on the first save"),
    PersistGranted => (
        "영구 저장: 허용됨. 저장 공간이 부족해도 브라우저가 초안을 지우지 않습니다.",
        "Persistent storage: granted. The browser will not evict drafts when space runs low.",
    ),
    PersistDenied => (
        "영구 저장: 허용되지 않음. 저장 공간이 부족하면 브라우저가 초안을 지울 수 있으니 백업을 받아 두세요.",
        "Persistent storage: not granted. When space runs low the browser may evict drafts: keep a backup.",
    ),
    PersistUnsupported => ("영구 저장: 이 브라우저는 지원하지 않습니다", "Persistent storage: not supported by this browser"),
    BackupExport => ("모든 초안 백업 (.zip)", "Export all drafts (.zip)"),
    BackupRestore => ("백업에서 복원", "Restore from backup"),
    BackupRules => (
        "복원은 초안을 더하기만 하고 지우지 않습니다. 이 브라우저에 더 새 판이 있으면 그대로 두고, 백업이 더 새 판이면 백업이 그 자리를 차지하며 이 브라우저의 옛 글은 별도 초안으로 남깁니다. 판이 같고 내용이 다르면 둘 다 남깁니다. 가져온 이미지도 담기며, 같은 이름이 이미 있으면 이 브라우저의 것을 둡니다.",
        "Restoring only adds, never deletes. If this browser has a newer revision of a draft, it stays; if the backup's is newer, it takes the draft's place and this browser's older text is kept as a separate draft. Same revision, different text: both are kept. Imported images come along; one of the same name here stays.",
    ),
    BackupDone => ("복원 결과", "Restored"),
    BackupAdded => ("추가", "added"),
    BackupReplaced => ("백업의 새 판으로 교체(옛 글은 별도 초안)", "replaced by a newer revision (older text kept as a separate draft)"),
    BackupCopied => ("둘 다 보관", "kept both"),
    BackupKept => ("이 브라우저의 더 새 판 유지", "kept this browser's newer revision"),
    BackupUnchanged => ("이미 있음", "already here"),
    BackupBad => ("백업을 읽을 수 없습니다", "Could not read the backup"),
    ConflictTitle => ("다른 탭에서 이 초안을 저장했습니다", "Another tab saved this draft"),
    ConflictBody => (
        "이 탭의 저장되지 않은 변경은 다른 탭의 새 판을 덮어쓰지 않았습니다. 어떻게 할까요?",
        "This tab's unsaved changes were not written over the other tab's newer version. What should happen?",
    ),
    ConflictMine => ("이 탭", "This tab"),
    ConflictTheirs => ("다른 탭", "Other tab"),
    ConflictKeepBoth => ("둘 다 보관 (내 글은 새 초안으로)", "Keep both (mine as a new draft)"),
    ConflictKeepMine => ("내 것 유지 (다른 탭의 판을 덮어씀)", "Keep mine (overwrite theirs)"),
    ConflictTakeTheirs => ("다른 탭 것 가져오기 (내 변경은 버림)", "Take theirs (discard my changes)"),
    ConflictMore => ("개의 충돌이 더 있습니다", "more conflicts waiting"),
    ConflictEscape => ("Esc를 누르면 둘 다 보관합니다.", "Escape keeps both."),
    RecoveryNewer => (
        "더 새로운 버전의 Hoego가 저장한 값입니다. 읽기 전용으로 보여 주며 바꾸지 않습니다.",
        "A newer version of Hoego saved this value. It is shown read-only and never changed.",
    ),
    BatchSelect => ("내보낼 글로 선택", "Select for export"),
    BatchAll => ("모두 선택", "Select all"),
    BatchDownload => ("선택한 글을 사이트 .zip으로", "Download selected as a site .zip"),
    BatchSkipped => ("원본 모드라 내보내지 않은 초안", "Drafts not exported (raw mode)"),
    SiteImported => ("사이트 설정을 가져왔습니다 ({{ site.X }} 변환에 사용)", "Site settings imported (used for {{ site.X }})"),
    SiteBad => ("사이트 설정을 읽을 수 없습니다", "Site settings could not be read"),
    ImportSame => ("이미 보관함에 있어 다시 가져오지 않은 파일", "Already in the library, not imported again"),
    ImportImageDup => (
        "같은 경로의 이미지를 새로 가져온 것으로 바꿨습니다",
        "An image of the same path was replaced by the one imported now",
    ),
    ImportFolder => ("폴더 가져오기", "Import folder"),
    ImagesKept => (
        "가져온 이미지 {n}개({size})는 이 브라우저에 남아 새로고침 뒤에도 미리보기와 .zip에 쓰입니다",
        "{n} imported image(s) ({size}) stay in this browser for the preview and .zip, across reloads",
    ),
    ImagesSession => (
        "가져온 이미지 {n}개({size}) 중 보관되지 못한 것은 새로고침하면 사라집니다",
        "{n} imported image(s) ({size}); those not stored are gone after a reload",
    ),
    ImagesPending => (
        "가져온 이미지 {n}개({size})를 이 브라우저에 보관하는 중입니다",
        "Keeping {n} imported image(s) ({size}) in this browser…",
    ),
    ImagesForget => ("가져온 이미지 지우기", "Forget imported images"),
    ImagesForgetAsk => (
        "가져온 이미지를 모두 지울까요? 초안은 그대로입니다.",
        "Forget every imported image? Drafts stay.",
    ),
    ImagesStoreFailed => ("이미지 보관 실패", "Storing images failed"),
    ImagesForgetFailed => ("가져온 이미지를 지우지 못했습니다", "Could not forget the imported images"),
    ImagesUnavailable => (
        "이 브라우저는 가져온 이미지를 보관할 수 없습니다(새로고침하면 사라집니다)",
        "This browser cannot keep imported images (a reload loses them)",
    ),
    ImageNameBad => ("이미지 이름으로 쓸 수 없는 파일 이름입니다", "Not a name an image can be kept under"),
    BackupImages => ("백업의 이미지", "Images from the backup"),
    BackupImagesSkipped => ("백업에서 읽지 못해 건너뛴 이미지", "Images in the backup that could not be read"),
    ImportNew => ("방금 가져옴", "just imported"),
    DraftUnsaved => ("저장 안 됨: 이 탭에만 있음", "not saved: only in this tab"),
    Series => ("시리즈와 기록", "Series and history"),
    SeriesBy => ("묶는 기준", "Group by"),
    SeriesKey => ("series 값", "series value"),
    SeriesPosts => ("편", "posts"),
    SeriesChart => ("기간별 목표 달성률", "goal achievement per period"),
    SeriesNoGoals => ("목표 없음", "no goals"),
    SeriesUndated => ("날짜 없음", "undated"),
    SeriesEmpty => (
        "함께 묶인 글이 없습니다. 앞머리에 series: 이름 을 넣거나 태그로 묶어 보세요.",
        "No drafts are grouped yet: add series: name to their front matter, or group by a tag.",
    ),
    Target => ("분량 목표", "Length target"),
    TargetNone => ("분량 목표 없음", "No length target"),
    TargetGoal => ("목표 분량", "Goal"),
    TargetUnitCharsNoSpaces => ("글자 수 (공백 제외)", "Characters (no spaces)"),
    TargetUnitChars => ("글자 수 (공백 포함)", "Characters (with spaces)"),
    TargetUnitWords => ("단어 수", "Words"),
    TargetReached => ("✓ 목표 달성", "✓ Goal reached"),
    TplSave => ("내 템플릿으로 저장", "Save as my template"),
    TplName => ("템플릿 이름 (바꾸면 저장)", "Template name (saved on change)"),
    TplDefault => ("내 템플릿", "My template"),
    TplSaved => ("템플릿을 저장했습니다", "Template saved"),
    TplHint => (
        "이 글의 구조를 템플릿으로 저장: front matter 키(제목·날짜·설명은 비움), 헤딩, 목표 목록(체크 해제), 표 머리글은 남기고 문단·코드는 뺍니다.",
        "Save this post's structure as a template: front matter keys (title, date, description emptied), headings, goal lists (unchecked) and table headers stay; paragraphs and code go.",
    ),
    TplMine => ("내 템플릿", "My templates"),
    TplPreview => ("템플릿 미리보기", "Template preview"),
    TplCreate => ("이 템플릿으로 만들기", "Create from this template"),
    TplDelete => ("템플릿 삭제", "Delete template"),
    TplDeleted => ("템플릿을 삭제했습니다", "Template deleted"),
    TplCancel => ("닫기", "Close"),
    TplFailed => (
        "템플릿을 저장하지 못했습니다 (저장소가 쓰기를 거부함)",
        "Template not saved: storage refused the write",
    ),
    TplRestored => ("복원한 템플릿", "Templates restored"),
}

/// `1234567` as `1,234,567` (both languages group by thousands with commas).
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A length target's progress as said aloud and shown: "1,234 / 3,000자
/// (공백 제외)", "1,234 / 3,000 characters (no spaces)".
pub fn length_label(lang: Lang, unit: hoego_core::target::LengthUnit, current: usize, goal: usize) -> String {
    use hoego_core::target::LengthUnit::*;
    let (c, g) = (grouped(current), grouped(goal));
    match (lang, unit) {
        (Lang::Ko, CharsNoSpaces) => format!("{c} / {g}자 (공백 제외)"),
        (Lang::Ko, CharsWithSpaces) => format!("{c} / {g}자 (공백 포함)"),
        (Lang::Ko, Words) => format!("{c} / {g}단어"),
        (Lang::En, CharsNoSpaces) => format!("{c} / {g} characters (no spaces)"),
        (Lang::En, CharsWithSpaces) => format!("{c} / {g} characters (with spaces)"),
        (Lang::En, Words) => format!("{c} / {g} words"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every key has text in both languages, and no two keys say the same
    /// thing in both (a key copied without its text changed). A key with no
    /// text at all does not compile: `lookup` matches every key.
    #[test]
    fn every_key_has_its_own_text_in_both_languages() {
        let mut seen = std::collections::HashMap::new();
        for &key in ALL {
            let (ko, en) = lookup(key);
            assert!(!ko.trim().is_empty() && !en.trim().is_empty(), "{key:?}: empty text");
            assert!(
                ko != en || ko.chars().all(|c| c.is_ascii_punctuation() || c == ' '),
                "{key:?}: not translated: {ko}"
            );
            if let Some(other) = seen.insert((ko, en), key) {
                panic!("{other:?} and {key:?} say the same");
            }
        }
    }

    #[test]
    fn length_labels_group_thousands_in_both_languages() {
        use hoego_core::target::LengthUnit;
        // (lang, unit, current, goal, label)
        let table = [
            (Lang::En, LengthUnit::CharsNoSpaces, 1234, 3000, "1,234 / 3,000 characters (no spaces)"),
            (Lang::Ko, LengthUnit::CharsNoSpaces, 1234, 3000, "1,234 / 3,000자 (공백 제외)"),
            (Lang::Ko, LengthUnit::CharsWithSpaces, 0, 100, "0 / 100자 (공백 포함)"),
            (Lang::En, LengthUnit::Words, 999, 1_000_000, "999 / 1,000,000 words"),
            (Lang::Ko, LengthUnit::Words, 12, 500, "12 / 500단어"),
        ];
        for (lang, unit, c, g, want) in table {
            assert_eq!(length_label(lang, unit, c, g), want);
        }
    }

    #[test]
    fn counts_are_spaced_per_language() {
        assert_eq!(count(Lang::Ko, 2440, Key::Chars), "2440자");
        assert_eq!(count(Lang::En, 2440, Key::Chars), "2440 chars");
    }
}

/// Strings of the goal scoreboard and the next-retrospective flow (typed
/// keys: a missing translation is a compile error, not a "?").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GoalText {
    /// Panel title.
    Title,
    /// No goals section found.
    Empty,
    /// "achieved".
    Achieved,
    /// "partial".
    Partial,
    /// "total" (a count of goals).
    Total,
    /// A section of next-period goals.
    Planned,
    /// Insert the summary table into the post.
    Insert,
    /// The summary table is in the post and kept current.
    InPost,
    /// Create the next period's draft.
    Next,
    /// What the next draft will be.
    NextHint,
}

/// Look up a goal-flow string.
pub fn goal_text(lang: Lang, key: GoalText) -> &'static str {
    let (ko, en) = match key {
        GoalText::Title => ("목표 달성", "Goals"),
        GoalText::Empty => (
            "목표 섹션이 없습니다. '목표', '다짐', '내년 목표' 같은 제목 아래 목록을 쓰세요.",
            "No goals section yet: list goals under a heading like \"Goals\" or \"Goals for next year\".",
        ),
        GoalText::Achieved => ("달성", "achieved"),
        GoalText::Partial => ("부분", "partial"),
        GoalText::Total => ("전체", "total"),
        GoalText::Planned => ("다음 기간 목표", "next period"),
        GoalText::Insert => ("요약 표 넣기", "Insert summary table"),
        GoalText::InPost => ("요약 표가 글에 있고 자동으로 갱신됩니다", "The summary table in the post updates itself"),
        GoalText::Next => ("다음 회고 시작", "Start next retrospective"),
        GoalText::NextHint => {
            ("이월할 목표와 이 글 링크를 담은 새 초안", "A new draft with carried-over goals and a link back")
        }
    };
    match lang {
        Lang::Ko => ko,
        Lang::En => en,
    }
}
