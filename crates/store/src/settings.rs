//! Where the data lives and how large an upload may be: one typed
//! settings struct, filled from flags or the environment in one place.
//!
//! | variable | flag | default |
//! | --- | --- | --- |
//! | `CONGTHUONG_DATA_DIR` | `--data-dir` | `./congthuong-data` |
//! | `CONGTHUONG_MAX_UPLOAD_BYTES` | `--max-upload-bytes` | 200 000 000 |
//! | `CONGTHUONG_ACTOR` | `--actor` | the OS user |

use std::path::PathBuf;

/// The default data folder.
pub const DEFAULT_DATA_DIR: &str = "congthuong-data";
/// The default largest file accepted, in bytes.
pub const DEFAULT_MAX_UPLOAD_BYTES: u64 = 200_000_000;

/// The store's settings.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The data folder (created on first use).
    pub data_dir: PathBuf,
    /// The largest file accepted, in bytes.
    pub max_upload_bytes: u64,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            data_dir: PathBuf::from(DEFAULT_DATA_DIR),
            max_upload_bytes: DEFAULT_MAX_UPLOAD_BYTES,
        }
    }
}

/// The actor when none is given: `CONGTHUONG_ACTOR`, else the OS user
/// (`USER`, `USERNAME`, `LOGNAME`, else the account of the process's user
/// id in `/etc/passwd`), else `unknown`.
pub fn default_actor() -> String {
    ["CONGTHUONG_ACTOR", "USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
        .or_else(os_user)
        .unwrap_or_else(|| "unknown".into())
}

/// The account name of this process's real user id (Linux).
fn os_user() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let uid = status
        .lines()
        .find_map(|l| l.strip_prefix("Uid:"))?
        .split_whitespace()
        .next()?
        .to_owned();
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    passwd.lines().find_map(|l| {
        let mut f = l.split(':');
        let name = f.next()?;
        (f.nth(1)? == uid).then(|| name.to_owned())
    })
}
