//! Password hashing with Argon2id (PHC strings with their own salt).

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};

/// Hashes a password (Argon2id, default parameters, random salt).
pub fn hash(password: &str) -> Result<String, String> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

/// True when `password` matches the stored PHC string.
pub fn verify(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|h| {
        Argon2::default()
            .verify_password(password.as_bytes(), &h)
            .is_ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_and_differ_by_salt() {
        let a = hash("mật khẩu dài 2025").unwrap();
        let b = hash("mật khẩu dài 2025").unwrap();
        assert!(a.starts_with("$argon2id$") && a != b);
        assert!(verify("mật khẩu dài 2025", &a));
        assert!(!verify("mat khau dai 2025", &a));
        assert!(!verify("x", "not a hash"));
    }
}
