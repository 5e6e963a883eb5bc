//! Zip bundles: the post and its images at their site paths.
//!
//! A small store-only writer instead of the `zip` crate: it costs ~2 KB of
//! wasm instead of ~30 KB gzip, and it is deterministic (fixed 1980-01-01
//! timestamps, entries in the order given), so the app and the CLI produce
//! the same bytes for the same input. Images are already compressed, so
//! storing loses nothing that matters.

/// CRC-32 (IEEE), bitwise: bundles are small, a table is not worth its bytes.
pub(crate) fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

/// Why a bundle could not be built.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ZipError {
    /// Zip32 limits (4 GiB per file, 65535 entries) exceeded.
    #[error("bundle too large for a zip file: {0}")]
    TooLarge(String),
    /// A name that is not a safe relative path (`..`, `\`, `:`, absolute, control characters).
    #[error("unsafe zip entry name `{0}`")]
    UnsafeName(String),
    /// Two entries with one name (an unzip would keep only one of them).
    #[error("two zip entries named `{0}`")]
    Duplicate(String),
}

/// Every name safe, and no name twice.
fn check_names(files: &[(String, Vec<u8>)]) -> Result<(), ZipError> {
    if let Some((p, _)) = files.iter().find(|(p, _)| !super::placement::is_safe_site_path(p)) {
        return Err(ZipError::UnsafeName(p.clone()));
    }
    // A set of names: pairwise was quadratic (65,535 entries: 2 billion comparisons).
    // Names compare exactly, as before: the first repeated one is reported.
    let mut seen = std::collections::HashSet::with_capacity(files.len());
    match files.iter().find(|(p, _)| !seen.insert(p.as_str())) {
        Some((p, _)) => Err(ZipError::Duplicate(p.clone())),
        None => Ok(()),
    }
}

fn u16le(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn u32le(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// Build a zip of `files` (site path, bytes), stored (no compression).
pub fn zip_files(files: &[(String, Vec<u8>)]) -> Result<Vec<u8>, ZipError> {
    check_names(files)?;
    let too_large = |what: &str| ZipError::TooLarge(what.to_string());
    let count = u16::try_from(files.len()).map_err(|_| too_large("more than 65535 files"))?;
    let mut out = Vec::new();
    let mut central = Vec::new();
    // DOS date 1980-01-01 00:00: the zip epoch, so output never depends on a clock.
    let (dos_time, dos_date) = (0u16, (1 << 5) | 1);
    for (path, bytes) in files {
        let name = path.as_bytes();
        let size = u32::try_from(bytes.len()).map_err(|_| too_large(path))?;
        let name_len = u16::try_from(name.len()).map_err(|_| too_large(path))?;
        let offset = u32::try_from(out.len()).map_err(|_| too_large("bundle over 4 GiB"))?;
        let crc = crc32(bytes);
        // Local file header. Flag bit 11: names are UTF-8 (Hangul slugs).
        u32le(&mut out, 0x0403_4b50);
        for v in [20u16, 1 << 11, 0, dos_time, dos_date] {
            u16le(&mut out, v);
        }
        for v in [crc, size, size] {
            u32le(&mut out, v);
        }
        u16le(&mut out, name_len);
        u16le(&mut out, 0);
        out.extend_from_slice(name);
        out.extend_from_slice(bytes);
        // Central directory entry (made by Unix, 0644 regular file).
        u32le(&mut central, 0x0201_4b50);
        for v in [0x0314u16, 20, 1 << 11, 0, dos_time, dos_date] {
            u16le(&mut central, v);
        }
        for v in [crc, size, size] {
            u32le(&mut central, v);
        }
        for v in [name_len, 0, 0, 0, 0] {
            u16le(&mut central, v);
        }
        u32le(&mut central, 0o100_644 << 16);
        u32le(&mut central, offset);
        central.extend_from_slice(name);
    }
    let cd_offset = u32::try_from(out.len()).map_err(|_| too_large("bundle over 4 GiB"))?;
    let cd_size = u32::try_from(central.len()).map_err(|_| too_large("directory over 4 GiB"))?;
    out.extend_from_slice(&central);
    u32le(&mut out, 0x0605_4b50);
    for v in [0u16, 0, count, count] {
        u16le(&mut out, v);
    }
    u32le(&mut out, cd_size);
    u32le(&mut out, cd_offset);
    u16le(&mut out, 0);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_matches_reference_values() {
        assert_eq!(crc32(b""), 0);
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32("회고".as_bytes()), crc32("회고".as_bytes()));
    }

    #[test]
    fn layout_is_deterministic() {
        let files = vec![("a/회고.md".to_string(), b"hi".to_vec()), ("b.png".to_string(), vec![0, 1, 2])];
        let z = zip_files(&files).unwrap();
        assert_eq!(z, zip_files(&files).unwrap());
        assert_eq!(&z[..4], b"PK\x03\x04");
        assert_eq!(&z[z.len() - 22..z.len() - 18], b"PK\x05\x06");
        assert_eq!(u16::from_le_bytes([z[z.len() - 12], z[z.len() - 11]]), 2);
    }

    #[test]
    fn names_are_safe_and_unique() {
        let f = |n: &str| (n.to_string(), vec![1u8]);
        for bad in ["../x", "/etc/passwd", "a\\b", "c:x", "a/\u{7}", "a//b", ""] {
            assert_eq!(zip_files(&[f(bad)]), Err(ZipError::UnsafeName(bad.into())), "{bad:?}");
        }
        assert_eq!(zip_files(&[f("a/b.md"), f("c.md"), f("a/b.md")]), Err(ZipError::Duplicate("a/b.md".into())));
    }
}
