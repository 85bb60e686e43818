//! Accounts, roles, sessions and CSRF protection.
//!
//! Passwords are hashed with Argon2id; sessions are random tokens in an
//! HttpOnly, SameSite=Lax cookie (Secure behind TLS), stored only as a
//! SHA-256 digest; every form carries a CSRF token (the session's, or a
//! double-submit cookie before login); failed logins are throttled.

pub mod password;
pub mod role;
pub mod session;
pub mod throttle;
pub mod token;

pub use role::{Account, Role};
pub use session::Session;
