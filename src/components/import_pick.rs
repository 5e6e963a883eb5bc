//! Files from the library's two pickers: the file picker (several files,
//! taken as they are) and the folder picker (a whole blog folder, of which
//! only posts, images and the site's `_config.yml` are wanted).

use wasm_bindgen::{JsCast, JsValue};

use crate::browser::is_image_name;

/// The files an `<input type=file>` change event carries; from a folder,
/// only the wanted ones (see [`wanted_from_folder`]). Clears the input so
/// picking the same files again fires again.
pub fn picked(e: &yew::Event, folder: bool) -> Vec<web_sys::File> {
    let Some(input) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else {
        return Vec::new();
    };
    let mut files = Vec::new();
    if let Some(list) = input.files() {
        for f in (0..list.length()).filter_map(|i| list.get(i)) {
            if !folder || wanted_from_folder(&relative_path(&f)) {
                files.push(f);
            }
        }
    }
    input.set_value("");
    files
}

/// `webkitRelativePath` (`blog/_posts/2024-01-01-a.md`), else the name.
pub fn relative_path(f: &web_sys::File) -> String {
    js_sys::Reflect::get(f, &JsValue::from_str("webkitRelativePath"))
        .ok()
        .and_then(|v| v.as_string())
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| f.name())
}

/// Folders a blog keeps that hold no posts of the author's (build output,
/// dependencies, version control).
const SKIPPED_DIRS: &[&str] = &["node_modules", "_site", "vendor", "public", ".git"];

/// Is a file found in a picked folder one to import: a Markdown post
/// (`.md`, `.markdown`), an image, or the folder's own `_config.yml`,
/// outside hidden and generated folders?
pub fn wanted_from_folder(path: &str) -> bool {
    let mut parts: Vec<&str> = path.split(['/', '\\']).filter(|p| !p.is_empty()).collect();
    let Some(name) = parts.pop() else { return false };
    if name.starts_with('.') || parts.iter().any(|d| d.starts_with('.') || SKIPPED_DIRS.contains(d)) {
        return false;
    }
    let lower = name.to_ascii_lowercase();
    // The site's settings only at the top of the picked folder (`blog/_config.yml`):
    // a theme's or an example's config deeper down must not replace them.
    let site_config = name == "_config.yml" && parts.len() <= 1;
    lower.ends_with(".md") || lower.ends_with(".markdown") || is_image_name(name) || site_config
}

#[cfg(test)]
mod tests {
    use super::wanted_from_folder;

    #[test]
    fn folder_keeps_posts_images_and_site_config() {
        let cases = [
            ("blog/_posts/2024-01-01-회고.md", true),
            ("blog/_posts/2024-07-01-half.MARKDOWN", true),
            ("blog/assets/img/cover.PNG", true),
            ("blog/_config.yml", true),
            ("blog/themes/minima/_config.yml", false),
            ("blog/docs/example/_config.yml", false),
            ("blog/Gemfile", false),
            ("blog/_layouts/post.html", false),
            ("blog/notes.txt", false),
            ("blog/.DS_Store", false),
            ("blog/.git/COMMIT_EDITMSG.md", false),
            ("blog/node_modules/pkg/README.md", false),
            ("blog/_site/2024/01/01/a.md", false),
            ("", false),
        ];
        for (path, want) in cases {
            assert_eq!(wanted_from_folder(path), want, "{path}");
        }
    }
}
