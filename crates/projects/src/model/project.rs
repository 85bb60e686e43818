//! A key project and everything recorded about it: milestones (baseline,
//! re-plans, actual), site clearance, administrative procedures,
//! disbursement by month, blockers, progress updates, earned value.
//!
//! Fields are public so the import, the API and the demo can build a
//! project piece by piece; every piece is a validated type, and
//! [`Project::validate`] checks what spans fields (unique milestone codes,
//! cleared area within the needed area, capital within the total). The
//! repository calls it before every write and after every read.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::date::{Date, Timestamp};
use crate::error::{Error, Reason, Result};
use crate::model::common::{Amount, Code, Label, Place, vocabulary};

vocabulary! {
    /// Who decided the project is key.
    ProjectLevel, "project level" {
        /// A national key project (*dự án trọng điểm quốc gia*).
        National = ("national", "Quốc gia", "National"),
        /// A provincial key project (*dự án trọng điểm địa phương*).
        Provincial = ("provincial", "Địa phương", "Provincial"),
    }
}

vocabulary! {
    /// The sector of a project that is not classed by a VSIC division.
    SectorKind, "sector" {
        /// Power generation, grids, gas (*năng lượng*).
        Energy = ("energy", "Năng lượng", "Energy"),
        /// Industrial parks and clusters (*khu, cụm công nghiệp*).
        IndustrialPark = ("industrial_park", "Khu, cụm công nghiệp", "Industrial park"),
        /// Markets, logistics centres, border-gate trade (*hạ tầng thương mại*).
        TradeInfrastructure = ("trade_infrastructure", "Hạ tầng thương mại", "Trade infrastructure"),
    }
}

/// The sector: a VSIC 2018 industrial division (05–39) or one of the
/// [`SectorKind`]s.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Sector {
    /// A VSIC 2018 division, 5–39.
    Division(u8),
    /// Energy, an industrial park, trade infrastructure.
    Kind(SectorKind),
}

impl Sector {
    /// Parses a 2-digit VSIC division (`24`, or `vsic:24`) or a sector
    /// kind (code or label).
    pub fn parse(s: &str) -> Result<Self> {
        use crate::model::common::Vocabulary;
        let t = s.trim();
        let digits = t.strip_prefix("vsic:").unwrap_or(t);
        if digits.len() == 2 && digits.bytes().all(|b| b.is_ascii_digit()) {
            return match congthuong_core::Node::parse(digits) {
                Ok(congthuong_core::Node::Division(d)) => Ok(Sector::Division(d)),
                Ok(_) => Err(Error::invalid(
                    "sector",
                    t,
                    Reason::new("not a division", "không phải ngành cấp 2"),
                )),
                Err(e) => Err(Error::invalid(
                    "sector",
                    t,
                    match e {
                        congthuong_core::IndustryCodeError::NotIndustrial(d) => Reason::new(
                            e.to_string(),
                            format!(
                                "ngành cấp 2 {d:02} không thuộc công nghiệp (B = 05–09, C = 10–33, D = 35, E = 36–39)"
                            ),
                        ),
                        congthuong_core::IndustryCodeError::Malformed => Reason::new(
                            e.to_string(),
                            "cần mã ngành VSIC cấp 4 (4 chữ số), cấp 2 (2 chữ số) hoặc chữ cái ngành B, C, D, E",
                        ),
                    },
                )),
            };
        }
        SectorKind::parse(t).map(Sector::Kind).map_err(|_| {
            Error::invalid(
                "sector",
                t,
                Reason::new(
                    "expected a VSIC division 05–39 (e.g. 24) or energy, industrial_park, trade_infrastructure",
                    "cần mã ngành cấp 2 VSIC 05–39 (ví dụ 24) hoặc energy (năng lượng), industrial_park (khu công nghiệp), trade_infrastructure (hạ tầng thương mại)",
                ),
            )
        })
    }

    /// The code: `vsic:24` or the kind's code.
    pub fn code(self) -> String {
        use crate::model::common::Vocabulary;
        match self {
            Sector::Division(d) => format!("vsic:{d:02}"),
            Sector::Kind(k) => k.code().to_owned(),
        }
    }

