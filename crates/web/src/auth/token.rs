//! Random tokens (sessions, CSRF) and their stored digests.

use sha2::{Digest, Sha256};

/// 32 random bytes as 64 hex characters.
pub fn random() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).unwrap_or_else(|e| panic!("the OS random source failed: {e}"));
    hex(&bytes)
}

/// Lower-case hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The digest stored for a session token (the token itself never is).
pub fn digest(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// Constant-time equality of two tokens.
pub fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_hex_and_compare_in_constant_time() {
        let (a, b) = (random(), random());
        assert_eq!(a.len(), 64);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()) && a != b);
        assert!(same(&a, &a.clone()) && !same(&a, &b) && !same("a", "ab"));
        assert_eq!(digest("x").len(), 64);
        assert_ne!(digest(&a), a);
    }
}
