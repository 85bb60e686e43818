//! The layout of every register's workbook: sheets, columns (code,
//! Vietnamese and English header, whether required, what kind of value),
//! shared by the template, the import, the XLSX export and the CSV export.
//!
//! Row 1 holds the Vietnamese headers, row 2 the English ones (with the
//! column code in brackets); data start on row 3. The import finds columns
//! by header (Vietnamese, English or code, ignoring case and diacritics),
//! so columns may be reordered; row 2 may be deleted.

use crate::model::common::Vocabulary;
use crate::model::difficulty::{DifficultyStatus, RaiserKind};
use crate::model::investment::{Origin, PriorityIndustry};
use crate::model::project::{BlockerCategory, Escalation, ProjectLevel, SectorKind};

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Free text.
    Text,
    /// An identifier (ASCII letters, digits, `-_.`).
    Code,
    /// A date (an Excel date, `YYYY-MM-DD` or `DD/MM/YYYY`).
    Date,
    /// A non-negative number.
    Number,
    /// A non-negative whole number.
    Int,
    /// Có / không.
    Bool,
    /// One of a closed list (the validation list of the template).
    List(ListId),
}

/// The closed lists offered as drop-downs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListId {
    /// `2025`, `pre2025`.
    Boundary,
    /// Project levels.
    Level,
    /// Sector kinds (a VSIC division may be typed instead).
    Sector,
    /// Blocker categories.
    BlockerCategory,
    /// Escalation levels.
    Escalation,
    /// Priority industries.
    Industry,
    /// Domestic / foreign.
    Origin,
    /// Business / association.
    Raiser,
    /// Difficulty statuses.
    DifficultyStatus,
    /// Có / không.
    YesNo,
    /// Strategy kind codes (from the catalogue).
    StrategyKind,
}

fn vi_labels<V: Vocabulary>() -> Vec<String> {
    V::ALL.iter().map(|v| v.vi().to_owned()).collect()
}

impl ListId {
    /// Every list, in the order of the hidden list sheet's columns.
    pub const ALL: [ListId; 11] = [
        ListId::Boundary,
        ListId::Level,
        ListId::Sector,
        ListId::BlockerCategory,
        ListId::Escalation,
        ListId::Industry,
        ListId::Origin,
        ListId::Raiser,
        ListId::DifficultyStatus,
        ListId::YesNo,
        ListId::StrategyKind,
    ];

    /// The values offered (strategy kinds come from the catalogue).
    pub fn values(self, strategy_kinds: &[String]) -> Vec<String> {
        match self {
            ListId::Boundary => vec!["2025".into(), "pre2025".into()],
            ListId::Level => vi_labels::<ProjectLevel>(),
            ListId::Sector => vi_labels::<SectorKind>(),
            ListId::BlockerCategory => vi_labels::<BlockerCategory>(),
            ListId::Escalation => vi_labels::<Escalation>(),
            ListId::Industry => vi_labels::<PriorityIndustry>(),
            ListId::Origin => vi_labels::<Origin>(),
            ListId::Raiser => vi_labels::<RaiserKind>(),
            ListId::DifficultyStatus => vi_labels::<DifficultyStatus>(),
            ListId::YesNo => vec!["có".into(), "không".into()],
            ListId::StrategyKind => strategy_kinds.to_vec(),
        }
    }

    /// Whether the cell must hold one of the values (the sector list also
    /// allows a typed VSIC division, so it only suggests).
    pub fn strict(self) -> bool {
        !matches!(self, ListId::Sector)
    }
}

/// One column.
#[derive(Clone, Copy, Debug)]
pub struct Col {
    /// Machine code (CSV header, API field).
    pub code: &'static str,
    /// Vietnamese header.
    pub vi: &'static str,
    /// English header.
    pub en: &'static str,
    /// Must be filled on every row.
    pub required: bool,
    /// What it holds.
    pub kind: Kind,
}

const fn col(
    code: &'static str,
    vi: &'static str,
    en: &'static str,
    required: bool,
    kind: Kind,
) -> Col {
    Col {
        code,
        vi,
        en,
        required,
        kind,
    }
}

/// One sheet.
#[derive(Clone, Copy, Debug)]
pub struct Sheet {
    /// Machine code (CSV file name).
    pub code: &'static str,
    /// The sheet's name in the workbook (Vietnamese, ≤ 31 characters).
    pub vi: &'static str,
    /// English name.
    pub en: &'static str,
    /// Written on export, ignored on import.
    pub export_only: bool,
    /// The columns.
    pub cols: &'static [Col],
}