    /// The Vietnamese label.
    pub fn vi(self) -> String {
        use crate::model::common::Vocabulary;
        match self {
            Sector::Division(d) => {
                let name = congthuong_core::Node::Division(d)
                    .name()
                    .map(|n| n.name_vi.as_str())
                    .unwrap_or("");
                format!("{d:02} {name}").trim_end().to_owned()
            }
            Sector::Kind(k) => k.vi().to_owned(),
        }
    }
}

impl TryFrom<String> for Sector {
    type Error = Error;
    fn try_from(s: String) -> Result<Self> {
        Sector::parse(&s)
    }
}

impl From<Sector> for String {
    fn from(s: Sector) -> String {
        s.code()
    }
}

vocabulary! {
    /// A source of capital.
    CapitalSource, "capital source" {
        /// Central state budget (*ngân sách trung ương*).
        CentralBudget = ("central_budget", "Ngân sách trung ương", "Central budget"),
        /// Local budget (*ngân sách địa phương*).
        LocalBudget = ("local_budget", "Ngân sách địa phương", "Local budget"),
        /// Official development assistance.
        Oda = ("oda", "Vốn ODA", "ODA"),
        /// Public–private partnership.
        Ppp = ("ppp", "Vốn PPP", "PPP"),
        /// Domestic private capital (*vốn tư nhân trong nước*).
        Private = ("private", "Vốn tư nhân", "Private"),
        /// Foreign direct investment.
        Fdi = ("fdi", "Vốn FDI", "FDI"),
    }
}

/// An approved change of a milestone's planned date. Kept for ever: a
/// re-plan is never edited or removed, a later re-plan supersedes it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Replan {
    /// The new planned date.
    pub date: Date,
    /// Why (required).
    pub reason: Label,
    /// The decision that approved it (number and date), if any.
    pub decision: Option<Label>,
    /// Who recorded it.
    pub by: String,
    /// When it was recorded.
    pub at: Timestamp,
}

/// A milestone: the baseline date fixed when the project was entered, the
/// re-plans, and the actual date once done.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Milestone {
    /// Unique within the project, e.g. `khoi_cong`.
    pub code: Code,
    /// What it is, e.g. "Khởi công".
    pub name: Label,
    /// Who must deliver it; the project's responsible agency when `None`.
    pub agency: Option<Label>,
    /// The planned date first approved. Never changes.
    pub baseline: Date,
    /// Approved re-plans, oldest first.
    pub replans: Vec<Replan>,
    /// When it was done.
    pub actual: Option<Date>,
}

impl Milestone {
    /// A milestone with no re-plan and not done.
    pub fn new(code: Code, name: Label, baseline: Date) -> Self {
        Self {
            code,
            name,
            agency: None,
            baseline,
            replans: Vec::new(),
            actual: None,
        }
    }

    /// The date it is planned for now: the last re-plan, else the baseline.
    pub fn current_plan(&self) -> Date {
        self.replans.last().map_or(self.baseline, |r| r.date)
    }
}

/// The standard milestones of a public investment project, in order
/// (code, Vietnamese, English). Any other code may be used.
pub const STANDARD_MILESTONES: [(&str, &str, &str); 7] = [
    (
        "chu_truong",
        "Quyết định chủ trương đầu tư",
        "Investment policy decision",
    ),
    ("quyet_dinh", "Quyết định đầu tư", "Investment decision"),
    ("ban_giao_mb", "Bàn giao mặt bằng", "Site handover"),
    ("giay_phep", "Cấp phép (ĐTM, xây dựng)", "EIA and permits"),
    ("khoi_cong", "Khởi công", "Groundbreaking"),
    (
        "hoan_thanh",
        "Hoàn thành, vận hành thương mại",
        "Completion, commercial operation",
    ),
    ("quyet_toan", "Quyết toán", "Final settlement"),
];

/// Site clearance (*giải phóng mặt bằng*).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SiteClearance {
    /// Area to be cleared, hectares.
    pub area_needed_ha: Amount,
    /// Area handed over so far, hectares.
    pub area_cleared_ha: Amount,
    /// Households affected.
    pub households_affected: Option<u32>,
    /// Households relocated so far.
    pub households_relocated: Option<u32>,
}

impl SiteClearance {
    /// Cleared as a percentage of needed; `None` when nothing is needed.
    pub fn percent_cleared(&self) -> Option<f64> {
        let need = self.area_needed_ha.get();
        (need > 0.0).then(|| self.area_cleared_ha.get() / need * 100.0)
    }
}

