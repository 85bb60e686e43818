//! OCOP certificates: who gets one, how long it lasts, when to warn.
//!
//! Only 3- to 5-star products are certified, and a certificate is valid
//! for 36 months from the decision recognising the product [verified in
//! summaries of Decision 148/QĐ-TTg; the exact article not re-read].
//!
//! The end date follows the Civil Code 2015 on periods counted in months
//! (Art. 147–148) [recalled]: the period runs from the day after the
//! decision and ends at the end of the corresponding day of the last
//! month, or of that month's last day when it has no such day. A decision
//! of 2023-03-15 is valid through 2026-03-15 and expired on 2026-03-16; one
//! of 2024-02-29 is valid through 2027-02-28. When the certificate states
//! its own end date, that date wins ([`Certificate::with_valid_until`]).

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::score::Stars;

/// Months a certificate stays valid.
pub const VALIDITY_MONTHS: u32 = 36;

/// Days before the end date from which an alert is raised by default.
pub const DEFAULT_ALERT_DAYS: u32 = 90;

/// Parses `YYYY-MM-DD`.
pub fn parse_date(input: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(input.trim(), "%Y-%m-%d").map_err(|_| Error::MalformedDate {
        input: input.to_owned(),
    })
}

/// The last day of validity of a period of `months` from `decided`.
pub fn validity_end(decided: NaiveDate, months: u32) -> NaiveDate {
    // chrono clamps to the month's last day when the day does not exist.
    decided
        .checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

/// A certificate recognising an OCOP product.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Certificate {
    decision: String,
    decided: NaiveDate,
    stars: Stars,
    valid_until: NaiveDate,
}

impl Certificate {
    /// Issues a certificate by decision `decision` of `decided`; refused
    /// below three stars. Valid for [`VALIDITY_MONTHS`].
    pub fn issue(stars: Stars, decided: NaiveDate, decision: &str) -> Result<Self> {
        if !stars.certifiable() {
            return Err(Error::NotCertifiable {
                stars: stars.count(),
            });
        }
        Ok(Self {
            decision: congthuong_core::text::nfc(decision.trim()),
            decided,
            stars,
            valid_until: validity_end(decided, VALIDITY_MONTHS),
        })
    }

    /// Uses the end date printed on the certificate instead of the computed one.
    pub fn with_valid_until(mut self, valid_until: NaiveDate) -> Result<Self> {
        if valid_until < self.decided {
            return Err(Error::ValidityBeforeDecision {
                decided: self.decided,
                valid_until,
            });
        }
        self.valid_until = valid_until;
        Ok(self)
    }

    /// The decision's number, e.g. `1234/QĐ-UBND`.
    pub fn decision(&self) -> &str {
        &self.decision
    }

    /// The decision date.
    pub fn decided(&self) -> NaiveDate {
        self.decided
    }

    /// The stars recognised.
    pub fn stars(&self) -> Stars {
        self.stars
    }

    /// The last day of validity.
    pub fn valid_until(&self) -> NaiveDate {
        self.valid_until
    }

    /// The status on `today`, warning `alert_days` ahead of the end.
    pub fn status(&self, today: NaiveDate, alert_days: u32) -> Status {
        if today < self.decided {
            return Status::NotYetInForce {
                days_until: (self.decided - today).num_days(),
            };
        }
        let days_left = (self.valid_until - today).num_days();
        if days_left < 0 {
            Status::Expired {
                days_since: -days_left,
            }
        } else if days_left <= i64::from(alert_days) {
            Status::Expiring { days_left }
        } else {
            Status::Valid { days_left }
        }
    }
}

/// A certificate's state on a given day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Status {
    /// Before the decision date.
    NotYetInForce {
        /// Days until the decision date.
        days_until: i64,
    },
    /// Valid, and not yet within the alert window.
    Valid {
        /// Days from today to the last day of validity.
        days_left: i64,
    },
    /// Valid, but ending within the alert window (0 on the last day).
    Expiring {
        /// Days from today to the last day of validity.
        days_left: i64,
    },
    /// Past the last day of validity.
    Expired {
        /// Days since the last day of validity (1 on the day after).
        days_since: i64,
    },
}

impl Status {
    /// True while the certificate can be relied on (valid or expiring).
    pub fn in_force(self) -> bool {
        matches!(self, Self::Valid { .. } | Self::Expiring { .. })
    }

    /// True when someone should act (expiring or expired).
    pub fn needs_attention(self) -> bool {
        matches!(self, Self::Expiring { .. } | Self::Expired { .. })
    }

