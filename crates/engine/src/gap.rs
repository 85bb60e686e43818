//! The development gap between the provinces of a group.
//!
//! - Dispersion of growth rates: range (max − min), population standard
//!   deviation σ = √(Σ (g − ḡ)² / n) and coefficient of variation σ / |ḡ|,
//!   all over the provinces that have a figure, unweighted (each province
//!   counts once, as the conference compares provinces).
//! - Concentration of industrial output: each province's output is its
//!   base-year value added moved by its index, x = W × I / 100 (for a
//!   year-to-date period, I is the mean index over its months). Shares
//!   x / Σx; the Gini coefficient G = Σᵢ Σⱼ |xᵢ − xⱼ| / (2 n² x̄); the
//!   Theil index T = (1/n) Σ (x/x̄) ln(x/x̄), and its exact decomposition
//!   over sub-regions g: T = Σ_g (n_g/n)(x̄_g/x̄) T_g (within) +
//!   Σ_g (n_g/n)(x̄_g/x̄) ln(x̄_g/x̄) (between).
//!
//! Per-capita variants need provincial population, which the reference
//! data does not carry yet (see `data/geo/SOURCES.md`); they are left out.

/// Dispersion of growth rates, in percentage points.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Dispersion {
    /// Provinces with a figure.
    pub n: usize,
    /// Unweighted mean growth, %.
    pub mean: f64,
    /// Highest minus lowest, pp.
    pub range: f64,
    /// Population standard deviation, pp.
    pub std_dev: f64,
    /// σ / |mean|; `None` when the mean is 0.
    pub cv: Option<f64>,
}

/// Dispersion of `growth` (one rate per province); `None` when empty.
pub fn dispersion(growth: &[f64]) -> Option<Dispersion> {
    let n = growth.len();
    if n == 0 {
        return None;
    }
    let mean = growth.iter().sum::<f64>() / n as f64;
    let max = growth.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let min = growth.iter().copied().fold(f64::INFINITY, f64::min);
    let std_dev = (growth.iter().map(|g| (g - mean).powi(2)).sum::<f64>() / n as f64).sqrt();
    Some(Dispersion {
        n,
        mean,
        range: max - min,
        std_dev,
        cv: (mean != 0.0).then(|| std_dev / mean.abs()),
    })
}

/// Gini coefficient of non-negative values (0 = equal, → 1 = concentrated).
pub fn gini(x: &[f64]) -> Option<f64> {
    let n = x.len() as f64;
    let mean = x.iter().sum::<f64>() / n;
    if x.is_empty() || mean <= 0.0 {
        return None;
    }
    let mut sorted = x.to_vec();
    sorted.sort_by(f64::total_cmp);
    // Σᵢ Σⱼ |xᵢ − xⱼ| = 2 Σᵢ (2i − n − 1) x₍ᵢ₎ with i from 1, sorted ascending.
    let sum: f64 = sorted
        .iter()
        .enumerate()
        .map(|(i, v)| (2.0 * (i as f64 + 1.0) - n - 1.0) * v)
        .sum();
    Some(sum / (n * n * mean))
}

/// Theil T index of positive values (0 = equal; ln n = all in one).
pub fn theil(x: &[f64]) -> Option<f64> {
    let n = x.len() as f64;
    let mean = x.iter().sum::<f64>() / n;
    if x.is_empty() || mean <= 0.0 || x.iter().any(|v| *v < 0.0) {
        return None;
    }
    Some(
        x.iter()
            .filter(|v| **v > 0.0)
            .map(|v| (v / mean) * (v / mean).ln())
            .sum::<f64>()
            / n,
    )
}

/// A Theil index split into within- and between-group parts.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct TheilDecomposition {
    /// The whole index.
    pub total: f64,
    /// Σ_g (n_g/n)(x̄_g/x̄) T_g.
    pub within: f64,
    /// Σ_g (n_g/n)(x̄_g/x̄) ln(x̄_g/x̄).
    pub between: f64,
    /// Each group's own index, in the order given.
    pub groups: Vec<f64>,
}

