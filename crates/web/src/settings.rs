//! The server's settings, in one typed struct. The binary fills it from
//! flags and `CONGTHUONG_*` environment variables; tests build it directly.

use std::net::SocketAddr;
use std::path::PathBuf;

/// Everything the server needs to know at start.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Where to listen (`CONGTHUONG_ADDR`, default 127.0.0.1:8080).
    pub addr: SocketAddr,
    /// The data folder (`CONGTHUONG_DATA_DIR`, default ./congthuong-data).
    pub data_dir: PathBuf,
    /// Load the calibrated demo data into an empty data folder.
    pub demo: bool,
    /// Mark cookies `Secure` (behind TLS) (`CONGTHUONG_SECURE_COOKIES`).
    pub secure_cookies: bool,
    /// Largest accepted upload, bytes (`CONGTHUONG_MAX_UPLOAD_BYTES`).
    pub max_upload_bytes: usize,
    /// Failed logins allowed per account and address before a pause.
    pub login_max_failures: u32,
    /// The pause after too many failed logins, seconds.
    pub login_lockout_secs: u64,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            data_dir: PathBuf::from("congthuong-data"),
            demo: false,
            secure_cookies: false,
            max_upload_bytes: 50 << 20,
            login_max_failures: 5,
            login_lockout_secs: 300,
        }
    }
}
