//! Password hashing with Argon2id (PHC strings with their own salt), and
//! the verification a login runs whether or not the account exists.
//!
//! An unknown or disabled account is verified against a dummy hash made
//! with the same parameters, so a wrong login costs the same time whatever
//! the account (no user enumeration by timing, ASVS 2.2 / 3.x).

use std::sync::LazyLock;

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

/// A hash of a random password nobody knows, with the parameters of every
/// new hash: made once, on the first login attempt.
static DUMMY: LazyLock<String> = LazyLock::new(|| {
    // Hashing a 64-character ASCII string with the default parameters
    // cannot fail.
    hash(&super::token::random()).unwrap_or_default()
});

/// Verifies `password` against `stored` when the account can log in
/// (`Some`), or against the dummy hash when it cannot (unknown or
/// disabled: `None`), which is always false. Either way one Argon2
/// verification runs.
pub fn verify_or_dummy(password: &str, stored: Option<&str>) -> bool {
    match stored {
        Some(h) => verify(password, h),
        None => {
            let _ = verify(password, &DUMMY);
            false
        }
    }
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

    #[test]
    fn the_dummy_hash_is_a_real_hash_of_the_same_kind_that_nothing_matches() {
        let real = hash("mật khẩu dài 2025").unwrap();
        // Same algorithm and parameters: the same cost to verify.
        let params = |h: &str| h.rsplitn(3, '$').nth(2).unwrap().to_owned();
        assert_eq!(params(&DUMMY), params(&real));
        assert!(PasswordHash::new(&DUMMY).is_ok());
        assert!(!verify_or_dummy("mật khẩu dài 2025", None));
        assert!(!verify_or_dummy("", None));
        assert!(verify_or_dummy("mật khẩu dài 2025", Some(&real)));
    }
}
