//! A small counter-based random number generator, written here so the
//! output never depends on a crate's algorithm changing.
//!
//! Every draw is a pure function of the seed and a tuple of integers
//! (SplitMix64's finaliser over a running mix), so a value does not depend
//! on which thread drew it or in which order: the same seed gives the same
//! bytes at any thread count and any row count for the months in common.

/// SplitMix64's output function: a bijective 64-bit mixer.
#[inline]
pub fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A 64-bit hash of the seed and `parts`.
#[inline]
pub fn hash(seed: u64, parts: &[u64]) -> u64 {
    let mut h = mix(seed ^ 0x9e37_79b9_7f4a_7c15);
    for &p in parts {
        h = mix(h ^ p.wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(17));
    }
    h
}

/// A uniform number in [0, 1) from a hash.
#[inline]
pub fn unit(h: u64) -> f64 {
    (h >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// A uniform number in [0, 1) for the seed and `parts`.
#[inline]
pub fn uniform(seed: u64, parts: &[u64]) -> f64 {
    unit(hash(seed, parts))
}

/// An approximately standard normal number (sum of four uniforms, scaled):
/// light tails are what synthetic noise wants.
pub fn normal(seed: u64, parts: &[u64]) -> f64 {
    let h = hash(seed, parts);
    let a = unit(h);
    let b = unit(mix(h ^ 1));
    let c = unit(mix(h ^ 2));
    let d = unit(mix(h ^ 3));
    (a + b + c + d - 2.0) * 3f64.sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_are_pure_and_spread() {
        assert_eq!(hash(7, &[1, 2, 3]), hash(7, &[1, 2, 3]));
        assert_ne!(hash(7, &[1, 2, 3]), hash(8, &[1, 2, 3]));
        assert_ne!(hash(7, &[1, 2, 3]), hash(7, &[1, 3, 2]));
        let n = 20_000;
        let mean: f64 = (0..n).map(|i| uniform(1, &[i])).sum::<f64>() / n as f64;
        assert!((mean - 0.5).abs() < 0.01, "{mean}");
        let var: f64 = (0..n).map(|i| normal(1, &[i]).powi(2)).sum::<f64>() / n as f64;
        assert!((var - 1.0).abs() < 0.05, "{var}");
    }
}
