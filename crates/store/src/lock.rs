//! Who is using a data folder: an operating-system lock on
//! `congthuong.lock` in the folder.
//!
//! A server holds a *shared* lock for as long as it serves (several may
//! serve one folder); a restore takes it *exclusively* and is refused
//! while any server holds it (issue 13 item 13). The lock belongs to the
//! open file: it ends when the process ends, however it ends (Ctrl-C,
//! SIGTERM, SIGKILL, a crash), so a stale lock never blocks. The file
//! itself stays (0600) and says which process took the lock last, for the
//! message.
//!
//! May touch only the lock file.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

use crate::error::{Result, StoreError};

/// The lock file's name in the data folder.
pub const LOCK_FILE: &str = "congthuong.lock";

/// A held lock; released when dropped (or when the process ends).
#[derive(Debug)]
pub struct FolderLock {
    _file: File,
    path: PathBuf,
}

impl FolderLock {
    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Creates `dir` (0700 on Unix) when it does not exist.
pub fn create_dir(dir: &Path) -> Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
    b.create(dir).map_err(|e| StoreError::io(dir, e))
}

/// Opens (creating, 0600) the lock file of `dir`.
fn open(dir: &Path) -> Result<(File, PathBuf)> {
    create_dir(dir)?;
    let path = dir.join(LOCK_FILE);
    let mut o = OpenOptions::new();
    o.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
    let file = o.open(&path).map_err(|e| StoreError::io(&path, e))?;
    Ok((file, path))
}

/// What the lock file says about who took it last.
fn holder(file: &mut File) -> String {
    let mut text = String::new();
    let _ = file.rewind();
    let _ = file.take(200).read_to_string(&mut text);
    let text = text.trim();
    if text.is_empty() {
        "another process".to_owned()
    } else {
        text.to_owned()
    }
}

/// Takes the shared lock a server holds while it serves `dir`; refused
/// while a restore holds it exclusively.
pub fn serving(dir: &Path, what: &str) -> Result<FolderLock> {
    let (mut file, path) = open(dir)?;
    match file.try_lock_shared() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            return Err(StoreError::Invalid(format!(
                "{} is being restored ({}): wait until the restore has finished",
                dir.display(),
                holder(&mut file)
            )));
        }
        Err(TryLockError::Error(e)) => return Err(StoreError::io(&path, e)),
    }
    // Several servers may hold the shared lock: the file names the last.
    let note = format!(
        "{what}, pid {}, since {}",
        std::process::id(),
        crate::time::now_rfc3339()
    );
    let _ = file.set_len(0).and_then(|()| {
        file.rewind()?;
        file.write_all(note.as_bytes())
    });
    Ok(FolderLock { _file: file, path })
}

/// Takes the exclusive lock a restore needs; refused while a server
/// serves `dir` (or another restore runs).
pub fn exclusive(dir: &Path) -> Result<FolderLock> {
    let (mut file, path) = open(dir)?;
    match file.try_lock() {
        Ok(()) => Ok(FolderLock { _file: file, path }),
        Err(TryLockError::WouldBlock) => Err(StoreError::Invalid(format!(
            "{} is in use ({}): stop the server before restoring",
            dir.display(),
            holder(&mut file)
        ))),
        Err(TryLockError::Error(e)) => Err(StoreError::io(&path, e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_served_folder_cannot_be_taken_and_a_released_one_can() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let a = serving(&data, "server on 127.0.0.1:1").unwrap();
        let b = serving(&data, "server on 127.0.0.1:2").unwrap();
        let e = exclusive(&data).unwrap_err().to_string();
        assert!(e.contains("in use") && e.contains("127.0.0.1:2"), "{e}");
        drop(a);
        assert!(exclusive(&data).is_err(), "one server still serves");
        drop(b);
        let x = exclusive(&data).unwrap();
        let e = serving(&data, "server").unwrap_err().to_string();
        assert!(e.contains("being restored"), "{e}");
        drop(x);
        assert!(serving(&data, "server").is_ok());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&data.join(LOCK_FILE)), 0o600);
            assert_eq!(mode(&data), 0o700);
        }
    }
}
