//! Login throttling: after too many failed logins for one account or from
//! one address, further attempts wait (HTTP 429) until a pause has passed.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failures per key within a window, kept in memory.
pub struct Throttle {
    max_failures: u32,
    pause: Duration,
    failures: Mutex<HashMap<String, (u32, Instant)>>,
}

impl Throttle {
    /// At most `max_failures` failures, then a `pause`.
    pub fn new(max_failures: u32, pause: Duration) -> Self {
        Self {
            max_failures: max_failures.max(1),
            pause,
            failures: Mutex::new(HashMap::new()),
        }
    }

    /// Seconds to wait before `key` may try again, if it must wait.
    pub fn wait(&self, key: &str, now: Instant) -> Option<u64> {
        let map = self.failures.lock().ok()?;
        let (n, last) = map.get(key)?;
        let until = *last + self.pause;
        (*n >= self.max_failures && now < until).then(|| (until - now).as_secs().max(1))
    }

    /// Records a failure.
    pub fn fail(&self, key: &str, now: Instant) {
        if let Ok(mut map) = self.failures.lock() {
            let e = map.entry(key.to_owned()).or_insert((0, now));
            if now.duration_since(e.1) > self.pause {
                *e = (0, now);
            }
            e.0 += 1;
            e.1 = now;
        }
    }

    /// Forgets a key's failures (after a successful login).
    pub fn clear(&self, key: &str) {
        if let Ok(mut map) = self.failures.lock() {
            map.remove(key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_after_the_limit_until_the_pause_has_passed() {
        let t = Throttle::new(3, Duration::from_secs(60));
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
}