use Kind::{Code, Date, Int, List, Number, Text};

const PROJECT_ID: Col = col("project_id", "Mã dự án", "Project id", true, Code);
const BOUNDARY: Col = col(
    "boundary",
    "Bộ địa giới",
    "Boundary version",
    true,
    List(ListId::Boundary),
);
const PROVINCE: Col = col("province", "Mã tỉnh", "Province code", true, Text);
const PROVINCE_NAME: Col = col(
    "province_name",
    "Tên tỉnh (chỉ để đọc)",
    "Province name (for reading only)",
    false,
    Text,
);
const SYNTHETIC: Col = col(
    "synthetic",
    "Dữ liệu mô phỏng",
    "Synthetic demo data",
    false,
    List(ListId::YesNo),
);

/// Sheet "Dự án": one row per project.
pub const PROJECTS: Sheet = Sheet {
    code: "projects",
    vi: "Dự án",
    en: "Projects",
    export_only: false,
    cols: &[
        PROJECT_ID,
        col("name", "Tên dự án", "Project name", true, Text),
        col("level", "Cấp dự án", "Level", true, List(ListId::Level)),
        BOUNDARY,
        col(
            "provinces",
            "Tỉnh (mã, cách nhau bởi ;)",
            "Provinces (codes, ;-separated)",
            true,
            Text,
        ),
        col(
            "sector",
            "Lĩnh vực (ngành cấp 2 VSIC hoặc danh mục)",
            "Sector (VSIC division or list)",
            true,
            List(ListId::Sector),
        ),
        col("investor", "Chủ đầu tư", "Investor", true, Text),
        col(
            "total_investment",
            "Tổng mức đầu tư (tỷ đồng)",
            "Total investment (bn VND)",
            true,
            Number,
        ),
        col(
            "capital_central_budget",
            "Vốn ngân sách trung ương (tỷ đồng)",
            "Central budget (bn VND)",
            false,
            Number,
        ),
        col(
            "capital_local_budget",
            "Vốn ngân sách địa phương (tỷ đồng)",
            "Local budget (bn VND)",
            false,
            Number,
        ),
        col(
            "capital_oda",
            "Vốn ODA (tỷ đồng)",
            "ODA (bn VND)",
            false,
            Number,
        ),
        col(
            "capital_ppp",
            "Vốn PPP (tỷ đồng)",
            "PPP (bn VND)",
            false,
            Number,
        ),
        col(
            "capital_private",
            "Vốn tư nhân (tỷ đồng)",
            "Private (bn VND)",
            false,
            Number,
        ),
        col(
            "capital_fdi",
            "Vốn FDI (tỷ đồng)",
            "FDI (bn VND)",
            false,
            Number,
        ),
        col(
            "agency",
            "Cơ quan chịu trách nhiệm",
            "Responsible agency",
            true,
            Text,
        ),
        col(
            "area_needed_ha",
            "Diện tích cần GPMB (ha)",
            "Area to clear (ha)",
            false,
            Number,
        ),
        col(
            "area_cleared_ha",
            "Diện tích đã bàn giao (ha)",
            "Area handed over (ha)",
            false,
            Number,
        ),
        col(
            "households_affected",
            "Số hộ bị ảnh hưởng",
            "Households affected",
            false,
            Int,
        ),
        col(
            "households_relocated",
            "Số hộ đã di dời",
            "Households relocated",
            false,
            Int,
        ),
        SYNTHETIC,
    ],
};

/// Sheet "Mốc tiến độ": one row per milestone.
pub const MILESTONES: Sheet = Sheet {
    code: "milestones",
    vi: "Mốc tiến độ",
    en: "Milestones",
    export_only: false,
    cols: &[
        PROJECT_ID,
        col("milestone", "Mã mốc", "Milestone code", true, Code),
        col("name", "Tên mốc", "Milestone name", true, Text),
        col(
            "agency",
            "Cơ quan thực hiện",
            "Agency that must deliver",
            false,
            Text,
        ),
        col("baseline", "Ngày kế hoạch gốc", "Baseline date", true, Date),
        col(
            "current_plan",
            "Ngày kế hoạch hiện hành",
            "Current planned date",
            false,
            Date,
        ),
        col(
            "replan_reason",
            "Lý do điều chỉnh",
            "Reason for the re-plan",
            false,
            Text,
        ),
        col(
            "replan_decision",
            "Quyết định điều chỉnh",
            "Re-plan decision",
            false,
            Text,
        ),
        col(
            "actual",
            "Ngày hoàn thành thực tế",
            "Actual date",
            false,
            Date,
        ),
    ],
};

