//! Earned-value management (EVM), with the definitions the FEMA
//! Emergency Management Institute course uses:
//!
//! - PV, planned value: the budgeted cost of the work scheduled to date;
//! - EV, earned value: the budgeted cost of the work actually done
//!   (percent complete × BAC);
//! - AC, actual cost of the work done; BAC, budget at completion.
//!
//! | measure | formula | reading |
//! | --- | --- | --- |
//! | SV | EV − PV | < 0: behind schedule |
//! | CV | EV − AC | < 0: over budget |
//! | SPI | EV / PV | < 1: behind schedule |
//! | CPI | EV / AC | < 1: over budget |
//! | EAC | BAC / CPI | forecast cost at completion |
//! | TCPI | (BAC − EV) / (BAC − AC) | efficiency needed on the rest to finish within BAC |
//!
//! A ratio with a zero denominator is `None` (not infinity). SPI drifts
//! back to 1.0 as the work completes whatever the delay, so the dashboard
//! shows milestone slip beside it. The red/amber/green bands are a
//! convention, not a Vietnamese regulation: [`Bands`] holds them (default
//! green ≥ 0.95, amber ≥ 0.85, red below).

use serde::Serialize;

use crate::model::project::EarnedValue;

/// The EVM measures of one status report.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Evm {
    /// Schedule variance, EV − PV.
    pub sv: f64,
    /// Cost variance, EV − AC.
    pub cv: f64,
    /// Schedule performance index, EV / PV.
    pub spi: Option<f64>,
    /// Cost performance index, EV / AC.
    pub cpi: Option<f64>,
    /// Estimate at completion, BAC / CPI (needs BAC and CPI > 0).
    pub eac: Option<f64>,
    /// To-complete performance index, (BAC − EV) / (BAC − AC).
    pub tcpi: Option<f64>,
}

fn ratio(num: f64, den: f64) -> Option<f64> {
    (den != 0.0).then(|| num / den)
}

/// Computes the measures from PV, EV, AC and optionally BAC.
pub fn measures(pv: f64, ev: f64, ac: f64, bac: Option<f64>) -> Evm {
    let cpi = ratio(ev, ac);
    Evm {
        sv: ev - pv,
        cv: ev - ac,
        spi: ratio(ev, pv),
        cpi,
        eac: bac.zip(cpi.filter(|c| *c > 0.0)).map(|(b, c)| b / c),
        tcpi: bac.and_then(|b| ratio(b - ev, b - ac)),
    }
}

/// The measures of a recorded status report.
pub fn of_record(r: &EarnedValue) -> Evm {
    measures(r.pv.get(), r.ev.get(), r.ac.get(), r.bac.map(|b| b.get()))
}

/// A red/amber/green flag.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rag {
    /// At or above the green threshold.
    Green,
    /// At or above the amber threshold.
    Amber,
    /// Below it.
    Red,
}

/// Thresholds for [`Rag`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bands {
    /// Green at or above this.
    pub green: f64,
    /// Amber at or above this (and below green).
    pub amber: f64,
}

impl Default for Bands {
    fn default() -> Self {
        Self {
            green: 0.95,
            amber: 0.85,
        }
    }
}

impl Bands {
    /// The flag of an index (SPI or CPI).
    pub fn flag(self, index: f64) -> Rag {
        if index >= self.green {
            Rag::Green
        } else if index >= self.amber {
            Rag::Amber
        } else {
            Rag::Red
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    /// "Carl's car re-design": BAC 4 M over 12 months evenly; at month 2,
    /// 25 % done, AC 2 M. EV = 1 M, PV = 4 × 2/12 = 0.667 M.
    #[test]
    fn worked_example_car_redesign() {
        let bac = 4.0;
        let pv = bac * 2.0 / 12.0;
        let ev = 0.25 * bac;
        let m = measures(pv, ev, 2.0, Some(bac));
        assert!(close(m.cpi.unwrap(), 0.50, 1e-12));
        assert!(close(m.spi.unwrap(), 1.50, 1e-12));
        assert!(close(m.cv, -1.0, 1e-12));
        assert!(close(m.eac.unwrap(), 8.0, 1e-12));
    }

    /// BAC 140 000; 80 % done against 95 % planned; AC 95 000.
    #[test]
    fn worked_example_eighty_percent_done() {
        let bac = 140_000.0;
        let m = measures(0.95 * bac, 0.80 * bac, 95_000.0, Some(bac));
        assert!(close(m.sv, 112_000.0 - 133_000.0, 1e-9));
        assert!(close(m.spi.unwrap(), 0.8421, 5e-5));
        assert!(close(m.cpi.unwrap(), 1.1789, 5e-5));
        assert!(close(m.eac.unwrap(), 118_750.0, 1e-6));
        assert!(close(m.tcpi.unwrap(), 0.6222, 5e-5));
        // 0.8421 is below the 0.85 amber line.
        assert_eq!(Bands::default().flag(m.spi.unwrap()), Rag::Red);
        assert_eq!(Bands::default().flag(m.cpi.unwrap()), Rag::Green);
    }

    #[test]
    fn zero_denominators_give_none() {
        let m = measures(0.0, 0.0, 0.0, Some(0.0));
        assert_eq!((m.spi, m.cpi, m.eac, m.tcpi), (None, None, None, None));
        assert_eq!(Bands::default().flag(0.84), Rag::Red);
        assert_eq!(Bands::default().flag(0.95), Rag::Green);
    }
}
