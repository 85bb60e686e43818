//! A register entry as people type it (a web form, a JSON body, a row of
//! a spreadsheet): every field text, checked in one go so that every
//! problem is reported at once, each with the field it belongs to.
//!
//! Rules:
//! - the province is a code on the 2025 map (the register is kept on the
//!   current boundaries);
//! - a score has all three parts or none; its criteria set defaults to
//!   Decision 148/QĐ-TTg;
//! - a certificate needs its decision number and date; its stars come
//!   from the score when there is one (a `stars` field that disagrees is
//!   refused), else from the `stars` field (3 to 5); `valid_until`, when
//!   given, is the date printed on the certificate and wins over the
//!   computed 36 months;
//! - GTINs and lots are lists separated by commas, semicolons, spaces or
//!   line breaks (lots: not spaces); a GTIN keeps its check digit, a lot
//!   or serial written as an EPC URI or Digital Link is stored in its
//!   canonical spelling (so it meets the trace records), any other lot
//!   reference as written.

use congthuong_core::{AreaCode, BoundaryVersion, Geography};
use serde::{Deserialize, Serialize};

use crate::certificate::{Certificate, parse_date};
use crate::error::Reason;
use crate::group::ProductGroup;
use crate::gtin::parse_gtin;
use crate::register::RegisterEntry;
use crate::score::{Criteria, Score, Stars, parse_points_in};
use congthuong_core::Lang;

/// The fields, as text. Empty means not given.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EntryInput {
    /// Province code on the 2025 map.
    pub province: String,
    /// Product name.
    pub name: String,
    /// Producer.
    pub producer: String,
    /// OCOP group code (`food`, …).
    pub group: String,
    /// `148` or `1048`.
    pub criteria: String,
    /// Part A points.
    pub score_a: String,
    /// Part B points.
    pub score_b: String,
    /// Part C points.
    pub score_c: String,
    /// Stars on the certificate (when no score is recorded).
    pub stars: String,
    /// The certificate's decision number.
    pub decision: String,
    /// The decision date, `YYYY-MM-DD`.
    pub decided: String,
    /// The end date printed on the certificate, `YYYY-MM-DD`.
    pub valid_until: String,
    /// GTINs.
    pub gtins: String,
    /// Lots, serials or other traceability references.
    pub lots: String,
}

