//! `hoego url`: the URL each post gets on its site (`hoego_core::export::post_url`),
//! one line per FILE in argument order, the same options as `hoego export`. A
//! post whose site's permalink Hoego cannot fill in, or that cannot be read,
//! gets an empty line and a message on stderr (exit 1).

use hoego_core::export::{post_url, ExportOptions};

use crate::console::warn;
use crate::{flags, load, usage, write_stdout, Fail};

pub fn run(args: &[String]) -> Result<(), Fail> {
    let known = ["to", "flavor", "offset", "now", "slug-style", "site-config"];
    let (found, files) = flags(args, &known, &["reslug"])?;
    let base = crate::export_cmd::options(&found)?;
    if files.is_empty() {
        return usage("url needs at least one FILE");
    }
    let mut out = String::new();
    let mut failed = 0usize;
    for file in &files {
        let url = match load(file) {
            Ok(post) => {
                let opts = ExportOptions { source_name: Some(file.clone()), ..base.clone() };
                let url = post_url(&post, &opts);
                if url.is_none() {
                    warn(format_args!("{file}: the site's permalink has a placeholder Hoego does not know"));
                }
                url
            }
            Err(Fail::Input(m)) => {
                warn(m);
                None
            }
            Err(u) => return Err(u),
        };
        failed += usize::from(url.is_none());
        out.push_str(url.as_deref().unwrap_or(""));
        out.push('\n');
    }
    write_stdout(out.as_bytes())?;
    if failed > 0 {
        return Err(Fail::Input(String::new()));
    }
    Ok(())
}
