//! Writing files without losing any: every write goes to a temporary file in
//! the destination's folder and is renamed into place (a full disk or a kill
//! leaves the old file whole) or, for a file that must be new, linked into
//! place (an existing file is never replaced, even one created a moment
//! ago); destinations under `--out` never go through a symlink, and a blog's
//! root is found for image containment.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// What a write does with a file already at its destination.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    /// Replace it (`--force`, `set -i`): the temporary file is renamed over it.
    Replace,
    /// Leave it as it is and fail with [`io::ErrorKind::AlreadyExists`], even
    /// when it appeared after the caller checked: a check then a rename would
    /// replace a file another process created in between.
    Refuse,
}

/// Write `bytes` to `dest` atomically (temp file in the same folder, then
/// rename or link, as `existing` says).
pub fn write_atomic(dest: &Path, bytes: &[u8], mode: Option<u32>, existing: Existing) -> io::Result<()> {
    write_atomic_with(dest, mode, existing, |f| f.write_all(bytes))
}

/// A fresh temporary file next to `dest`: short name (a long destination
/// name must not make the temporary one too long), created exclusively and
/// with `mode` from the start (see [`new_file_options`]).
fn temp_beside(dest: &Path, mode: Option<u32>) -> io::Result<(PathBuf, File)> {
    let dir = dest.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    for n in 0..1000 {
        let tmp = dir.join(format!(".hoego-{}-{n}.tmp", std::process::id()));
        match new_file_options(mode).open(&tmp) {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    // Not AlreadyExists: that kind means "the destination exists" to callers.
    Err(io::Error::other("no free temporary file name"))
}

/// Options that create a new file (never opening an existing one) with
/// permission bits `mode` at creation: a private (0600) post's content must
/// never sit, even briefly, in a file others can read. The umask still
/// applies, so the file is never more open than `mode`; [`set_mode`] makes
/// it exact afterwards. No `mode` is a new file's usual 0666 less the umask.
#[cfg_attr(not(unix), allow(unused_variables))]
fn new_file_options(mode: Option<u32>) -> OpenOptions {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, mode.unwrap_or(0o666));
    options
}

/// [`write_atomic`] with the content written by `fill` (tests inject failures here).
/// `mode` (Unix permission bits) is set on the new file before it is published.
pub fn write_atomic_with(
    dest: &Path,
    mode: Option<u32>,
    existing: Existing,
    fill: impl FnOnce(&mut File) -> io::Result<()>,
) -> io::Result<()> {
    let (tmp, mut file) = temp_beside(dest, mode)?;
    let result = fill(&mut file).and_then(|()| set_mode(&file, mode)).and_then(|()| file.sync_all()).and_then(|()| {
        drop(file);
        publish(&tmp, dest, mode, existing)
    });
    // A rename took the temporary file away; a link (or a failure) left it behind.
    if result.is_ok() && existing == Existing::Replace {
        return Ok(());
    }
    remove_temp(&tmp, result)
}

/// Put the finished temporary file `tmp` at `dest`. A file that must be new
/// is hard-linked there: `link` fails if `dest` exists (whatever it is, a
/// dangling symlink too), where `rename` would silently replace it.
fn publish(tmp: &Path, dest: &Path, mode: Option<u32>, existing: Existing) -> io::Result<()> {
    match existing {
        Existing::Replace => fs::rename(tmp, dest),
        Existing::Refuse => match fs::hard_link(tmp, dest) {
            Err(e) if e.kind() != io::ErrorKind::AlreadyExists => copy_new(tmp, dest, mode),
            linked => linked,
        },
    }
}

/// Where the file system has no hard links (FAT, exFAT, some network
/// shares: EPERM, EOPNOTSUPP), `tmp` is copied into a file created new at
/// `dest` (O_EXCL: never replacing either). Not all-or-nothing like a link:
/// a failed copy removes the part written, but a kill mid-copy leaves it.
fn copy_new(tmp: &Path, dest: &Path, mode: Option<u32>) -> io::Result<()> {
    let mut out = new_file_options(mode).open(dest)?;
    let copied = File::open(tmp)
        .and_then(|mut src| io::copy(&mut src, &mut out))
        .and_then(|_| set_mode(&out, mode))
        .and_then(|()| out.sync_all());
    let Err(e) = copied else { return Ok(()) };
    drop(out);
    // `dest` was created just above by this copy: removing it removes nobody else's file.
    match fs::remove_file(dest) {
        Ok(()) => Err(e),
        Err(cleanup) => Err(io::Error::new(
            e.kind(),
            format!("{e} (and the partial {} could not be removed: {cleanup})", dest.display()),
        )),
    }
}

/// Remove the temporary file `tmp` after `result`, saying so if it could not be.
/// A file that was written stays a success (with a warning): reported as a
/// failure, the caller would take it for not written, and neither undo it nor
/// count it, leaving it behind a post said to have failed.
fn remove_temp(tmp: &Path, result: io::Result<()>) -> io::Result<()> {
    let Err(cleanup) = fs::remove_file(tmp) else { return result };
    let left = format!("the temporary file {} could not be removed: {cleanup}", tmp.display());
    match result {
        Err(e) => Err(io::Error::new(e.kind(), format!("{e} (and {left})"))),
        Ok(()) => {
            crate::console::warn(format_args!("hoego: written, but {left}"));
            Ok(())
        }
    }
}

#[cfg(unix)]
fn set_mode(file: &File, mode: Option<u32>) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    match mode {
        Some(m) => file.set_permissions(fs::Permissions::from_mode(m)),
        None => Ok(()),
    }
}