/// A field at fault and why (in the language asked for).
pub type FieldError = (&'static str, String);

/// A field at fault and why, in both languages.
type Problem = (&'static str, Reason);

impl EntryInput {
    /// The input that gives back `entry` (for edit forms).
    pub fn from_entry(entry: &RegisterEntry) -> Self {
        let score = entry.score.as_ref();
        let part = |i: usize| {
            score
                .map(|s| s.parts()[i].normalize().to_string())
                .unwrap_or_default()
        };
        let cert = entry.certificate.as_ref();
        Self {
            province: entry.province.to_string(),
            name: entry.name.clone(),
            producer: entry.producer.clone(),
            group: entry.group.code().to_owned(),
            criteria: match score.map(Score::criteria) {
                Some(Criteria::Qd1048) => "1048".into(),
                _ => "148".into(),
            },
            score_a: part(0),
            score_b: part(1),
            score_c: part(2),
            stars: cert
                .map(|c| c.stars().count().to_string())
                .unwrap_or_default(),
            decision: cert.map(|c| c.decision().to_owned()).unwrap_or_default(),
            decided: cert.map(|c| c.decided().to_string()).unwrap_or_default(),
            valid_until: cert
                .map(|c| c.valid_until().to_string())
                .unwrap_or_default(),
            gtins: entry
                .gtins
                .iter()
                .map(|g| g.as_str().to_owned())
                .collect::<Vec<_>>()
                .join(", "),
            lots: entry.trace_refs.join("\n"),
        }
    }

    /// Checks every field and builds the entry, or lists every problem
    /// (in English; numbers read as [`crate::score::parse_points`] reads them).
    pub fn build(&self) -> Result<RegisterEntry, Vec<FieldError>> {
        self.build_in(Lang::En)
    }

    /// [`EntryInput::build`] for a reader of `lang`: scores are read as
    /// that reader writes numbers (`35,5` in Vietnamese) and every problem
    /// is in that language.
    pub fn build_in(&self, lang: Lang) -> Result<RegisterEntry, Vec<FieldError>> {
        self.checked(lang).map_err(|problems| {
            problems
                .into_iter()
                .map(|(f, r)| (f, r.get(lang).to_owned()))
                .collect()
        })
    }

    fn checked(&self, lang: Lang) -> Result<RegisterEntry, Vec<Problem>> {
        let mut errors: Vec<Problem> = Vec::new();
        let province = match AreaCode::parse(self.province.trim()) {
            Ok(c)
                if Geography::embedded()
                    .province(c, BoundaryVersion::V2025)
                    .is_some() =>
            {
                Some(c)
            }
            Ok(c) => {
                errors.push((
                    "province",
                    Reason::new(
                        format!("{c} is not a province on the 2025 map (34 provinces and cities)"),
                        format!("{c} không phải tỉnh, thành phố trên bản đồ 2025 (34 tỉnh, thành)"),
                    ),
                ));
                None
            }
            Err(e) => {
                errors.push(("province", Reason::new(e.to_string(), e.vi())));
                None
            }
        };
        let group = ProductGroup::parse(&self.group)
            .map_err(|e| errors.push(("group", Reason::from(&e))))
            .ok();
        let score = self.score(lang, &mut errors);
        let certificate = self.certificate(score.as_ref(), &mut errors);
        let mut gtins = Vec::new();
        for g in split(&self.gtins, true) {
            match parse_gtin(g) {
                Ok(g) if !gtins.contains(&g) => gtins.push(g),
                Ok(_) => {}
                Err(e) => errors.push(("gtins", Reason::from(&e))),
            }
        }
        let mut lots: Vec<String> = Vec::new();
        for l in split(&self.lots, false) {
            if l.chars().count() > 200 {
                errors.push((
                    "lots",
                    Reason::new(
                        format!("{l:.40}…: a lot reference has at most 200 characters"),
                        format!("{l:.40}…: mỗi mã lô có tối đa 200 ký tự"),
                    ),
                ));
                continue;
            }
            let l = congthuong_gs1::canonical_uri(l).unwrap_or_else(|| l.to_owned());
            if !lots.contains(&l) {
                lots.push(l);
            }
        }
        let (Some(province), Some(group)) = (province, group) else {
            return Err(errors);
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut entry = RegisterEntry::new(
            province,
            &self.name,
            &self.producer,
            group,
            score,
            certificate,
        )
        .map_err(|e| {
            let field = match &e {
                crate::Error::InvalidEntry { reason } if reason.en.contains("producer") => {
                    "producer"
                }
                crate::Error::InvalidEntry { .. } => "name",
                _ => "stars",
            };
            vec![(field, Reason::from(&e))]
        })?;
        for g in gtins {
            entry.add_gtin(g);
        }
        entry.trace_refs = lots;
        Ok(entry)
    }

    fn score(&self, lang: Lang, errors: &mut Vec<Problem>) -> Option<Score> {
        let parts = [
            ("score_a", &self.score_a),
            ("score_b", &self.score_b),
            ("score_c", &self.score_c),
        ];
        if parts.iter().all(|(_, v)| v.trim().is_empty()) {
            return None;
        }
        let criteria = if self.criteria.trim().is_empty() {
            Criteria::Qd148
        } else {
            match Criteria::parse(&self.criteria) {
                Ok(c) => c,
                Err(e) => {
                    errors.push(("criteria", Reason::from(&e)));
                    return None;
                }
            }
        };
        // Each part on its own first, so that every problem is reported.
        let mut points = Vec::new();
        for ((field, v), max) in parts.iter().zip(criteria.maxima()) {
            if v.trim().is_empty() {
                errors.push((
                    field,
                    Reason::new(
                        "a score needs all three parts A, B and C",
                        "điểm cần đủ cả ba phần A, B và C",
                    ),
                ));
                continue;
            }
            match parse_points_in(v, lang) {
                Ok(p) if p > rust_decimal::Decimal::from(max) => errors.push((
                    field,
                    Reason::new(
                        format!(
                            "{} points is over the maximum of {max} for this part under {}",
                            p.normalize(),
                            criteria.cite()
                        ),
                        format!(
                            "{} điểm vượt mức tối đa {max} của phần này theo {}",
                            p.normalize().to_string().replace('.', ","),
                            criteria.cite_vi()
                        ),
                    ),
                )),
                Ok(p) => points.push(p),
                Err(e) => errors.push((field, Reason::from(&e))),
            }
        }
        let [a, b, c] = points[..] else {
            return None;
        };
        Score::new(criteria, a, b, c)
            .map_err(|e| errors.push(("score_a", Reason::from(&e))))
            .ok()
    }

    fn certificate(&self, score: Option<&Score>, errors: &mut Vec<Problem>) -> Option<Certificate> {
        let typed_stars = match self.stars.trim() {
            "" => None,
            s => match s.parse::<u8>().ok().and_then(|n| Stars::try_from(n).ok()) {
                Some(st) => Some(st),
                None => {
                    errors.push((
                        "stars",
                        Reason::new(
                            format!("{s:?}: stars are 1 to 5"),
                            format!("{s:?}: hạng sao từ 1 đến 5"),
                        ),
                    ));
                    return None;
                }
            },
        };
        if let (Some(score), Some(st)) = (score, typed_stars)
            && score.stars() != st
        {
            errors.push((
                "stars",
                Reason::new(
                    format!(
                        "{} stars typed, but the score {} gives {}",
                        st.count(),
                        score.total().normalize(),
                        score.stars().count()
                    ),
                    format!(
                        "nhập {} sao nhưng tổng điểm {} ứng với {} sao",
                        st.count(),
                        score.total().normalize().to_string().replace('.', ","),
                        score.stars().count()
                    ),
                ),
            ));
            return None;
        }
        let (decision, decided) = (self.decision.trim(), self.decided.trim());
        if decision.is_empty() && decided.is_empty() {
            if !self.valid_until.trim().is_empty() {
                errors.push((
                    "valid_until",
                    Reason::new(
                        "an end date without a certificate: give its decision number and date",
                        "có ngày hết hiệu lực mà chưa có giấy chứng nhận: hãy nhập số và ngày quyết định",
                    ),
                ));
            }
            return None;
        }
        if decision.is_empty() {
            errors.push((
                "decision",
                Reason::new(
                    "the certificate's decision number is missing",
                    "thiếu số quyết định công nhận",
                ),
            ));
        }
        let decided = match parse_date(decided) {
            Ok(d) => Some(d),
            Err(e) => {
                errors.push(("decided", Reason::from(&e)));
                None
            }
        };
        let stars = match score.map(Score::stars).or(typed_stars) {
            Some(s) => s,
            None => {
                errors.push((
                    "stars",
                    Reason::new(
                        "a certificate without a score needs its stars (3, 4 or 5)",
                        "giấy chứng nhận không kèm điểm thì cần hạng sao (3, 4 hoặc 5)",
                    ),
                ));
                return None;
            }
        };
        let decided = decided?;
        if decision.is_empty() {
            return None;
        }
        let cert = match Certificate::issue(stars, decided, decision) {
            Ok(c) => c,
            Err(e) => {
                errors.push(("stars", Reason::from(&e)));
                return None;
            }
        };
        match self.valid_until.trim() {
            "" => Some(cert),
            v => match parse_date(v).and_then(|d| cert.with_valid_until(d)) {
                Ok(c) => Some(c),
                Err(e) => {
                    errors.push(("valid_until", Reason::from(&e)));
                    None
                }
            },
        }
    }
}

/// The items of a list field.
fn split(s: &str, spaces: bool) -> Vec<&str> {
    s.split(|c: char| c == ',' || c == ';' || c == '\n' || c == '\r' || (spaces && c == ' '))
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vai() -> EntryInput {
        EntryInput {
            province: "24".into(),
            name: "Vải thiều Lục Ngạn".into(),
            producer: "HTX Nông sản Lục Ngạn".into(),
            group: "food".into(),
            score_a: "36".into(),
            score_b: "20".into(),
            score_c: "30".into(),
            decision: "123/QĐ-UBND".into(),
            decided: "2024-06-01".into(),
            gtins: "8934567000017, 8934567000017\n8934567000024".into(),
            lots: "urn:epc:class:lgtin:8934567.000001.L1\nLÔ-2024-07".into(),
            ..EntryInput::default()
        }
    }

    #[test]
    fn a_full_entry_builds_and_round_trips() {
        let e = vai().build().unwrap();
        assert_eq!(e.score.unwrap().stars(), Stars::Four);
        let c = e.certificate.as_ref().unwrap();
        assert_eq!(c.valid_until().to_string(), "2027-06-01");
        assert_eq!(e.gtins.len(), 2, "a GTIN typed twice is kept once");
        assert_eq!(
            e.trace_refs,
            vec![
                "https://id.gs1.org/01/08934567000017/10/L1".to_owned(),
                "LÔ-2024-07".to_owned()
            ]
        );
        let back = EntryInput::from_entry(&e).build().unwrap();
        assert_eq!(back, e);
    }

    #[test]
    fn every_problem_is_in_the_readers_language_and_scores_read_vietnamese_numbers() {
        let bad = EntryInput {
            province: "27".into(),
            group: "fruit".into(),
            score_a: "35,5,5".into(),
            score_b: String::new(),
            stars: "3".into(),
            decided: "2024-13-01".into(),
            gtins: "8934567000018".into(),
            ..vai()
        };
        let errors = bad.build_in(Lang::Vi).unwrap_err();
        assert_eq!(errors.len(), bad.build().unwrap_err().len());
        for (field, text) in &errors {
            for english in [
                "invalid", "expected", "unknown", "must", " the ", "digit", " is ",
            ] {
                assert!(!text.contains(english), "{field}: {text}");
            }
        }
        assert!(
            errors
                .iter()
                .any(|(f, t)| *f == "gtins" && t.contains("số kiểm tra")),
            "{errors:?}"
        );
        // 36,5 + 20 + 30 = 86,5 in Vietnamese: four stars.
        let decimal_comma = EntryInput {
            score_a: "36,5".into(),
            ..vai()
        };
        let entry = decimal_comma.build_in(Lang::Vi).unwrap();
        assert_eq!(entry.score.unwrap().total().to_string(), "86.5");
    }

    #[test]
    fn every_problem_is_reported_with_its_field() {
        let bad = EntryInput {
            province: "27".into(),
            group: "fruit".into(),
            score_b: String::new(),
            stars: "3".into(),
            decided: "2024-13-01".into(),
            gtins: "8934567000018".into(),
            ..vai()
        };
        let errors = bad.build().unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.0).collect();
        for f in ["province", "group", "score_b", "decided", "gtins"] {
            assert!(fields.contains(&f), "{f} in {errors:?}");
        }
        assert!(
            errors[0].1.contains("not a province on the 2025 map"),
            "{errors:?}"
        );
        let disagree = EntryInput {
            stars: "5".into(),
            ..vai()
        };
        let e = disagree.build().unwrap_err();
        assert_eq!(e[0].0, "stars");
        assert!(e[0].1.contains("score 86 gives 4"), "{e:?}");
        let no_stars = EntryInput {
            score_a: String::new(),
            score_b: String::new(),
            score_c: String::new(),
            ..vai()
        };
        assert!(
            no_stars.build().unwrap_err()[0]
                .1
                .contains("needs its stars")
        );
        let two_stars = EntryInput {
            stars: "2".into(),
            ..no_stars
        };
        assert!(
            two_stars.build().unwrap_err()[0]
                .1
                .contains("gets no OCOP certificate")
        );
    }

    #[test]
    fn a_product_without_score_or_certificate_is_fine() {
        let plain = EntryInput {
            province: "14".into(),
            name: "Cà phê Sơn La".into(),
            producer: "HTX".into(),
            group: "beverage".into(),
            ..EntryInput::default()
        };
        let e = plain.build().unwrap();
        assert!(e.score.is_none() && e.certificate.is_none() && e.gtins.is_empty());
    }
}
