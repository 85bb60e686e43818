//! Synthetic demo data for the four registers: plausible Vietnamese key
//! projects (industrial parks along expressways, power plants and lines,
//! logistics and border trade infrastructure, factories), strategies
//! issued or not, investment by priority industry, and businesses'
//! difficulties with the agencies that must answer.
//!
//! Deterministic: the same `today` always gives the same data (a fixed
//! seed; dates are placed relative to `today` so that, whenever the demo
//! is loaded, some projects are late, some at risk, some re-planned, some
//! done). Every record has `synthetic = true` and every name of a person
//! or business says *mô phỏng* (synthetic). Projects entered before
//! 1 July 2025 carry pre-2025 province codes, later ones 2025 codes, as
//! real records would.

use std::collections::BTreeMap;

use congthuong_core::{AreaCode, BoundaryVersion, Geography};

use crate::date::{Date, Timestamp};
use crate::error::Result;
use crate::model::common::{Amount, Code, Label, Place};
use crate::model::difficulty::{Difficulty, DifficultyStatus, RaiserKind};
use crate::model::investment::{InvestmentRecord, Origin, PriorityIndustry};
use crate::model::project::{
    Blocker, BlockerCategory, CapitalSource, DisbursementYear, EarnedValue, Escalation, Milestone,
    MonthlyDisbursement, Procedure, ProgressUpdate, Project, ProjectLevel, Replan,
    STANDARD_MILESTONES, Sector, SectorKind, SiteClearance,
};
use crate::model::strategy::{StrategyKind, StrategyRecord};
use crate::store::{Change, Repo};

/// The label shown wherever demo data appear.
pub const SYNTHETIC_LABEL: &str = "Dữ liệu mô phỏng (synthetic demo data)";

/// A deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// An integer in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % (hi - lo + 1) as u64) as i64
    }

    /// A float in `[lo, hi)`.
    fn float(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (self.next() >> 11) as f64 / (1u64 << 53) as f64 * (hi - lo)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.next() as usize % items.len()]
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// Everything the demo loads.
#[derive(Clone, Debug)]
pub struct DemoData {
    /// Key projects.
    pub projects: Vec<Project>,
    /// Strategy records.
    pub strategies: Vec<StrategyRecord>,
    /// Investment records.
    pub investment: Vec<InvestmentRecord>,
    /// Difficulties.
    pub difficulties: Vec<Difficulty>,
}

fn label(s: impl AsRef<str>) -> Label {
    Label::parse(s.as_ref()).expect("demo text is valid")
}

fn code(s: impl AsRef<str>) -> Code {
    Code::parse(s.as_ref()).expect("demo code is valid")
}

fn amount(v: f64) -> Amount {
    Amount::new((v * 1000.0).round() / 1000.0).expect("demo amount is valid")
}

fn day(d: Date, n: i64) -> Date {
    d.add_days(n).expect("demo date in range")
}

fn name(a: AreaCode, v: BoundaryVersion) -> String {
    Geography::embedded()
        .province(a, v)
        .map_or_else(|| a.to_string(), |p| p.short_name_vi.clone())
}

/// The first day of the 2025 boundaries.
fn merger_day() -> Date {
    Date::from_ymd(2025, 7, 1).expect("valid")
}