    /// The state in Vietnamese.
    pub fn describe_vi(self) -> String {
        match self {
            Self::NotYetInForce { days_until } => {
                format!("chưa có hiệu lực (còn {days_until} ngày đến ngày quyết định)")
            }
            Self::Valid { days_left } => format!("còn hiệu lực ({days_left} ngày nữa hết hạn)"),
            Self::Expiring { days_left: 0 } => {
                "sắp hết hạn: hôm nay là ngày hiệu lực cuối cùng".to_owned()
            }
            Self::Expiring { days_left } => {
                format!("sắp hết hạn: còn {days_left} ngày, cần chuẩn bị đánh giá lại")
            }
            Self::Expired { days_since } => format!("đã hết hạn {days_since} ngày"),
        }
    }

    /// The state in English.
    pub fn describe_en(self) -> String {
        match self {
            Self::NotYetInForce { days_until } => {
                format!(
                    "not yet in force ({} until the decision date)",
                    days(days_until)
                )
            }
            Self::Valid { days_left } => format!("valid ({} left)", days(days_left)),
            Self::Expiring { days_left: 0 } => {
                "expiring: today is the last day of validity".to_owned()
            }
            Self::Expiring { days_left } => {
                format!("expiring in {}: prepare the re-evaluation", days(days_left))
            }
            Self::Expired { days_since } => format!("expired {} ago", days(days_since)),
        }
    }
}

fn days(n: i64) -> String {
    if n == 1 {
        "1 day".to_owned()
    } else {
        format!("{n} days")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        parse_date(s).unwrap()
    }

    #[test]
    fn valid_36_months_through_the_corresponding_day() {
        let c = Certificate::issue(Stars::Four, date("2023-03-15"), "123/QĐ-UBND").unwrap();
        assert_eq!(c.valid_until(), date("2026-03-15"));
        // Last day: still in force, with an alert.
        let last = c.status(date("2026-03-15"), 90);
        assert_eq!(last, Status::Expiring { days_left: 0 });
        assert!(last.in_force());
        // The day after: expired.
        let after = c.status(date("2026-03-16"), 90);
        assert_eq!(after, Status::Expired { days_since: 1 });
        assert!(!after.in_force());
        assert_eq!(after.describe_en(), "expired 1 day ago");
        assert_eq!(after.describe_vi(), "đã hết hạn 1 ngày");
    }

    #[test]
    fn a_month_without_the_corresponding_day_ends_on_its_last_day() {
        let c = Certificate::issue(Stars::Three, date("2024-02-29"), "x").unwrap();
        assert_eq!(c.valid_until(), date("2027-02-28"));
        let c = Certificate::issue(Stars::Five, date("2021-08-31"), "x").unwrap();
        assert_eq!(c.valid_until(), date("2024-08-31"));
    }

    #[test]
    fn the_alert_window_is_inclusive() {
        let c = Certificate::issue(Stars::Three, date("2023-03-15"), "x").unwrap();
        // 2026-03-15 minus 90 days is 2025-12-15.
        assert_eq!(
            c.status(date("2025-12-15"), 90),
            Status::Expiring { days_left: 90 }
        );
        assert_eq!(
            c.status(date("2025-12-14"), 90),
            Status::Valid { days_left: 91 }
        );
        assert_eq!(
            c.status(date("2023-03-14"), 90),
            Status::NotYetInForce { days_until: 1 }
        );
        assert!(c.status(date("2023-03-15"), 90).in_force());
    }

    #[test]
    fn only_three_to_five_stars_are_certified() {
        let d = date("2024-01-01");
        assert!(Certificate::issue(Stars::One, d, "x").is_err());
        let e = Certificate::issue(Stars::Two, d, "x").unwrap_err();
        assert!(
            e.to_string()
                .contains("2-star product gets no OCOP certificate")
        );
        for s in [Stars::Three, Stars::Four, Stars::Five] {
            assert!(Certificate::issue(s, d, "x").is_ok());
        }
    }

    #[test]
    fn a_printed_end_date_wins_but_not_before_the_decision() {
        let c = Certificate::issue(Stars::Four, date("2023-03-15"), "x").unwrap();
        let c2 = c.clone().with_valid_until(date("2026-03-14")).unwrap();
        assert_eq!(
            c2.status(date("2026-03-15"), 0),
            Status::Expired { days_since: 1 }
        );
        assert!(c.with_valid_until(date("2023-03-14")).is_err());
        assert!(parse_date("2023-02-30").is_err());
        assert!(parse_date("15/03/2023").is_err());
    }
}