/// An administrative procedure the project waits on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Procedure {
    /// What it is, e.g. "Phê duyệt báo cáo ĐTM".
    pub name: Label,
    /// The competent agency that must decide.
    pub agency: Label,
    /// When the file was submitted.
    pub submitted: Option<Date>,
    /// The statutory or agreed deadline.
    pub due: Date,
    /// When it was decided.
    pub done: Option<Date>,
}

/// One month of disbursement.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MonthlyDisbursement {
    /// 1–12.
    pub month: u32,
    /// Disbursed in that month, billion VND.
    pub disbursed: Amount,
}

/// A year's capital plan and what was disbursed month by month.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DisbursementYear {
    /// The plan year.
    pub year: i32,
    /// The year's capital plan (*kế hoạch vốn năm*), billion VND.
    pub plan: Amount,
    /// The part of it assigned by the Prime Minister, when reported (the
    /// second denominator of the press reports).
    pub plan_pm: Option<Amount>,
    /// Monthly disbursement, each month at most once.
    pub months: Vec<MonthlyDisbursement>,
}

impl DisbursementYear {
    /// Disbursed from January through `month` (inclusive).
    pub fn disbursed_through(&self, month: u32) -> f64 {
        self.months
            .iter()
            .filter(|m| m.month <= month)
            .map(|m| m.disbursed.get())
            .sum()
    }
}

vocabulary! {
    /// What kind of obstacle a blocker is.
    BlockerCategory, "blocker category" {
        /// Site clearance.
        SiteClearance = ("site_clearance", "Giải phóng mặt bằng", "Site clearance"),
        /// Administrative procedures.
        Procedures = ("procedures", "Thủ tục hành chính", "Procedures"),
        /// Capital allocation or disbursement.
        Capital = ("capital", "Vốn", "Capital"),
        /// Construction materials.
        Materials = ("materials", "Vật liệu xây dựng", "Materials"),
        /// Contractor capacity.
        Contractor = ("contractor", "Nhà thầu", "Contractor"),
        /// Technical or design issues.
        Technical = ("technical", "Kỹ thuật", "Technical"),
        /// Anything else.
        Other = ("other", "Khác", "Other"),
    }
}

vocabulary! {
    /// Who a blocker has been escalated to.
    Escalation, "escalation level" {
        /// The provincial people's committee.
        Province = ("province", "Tỉnh", "Province"),
        /// A ministry.
        Ministry = ("ministry", "Bộ, ngành", "Ministry"),
        /// The State steering committee for key projects.
        SteeringCommittee = ("steering_committee", "Ban Chỉ đạo", "Steering committee"),
        /// The Prime Minister.
        PrimeMinister = ("prime_minister", "Thủ tướng Chính phủ", "Prime Minister"),
    }
}

/// An obstacle (*vướng mắc*) and who must remove it by when.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Blocker {
    /// Unique within the project.
    pub code: Code,
    /// What blocks.
    pub description: Label,
    /// The kind of obstacle.
    pub category: BlockerCategory,
    /// The agency responsible for removing it.
    pub agency: Label,
    /// How far it has been escalated.
    pub escalation: Escalation,
    /// When it was raised.
    pub raised: Date,
    /// The deadline given to the agency.
    pub deadline: Date,
    /// When it was removed.
    pub resolved: Option<Date>,
    /// How (the resolving document or action).
    pub resolution: Option<Label>,
}

/// A dated progress note. Updates are append-only.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProgressUpdate {
    /// The date the note is about.
    pub date: Date,
    /// Who wrote it.
    pub author: Label,
    /// The note.
    pub text: Label,
    /// Physical progress, percent of the work, if reported.
    pub physical_percent: Option<f64>,
}

/// Earned-value figures at a date (billion VND), see [`crate::evm`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EarnedValue {
    /// The status date.
    pub as_of: Date,
    /// Budget at completion, if known.
    pub bac: Option<Amount>,
    /// Planned value: the budgeted cost of the work scheduled to date.
    pub pv: Amount,
    /// Earned value: the budgeted cost of the work actually done.
    pub ev: Amount,
    /// Actual cost of the work done.
    pub ac: Amount,
}

