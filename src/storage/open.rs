//! Which draft this tab has open, kept across a reload (an update's reload
//! too) in the tab's own `sessionStorage` under [`OPEN_KEY`]: a reload comes
//! back to the draft being written, where it came back to the library. Another
//! tab, and a new visit, start at the library as before.

/// The key (`v2`: the drafts' layout its id belongs to). Its value is the id.
pub const OPEN_KEY: &str = "hoego/v2/open";

fn area() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// The draft this tab had open before the page was loaded again, if any.
pub fn remembered() -> Option<String> {
    area()?.get_item(OPEN_KEY).ok().flatten()
}

/// Remember that draft `id` is open, or (`None`) that none is. Not kept (no
/// `sessionStorage`, or it refused) is said in the console: a reload then
/// shows the library, and no text is at stake.
pub fn remember(id: Option<&str>) {
    let Some(s) = area() else { return };
    let done = match id {
        Some(id) => s.set_item(OPEN_KEY, id),
        None => s.remove_item(OPEN_KEY),
    };
    crate::browser::warn_on_err(done, "remembering the open draft");
}
