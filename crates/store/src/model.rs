//! The typed records the [`crate::Store`] takes and gives back.
//!
//! A *submission* is one accepted version of one (dataset, area, period):
//! its content is an immutable blob keyed by its SHA-256 hash. A
//! *release* is a compiled, immutable vintage: the submissions it used and
//! its index, contribution and warning rows, indicator values and targets.

use serde::Serialize;

/// What a submission holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Dataset {
    /// A province's report lines for one month (area = province code on
    /// the boundaries in force that month, period = `YYYY-MM`).
    Microdata,
    /// The product basket of a base year (area `VN`, period = `YYYY`).
    Products,
    /// Industry and product weights of a base year (area `VN`, period = `YYYY`).
    Weights,
    /// Groups of areas used with a base year (area `VN`, period = `YYYY`).
    Groups,
    /// Indicator values of one area and month (period = `YYYY-MM`).
    Indicators,
    /// Plan targets of one area and year (period = `YYYY`).
    Targets,
}

impl Dataset {
    /// Every dataset.
    pub const ALL: [Dataset; 6] = [
        Dataset::Microdata,
        Dataset::Products,
        Dataset::Weights,
        Dataset::Groups,
        Dataset::Indicators,
        Dataset::Targets,
    ];

    /// The code stored and shown.
    pub fn as_str(self) -> &'static str {
        match self {
            Dataset::Microdata => "microdata",
            Dataset::Products => "products",
            Dataset::Weights => "weights",
            Dataset::Groups => "groups",
            Dataset::Indicators => "indicators",
            Dataset::Targets => "targets",
        }
    }

    /// Parses a code.
    pub fn parse(s: &str) -> Option<Dataset> {
        Dataset::ALL.into_iter().find(|d| d.as_str() == s)
    }
}

impl std::fmt::Display for Dataset {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a submission is a version of.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct SubmissionKey {
    /// The dataset.
    pub dataset: Dataset,
    /// Province code, group id or `VN`.
    pub area: String,
    /// `YYYY-MM`, or `YYYY` for datasets keyed by year.
    pub period: String,
}

impl std::fmt::Display for SubmissionKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}/{}", self.dataset, self.area, self.period)
    }
}

/// One indicator value.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct IndicatorValue {
    /// Province code, group id or `VN`.
    pub area: String,
    /// `YYYY-MM`.
    pub period: String,
    /// Indicator code.
    pub indicator: String,
    /// The value.
    pub value: f64,
    /// Unit.
    pub unit: String,
    /// `provisional`, `revised`, `estimated` or `final`.
    pub status: String,
}

/// One plan target.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TargetValue {
    /// Province code, group id or `VN`.
    pub area: String,
    /// The plan year.
    pub year: i32,
    /// Indicator code.
    pub indicator: String,
    /// The target.
    pub target: f64,
}

/// Rows of a submission that are also kept as queryable rows.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Rows {
    /// Only the blob.
    #[default]
    None,
    /// Indicator values.
    Indicators(Vec<IndicatorValue>),
    /// Plan targets.
    Targets(Vec<TargetValue>),
}

/// A submission to store.
#[derive(Clone, Debug)]
pub struct NewSubmission {
    /// What it is a version of.
    pub key: SubmissionKey,
    /// Who submits.
    pub actor: String,
    /// Why (free text).
    pub note: String,
    /// Where it came from (file name).
    pub source: String,
    /// How the content is encoded (see [`crate::codec`]).
    pub encoding: &'static str,
    /// The canonical content; its SHA-256 is the content hash.
    pub content: Vec<u8>,
    /// Number of lines or rows in it.
    pub row_count: u64,
    /// Plausibility warnings, kept for review.
    pub warnings: Vec<String>,
    /// Reporting units seen (microdata only).
    pub units: Vec<String>,
    /// Queryable rows.
    pub rows: Rows,
}

/// A stored version.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Submission {
    /// Its id.
    pub id: i64,
    /// What it is a version of.
    pub key: SubmissionKey,
    /// 1, 2, … per key.
    pub version: i64,
    /// Who.
    pub actor: String,
    /// When (UTC, RFC 3339).
    pub created_at: String,
    /// Why.
    pub note: String,
    /// Where it came from.
    pub source: String,
    /// SHA-256 of the content, hex.
    pub content_hash: String,
    /// Lines or rows.
    pub row_count: i64,
    /// Plausibility warnings.
    pub warnings: Vec<String>,
}

/// What happened to one submission of a batch.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum SubmitOutcome {
    /// Stored as a new version.
    Stored(Submission),
    /// The content equals the latest version: nothing stored.
    Unchanged(Submission),
}

impl SubmitOutcome {
    /// The submission stored, or the latest one that already held it.
    pub fn submission(&self) -> &Submission {
        match self {
            SubmitOutcome::Stored(s) | SubmitOutcome::Unchanged(s) => s,
        }
    }

    /// True when a new version was stored.
    pub fn is_new(&self) -> bool {
        matches!(self, SubmitOutcome::Stored(_))
    }
}

