//! Accounts and login sessions, as records the store keeps. Hashing
//! passwords and checking roles is the web layer's business; the store
//! only keeps the PHC string and never a password or a session token.

use serde::Serialize;

/// An account to create.
#[derive(Clone, Debug)]
pub struct NewUser {
    /// Login name (letters, digits, `.`, `_`, `-`).
    pub username: String,
    /// Name shown.
    pub display_name: String,
    /// `admin`, `analyst`, `officer` or `viewer`.
    pub role: String,
    /// An officer's province (2025 code).
    pub province: Option<String>,
    /// Argon2id PHC string.
    pub password_hash: String,
}

/// A stored account, with its latest state.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct User {
    /// Id.
    pub id: i64,
    /// Login name.
    pub username: String,
    /// Name shown.
    pub display_name: String,
    /// Role.
    pub role: String,
    /// An officer's province.
    pub province: Option<String>,
    /// The current password hash.
    #[serde(skip)]
    pub password_hash: String,
    /// Disabled accounts cannot log in.
    pub disabled: bool,
    /// When created (RFC 3339).
    pub created_at: String,
}

/// A login session.
#[derive(Clone, Debug, PartialEq)]
pub struct SessionRecord {
    /// SHA-256 of the token, hex.
    pub token_digest: String,
    /// The account.
    pub user_id: i64,
    /// The session's CSRF token.
    pub csrf: String,
    /// When it ends (RFC 3339, UTC).
    pub expires_at: String,
}

/// Checks a login name.
pub fn valid_username(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}