/// Sheet "Thủ tục hành chính".
pub const PROCEDURES: Sheet = Sheet {
    code: "procedures",
    vi: "Thủ tục hành chính",
    en: "Procedures",
    export_only: false,
    cols: &[
        PROJECT_ID,
        col("procedure", "Tên thủ tục", "Procedure", true, Text),
        col(
            "agency",
            "Cơ quan giải quyết",
            "Deciding agency",
            true,
            Text,
        ),
        col("submitted", "Ngày nộp hồ sơ", "Submitted", false, Date),
        col("due", "Hạn giải quyết", "Due", true, Date),
        col("done", "Ngày có kết quả", "Decided", false, Date),
    ],
};

/// Sheet "Giải ngân": one row per project, year and month.
pub const DISBURSEMENT: Sheet = Sheet {
    code: "disbursement",
    vi: "Giải ngân",
    en: "Disbursement",
    export_only: false,
    cols: &[
        PROJECT_ID,
        col("year", "Năm", "Year", true, Int),
        col(
            "plan",
            "Kế hoạch vốn năm (tỷ đồng)",
            "Year's capital plan (bn VND)",
            true,
            Number,
        ),
        col(
            "plan_pm",
            "Trong đó Thủ tướng giao (tỷ đồng)",
            "Of which PM-assigned (bn VND)",
            false,
            Number,
        ),
        col("month", "Tháng", "Month", false, Int),
        col(
            "disbursed",
            "Giải ngân trong tháng (tỷ đồng)",
            "Disbursed in the month (bn VND)",
            false,
            Number,
        ),
    ],
};

/// Sheet "Vướng mắc".
pub const BLOCKERS: Sheet = Sheet {
    code: "blockers",
    vi: "Vướng mắc",
    en: "Blockers",
    export_only: false,
    cols: &[
        PROJECT_ID,
        col("blocker", "Mã vướng mắc", "Blocker code", true, Code),
        col(
            "description",
            "Nội dung vướng mắc",
            "Description",
            true,
            Text,
        ),
        col(
            "category",
            "Nhóm vướng mắc",
            "Category",
            true,
            List(ListId::BlockerCategory),
        ),
        col(
            "agency",
            "Cơ quan chịu trách nhiệm xử lý",
            "Agency that must act",
            true,
            Text,
        ),
        col(
            "escalation",
            "Cấp xử lý",
            "Escalation level",
            true,
            List(ListId::Escalation),
        ),
        col("raised", "Ngày phát sinh", "Raised", true, Date),
        col("deadline", "Hạn xử lý", "Deadline", true, Date),
        col("resolved", "Ngày tháo gỡ", "Resolved", false, Date),
        col("resolution", "Kết quả xử lý", "Resolution", false, Text),
    ],
};

/// Sheet "Giá trị thu được": earned-value status reports.
pub const EARNED_VALUE: Sheet = Sheet {
    code: "earned_value",
    vi: "Giá trị thu được",
    en: "Earned value",
    export_only: false,
    cols: &[
        PROJECT_ID,
        col("as_of", "Ngày đánh giá", "Status date", true, Date),
        col(
            "bac",
            "Ngân sách hoàn thành BAC (tỷ đồng)",
            "BAC (bn VND)",
            false,
            Number,
        ),
        col(
            "pv",
            "Giá trị kế hoạch PV (tỷ đồng)",
            "PV (bn VND)",
            true,
            Number,
        ),
        col(
            "ev",
            "Giá trị thu được EV (tỷ đồng)",
            "EV (bn VND)",
            true,
            Number,
        ),
        col(
            "ac",
            "Chi phí thực tế AC (tỷ đồng)",
            "AC (bn VND)",
            true,
            Number,
        ),
    ],
};

/// Sheet "Cập nhật tiến độ": progress notes (only added, never replaced).
pub const UPDATES: Sheet = Sheet {
    code: "updates",
    vi: "Cập nhật tiến độ",
    en: "Progress updates",
    export_only: false,
    cols: &[
        PROJECT_ID,
        col("date", "Ngày", "Date", true, Date),
        col("author", "Người cập nhật", "Author", true, Text),
        col("text", "Nội dung", "Note", true, Text),
        col(
            "physical_percent",
            "Khối lượng hoàn thành (%)",
            "Physical progress (%)",
            false,
            Number,
        ),
    ],
};