/// Which submissions to list.
#[derive(Clone, Debug, Default)]
pub struct SubmissionFilter {
    /// Only this dataset.
    pub dataset: Option<Dataset>,
    /// Only this area.
    pub area: Option<String>,
    /// Only this period.
    pub period: Option<String>,
    /// Only the latest version of each key.
    pub current_only: bool,
}

/// One row of a release's index table.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct IndexRow {
    /// `2025` or `pre2025`: the boundaries the figures are stated on.
    pub boundaries: String,
    /// Province code, group id or `VN`.
    pub area: String,
    /// `total`, `section`, `division`, `class` or `product`.
    pub level: String,
    /// Node or product code.
    pub code: String,
    /// `YYYY-MM`.
    pub period: String,
    /// The index (base year = 100).
    pub index: f64,
    /// Growth on the previous month, %.
    pub mom_pct: Option<f64>,
    /// Growth on the same month of the previous year, %.
    pub yoy_pct: Option<f64>,
    /// Year-to-date growth, %.
    pub ytd_yoy_pct: Option<f64>,
}

/// One row of a release's contributions.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ContributionRow {
    /// Boundaries.
    pub boundaries: String,
    /// Whose figure.
    pub area: String,
    /// `YYYY-MM`.
    pub period: String,
    /// `mom`, `yoy` or `ytd`.
    pub comparison: String,
    /// Parent code.
    pub parent: String,
    /// Child level.
    pub child_level: String,
    /// Child code.
    pub child: String,
    /// Percentage points.
    pub contribution_pp: f64,
}

/// One warning of a release's compilation.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WarningRow {
    /// Boundaries.
    pub boundaries: String,
    /// Area (may be empty).
    pub area: String,
    /// Code (may be empty).
    pub code: String,
    /// Period (may be empty).
    pub period: String,
    /// What happened.
    pub message: String,
}

/// A release to store.
#[derive(Clone, Debug, Default)]
pub struct NewRelease {
    /// The last month included.
    pub period: String,
    /// Who makes it.
    pub actor: String,
    /// Why.
    pub note: String,
    /// The weights' base year.
    pub base_year: i32,
    /// The submissions it was compiled from.
    pub inputs: Vec<i64>,
    /// Index rows.
    pub index: Vec<IndexRow>,
    /// Contribution rows.
    pub contributions: Vec<ContributionRow>,
    /// Warning rows.
    pub warnings: Vec<WarningRow>,
    /// Indicator values published with it.
    pub indicators: Vec<IndicatorValue>,
    /// Plan targets published with it.
    pub targets: Vec<TargetValue>,
    /// Its figures as one snapshot blob (`congthuong_figures::snapshot`).
    pub snapshot: Option<Vec<u8>>,
}

/// A stored release.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Release {
    /// Its id (1, 2, …).
    pub id: i64,
    /// The last month included.
    pub period: String,
    /// When (UTC, RFC 3339).
    pub created_at: String,
    /// Who.
    pub actor: String,
    /// Why.
    pub note: String,
    /// The weights' base year.
    pub base_year: i32,
    /// SHA-256 over its rows, hex.
    pub content_hash: String,
    /// The submissions it used.
    pub inputs: Vec<i64>,
    /// Counts of index, contribution and warning rows.
    pub counts: [i64; 3],
}

/// Which rows of a release to read.
#[derive(Clone, Debug, Default)]
pub struct RowFilter {
    /// Only these boundaries (`2025` or `pre2025`).
    pub boundaries: Option<String>,
    /// Only this area.
    pub area: Option<String>,
    /// Only this level.
    pub level: Option<String>,
    /// Only this code.
    pub code: Option<String>,
    /// From this period on (inclusive).
    pub from: Option<String>,
    /// Up to this period (inclusive).
    pub to: Option<String>,
}

/// One audit entry.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AuditEntry {
    /// Its id.
    pub id: i64,
    /// When (UTC, RFC 3339).
    pub at: String,
    /// Who.
    pub actor: String,
    /// What (`submit`, `release`, `load-reference`, `backup`, `restore`, `migrate`).
    pub action: String,
    /// On what (e.g. `microdata/01/2024-03`, `release/2`).
    pub object: String,
    /// Content hash before, if any.
    pub hash_before: Option<String>,
    /// Content hash after, if any.
    pub hash_after: Option<String>,
    /// Details (version, note, counts).
    pub detail: String,
}

/// A published reference series' source.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReferenceSource {
    /// Stable id, e.g. `gso_iip_national_monthly`.
    pub id: String,
    /// Label shown beside the figures.
    pub label: String,
    /// Where the figures come from.
    pub citation: String,
}

/// One value of a published reference series.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReferenceValue {
    /// Source id.
    pub source: String,
    /// Series code, e.g. `iip_yoy_pct_first_release`.
    pub series: String,
    /// Area (`VN`).
    pub area: String,
    /// `YYYY-MM`.
    pub period: String,
    /// The published value.
    pub value: f64,
}

/// A reporting unit and the months it was seen.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReportingUnit {
    /// Unit id.
    pub unit_id: String,
    /// Province code it reported under.
    pub area: String,
    /// First month seen.
    pub first_period: String,
    /// Last month seen.
    pub last_period: String,
}
