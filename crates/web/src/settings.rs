//! The server's settings, in one typed struct. The binary fills it from
//! flags and `CONGTHUONG_*` environment variables; tests build it directly.
//! Every limit of the server is here, with its default (the README's
//! "Security and limits" lists them).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// Everything the server needs to know at start.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Where to listen (`CONGTHUONG_ADDR`, default 127.0.0.1:8080).
    pub addr: SocketAddr,
    /// The data folder (`CONGTHUONG_DATA_DIR`, default ./congthuong-data).
    pub data_dir: PathBuf,
    /// Load the calibrated demo data into an empty data folder.
    pub demo: bool,
    /// Mark cookies `Secure` and send HSTS (behind TLS) (`CONGTHUONG_SECURE_COOKIES`).
    pub secure_cookies: bool,
    /// Largest accepted upload, bytes (`CONGTHUONG_MAX_UPLOAD_BYTES`).
    pub max_upload_bytes: usize,
    /// Failed logins allowed per account and address before a pause.
    pub login_max_failures: u32,
    /// The pause after too many failed logins, seconds.
    pub login_lockout_secs: u64,
    /// Password verifications run at once, at most
    /// (`CONGTHUONG_LOGIN_CONCURRENCY`); each takes about 19 MiB.
    pub login_concurrency: usize,
    /// How long a login waits for its turn before "busy" (503), seconds.
    pub login_queue_secs: u64,
    /// Time a client has to send a request's headers, and the longest a
    /// kept-alive connection waits idle for the next request
    /// (`CONGTHUONG_HEADER_TIMEOUT_SECS`).
    pub header_timeout: Duration,
    /// The longest wait for the next piece of a request body
    /// (`CONGTHUONG_BODY_TIMEOUT_SECS`).
    pub body_timeout: Duration,
    /// Connections served at once (`CONGTHUONG_MAX_CONNECTIONS`); further
    /// clients wait in the operating system's queue until one closes.
    pub max_connections: usize,
    /// Request bodies held in memory at once, bytes
    /// (`CONGTHUONG_BODIES_IN_FLIGHT_BYTES`; at least one upload's worth):
    /// see `crate::bodies`.
    pub bodies_in_flight_bytes: usize,
    /// How long a request waits for its share of that budget before
    /// "busy" (503).
    pub body_queue: Duration,
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
            login_concurrency: 4,
            login_queue_secs: 10,
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(30),
            max_connections: 1024,
            bodies_in_flight_bytes: 512 << 20,
            body_queue: Duration::from_secs(10),
        }
    }
}