/// Theil T of all values, decomposed over `groups` (each a list of values).
pub fn theil_decomposition(groups: &[Vec<f64>]) -> Option<TheilDecomposition> {
    let all: Vec<f64> = groups.iter().flatten().copied().collect();
    let total = theil(&all)?;
    let n = all.len() as f64;
    let mean = all.iter().sum::<f64>() / n;
    let mut within = 0.0;
    let mut between = 0.0;
    let mut each = Vec::new();
    for g in groups.iter().filter(|g| !g.is_empty()) {
        let ng = g.len() as f64;
        let mg = g.iter().sum::<f64>() / ng;
        let tg = theil(g).unwrap_or(0.0);
        let w = (ng / n) * (mg / mean);
        within += w * tg;
        if mg > 0.0 {
            between += w * (mg / mean).ln();
        }
        each.push(tg);
    }
    Some(TheilDecomposition {
        total,
        within,
        between,
        groups: each,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    #[test]
    fn dispersion_by_hand() {
        // 10, 20, 30: mean 20, range 20, σ = √(200/3) = 8.16496…, CV 0.40825…
        let d = dispersion(&[10.0, 20.0, 30.0]).unwrap();
        assert!(close(d.mean, 20.0) && close(d.range, 20.0));
        assert!(close(d.std_dev, (200.0f64 / 3.0).sqrt()));
        assert!(close(d.cv.unwrap(), (200.0f64 / 3.0).sqrt() / 20.0));
        assert_eq!(dispersion(&[]), None);
        assert_eq!(dispersion(&[-1.0, 1.0]).unwrap().cv, None);
    }

    #[test]
    fn gini_by_hand() {
        // 1, 2, 3, 4: Σ|xi−xj| over ordered pairs = 20, n² x̄ × 2 = 16 × 2.5 × 2 = 80 → 0.25
        assert!(close(gini(&[4.0, 1.0, 3.0, 2.0]).unwrap(), 0.25));
        assert!(close(gini(&[5.0, 5.0, 5.0]).unwrap(), 0.0));
        // All in one of n: (n − 1)/n.
        assert!(close(gini(&[0.0, 0.0, 0.0, 8.0]).unwrap(), 0.75));
    }

    #[test]
    fn theil_by_hand_and_decomposition() {
        // 1, 1, 2, 4: x̄ = 2; T = ¼ (½ ln ½ + ½ ln ½ + 0 + 2 ln 2) = ¼ (ln 2) = 0.17328…
        let t = theil(&[1.0, 1.0, 2.0, 4.0]).unwrap();
        assert!(close(t, 0.25 * 2f64.ln()));
        assert!(
            close(theil(&[0.0, 0.0, 3.0]).unwrap(), 3f64.ln()),
            "all in one of three: ln 3"
        );
        // Groups {1, 1} and {2, 4}: within = ½·½·0 + ½·(3/2)·T({2,4}); between = ½·½ ln ½ + ½·(3/2) ln(3/2)
        let d = theil_decomposition(&[vec![1.0, 1.0], vec![2.0, 4.0]]).unwrap();
        let t24 = 0.5 * ((2.0 / 3.0) * (2.0f64 / 3.0).ln() + (4.0 / 3.0) * (4.0f64 / 3.0).ln());
        assert!(close(d.groups[1], t24));
        assert!(close(d.within, 0.75 * t24));
        assert!(close(d.between, 0.25 * 0.5f64.ln() + 0.75 * 1.5f64.ln()));
        assert!(close(d.within + d.between, d.total));
    }

    proptest! {
        #[test]
        fn theil_decomposes_exactly(groups in prop::collection::vec(prop::collection::vec(0.1..1000.0f64, 1..8), 1..5)) {
            let d = theil_decomposition(&groups).unwrap();
            prop_assert!((d.within + d.between - d.total).abs() < 1e-9);
            prop_assert!(d.between >= -1e-12 && d.within >= -1e-12);
        }

        #[test]
        fn gini_and_theil_ignore_scale(x in prop::collection::vec(0.1..1000.0f64, 2..20), c in 0.01..100.0f64) {
            let scaled: Vec<f64> = x.iter().map(|v| v * c).collect();
            prop_assert!((gini(&x).unwrap() - gini(&scaled).unwrap()).abs() < 1e-9);
            prop_assert!((theil(&x).unwrap() - theil(&scaled).unwrap()).abs() < 1e-9);
            let g = gini(&x).unwrap();
            prop_assert!((0.0..1.0).contains(&g));
        }
    }
}
