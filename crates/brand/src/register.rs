//! The register of a province's strong products.
//!
//! A [`RegisterEntry`] is one product as the register stores it: the
//! province, names, OCOP group, score and certificate, the GTINs of its
//! packages and references to their traceability records. Entries are
//! validated when built; storage and public pages come with the web layer,
//! which keeps every field as it is here (codes, not names; dates as
//! `YYYY-MM-DD`; GTINs as 14 digits). [`alerts`] lists the certificates
//! that need attention on a given day, soonest first.

use chrono::NaiveDate;
use congthuong_core::AreaCode;

use crate::certificate::{Certificate, Status};
use crate::error::{Error, Result};
use crate::group::ProductGroup;
use crate::gtin::Gtin;
use crate::score::Score;

/// One product in the register.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegisterEntry {
    /// The province (a code on the boundary version of the record).
    pub province: AreaCode,
    /// The product's name, NFC.
    pub name: String,
    /// The producer (enterprise, cooperative, household), NFC.
    pub producer: String,
    /// The OCOP group.
    pub group: ProductGroup,
    /// The evaluation score, when recorded.
    pub score: Option<Score>,
    /// The certificate, when one was issued.
    pub certificate: Option<Certificate>,
    /// GTINs of the product's packages.
    pub gtins: Vec<Gtin>,
    /// Identifiers of traceability records (e.g. EPCIS event or lot ids).
    pub trace_refs: Vec<String>,
}

impl RegisterEntry {
    /// Builds an entry; the certificate's stars must match the score's.
    pub fn new(
        province: AreaCode,
        name: &str,
        producer: &str,
        group: ProductGroup,
        score: Option<Score>,
        certificate: Option<Certificate>,
    ) -> Result<Self> {
        let name = congthuong_core::text::nfc(name.trim());
        let producer = congthuong_core::text::nfc(producer.trim());
        if name.is_empty() {
            return Err(Error::InvalidEntry {
                reason: crate::error::Reason::new(
                    "the product needs a name",
                    "sản phẩm cần có tên",
                ),
            });
        }
        if producer.is_empty() {
            return Err(Error::InvalidEntry {
                reason: crate::error::Reason::new(
                    "the product needs its producer",
                    "sản phẩm cần có chủ thể sản xuất",
                ),
            });
        }
        if let (Some(s), Some(c)) = (&score, &certificate)
            && s.stars() != c.stars()
        {
            return Err(Error::StarsDisagree {
                certificate: c.stars().count(),
                score: s.stars().count(),
                total: s.total().normalize().to_string(),
            });
        }
        Ok(Self {
            province,
            name,
            producer,
            group,
            score,
            certificate,
            gtins: Vec::new(),
            trace_refs: Vec::new(),
        })
    }

    /// Adds a GTIN (kept once).
    pub fn add_gtin(&mut self, gtin: Gtin) {
        if !self.gtins.contains(&gtin) {
            self.gtins.push(gtin);
        }
    }
}

/// A certificate that needs attention.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Alert<'a> {
    /// The product.
    pub entry: &'a RegisterEntry,
    /// Its last day of validity.
    pub valid_until: NaiveDate,
    /// Expiring or expired.
    pub status: Status,
}

/// Certificates expiring within `alert_days` of `today` or already
/// expired, soonest end date first.
pub fn alerts(entries: &[RegisterEntry], today: NaiveDate, alert_days: u32) -> Vec<Alert<'_>> {
    let mut out: Vec<Alert> = entries
        .iter()
        .filter_map(|e| {
            let c = e.certificate.as_ref()?;
            let status = c.status(today, alert_days);
            status.needs_attention().then_some(Alert {
                entry: e,
                valid_until: c.valid_until(),
                status,
            })
        })
        .collect();
    out.sort_by_key(|a| (a.valid_until, a.entry.province, a.entry.name.clone()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::certificate::parse_date;
    use crate::score::{Criteria, Stars};
    use rust_decimal::Decimal;

    fn entry(name: &str, decided: &str, stars: Stars) -> RegisterEntry {
        let c = Certificate::issue(stars, parse_date(decided).unwrap(), "1/QĐ-UBND").unwrap();
        RegisterEntry::new(
            AreaCode::parse("24").unwrap(),
            name,
            "HTX Lục Ngạn",
            ProductGroup::Food,
            None,
            Some(c),
        )
        .unwrap()
    }

    #[test]
    fn alerts_list_expiring_and_expired_soonest_first() {
        let entries = vec![
            entry("Vải thiều", "2023-03-15", Stars::Four),
            entry("Mật ong", "2022-01-10", Stars::Three),
            entry("Chè", "2024-06-01", Stars::Three),
        ];
        let today = parse_date("2026-01-01").unwrap();
        let list = alerts(&entries, today, 90);
        let names: Vec<&str> = list.iter().map(|a| a.entry.name.as_str()).collect();
        // Mật ong ended 2025-01-10 (expired); vải thiều ends 2026-03-15 (74 days);
        // chè ends 2027-06-01 (not yet).
        assert_eq!(names, vec!["Mật ong", "Vải thiều"]);
        assert!(matches!(list[0].status, Status::Expired { .. }));
        assert_eq!(list[1].status, Status::Expiring { days_left: 73 });
    }

    #[test]
    fn an_entry_checks_its_certificate_against_its_score() {
        let score = Score::new(
            Criteria::Qd148,
            Decimal::from(30),
            Decimal::from(20),
            Decimal::from(25),
        )
        .unwrap();
        assert_eq!(score.stars(), Stars::Four);
        let c3 = Certificate::issue(Stars::Three, parse_date("2024-01-01").unwrap(), "x").unwrap();
        let e = RegisterEntry::new(
            AreaCode::parse("24").unwrap(),
            "Vải",
            "HTX",
            ProductGroup::Food,
            Some(score),
            Some(c3),
        )
        .unwrap_err();
        assert!(
            e.to_string()
                .contains("certificate says 3 stars but the score 75 gives 4"),
            "{e}"
        );
        assert!(
            RegisterEntry::new(
                AreaCode::parse("24").unwrap(),
                " ",
                "HTX",
                ProductGroup::Food,
                None,
                None
            )
            .is_err()
        );
    }
}