/// A key project.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Project {
    /// The project's code, unique in the register.
    pub id: Code,
    /// Its name.
    pub name: Label,
    /// National or provincial.
    pub level: ProjectLevel,
    /// Province(s), on the boundary version in force when entered.
    pub place: Place,
    /// Its sector.
    pub sector: Sector,
    /// The investor (*chủ đầu tư*).
    pub investor: Label,
    /// Total investment, billion VND.
    pub total_investment: Amount,
    /// Capital by source, billion VND.
    pub capital: BTreeMap<CapitalSource, Amount>,
    /// The agency responsible for following the project.
    pub agency: Label,
    /// Milestones in order.
    pub milestones: Vec<Milestone>,
    /// Site clearance, when the project needs land.
    pub site_clearance: Option<SiteClearance>,
    /// Administrative procedures.
    pub procedures: Vec<Procedure>,
    /// Capital plans and disbursement, by year.
    pub disbursement: Vec<DisbursementYear>,
    /// Blockers, open and resolved.
    pub blockers: Vec<Blocker>,
    /// Progress notes, oldest first (append-only).
    pub updates: Vec<ProgressUpdate>,
    /// Earned-value status reports, oldest first.
    pub earned_value: Vec<EarnedValue>,
    /// True for synthetic demo data.
    pub synthetic: bool,
}

