//! Login throttling: after too many failed logins for one account or from
//! one address, further attempts wait (HTTP 429) until a pause has passed;
//! and at most a few password verifications run at once.
//!
//! An attempt is *reserved* before its password is hashed: the counters of
//! its account and address go up first and come back down only when the
//! login succeeds. So 200 simultaneous wrong passwords from one address
//! verify at most `max_failures` of them, and the rest are refused at once
//! (issue 13 item 2). Verifications (Argon2id, about 19 MiB each) run
//! under a semaphore of `login_concurrency` permits; a login that cannot
//! get one within `login_queue_secs` is answered "busy" (503). Memory is
//! bounded by the permits, whatever the number of clients: each permit
//! has its Argon2 working memory, allocated once and reused
//! ([`super::password::Memory`]).
//!
//! May touch only its own counters; the session module calls it.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::settings::Settings;

/// The most keys (accounts and addresses) remembered; past it, expired
/// entries are dropped, then the oldest.
const MAX_KEYS: usize = 100_000;

/// Failures per key within a window, kept in memory, and the gate of the
/// password verifications.
pub struct Throttle {
    max_failures: u32,
    pause: Duration,
    failures: Mutex<HashMap<String, (u32, Instant)>>,
    gate: Arc<Semaphore>,
    queue: Duration,
    verified: AtomicU64,
    memory: super::password::Memory,
}

/// Why an attempt is not tried now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Too many failures for the account or the address: wait this many seconds.
    Paused(u64),
    /// Too many verifications at once: try again shortly.
    Busy,
}

impl Throttle {
    /// At most `max_failures` failures, then a `pause`; at most
    /// `concurrency` verifications at once, each waiting at most `queue`
    /// for its turn.
    pub fn new(max_failures: u32, pause: Duration, concurrency: usize, queue: Duration) -> Self {
        Self {
            max_failures: max_failures.max(1),
            pause,
            failures: Mutex::new(HashMap::new()),
            gate: Arc::new(Semaphore::new(concurrency.clamp(1, Semaphore::MAX_PERMITS))),
            queue,
            verified: AtomicU64::new(0),
            memory: super::password::Memory::default(),
        }
    }

    /// The throttle the settings ask for.
    pub fn from_settings(s: &Settings) -> Self {
        Self::new(
            s.login_max_failures,
            Duration::from_secs(s.login_lockout_secs),
            s.login_concurrency,
            Duration::from_secs(s.login_queue_secs),
        )
    }

    /// Seconds to wait before `key` may try again, if it must wait.
    pub fn wait(&self, key: &str, now: Instant) -> Option<u64> {
        let map = self.failures.lock().ok()?;
        self.wait_in(&map, key, now)
    }

    fn wait_in(
        &self,
        map: &HashMap<String, (u32, Instant)>,
        key: &str,
        now: Instant,
    ) -> Option<u64> {
        let (n, last) = map.get(key)?;
        let until = *last + self.pause;
        (*n >= self.max_failures && now < until).then(|| (until - now).as_secs().max(1))
    }

    /// Reserves one attempt for every key at once: refused (with the
    /// seconds to wait) when any key has used up its attempts; otherwise
    /// every key's count goes up now, before the password is checked.
    /// A successful login gives them back with [`Self::clear`].
    pub fn reserve(&self, keys: &[String], now: Instant) -> Result<(), Refusal> {
        let Ok(mut map) = self.failures.lock() else {
            return Err(Refusal::Busy);
        };
        if let Some(wait) = keys.iter().find_map(|k| self.wait_in(&map, k, now)) {
            return Err(Refusal::Paused(wait));
        }
        if map.len() + keys.len() > MAX_KEYS {
            self.prune(&mut map, now);
        }
        for k in keys {
            self.count(&mut map, k, now);
        }
        Ok(())
    }

    fn count(&self, map: &mut HashMap<String, (u32, Instant)>, key: &str, now: Instant) {
        let e = map.entry(key.to_owned()).or_insert((0, now));
        if now.duration_since(e.1) > self.pause {
            *e = (0, now);
        }
        e.0 += 1;
        e.1 = now;
    }

    /// Drops expired entries, then the oldest, down to 90 % of the bound.
    fn prune(&self, map: &mut HashMap<String, (u32, Instant)>, now: Instant) {
        map.retain(|_, (_, last)| now.duration_since(*last) <= self.pause);
        let keep = MAX_KEYS / 10 * 9;
        if map.len() > keep {
            let mut entries: Vec<(String, (u32, Instant))> = map.drain().collect();
            entries.sort_unstable_by_key(|(_, (_, last))| std::cmp::Reverse(*last));
            entries.truncate(keep);
            map.extend(entries);
        }
    }

