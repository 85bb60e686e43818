//! Chain-linked quarterly volume indices from quantities and prices
//! (IMF Quarterly National Accounts Manual 2017, ch. 8).
//!
//! Each year's quarters are valued at the previous year's annual prices
//! (annual unit values P_j^y = Σ_q p q / Σ_q q), then linked:
//!
//! - annual overlap: I_q^y = L^{y−1} × K_q^y / (Σ_j P_j^{y−1} Q_j^{y−1} / 4),
//!   with the annual chain index L^y = L^{y−1} × Σ_j P_j^{y−1} Q_j^y /
//!   Σ_j P_j^{y−1} Q_j^{y−1}; the quarters of every year average exactly to
//!   the annual chain index;
//! - one-quarter overlap: I_q^y = I_{Q4}^{y−1} × K_q^y / Σ_j P_j^{y−1}
//!   q_{j,Q4}^{y−1}; preserves the Q4 → Q1 movement instead.
//!
//! where K_q^y = Σ_j P_j^{y−1} q_{jq}^y. The reference year's quarters
//! are valued at its own annual prices and average 100.

/// One product's quarterly quantities and prices, whole years from the
/// first year.
#[derive(Clone, Debug)]
pub struct QuarterlyProduct {
    /// Quantities, four per year.
    pub quantities: Vec<f64>,
    /// Prices, four per year.
    pub prices: Vec<f64>,
}

/// The linking technique.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuarterlyOverlap {
    /// Link on the annual averages.
    Annual,
    /// Link on the fourth quarter.
    OneQuarter,
}

/// Why the quarterly chain cannot be computed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QuarterlyError {
    /// Series of different lengths, or not whole years.
    #[error("every product needs the same number of quarters, a multiple of four")]
    Shape,
    /// A year's value at previous-year prices is 0.
    #[error("a year has zero value at the previous year's prices")]
    Zero,
}

/// The result: quarterly index and annual chain index, reference year = 100.
#[derive(Clone, Debug, PartialEq)]
pub struct QuarterlyChain {
    /// One value per quarter, from the first year.
    pub quarterly: Vec<f64>,
    /// One value per year (the annual chain-linked index).
    pub annual: Vec<f64>,
}

fn annual_price(p: &QuarterlyProduct, y: usize) -> f64 {
    let r = 4 * y..4 * y + 4;
    let value: f64 = p.prices[r.clone()]
        .iter()
        .zip(&p.quantities[r.clone()])
        .map(|(p, q)| p * q)
        .sum();
    value / p.quantities[r].iter().sum::<f64>()
}

/// Σ_j price_j(y_prices) × q_j(quarter) over products.
fn valued(products: &[QuarterlyProduct], y_prices: usize, quarter: usize) -> f64 {
    products
        .iter()
        .map(|p| annual_price(p, y_prices) * p.quantities[quarter])
        .sum()
}

/// Computes the chain from the reference year (an index into the years,
/// usually 0) onward. Years before the reference are not computed.
pub fn chain_quarterly(
    products: &[QuarterlyProduct],
    reference: usize,
    overlap: QuarterlyOverlap,
) -> Result<QuarterlyChain, QuarterlyError> {
    let n = products
        .first()
        .map(|p| p.quantities.len())
        .ok_or(QuarterlyError::Shape)?;
    if n % 4 != 0
        || products
            .iter()
            .any(|p| p.quantities.len() != n || p.prices.len() != n)
        || reference >= n / 4
    {
        return Err(QuarterlyError::Shape);
    }
    let years = n / 4;
    let annual_at = |prices: usize, y: usize| {
        (4 * y..4 * y + 4)
            .map(|q| valued(products, prices, q))
            .sum::<f64>()
    };
    let mut quarterly = vec![f64::NAN; n];
    let mut annual = vec![f64::NAN; years];
    let base = annual_at(reference, reference) / 4.0;
    if base == 0.0 {
        return Err(QuarterlyError::Zero);
    }
    for (q, slot) in quarterly.iter_mut().enumerate().skip(4 * reference).take(4) {
        *slot = 100.0 * valued(products, reference, q) / base;
    }
    annual[reference] = 100.0;
    for y in reference + 1..years {
        let prev_total = annual_at(y - 1, y - 1);
        if prev_total == 0.0 {
            return Err(QuarterlyError::Zero);
        }
        annual[y] = annual[y - 1] * annual_at(y - 1, y) / prev_total;
        let q4 = 4 * y - 1;
        for q in 4 * y..4 * y + 4 {
            let k = valued(products, y - 1, q);
            quarterly[q] = match overlap {
                QuarterlyOverlap::Annual => annual[y - 1] * k / (prev_total / 4.0),
                QuarterlyOverlap::OneQuarter => {
                    let link = valued(products, y - 1, q4);
                    if link == 0.0 {
                        return Err(QuarterlyError::Zero);
                    }
                    quarterly[q4] * k / link
                }
            };
        }
    }
    Ok(QuarterlyChain { quarterly, annual })
}
