//! Password hashing with Argon2id (PHC strings with their own salt), and
//! the verification a login runs whether or not the account exists.
//!
//! An unknown or disabled account is verified against a dummy hash made
//! with the same parameters, so a wrong login costs the same time whatever
//! the account (no user enumeration by timing, ASVS 2.2 / 3.x).
//!
//! Logins verify in memory the server keeps ([`Memory`]): Argon2id's
//! working memory (about 19 MiB a verification) is allocated once per
//! concurrent verification and reused. Allocating it afresh for every
//! login left the allocator's heaps holding more after every few logins
//! (measured: +12 MB of RSS per wrong login, 1.9 GB after 200, never
//! returned, even with one verification at a time).

use std::sync::{LazyLock, Mutex};

use argon2::password_hash::phc::{Output, PasswordHash};
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Algorithm, Argon2, Block, Params, Version};

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

/// The most working memory a stored hash may ask for (256 MiB): a hash
/// asking for more is not verified (a damaged or hostile record must not
/// exhaust the server's memory).
const MAX_BLOCKS: usize = 256 * 1024;

/// Argon2 working memory kept for reuse: one buffer per verification
/// running at once (the login gate bounds how many), taken and given back.
#[derive(Default)]
pub struct Memory {
    free: Mutex<Vec<Vec<Block>>>,
}

impl Memory {
    /// Verifies like [`verify`], in a buffer of this pool.
    pub fn verify(&self, password: &str, stored: &str) -> bool {
        let mut buffer = self
            .free
            .lock()
            .ok()
            .and_then(|mut f| f.pop())
            .unwrap_or_default();
        let ok = verify_in(password, stored, &mut buffer);
        if let Ok(mut f) = self.free.lock() {
            f.push(buffer);
        }
        ok
    }

    /// Like [`verify_or_dummy`], in a buffer of this pool.
    pub fn verify_or_dummy(&self, password: &str, stored: Option<&str>) -> bool {
        match stored {
            Some(h) => self.verify(password, h),
            None => {
                let _ = self.verify(password, &DUMMY);
                false
            }
        }
    }

    /// How many buffers the pool holds (at most the verifications that ran at once).
    pub fn buffers(&self) -> usize {
        self.free.lock().map_or(0, |f| f.len())
    }
}

/// Verifies `password` against the PHC string `stored`, computing in
/// `memory` (grown to the hash's memory cost if smaller). The comparison
/// of the outputs is constant-time.
pub fn verify_in(password: &str, stored: &str, memory: &mut Vec<Block>) -> bool {
    let Ok(hash) = PasswordHash::new(stored) else {
        return false;
    };
    let (Some(salt), Some(expected)) = (&hash.salt, &hash.hash) else {
        return false;
    };
    let (Ok(algorithm), Ok(params)) = (
        Algorithm::try_from(hash.algorithm.as_str()),
        Params::try_from(&hash),
    ) else {
        return false;
    };
    let version = match hash.version.map(Version::try_from).transpose() {
        Ok(v) => v.unwrap_or_default(),
        Err(_) => return false,
    };
    let blocks = params.block_count();
    if blocks > MAX_BLOCKS {
        return false;
    }
    if memory.len() < blocks {
        memory.resize(blocks, Block::default());
    }
    let mut out = [0u8; Output::MAX_LENGTH];
    let Some(out) = out.get_mut(..expected.len()) else {
        return false;
    };
    Argon2::new(algorithm, version, params)
        .hash_password_into_with_memory(password.as_bytes(), salt, &mut *out, &mut memory[..blocks])
        .is_ok()
        && Output::try_from(&*out).is_ok_and(|computed| computed == *expected)
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

    #[test]
    fn the_pool_verifies_like_argon2_and_keeps_one_buffer_per_concurrent_check() {
        let real = hash("mật khẩu dài 2025").unwrap();
        let pool = Memory::default();
        for _ in 0..3 {
            assert!(pool.verify("mật khẩu dài 2025", &real));
            assert!(!pool.verify("mat khau dai 2025", &real));
            assert!(!pool.verify_or_dummy("mật khẩu dài 2025", None));
        }
        assert_eq!(pool.buffers(), 1, "one at a time: one buffer, reused");
        assert!(!pool.verify("x", "not a hash"));
        // Other parameters and versions of Argon2 verify too.
        let other = Argon2::new(
            Algorithm::Argon2i,
            Version::V0x10,
            Params::new(64, 3, 1, Some(16)).unwrap(),
        )
        .hash_password(b"khac")
        .unwrap()
        .to_string();
        assert!(pool.verify("khac", &other) && !pool.verify("khac!", &other));
        // A hash asking for more memory than the cap is not verified.
        let greedy = "$argon2id$v=19$m=4194304,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$zJ0M0NnaNpqGbIhQqQ5NqS0vJzJXtvF4qJ7w8z8xK0E";
        assert!(PasswordHash::new(greedy).is_ok(), "a well-formed hash");
        assert!(!pool.verify("x", greedy));
        assert_eq!(pool.buffers(), 1);
        assert!(pool.free.lock().unwrap()[0].len() <= MAX_BLOCKS);
    }
}