#[cfg(not(unix))]
fn set_mode(_file: &File, _mode: Option<u32>) -> io::Result<()> {
    Ok(())
}

/// The permission bits of `path` (to keep them when replacing it).
#[cfg(unix)]
pub fn mode_of(path: &Path) -> io::Result<Option<u32>> {
    use std::os::unix::fs::PermissionsExt;
    Ok(Some(fs::metadata(path)?.permissions().mode() & 0o7777))
}

/// The permission bits of `path` (none to keep off Unix).
#[cfg(not(unix))]
pub fn mode_of(_path: &Path) -> io::Result<Option<u32>> {
    Ok(None)
}

/// Why a destination under `--out` cannot be used.
#[derive(Debug)]
pub enum DestError {
    /// A component is a symlink (never followed inside `--out`).
    Symlink(PathBuf),
    /// A component that must be a folder is a file.
    NotADir(PathBuf),
    /// The OS refused.
    Io(PathBuf, io::Error),
}

impl std::fmt::Display for DestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DestError::Symlink(p) => {
                write!(f, "{} is a symlink; hoego never writes through a symlink in --out", p.display())
            }
            DestError::NotADir(p) => write!(f, "{} is a file, not a folder", p.display()),
            DestError::Io(p, e) => write!(f, "{}: {e}", p.display()),
        }
    }
}

/// `out/rel` for a safe relative site path `rel`, with its folders created
/// one by one, none of them (nor the file itself) a symlink. Returns the
/// path and whether something already exists there.
pub fn prepare_dest(out: &Path, rel: &str) -> Result<(PathBuf, bool), DestError> {
    // `--out` itself is the user's to choose (it may be a link); only what is inside it is checked.
    fs::create_dir_all(out).map_err(|e| DestError::Io(out.to_path_buf(), e))?;
    walk_dest(out, rel, true)
}

/// [`prepare_dest`] without creating anything: to check every file of a
/// post before writing any (a refused post leaves no folders either).
pub fn check_dest(out: &Path, rel: &str) -> Result<(PathBuf, bool), DestError> {
    walk_dest(out, rel, false)
}

/// Walk `out/rel` component by component, refusing symlinks and files where
/// folders must be; a missing folder is created (`create`) or ends the walk
/// (nothing below it can exist).
fn walk_dest(out: &Path, rel: &str, create: bool) -> Result<(PathBuf, bool), DestError> {
    let mut p = out.to_path_buf();
    let parts: Vec<&str> = rel.split('/').collect();
    for (i, part) in parts.iter().enumerate() {
        p.push(part);
        let last = i + 1 == parts.len();
        match fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => return Err(DestError::Symlink(p)),
            Ok(_) if last => return Ok((p, true)),
            Ok(m) if m.is_dir() => {}
            Ok(_) => return Err(DestError::NotADir(p)),
            Err(e) if e.kind() == io::ErrorKind::NotFound && last => return Ok((p, false)),
            Err(e) if e.kind() == io::ErrorKind::NotFound && !create => {
                parts[i + 1..].iter().for_each(|rest| p.push(rest));
                return Ok((p, false));
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                fs::create_dir(&p).map_err(|e| DestError::Io(p.clone(), e))?
            }
            Err(e) => return Err(DestError::Io(p, e)),
        }
    }
    Err(DestError::Io(p, io::Error::new(io::ErrorKind::InvalidInput, "empty path")))
}

/// Files whose presence marks a blog's root folder.
const ROOT_MARKERS: [&str; 8] = [
    "_config.yml",
    "gatsby-config.js",
    "gatsby-config.ts",
    "gatsby-config.mjs",
    "gatsby-config.cjs",
    "hugo.toml",
    "config.toml",
    ".git",
];

/// The blog a post belongs to: the nearest folder above it (canonical)
/// holding `_config.yml`, `gatsby-config.*`, `hugo.toml`/`config.toml` or
/// `.git`; else the post's own folder.
pub fn blog_root(post_file: &Path) -> io::Result<PathBuf> {
    let file = fs::canonicalize(post_file)?;
    let dir = file.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("/"));
    let root = dir.ancestors().find(|a| ROOT_MARKERS.iter().any(|m| fs::symlink_metadata(a.join(m)).is_ok()));
    Ok(root.map(Path::to_path_buf).unwrap_or(dir))
}