/// Sheet "Lịch sử điều chỉnh": every re-plan. Written on export; on
/// import it is read only for milestones the register does not hold yet
/// (moving records to another database), never to change stored history.
pub const REPLANS: Sheet = Sheet {
    code: "replans",
    vi: "Lịch sử điều chỉnh",
    en: "Re-plan history",
    export_only: true,
    cols: &[
        PROJECT_ID,
        col("milestone", "Mã mốc", "Milestone code", true, Code),
        col("baseline", "Ngày kế hoạch gốc", "Baseline date", true, Date),
        col("replan_no", "Lần điều chỉnh", "Re-plan no.", true, Int),
        col("date", "Ngày kế hoạch mới", "New planned date", true, Date),
        col("reason", "Lý do", "Reason", true, Text),
        col("decision", "Quyết định", "Decision", false, Text),
        col("by", "Người ghi nhận", "Recorded by", true, Text),
        col(
            "at",
            "Thời điểm ghi nhận (UTC)",
            "Recorded at (UTC)",
            true,
            Text,
        ),
    ],
};

/// Sheet "Chiến lược, đề án": one row per province and strategy kind.
pub const STRATEGIES: Sheet = Sheet {
    code: "strategies",
    vi: "Chiến lược, đề án",
    en: "Strategies and schemes",
    export_only: false,
    cols: &[
        BOUNDARY,
        PROVINCE,
        PROVINCE_NAME,
        col(
            "strategy",
            "Mã chiến lược, đề án",
            "Strategy code",
            true,
            List(ListId::StrategyKind),
        ),
        col("issued", "Đã ban hành", "Issued", true, List(ListId::YesNo)),
        col(
            "decision_number",
            "Số quyết định",
            "Decision number",
            false,
            Text,
        ),
        col(
            "decision_date",
            "Ngày ban hành",
            "Decision date",
            false,
            Date,
        ),
        col(
            "integrated",
            "Đã tích hợp vào quy hoạch tỉnh",
            "Integrated into the provincial plan",
            false,
            List(ListId::YesNo),
        ),
        col("note", "Ghi chú", "Note", false, Text),
        SYNTHETIC,
    ],
};

/// Sheet "Danh mục chiến lược": the catalogue of strategy kinds.
pub const STRATEGY_KINDS: Sheet = Sheet {
    code: "strategy_kinds",
    vi: "Danh mục chiến lược",
    en: "Strategy catalogue",
    export_only: false,
    cols: &[
        col(
            "strategy",
            "Mã chiến lược, đề án",
            "Strategy code",
            true,
            Code,
        ),
        col("name_vi", "Tên tiếng Việt", "Vietnamese name", true, Text),
        col("name_en", "Tên tiếng Anh", "English name", true, Text),
        col(
            "required",
            "Bắt buộc",
            "Required",
            true,
            List(ListId::YesNo),
        ),
        col("order", "Thứ tự", "Order", false, Int),
    ],
};

/// Sheet "Thu hút đầu tư".
pub const INVESTMENT: Sheet = Sheet {
    code: "investment",
    vi: "Thu hút đầu tư",
    en: "Investment attraction",
    export_only: false,
    cols: &[
        BOUNDARY,
        PROVINCE,
        PROVINCE_NAME,
        col("year", "Năm", "Year", true, Int),
        col(
            "industry",
            "Ngành ưu tiên",
            "Priority industry",
            true,
            List(ListId::Industry),
        ),
        col("origin", "Nguồn vốn", "Origin", true, List(ListId::Origin)),
        col(
            "projects",
            "Số dự án đăng ký mới",
            "Projects registered",
            true,
            Int,
        ),
        col(
            "registered",
            "Vốn đăng ký (tỷ đồng)",
            "Capital registered (bn VND)",
            true,
            Number,
        ),
        col(
            "disbursed",
            "Vốn giải ngân (tỷ đồng)",
            "Capital disbursed (bn VND)",
            true,
            Number,
        ),
        SYNTHETIC,
    ],
};