/// A place for a province given on the pre-2025 map, as it would have been
/// entered on `entered`.
fn place_on(entered: Date, old: &[AreaCode]) -> Place {
    let geo = Geography::embedded();
    if entered < merger_day() {
        let codes: Vec<&str> = old.iter().map(|c| c.as_str()).collect();
        Place::new(BoundaryVersion::Pre2025, &codes).expect("valid pre-2025 codes")
    } else {
        let new: Vec<AreaCode> = old.iter().filter_map(|c| geo.successor(*c)).collect();
        let codes: Vec<&str> = new.iter().map(|c| c.as_str()).collect();
        Place::new(BoundaryVersion::V2025, &codes).expect("valid 2025 codes")
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Profile {
    OnTrack,
    AtRisk,
    Late,
    ReplannedOnTrack,
    ReplannedLate,
    Done,
}

struct Template {
    name: &'static str,
    level: ProjectLevel,
    sector: Sector,
    investor: &'static str,
    total: (f64, f64),
    needs_land: bool,
}

fn templates() -> Vec<Template> {
    use ProjectLevel::{National, Provincial};
    use SectorKind::{Energy, IndustrialPark, TradeInfrastructure};
    let t = |name, level, sector, investor, total, needs_land| Template {
        name,
        level,
        sector,
        investor,
        total,
        needs_land,
    };
    vec![
        t(
            "Khu công nghiệp {P} gắn với tuyến cao tốc, giai đoạn 1",
            Provincial,
            Sector::Kind(IndustrialPark),
            "Công ty CP Phát triển hạ tầng KCN {P} (mô phỏng)",
            (1_500.0, 4_500.0),
            true,
        ),
        t(
            "Nhà máy điện khí LNG {P}",
            National,
            Sector::Kind(Energy),
            "Liên danh Năng lượng LNG {P} (mô phỏng)",
            (40_000.0, 58_000.0),
            true,
        ),
        t(
            "Đường dây 500 kV mạch 3 đoạn qua {P}",
            National,
            Sector::Kind(Energy),
            "Tổng công ty Truyền tải điện quốc gia (mô phỏng)",
            (6_000.0, 22_000.0),
            true,
        ),
        t(
            "Trung tâm logistics cấp vùng {P}",
            Provincial,
            Sector::Kind(TradeInfrastructure),
            "Công ty CP Logistics {P} (mô phỏng)",
            (800.0, 2_500.0),
            true,
        ),
        t(
            "Nhà máy sản xuất linh kiện điện tử {P}",
            Provincial,
            Sector::Division(26),
            "Công ty TNHH Điện tử {P} (mô phỏng)",
            (3_000.0, 12_000.0),
            false,
        ),
        t(
            "Cụm công nghiệp hỗ trợ {P}",
            Provincial,
            Sector::Kind(IndustrialPark),
            "Công ty CP Đầu tư CCN {P} (mô phỏng)",
            (300.0, 900.0),
            true,
        ),
        t(
            "Nhà máy thép chất lượng cao {P}",
            National,
            Sector::Division(24),
            "Công ty CP Thép {P} (mô phỏng)",
            (20_000.0, 60_000.0),
            true,
        ),
        t(
            "Chợ đầu mối nông sản {P}",
            Provincial,
            Sector::Kind(TradeInfrastructure),
            "Công ty CP Thương mại {P} (mô phỏng)",
            (250.0, 700.0),
            true,
        ),
        t(
            "Nhà máy cơ khí chế tạo thiết bị {P}",
            Provincial,
            Sector::Division(28),
            "Công ty CP Cơ khí {P} (mô phỏng)",
            (900.0, 3_000.0),
            false,
        ),
        t(
            "Nhà máy hóa chất cơ bản {P}",
            Provincial,
            Sector::Division(20),
            "Công ty CP Hóa chất {P} (mô phỏng)",
            (2_000.0, 8_000.0),
            true,
        ),
        t(
            "Trung tâm thương mại biên giới {P}",
            Provincial,
            Sector::Kind(TradeInfrastructure),
            "Công ty CP Cửa khẩu {P} (mô phỏng)",
            (400.0, 1_500.0),
            true,
        ),
        t(
            "Nhà máy điện gió {P}",
            Provincial,
            Sector::Kind(Energy),
            "Công ty CP Điện gió {P} (mô phỏng)",
            (3_000.0, 9_000.0),
            true,
        ),
    ]
}

const REPLAN_REASONS: [&str; 5] = [
    "Vướng mắc giải phóng mặt bằng, chưa thống nhất đơn giá bồi thường",
    "Chậm phê duyệt điều chỉnh chủ trương đầu tư",
    "Thiếu vật liệu san lấp",
    "Điều chỉnh quy hoạch tỉnh sau sắp xếp đơn vị hành chính",
    "Nhà thầu chậm huy động máy móc, nhân lực",
];

/// Generates the demo data for `today`.
pub fn generate(today: Date) -> DemoData {
    let geo = Geography::embedded();
    let mut rng = Rng(0x00C0_7A6E_2026_0001);
    let north: Vec<AreaCode> = geo
        .group("north_28")
        .expect("north_28 is a reference group")
        .members(BoundaryVersion::Pre2025, geo);
    let others: Vec<AreaCode> = ["48", "74", "79", "92"]
        .iter()
        .map(|c| AreaCode::parse(c).expect("valid"))
        .collect();
    let profiles = [
        Profile::Late,
        Profile::OnTrack,
        Profile::AtRisk,
        Profile::ReplannedLate,
        Profile::ReplannedOnTrack,
        Profile::Done,
        Profile::OnTrack,
        Profile::Late,
        Profile::AtRisk,
    ];
    let templates = templates();
    let mut projects = Vec::new();
    for i in 0..40usize {
        let t = &templates[i % templates.len()];
        let mut provs = vec![if i % 10 == 9 {
            *rng.pick(&others)
        } else {
            north[(i * 7 + 3) % north.len()]
        }];
        if t.name.starts_with("Đường dây") {
            let next = north[(i * 7 + 4) % north.len()];
            if next != provs[0] {
                provs.push(next);
            }
        }
        let profile = profiles[i % profiles.len()];
        projects.push(project(&mut rng, i, t, &provs, profile, today));
    }
    DemoData {
        projects,
        strategies: strategies(&mut rng, &north, today),
        investment: investment(&mut rng, &north, &others, today),
        difficulties: difficulties(&mut rng, &north, &others, today),
    }
}

#[allow(clippy::too_many_arguments)]
fn project(
    rng: &mut Rng,
    i: usize,
    t: &Template,
    provs: &[AreaCode],
    profile: Profile,
    today: Date,
) -> Project {
    // Milestones are placed so that the profile holds on `today`.
    let gaps = [0i64, 90, 120, 60, 60, 540, 180];
    let cursor = match profile {
        Profile::Done => STANDARD_MILESTONES.len(),
        _ => rng.range(2, 5) as usize,
    };
    let replanned = matches!(profile, Profile::ReplannedLate | Profile::ReplannedOnTrack);
    let cursor_plan = match profile {
        Profile::Late | Profile::ReplannedLate => day(today, -rng.range(3, 120)),
        Profile::AtRisk => day(today, rng.range(0, 25)),
        Profile::OnTrack | Profile::ReplannedOnTrack => day(today, rng.range(45, 200)),
        Profile::Done => day(today, -rng.range(20, 200)),
    };
    let shift = if replanned { rng.range(45, 160) } else { 0 };
    let cursor_index = cursor.min(STANDARD_MILESTONES.len() - 1);
    let cursor_baseline = day(cursor_plan, -shift);
    let mut baselines = vec![cursor_baseline; STANDARD_MILESTONES.len()];
    for k in (0..cursor_index).rev() {
        baselines[k] = day(baselines[k + 1], -gaps[k + 1]);
    }
    for k in cursor_index + 1..STANDARD_MILESTONES.len() {
        baselines[k] = day(baselines[k - 1], gaps[k] + shift.min(60));
    }
    // Entered when its first milestone was planned (and before today), with
    // the province codes in force then.
    let entered = day(baselines[0], -30).min(day(today, -60));
    let place = place_on(entered, provs);
    let v = place.boundary();
    let pname = name(place.lead(), v);
    let id = code(format!("DA-{}-{:03}", place.lead(), i + 1));
    let total = rng.float(t.total.0, t.total.1);
    let agency = match t.level {
        ProjectLevel::National => "Bộ Công Thương".to_owned(),
        ProjectLevel::Provincial => format!("Sở Công Thương {pname}"),
    };
    let investor = t.investor.replace("{P}", &pname);
    let mut p = Project::new(
        id,
        label(t.name.replace("{P}", &pname)),
        t.level,
        place,
        t.sector,
        label(&investor),
        amount(total),
        label(&agency),
    );
    p.synthetic = true;
    // Capital by source.
    let split: &[(CapitalSource, f64)] = match (t.level, t.sector) {
        (_, Sector::Kind(SectorKind::Energy)) if t.name.starts_with("Đường dây") => &[
            (CapitalSource::CentralBudget, 0.2),
            (CapitalSource::Private, 0.8),
        ],
        (ProjectLevel::National, _) => &[(CapitalSource::Private, 0.6), (CapitalSource::Fdi, 0.4)],
        (_, Sector::Division(26)) => &[(CapitalSource::Fdi, 1.0)],
        (_, Sector::Kind(SectorKind::TradeInfrastructure)) => &[
            (CapitalSource::LocalBudget, 0.3),
            (CapitalSource::Private, 0.7),
        ],
        _ => &[
            (CapitalSource::LocalBudget, 0.1),
            (CapitalSource::Private, 0.9),
        ],
    };
    let total = p.total_investment.get();
    let mut left = total;
    for (k, (src, share)) in split.iter().enumerate() {
        let part = if k + 1 == split.len() {
            left
        } else {
            (total * share * 1000.0).floor() / 1000.0
        };
        left -= part;
        p.capital
            .insert(*src, Amount::new(part.max(0.0)).expect("valid"));
    }
    let by = "Chuyên viên Sở Công Thương (mô phỏng)".to_owned();
    for (k, (mcode, mname, _)) in STANDARD_MILESTONES.iter().enumerate() {
        let mut m = Milestone::new(code(mcode), label(mname), baselines[k]);
        m.agency = Some(label(match *mcode {
            "chu_truong" | "quyet_dinh" => format!("UBND tỉnh {pname}"),
            "ban_giao_mb" => format!("Trung tâm Phát triển quỹ đất {pname}"),
            "giay_phep" => format!("Sở Xây dựng {pname}"),
            "quyet_toan" => format!("Sở Tài chính {pname}"),
            _ => investor.clone(),
        }));
        if replanned && k == cursor_index {
            let mut date = baselines[k];
            let steps = rng.range(1, 2);
            for s in 0..steps {
                date = if s + 1 == steps {
                    cursor_plan
                } else {
                    day(date, shift / 2)
                };
                let decided = day(baselines[k], -rng.range(5, 40) + s * 20).min(day(today, -1));
                m.replans.push(Replan {
                    date,
                    reason: label(*rng.pick(&REPLAN_REASONS)),
                    decision: Some(label(format!(
                        "{}/QĐ-UBND ngày {}",
                        rng.range(120, 3_900),
                        decided.to_vi()
                    ))),
                    by: by.clone(),
                    at: Timestamp::from_unix(decided.days_since_epoch() * 86_400 + 3 * 3600),
                });
            }
        }
        if k < cursor || (profile == Profile::Done && k < STANDARD_MILESTONES.len()) {
            let plan = m.current_plan();
            let actual = day(plan, rng.range(-12, 35)).min(day(today, -1));
            m.actual = Some(actual);
        }
        p.milestones.push(m);
    }
    if t.needs_land {
        let needed = rng.float(15.0, 650.0);
        let share = if cursor > 3 {
            1.0
        } else {
            rng.float(0.35, 0.95)
        };
        let households = rng.range(20, 900) as u32;
        p.site_clearance = Some(SiteClearance {
            area_needed_ha: amount(needed),
            area_cleared_ha: amount(needed * share),
            households_affected: Some(households),
            households_relocated: Some((f64::from(households) * share).floor() as u32),
        });
    }
    // Procedures around the cursor.
    let procs = [
        (
            "Phê duyệt báo cáo đánh giá tác động môi trường",
            format!("Sở Nông nghiệp và Môi trường {pname}"),
        ),
        ("Giao đất, cho thuê đất", format!("UBND tỉnh {pname}")),
        ("Thẩm định thiết kế cơ sở", "Bộ Xây dựng".to_owned()),
        ("Cấp giấy phép xây dựng", format!("Sở Xây dựng {pname}")),
    ];
    for (n, (pname_, pagency)) in procs.iter().enumerate().take(rng.range(1, 3) as usize) {
        let submitted = day(today, -rng.range(30, 150));
        let due = day(submitted, [20i64, 30, 45][n % 3]);
        let done = match profile {
            Profile::Late | Profile::ReplannedLate if n == 0 => None,
            _ if due > today => None,
            _ => Some(day(due, -rng.range(0, 10))),
        };
        p.procedures.push(Procedure {
            name: label(pname_),
            agency: label(pagency),
            submitted: Some(submitted),
            due,
            done,
        });
    }
    // Disbursement this year, through last month.
    let (year, month) = (today.year(), today.month());
    let plan = total * rng.float(0.08, 0.25);
    let pace = match profile {
        Profile::Late | Profile::ReplannedLate => rng.float(0.2, 0.55),
        Profile::AtRisk => rng.float(0.5, 0.8),
        _ => rng.float(0.8, 1.2),
    };
    let mut months = Vec::new();
    for m in 1..month {
        let monthly = plan / 12.0 * pace * rng.float(0.5, 1.5);
        months.push(MonthlyDisbursement {
            month: m,
            disbursed: amount(monthly),
        });
    }
    p.disbursement.push(DisbursementYear {
        year,
        plan: amount(plan),
        plan_pm: (t.level == ProjectLevel::National).then(|| amount(plan * 0.9)),
        months,
    });
    // Blockers for projects in trouble.
    if matches!(
        profile,
        Profile::Late | Profile::ReplannedLate | Profile::AtRisk
    ) {
        let kinds = [
            (
                BlockerCategory::SiteClearance,
                "Còn hộ dân chưa nhận tiền bồi thường, chưa bàn giao mặt bằng",
                format!("UBND tỉnh {pname}"),
                Escalation::Province,
            ),
            (
                BlockerCategory::Procedures,
                "Chờ ý kiến thẩm định về điều chỉnh quy hoạch",
                "Bộ Công Thương".to_owned(),
                Escalation::Ministry,
            ),
            (
                BlockerCategory::Capital,
                "Chưa bố trí đủ vốn ngân sách năm",
                format!("Sở Tài chính {pname}"),
                Escalation::Province,
            ),
            (
                BlockerCategory::Materials,
                "Thiếu nguồn đất đắp nền",
                format!("Sở Nông nghiệp và Môi trường {pname}"),
                Escalation::SteeringCommittee,
            ),
        ];
        for b in 0..rng.range(1, 2) {
            let (cat, desc, ag, esc) = rng.pick(&kinds).clone();
            let raised = day(today, -rng.range(20, 160));
            p.blockers.push(Blocker {
                code: code(format!("VM-{}", b + 1)),
                description: label(desc),
                category: cat,
                agency: label(ag),
                escalation: esc,
                raised,
                deadline: day(raised, rng.range(15, 150)),
                resolved: None,
                resolution: None,
            });
        }
    }
    // Progress notes.
    for u in 0..rng.range(1, 3) {
        let date = day(today, -30 * (u + 1));
        p.updates.push(ProgressUpdate {
            date,
            author: label("Cán bộ theo dõi dự án (mô phỏng)"),
            text: label(match profile {
                Profile::Late | Profile::ReplannedLate => {
                    "Tiến độ chậm so với kế hoạch; đã báo cáo UBND tỉnh xin ý kiến chỉ đạo"
                }
                Profile::AtRisk => "Đang hoàn thiện hồ sơ; cần đẩy nhanh để kịp mốc tiến độ",
                _ => "Triển khai đúng kế hoạch",
            }),
            physical_percent: Some(
                ((cursor as f64) / 7.0 * 100.0 - u as f64 * 3.0).clamp(0.0, 100.0),
            ),
        });
    }
    p.updates.sort_by_key(|u| u.date);
    // Earned value for projects under construction.
    if cursor >= 5 && profile != Profile::Done {
        let pv = total * rng.float(0.3, 0.6);
        let ev = pv
            * match profile {
                Profile::Late | Profile::ReplannedLate => rng.float(0.65, 0.9),
                _ => rng.float(0.93, 1.08),
            };
        p.earned_value.push(EarnedValue {
            as_of: day(today, -(i64::from(today.ymd().2))),
            bac: Some(amount(total)),
            pv: amount(pv),
            ev: amount(ev),
            ac: amount(ev * rng.float(0.9, 1.2)),
        });
    }
    p
}

fn strategies(rng: &mut Rng, north: &[AreaCode], today: Date) -> Vec<StrategyRecord> {
    let geo = Geography::embedded();
    let kinds = StrategyKind::defaults();
    let mut out = Vec::new();
    for (i, prov) in north.iter().enumerate() {
        for (k, kind) in kinds.iter().enumerate() {
            // Most provinces issued the main strategy; fewer the others.
            let p_issued = [85u64, 60, 40, 55][k % 4];
            let issued = rng.chance(p_issued);
            let date = Date::from_ymd(
                2021 + rng.range(0, 3) as i32,
                rng.range(1, 12) as u32,
                rng.range(1, 28) as u32,
            )
            .expect("valid");
            out.push(StrategyRecord {
                place: Place::one(BoundaryVersion::Pre2025, prov.as_str()).expect("valid"),
                kind: kind.code.clone(),
                issued,
                decision_number: issued
                    .then(|| label(format!("{}/QĐ-UBND", rng.range(100, 4_000)))),
                decision_date: issued.then_some(date),
                integrated: issued && rng.chance(65),
                note: None,
                synthetic: true,
            });
        }
        // A few merged provinces re-issued the main strategy after 1 July 2025.
        if i % 5 == 0 && today >= day(merger_day(), 60) {
            let new = geo.successor(*prov).expect("every unit has a successor");
            if !out
                .iter()
                .any(|r| r.place.boundary() == BoundaryVersion::V2025 && r.place.lead() == new)
            {
                let date = day(merger_day(), rng.range(30, 59));
                out.push(StrategyRecord {
                    place: Place::one(BoundaryVersion::V2025, new.as_str()).expect("valid"),
                    kind: kinds[0].code.clone(),
                    issued: true,
                    decision_number: Some(label(format!("{}/QĐ-UBND", rng.range(100, 4_000)))),
                    decision_date: Some(date),
                    integrated: rng.chance(50),
                    note: Some(label(
                        "Ban hành lại sau sắp xếp đơn vị hành chính (mô phỏng)",
                    )),
                    synthetic: true,
                });
            }
        }
    }
    out
}

fn investment(
    rng: &mut Rng,
    north: &[AreaCode],
    others: &[AreaCode],
    today: Date,
) -> Vec<InvestmentRecord> {
    let geo = Geography::embedded();
    let mut out = Vec::new();
    let mut provinces: Vec<AreaCode> = north.to_vec();
    provinces.extend_from_slice(others);
    for year in [today.year() - 2, today.year() - 1, today.year()] {
        // Years before the merger on the old map, later ones on the new.
        let version = if year <= 2024 {
            BoundaryVersion::Pre2025
        } else {
            BoundaryVersion::V2025
        };
        let mut units: Vec<AreaCode> = match version {
            BoundaryVersion::Pre2025 => provinces.clone(),
            BoundaryVersion::V2025 => provinces.iter().filter_map(|c| geo.successor(*c)).collect(),
        };
        units.sort();
        units.dedup();
        for prov in units {
            let scale = rng.float(0.3, 3.0);
            for industry in [
                PriorityIndustry::Supporting,
                PriorityIndustry::Chemicals,
                PriorityIndustry::Mechanical,
                PriorityIndustry::Processing,
                PriorityIndustry::Electronics,
            ] {
                for origin in [Origin::Domestic, Origin::Foreign] {
                    if !rng.chance(60) {
                        continue;
                    }
                    let projects = rng.range(1, 18) as u32;
                    let per = match (industry, origin) {
                        (PriorityIndustry::Electronics, Origin::Foreign) => {
                            rng.float(800.0, 4_000.0)
                        }
                        (_, Origin::Foreign) => rng.float(200.0, 1_200.0),
                        _ => rng.float(40.0, 400.0),
                    };
                    let registered = f64::from(projects) * per * scale;
                    out.push(InvestmentRecord {
                        place: Place::one(version, prov.as_str()).expect("valid"),
                        year,
                        industry,
                        origin,
                        projects,
                        registered: amount(registered),
                        disbursed: amount(registered * rng.float(0.15, 0.75)),
                        synthetic: true,
                    });
                }
            }
        }
    }
    out
}

fn difficulties(
    rng: &mut Rng,
    north: &[AreaCode],
    others: &[AreaCode],
    today: Date,
) -> Vec<Difficulty> {
    let topics = [
        (
            "Thủ tục cấp giấy chứng nhận quyền sử dụng đất kéo dài",
            "Sở Nông nghiệp và Môi trường {P}",
        ),
        ("Chậm hoàn thuế giá trị gia tăng", "Thuế tỉnh {P}"),
        ("Đấu nối điện cho nhà máy mở rộng", "Công ty Điện lực {P}"),
        (
            "Thẩm duyệt thiết kế phòng cháy chữa cháy",
            "Công an tỉnh {P}",
        ),
        (
            "Giá thuê đất trong khu công nghiệp tăng cao",
            "Ban Quản lý các khu công nghiệp {P}",
        ),
        (
            "Cấp giấy chứng nhận xuất xứ (C/O) mẫu EUR.1",
            "Bộ Công Thương",
        ),
        (
            "Thủ tục hải quan đối với hàng gia công xuất khẩu",
            "Chi cục Hải quan {P}",
        ),
        (
            "Tiếp cận chương trình hỗ trợ phát triển công nghiệp hỗ trợ",
            "Sở Công Thương {P}",
        ),
    ];
    let raisers = [
        (
            "Công ty TNHH Cơ khí chính xác {P} (mô phỏng)",
            RaiserKind::Business,
        ),
        ("Công ty CP Dệt may {P} (mô phỏng)", RaiserKind::Business),
        (
            "Công ty TNHH Linh kiện điện tử {P} (mô phỏng)",
            RaiserKind::Business,
        ),
        (
            "Hiệp hội Doanh nghiệp tỉnh {P} (mô phỏng)",
            RaiserKind::Association,
        ),
        (
            "Hiệp hội Công nghiệp hỗ trợ {P} (mô phỏng)",
            RaiserKind::Association,
        ),
    ];
    let mut out = Vec::new();
    let mut provinces: Vec<AreaCode> = north.to_vec();
    provinces.extend_from_slice(others);
    let mut per_province: BTreeMap<String, usize> = BTreeMap::new();
    for i in 0..48usize {
        let old = provinces[(i * 11 + 5) % provinces.len()];
        let raised = day(today, -rng.range(5, 400));
        let place = place_on(raised, &[old]);
        let pname = name(place.lead(), place.boundary());
        let (topic, agency) = rng.pick(&topics);
        let (raiser, kind) = rng.pick(&raisers);
        let deadline = day(raised, rng.range(15, 60));
        let roll = rng.range(0, 99);
        let (status, closed_on, resolution) = if roll < 45 && deadline < today {
            let closed = day(raised, rng.range(7, 90)).min(day(today, -1));
            (
                DifficultyStatus::Resolved,
                Some(closed),
                Some(label("Đã hướng dẫn, giải quyết dứt điểm (mô phỏng)")),
            )
        } else if roll < 55 && deadline < today {
            let closed = day(raised, rng.range(7, 60)).min(day(today, -1));
            (
                DifficultyStatus::Answered,
                Some(closed),
                Some(label("Đã trả lời theo quy định hiện hành (mô phỏng)")),
            )
        } else if roll < 80 {
            (DifficultyStatus::InProgress, None, None)
        } else {
            (DifficultyStatus::Open, None, None)
        };
        let n = per_province.entry(place.lead().to_string()).or_insert(0);
        *n += 1;
        out.push(Difficulty {
            id: code(format!("KN-{}-{:03}", place.lead(), i + 1)),
            raised_by: label(raiser.replace("{P}", &pname)),
            raiser_kind: *kind,
            topic: label(topic),
            detail: None,
            place,
            agency: label(agency.replace("{P}", &pname)),
            raised,
            deadline,
            status,
            resolution,
            closed_on,
            synthetic: true,
        });
    }
    out
}

/// What [`load`] stored.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Loaded {
    /// Projects.
    pub projects: usize,
    /// Strategy records.
    pub strategies: usize,
    /// Investment records.
    pub investment: usize,
    /// Difficulties.
    pub difficulties: usize,
    /// Records written (new versions).
    pub written: usize,
}

/// Stores demo data in one transaction (each record audited as any other).
pub fn load(repo: &mut Repo, data: &DemoData, change: &Change) -> Result<Loaded> {
    let mut loaded = Loaded {
        projects: data.projects.len(),
        strategies: data.strategies.len(),
        investment: data.investment.len(),
        difficulties: data.difficulties.len(),
        written: 0,
    };
    repo.in_transaction(|conn, audit| {
        let mut written = 0;
        for p in &data.projects {
            written += usize::from(
                !crate::store::save_project_in(conn, audit, p, None, change)?.unchanged,
            );
        }
        for r in &data.strategies {
            written += usize::from(
                !crate::store::save_strategy_in(conn, audit, r, None, change)?.unchanged,
            );
        }
        for r in &data.investment {
            written += usize::from(
                !crate::store::save_investment_in(conn, audit, r, None, change)?.unchanged,
            );
        }
        for d in &data.difficulties {
            written += usize::from(
                !crate::store::save_difficulty_in(conn, audit, d, None, change)?.unchanged,
            );
        }
        loaded.written = written;
        Ok(())
    })?;
    Ok(loaded)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::queries::{Scope, late_list};
    use crate::status::{Overall, StatusRules, project_status};

    #[test]
    fn the_demo_is_deterministic_valid_synthetic_and_varied() {
        let today = Date::parse("2026-11-26").unwrap();
        let a = generate(today);
        let b = generate(today);
        assert_eq!(a.projects, b.projects);
        assert_eq!(a.difficulties, b.difficulties);
        for p in &a.projects {
            p.validate().unwrap();
            assert!(p.synthetic);
        }
        for r in &a.strategies {
            r.validate().unwrap();
        }
        for r in &a.investment {
            r.validate().unwrap();
        }
        for d in &a.difficulties {
            d.validate().unwrap();
        }
        let rules = StatusRules::default();
        let states: Vec<Overall> = a
            .projects
            .iter()
            .map(|p| project_status(p, today, rules).overall)
            .collect();
        for s in [
            Overall::Late,
            Overall::AtRisk,
            Overall::OnSchedule,
            Overall::Done,
        ] {
            assert!(states.contains(&s), "no {s:?} project in the demo");
        }
        assert!(
            a.projects
                .iter()
                .any(|p| p.milestones.iter().any(|m| !m.replans.is_empty()))
        );
        let both = |v| a.projects.iter().any(|p| p.place.boundary() == v);
        assert!(both(BoundaryVersion::Pre2025) && both(BoundaryVersion::V2025));
        let late = late_list(
            &a.projects,
            &Scope::group("north_28", BoundaryVersion::V2025).unwrap(),
            today,
            rules,
        );
        assert!(!late.is_empty());
        assert!(a.difficulties.iter().any(|d| d.is_overdue(today)));
    }

    #[test]
    fn loading_the_same_demo_twice_writes_nothing_the_second_time() {
        let today = Date::parse("2026-11-26").unwrap();
        let data = generate(today);
        let mut repo = Repo::open_in_memory().unwrap();
        let change = Change {
            actor: crate::Actor::analyst("demo").unwrap(),
            at: Timestamp::parse("2026-11-26T01:00:00Z").unwrap(),
            reason: SYNTHETIC_LABEL.into(),
        };
        let first = load(&mut repo, &data, &change).unwrap();
        assert_eq!(
            first.written,
            first.projects + first.strategies + first.investment + first.difficulties
        );
        let later = Change {
            at: Timestamp::parse("2026-11-27T01:00:00Z").unwrap(),
            ..change
        };
        assert_eq!(load(&mut repo, &data, &later).unwrap().written, 0);
        // Another day's demo would move baselines: refused, nothing written.
        let other = generate(Date::parse("2026-12-26").unwrap());
        assert!(matches!(
            load(&mut repo, &other, &later),
            Err(crate::Error::AppendOnly { .. })
        ));
        assert_eq!(
            repo.project_history(data.projects[0].id.as_str())
                .unwrap()
                .len(),
            1
        );
    }
}