    /// Records a failure (without a reservation).
    pub fn fail(&self, key: &str, now: Instant) {
        if let Ok(mut map) = self.failures.lock() {
            if map.len() >= MAX_KEYS {
                self.prune(&mut map, now);
            }
            self.count(&mut map, key, now);
        }
    }

    /// Forgets a key's failures (after a successful login).
    pub fn clear(&self, key: &str) {
        if let Ok(mut map) = self.failures.lock() {
            map.remove(key);
        }
    }

    /// Waits for a turn to verify a password (at most the queue time).
    /// The permit travels with the verification into its blocking thread,
    /// so a client that hangs up does not free a turn still in use.
    pub async fn turn(&self) -> Result<OwnedSemaphorePermit, Refusal> {
        match tokio::time::timeout(self.queue, self.gate.clone().acquire_owned()).await {
            Ok(Ok(permit)) => Ok(permit),
            _ => Err(Refusal::Busy),
        }
    }

    /// Verifies a password (against the dummy hash when `stored` is
    /// `None`), counted, in working memory kept for reuse. Call it holding
    /// a [`Self::turn`]: the turns bound the buffers, and so the memory.
    pub fn verify(&self, password: &str, stored: Option<&str>) -> bool {
        self.verified.fetch_add(1, Ordering::Relaxed);
        self.memory.verify_or_dummy(password, stored)
    }

    /// How many password verifications have run since the start (for
    /// tests and monitoring).
    pub fn verifications(&self) -> u64 {
        self.verified.load(Ordering::Relaxed)
    }

    /// How many Argon2 working buffers exist (at most the verifications
    /// that ever ran at once, so at most `login_concurrency`).
    pub fn buffers(&self) -> usize {
        self.memory.buffers()
    }

    /// How many keys are remembered.
    pub fn keys(&self) -> usize {
        self.failures.lock().map_or(0, |m| m.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn throttle(max: u32) -> Throttle {
        Throttle::new(max, Duration::from_secs(60), 2, Duration::from_secs(1))
    }

    #[test]
    fn blocks_after_the_limit_until_the_pause_has_passed() {
        let t = throttle(3);
        let now = Instant::now();
        for _ in 0..2 {
            t.fail("ana", now);
        }
        assert_eq!(t.wait("ana", now), None);
        t.fail("ana", now);
        assert!(t.wait("ana", now + Duration::from_secs(10)).is_some());
        assert_eq!(t.wait("ana", now + Duration::from_secs(61)), None);
        assert_eq!(t.wait("bao", now), None);
        t.clear("ana");
        assert_eq!(t.wait("ana", now), None);
    }

    #[test]
    fn reservations_count_before_the_check_so_only_the_limit_gets_through() {
        let t = throttle(5);
        let now = Instant::now();
        let keys = |u: &str| vec![format!("user:{u}"), "addr:10.0.0.1".to_owned()];
        // 200 attempts arrive before any has been checked.
        let admitted = (0..200)
            .filter(|i| t.reserve(&keys(&format!("u{i}")), now).is_ok())
            .count();
        assert_eq!(admitted, 5, "the address allows five attempts in all");
        assert_eq!(
            t.reserve(&keys("other"), now),
            Err(Refusal::Paused(60)),
            "a paused address refuses every account"
        );
        // A refused attempt counts nothing for its account.
        assert_eq!(t.wait("user:u6", now), None);
        // Another address is not affected, and a pause ends.
        assert!(t.reserve(&["addr:10.0.0.2".to_owned()], now).is_ok());
        assert!(
            t.reserve(&keys("u1"), now + Duration::from_secs(61))
                .is_ok()
        );
    }

    #[test]
    fn remembered_keys_stay_bounded() {
        let t = throttle(5);
        let now = Instant::now();
        for i in 0..(MAX_KEYS + 5_000) {
            let later = now + Duration::from_millis(i as u64 / 1000);
            t.reserve(&[format!("user:{i}")], later).unwrap();
        }
        assert!(t.keys() <= MAX_KEYS, "{} keys", t.keys());
        // The newest are kept.
        assert!(
            t.failures
                .lock()
                .unwrap()
                .contains_key(&format!("user:{}", MAX_KEYS + 4_999))
        );
    }

    #[tokio::test]
    async fn turns_are_limited_and_a_long_queue_is_answered_busy() {
        let t = Throttle::new(5, Duration::from_secs(60), 2, Duration::from_millis(50));
        let a = t.turn().await.unwrap();
        let _b = t.turn().await.unwrap();
        assert_eq!(t.turn().await.unwrap_err(), Refusal::Busy);
        drop(a);
        assert!(t.turn().await.is_ok());
    }
}