/// Sheet "Khó khăn doanh nghiệp".
pub const DIFFICULTIES: Sheet = Sheet {
    code: "difficulties",
    vi: "Khó khăn doanh nghiệp",
    en: "Business difficulties",
    export_only: false,
    cols: &[
        col("difficulty_id", "Mã kiến nghị", "Difficulty id", true, Code),
        col(
            "raised_by",
            "Doanh nghiệp, hiệp hội phản ánh",
            "Raised by",
            true,
            Text,
        ),
        col(
            "raiser_kind",
            "Loại",
            "Business or association",
            true,
            List(ListId::Raiser),
        ),
        col("topic", "Chủ đề", "Topic", true, Text),
        col("detail", "Nội dung", "Detail", false, Text),
        BOUNDARY,
        PROVINCE,
        PROVINCE_NAME,
        col(
            "agency",
            "Cơ quan chịu trách nhiệm",
            "Responsible agency",
            true,
            Text,
        ),
        col("raised", "Ngày phản ánh", "Raised", true, Date),
        col("deadline", "Hạn trả lời", "Deadline", true, Date),
        col(
            "status",
            "Tình trạng",
            "Status",
            true,
            List(ListId::DifficultyStatus),
        ),
        col(
            "resolution",
            "Kết quả giải quyết",
            "Resolution",
            false,
            Text,
        ),
        col("closed_on", "Ngày giải quyết", "Closed on", false, Date),
        SYNTHETIC,
    ],
};

/// The four registers, one workbook each.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Register {
    /// Key projects with their milestones and the rest.
    Projects,
    /// Strategies and schemes.
    Strategies,
    /// Investment attraction.
    Investment,
    /// Business difficulties.
    Difficulties,
}

impl Register {
    /// All four.
    pub const ALL: [Register; 4] = [
        Register::Projects,
        Register::Strategies,
        Register::Investment,
        Register::Difficulties,
    ];

    /// Parses `projects`, `strategies`, `investment`, `difficulties`.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == s.trim())
    }

    /// The code.
    pub fn code(self) -> &'static str {
        match self {
            Register::Projects => "projects",
            Register::Strategies => "strategies",
            Register::Investment => "investment",
            Register::Difficulties => "difficulties",
        }
    }

    /// The Vietnamese title.
    pub fn vi(self) -> &'static str {
        match self {
            Register::Projects => "Dự án trọng điểm",
            Register::Strategies => "Chiến lược, đề án của tỉnh",
            Register::Investment => "Thu hút đầu tư vào ngành ưu tiên",
            Register::Difficulties => "Khó khăn, vướng mắc của doanh nghiệp",
        }
    }

    /// The sheets, main sheet first.
    pub fn sheets(self) -> &'static [Sheet] {
        match self {
            Register::Projects => &[
                PROJECTS,
                MILESTONES,
                PROCEDURES,
                DISBURSEMENT,
                BLOCKERS,
                EARNED_VALUE,
                UPDATES,
                REPLANS,
            ],
            Register::Strategies => &[STRATEGIES, STRATEGY_KINDS],
            Register::Investment => &[INVESTMENT],
            Register::Difficulties => &[DIFFICULTIES],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docs_list_every_sheet_and_column() {
        let doc = include_str!("../../../../docs/PROJECTS.md");
        for r in Register::ALL {
            for s in r.sheets() {
                assert!(
                    doc.contains(&format!("**{}** ({}, `{}`)", s.vi, s.en, s.code)),
                    "{}",
                    s.vi
                );
                for c in s.cols {
                    let row = format!(
                        "| {} | {} | `{}` | {} |",
                        c.vi,
                        c.en,
                        c.code,
                        if c.required { "yes" } else { "" }
                    );
                    assert!(doc.contains(&row), "docs/PROJECTS.md lacks {row}");
                }
            }
        }
    }

    #[test]
    fn sheet_names_fit_excel_and_headers_are_unique() {
        for r in Register::ALL {
            for s in r.sheets() {
                assert!(s.vi.chars().count() <= 31, "{}", s.vi);
                assert!(!s.vi.contains(['[', ']', ':', '*', '?', '/', '\\']));
                let mut seen = std::collections::BTreeSet::new();
                for c in s.cols {
                    let mine: std::collections::BTreeSet<String> = [c.code, c.vi, c.en]
                        .iter()
                        .map(|h| congthuong_core::text::fold(h))
                        .collect();
                    for h in mine {
                        assert!(seen.insert(h.clone()), "{}: {h} names two columns", s.vi);
                    }
                }
            }
        }
    }
}