/// `dest` made canonical where it can be (its folder), to compare with inputs.
pub fn canonical_dest(dest: &Path) -> Option<PathBuf> {
    // A bare name (`--zip in.md`) has an empty parent, which canonicalize refuses: it is `.`.
    let parent = dest.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let parent = fs::canonicalize(parent).ok()?;
    Some(parent.join(dest.file_name()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("hoego-fsio-{}-{name}", std::process::id()));
        fs::remove_dir_all(&d).ok();
        fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_whole_and_no_temporary_file() {
        let d = dir("fail");
        let dest = d.join("post.md");
        fs::write(&dest, "old, complete").unwrap();
        // A disk that fills up after a few bytes.
        let err = write_atomic_with(&dest, None, Existing::Replace, |f| {
            f.write_all(b"new, part")?;
            Err(io::Error::new(io::ErrorKind::StorageFull, "No space left on device"))
        })
        .unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::StorageFull);
        assert_eq!(fs::read_to_string(&dest).unwrap(), "old, complete");
        assert_eq!(fs::read_dir(&d).unwrap().count(), 1, "temporary file removed");
        write_atomic(&dest, b"new", None, Existing::Replace).unwrap();
        assert_eq!(fs::read_to_string(&dest).unwrap(), "new");
        assert_eq!(fs::read_dir(&d).unwrap().count(), 1);
    }

    #[test]
    fn a_file_that_must_be_new_never_replaces_one_created_meanwhile() {
        let d = dir("race");
        let dest = d.join("big.png");
        // Another process creates `dest` while hoego is still writing the temporary file.
        let err = write_atomic_with(&dest, None, Existing::Refuse, |f| {
            fs::write(&dest, "theirs")?;
            f.write_all(b"ours")
        })
        .unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists, "{err}");
        assert_eq!(fs::read_to_string(&dest).unwrap(), "theirs");
        assert_eq!(fs::read_dir(&d).unwrap().count(), 1, "temporary file removed");
        // Free: written, and no temporary file is left beside it.
        let free = d.join("free.png");
        write_atomic(&free, b"ours", None, Existing::Refuse).unwrap();
        assert_eq!(fs::read_to_string(&free).unwrap(), "ours");
        assert_eq!(fs::read_dir(&d).unwrap().count(), 2);
    }

    #[test]
    fn without_hard_links_the_copy_never_replaces_either() {
        let d = dir("copy");
        let tmp = d.join("tmp");
        fs::write(&tmp, "ours").unwrap();
        let dest = d.join("dest");
        fs::write(&dest, "theirs").unwrap();
        let err = copy_new(&tmp, &dest, None).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read_to_string(&dest).unwrap(), "theirs");
        let fresh = d.join("fresh");
        copy_new(&tmp, &fresh, None).unwrap();
        assert_eq!(fs::read_to_string(&fresh).unwrap(), "ours");
    }

    #[cfg(unix)]
    #[test]
    fn a_private_file_is_never_readable_by_others_even_while_written() {
        use std::os::unix::fs::PermissionsExt;
        let d = dir("private");
        let dest = d.join("diary.md");
        fs::write(&dest, "old").unwrap();
        fs::set_permissions(&dest, fs::Permissions::from_mode(0o600)).unwrap();
        let mode = mode_of(&dest).unwrap();
        write_atomic_with(&dest, mode, Existing::Replace, |f| {
            // Before a byte of the content is in it, the temporary file is already private.
            let bits = f.metadata()?.permissions().mode() & 0o777;
            assert_eq!(bits & 0o077, 0, "temporary file created {bits:o}, readable by others");
            f.write_all(b"private")
        })
        .unwrap();
        assert_eq!(fs::metadata(&dest).unwrap().permissions().mode() & 0o777, 0o600);
        assert_eq!(fs::read_to_string(&dest).unwrap(), "private");
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_inside_out_are_never_followed() {
        let d = dir("links");
        let outside = dir("links-outside");
        std::os::unix::fs::symlink(&outside, d.join("_posts")).unwrap();
        assert!(matches!(prepare_dest(&d, "_posts/x.md"), Err(DestError::Symlink(_))));
        std::os::unix::fs::symlink(outside.join("f"), d.join("file.md")).unwrap();
        assert!(matches!(prepare_dest(&d, "file.md"), Err(DestError::Symlink(_))));
        let (p, exists) = prepare_dest(&d, "content/blog/a/index.md").unwrap();
        assert!(!exists && p.parent().unwrap().is_dir());
        assert_eq!(fs::read_dir(&outside).unwrap().count(), 0);
    }
}