impl Project {
    /// A project with no milestone or other detail yet.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        id: Code,
        name: Label,
        level: ProjectLevel,
        place: Place,
        sector: Sector,
        investor: Label,
        total_investment: Amount,
        agency: Label,
    ) -> Self {
        Self {
            id,
            name,
            level,
            place,
            sector,
            investor,
            total_investment,
            capital: BTreeMap::new(),
            agency,
            milestones: Vec::new(),
            site_clearance: None,
            procedures: Vec::new(),
            disbursement: Vec::new(),
            blockers: Vec::new(),
            updates: Vec::new(),
            earned_value: Vec::new(),
            synthetic: false,
        }
    }

    /// The milestone with `code`.
    pub fn milestone(&self, code: &str) -> Option<&Milestone> {
        self.milestones.iter().find(|m| m.code.as_str() == code)
    }

    /// The agency that must deliver a milestone.
    pub fn milestone_agency<'a>(&'a self, m: &'a Milestone) -> &'a Label {
        m.agency.as_ref().unwrap_or(&self.agency)
    }

    /// Checks the rules that span fields; the message names the field.
    pub fn validate(&self) -> Result<()> {
        let id = self.id.as_str();
        let bad = |field: &'static str, input: String, reason: Reason| {
            Err(Error::invalid(
                field,
                input,
                reason.prefixed(&format!("project {id}"), &format!("dự án {id}")),
            ))
        };
        let sources: f64 = self.capital.values().map(|a| a.get()).sum();
        let total = self.total_investment.get();
        if sources > total * (1.0 + 1e-9) + 1e-6 {
            return bad(
                "capital by source",
                format!("{sources}"),
                Reason::new(
                    format!("the sources add up to more than the total investment {total}"),
                    format!("tổng các nguồn vốn lớn hơn tổng mức đầu tư {total}"),
                ),
            );
        }
        let mut codes = std::collections::BTreeSet::new();
        for m in &self.milestones {
            if !codes.insert(m.code.as_str()) {
                return bad(
                    "milestone",
                    m.code.to_string(),
                    Reason::new("listed twice", "ghi hai lần"),
                );
            }
            if m.replans.windows(2).any(|w| w[1].at < w[0].at) {
                return bad(
                    "re-plan",
                    m.code.to_string(),
                    Reason::new(
                        "re-plans must be in the order they were recorded",
                        "các lần điều chỉnh phải theo thứ tự đã ghi",
                    ),
                );
            }
        }
        if let Some(sc) = &self.site_clearance
            && sc.area_cleared_ha.get() > sc.area_needed_ha.get() * (1.0 + 1e-9)
        {
            return bad(
                "area cleared",
                sc.area_cleared_ha.get().to_string(),
                Reason::new(
                    "more than the area needed",
                    "lớn hơn diện tích cần giải phóng",
                ),
            );
        }
        if let Some(sc) = &self.site_clearance
            && let (Some(a), Some(r)) = (sc.households_affected, sc.households_relocated)
            && r > a
        {
            return bad(
                "households relocated",
                r.to_string(),
                Reason::new(
                    "more than the households affected",
                    "nhiều hơn số hộ bị ảnh hưởng",
                ),
            );
        }
        for p in &self.procedures {
            if let (Some(s), Some(d)) = (p.submitted, p.done)
                && d < s
            {
                return bad(
                    "procedure done",
                    d.to_string(),
                    Reason::new(
                        format!("{}: decided before it was submitted", p.name),
                        format!("{}: có kết quả trước ngày nộp hồ sơ", p.name),
                    ),
                );
            }
        }
        let mut years = std::collections::BTreeSet::new();
        for y in &self.disbursement {
            if !years.insert(y.year) {
                return bad(
                    "disbursement year",
                    y.year.to_string(),
                    Reason::new("listed twice", "ghi hai lần"),
                );
            }
            if !(1990..=2200).contains(&y.year) {
                return bad(
                    "disbursement year",
                    y.year.to_string(),
                    Reason::new("out of range", "ngoài khoảng 1990–2200"),
                );
            }
            if let Some(pm) = y.plan_pm
                && pm.get() > y.plan.get() * (1.0 + 1e-9) + 1e-6
            {
                return bad(
                    "PM-assigned plan",
                    pm.get().to_string(),
                    Reason::new("larger than the year's plan", "lớn hơn kế hoạch năm"),
                );
            }
            let mut months = std::collections::BTreeSet::new();
            for m in &y.months {
                if !(1..=12).contains(&m.month) || !months.insert(m.month) {
                    return bad(
                        "disbursement month",
                        format!("{}-{:02}", y.year, m.month),
                        Reason::new(
                            "months are 1–12, each at most once",
                            "tháng từ 1 đến 12, mỗi tháng một lần",
                        ),
                    );
                }
            }
        }
        let mut blockers = std::collections::BTreeSet::new();
        for b in &self.blockers {
            if !blockers.insert(b.code.as_str()) {
                return bad(
                    "blocker",
                    b.code.to_string(),
                    Reason::new("listed twice", "ghi hai lần"),
                );
            }
            if b.deadline < b.raised {
                return bad(
                    "blocker deadline",
                    b.deadline.to_string(),
                    Reason::new(
                        format!("{}: before the date it was raised", b.code),
                        format!("{}: trước ngày nêu vướng mắc", b.code),
                    ),
                );
            }
            if let Some(r) = b.resolved
                && r < b.raised
            {
                return bad(
                    "blocker resolved",
                    r.to_string(),
                    Reason::new(
                        format!("{}: before the date it was raised", b.code),
                        format!("{}: trước ngày nêu vướng mắc", b.code),
                    ),
                );
            }
        }
        for u in &self.updates {
            if let Some(p) = u.physical_percent {
                crate::model::common::percent(p)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sectors_parse_divisions_and_kinds() {
        assert_eq!(Sector::parse("24").unwrap(), Sector::Division(24));
        assert_eq!(Sector::parse("vsic:24").unwrap().code(), "vsic:24");
        assert_eq!(
            Sector::parse("Năng lượng").unwrap(),
            Sector::Kind(SectorKind::Energy)
        );
        assert!(Sector::parse("01").is_err(), "agriculture is not industry");
        assert!(Sector::parse("34").is_err());
        assert!(Sector::parse("mining").is_err());
    }

    #[test]
    fn the_current_plan_is_the_last_replan() {
        let d = |s| Date::parse(s).unwrap();
        let mut m = Milestone::new(
            Code::parse("khoi_cong").unwrap(),
            Label::parse("Khởi công").unwrap(),
            d("2025-03-01"),
        );
        assert_eq!(m.current_plan(), d("2025-03-01"));
        for (date, at) in [("2025-06-01", 1), ("2025-05-01", 2)] {
            m.replans.push(Replan {
                date: d(date),
                reason: Label::parse("GPMB chậm").unwrap(),
                decision: None,
                by: "test".into(),
                at: Timestamp::from_unix(at),
            });
        }
        assert_eq!(m.current_plan(), d("2025-05-01"));
        assert_eq!(m.baseline, d("2025-03-01"));
    }
}
