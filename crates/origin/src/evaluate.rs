//! Testing a product and its bill of materials against a rule.
//!
//! [`assess`] evaluates every criterion of the rule under one agreement's
//! [`Profile`] and returns an [`Assessment`]: per criterion the outcome,
//! the numbers, and the arithmetic as sentences in Vietnamese and English;
//! the rule's overall outcome; notes (unknown origins, cumulation, what is
//! not modelled); and the proof-of-origin route.
//!
//! Outcomes are three-valued ([`Outcome`]): a criterion that cannot be
//! computed from the data given (no FOB price, no cost breakdown) is
//! *undetermined*, never silently failed or passed, and `and` / `or`
//! combine outcomes by Kleene's rules (a pass settles an `or`, a fail
//! settles an `and`). A criterion the agreement does not have (an RVC
//! under EVFTA, a MaxNOM under ATIGA) is *not applicable* and counts as a
//! fail.
//!
//! How materials are counted:
//! - unknown origin counts as non-originating;
//! - a material marked originating in a country that is not a Party to
//!   the agreement counts as non-originating (only the agreement's own
//!   cumulation is modelled);
//! - for tariff shifts, a non-originating material without an HS code, or
//!   with one too coarse to show the change, is treated as not changing
//!   (the exporter must be able to show the change).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::agreement::{Agreement, Base, Bound, Profile, Source};
use crate::bom::{BillOfMaterials, Material, Originating, Product};
use crate::hs::{HsCode, HsLevel};
use crate::route::Proof;
use crate::rule::{Criterion, Method, Rule};
use crate::text::{Lang, Text, number, percent};

/// The result of a test: three-valued.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The criterion (or rule) is met.
    Pass,
    /// It is not met.
    Fail,
    /// The data given cannot decide it.
    Undetermined,
}

impl Outcome {
    /// Kleene conjunction.
    pub fn and(self, other: Self) -> Self {
        match (self, other) {
            (Self::Fail, _) | (_, Self::Fail) => Self::Fail,
            (Self::Pass, Self::Pass) => Self::Pass,
            _ => Self::Undetermined,
        }
    }

    /// Kleene disjunction.
    pub fn or(self, other: Self) -> Self {
        match (self, other) {
            (Self::Pass, _) | (_, Self::Pass) => Self::Pass,
            (Self::Fail, Self::Fail) => Self::Fail,
            _ => Self::Undetermined,
        }
    }

    /// `đạt` / `pass`, etc.
    pub fn label(self) -> Text {
        match self {
            Self::Pass => Text::new("đạt", "pass"),
            Self::Fail => Text::new("không đạt", "fail"),
            Self::Undetermined => Text::new("chưa xác định", "undetermined"),
        }
    }
}

/// What the assessment needs beyond the product and its materials.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Context {
    /// The consignment's value in euro, for EVFTA's EUR 6 000 ceiling.
    pub consignment_eur: Option<Decimal>,
}

/// One percentage test with its numbers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValueTest {
    /// The RVC formula, or `None` for MaxNOM and de minimis.
    pub method: Option<Method>,
    /// The result.
    pub outcome: Outcome,
    /// The numerator (e.g. FOB − VNM), when computable.
    pub numerator: Option<Decimal>,
    /// The base (FOB, ex-works price, net cost), when known.
    pub base: Option<Decimal>,
    /// numerator / base × 100, when computable (display only).
    pub percent: Option<Decimal>,
    /// The threshold in percent.
    pub threshold: Decimal,
    /// How the percentage compares with it.
    pub bound: Bound,
    /// The arithmetic in words.
    pub text: Text,
}

/// Whether a non-originating material satisfies a tariff shift.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ShiftVerdict {
    /// Classified in a different chapter / heading / subheading.
    Changes,
    /// Same chapter / heading / subheading as the product.
    Same,
    /// Its code is too coarse to show the change.
    TooCoarse,
    /// It has no HS code.
    NoHs,
    /// It is in a class the rule excepts ("except from").
    Excepted,
}

/// One non-originating material in a tariff-shift test.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShiftLine {
    /// The material's line in the bill of materials.
    pub line: u64,
    /// Its HS code.
    pub hs: Option<HsCode>,
    /// Its value.
    pub value: Decimal,
    /// The verdict.
    pub verdict: ShiftVerdict,
}

/// The numbers of a tariff-shift test.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShiftDetail {
    /// Chapter, heading or subheading.
    pub level: HsLevel,
    /// Every non-originating material with its verdict.
    pub lines: Vec<ShiftLine>,
    /// The value of the materials that do not satisfy the shift.
    pub failing_value: Decimal,
    /// The de minimis test, when some materials do not satisfy it.
    pub de_minimis: Option<ValueTest>,
}

/// The numbers behind a criterion's outcome.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Detail {
    /// The agreement has no such test.
    NotApplicable,
    /// WO / PE: how many materials are non-originating.
    Materials {
        /// Non-originating (including unknown) materials.
        non_originating: usize,
        /// All materials.
        of: usize,
    },
    /// RVC (one test per formula tried) or MaxNOM.
    Value {
        /// The tests.
        tests: Vec<ValueTest>,
    },
    /// Tariff shift.
    Shift(ShiftDetail),
}

/// The result of one criterion.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CriterionResult {
    /// The criterion as written (canonical spelling).
    pub label: String,
    /// The criterion.
    pub criterion: Criterion,
    /// Its outcome (not applicable counts as fail).
    pub outcome: Outcome,
    /// False when the agreement has no such test.
    pub applicable: bool,
    /// The numbers.
    pub detail: Detail,
    /// The arithmetic and reasons, one sentence each.
    pub lines: Vec<Text>,
    /// The legal basis of the test.
    pub source: Option<Source>,
}

/// Totals over the bill of materials, as counted under the agreement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Materials {
    /// Number of lines.
    pub lines: usize,
    /// Sum of all values.
    pub total: Decimal,
    /// Value of originating materials (VOM).
    pub originating: Decimal,
    /// Value of non-originating materials, unknown origin included (VNM).
    pub non_originating: Decimal,
    /// Lines of unknown origin.
    pub unknown_lines: usize,
    /// Lines claimed originating in a country that is not a Party.
    pub not_party_lines: Vec<u64>,
}

/// A proof of origin and whether it is open for this consignment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProofOption {
    /// The proof.
    pub proof: Proof,
    /// `Some(true)` open, `Some(false)` closed (over a value ceiling),
    /// `None` when the consignment's value is needed to tell.
    pub open: Option<bool>,
}

/// Everything one agreement says about one product.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    /// The agreement.
    pub agreement: Agreement,
    /// The rule tested (canonical spelling).
    pub rule: String,
    /// The rule's outcome.
    pub outcome: Outcome,
    /// Each criterion, left to right.
    pub criteria: Vec<CriterionResult>,
    /// Material totals under this agreement.
    pub materials: Materials,
    /// Notes: counting choices, cumulation, what is not modelled, warnings.
    pub notes: Vec<Text>,
    /// The proofs of origin (relevant when the outcome is a pass).
    pub route: Vec<ProofOption>,
    /// Notes on the route.
    pub route_notes: Vec<Text>,
}

/// How many failing materials a tariff-shift explanation names one by one
/// (the detail keeps all of them).
const SHOWN_LINES: usize = 20;

/// A material as counted under one agreement.
struct Counted<'a> {
    m: &'a Material,
    originating: bool,
}

/// Tests `product` made from `bom` against `rule` under `profile`.
pub fn assess(
    profile: &Profile,
    product: &Product,
    bom: &BillOfMaterials,
    rule: &Rule,
    ctx: &Context,
) -> Assessment {
    let counted: Vec<Counted> = bom
        .materials()
        .iter()
        .map(|m| Counted {
            m,
            originating: m.originating == Originating::Yes
                && m.country.as_ref().is_some_and(|c| profile.is_party(c)),
        })
        .collect();
    let materials = Materials {
        lines: counted.len(),
        total: bom.total(),
        originating: counted
            .iter()
            .filter(|c| c.originating)
            .map(|c| c.m.value)
            .sum(),
        non_originating: counted
            .iter()
            .filter(|c| !c.originating)
            .map(|c| c.m.value)
            .sum(),
        unknown_lines: counted
            .iter()
            .filter(|c| c.m.originating == Originating::Unknown)
            .count(),
        not_party_lines: counted
            .iter()
            .filter(|c| c.m.originating == Originating::Yes && !c.originating)
            .map(|c| c.m.line)
            .collect(),
    };
    let eval = Eval {
        profile,
        product,
        counted: &counted,
        materials: &materials,
    };
    let criteria: Vec<CriterionResult> = rule
        .criteria()
        .into_iter()
        .map(|c| eval.criterion(c))
        .collect();
    let outcomes: Vec<Outcome> = criteria.iter().map(|c| c.outcome).collect();
    let outcome = combine(rule, &outcomes, &mut 0);
    let notes = eval.notes(rule, &criteria);
    Assessment {
        agreement: profile.agreement,
        rule: rule.to_string(),
        outcome,
        criteria,
        materials,
        notes,
        route: profile
            .route
            .proofs
            .iter()
            .map(|p| ProofOption {
                proof: p.clone(),
                open: p.open_for(ctx.consignment_eur),
            })
            .collect(),
        route_notes: profile.route.notes.clone(),
    }
}

fn combine(rule: &Rule, leaves: &[Outcome], next: &mut usize) -> Outcome {
    match rule {
        Rule::Criterion(_) => {
            let o = leaves.get(*next).copied().unwrap_or(Outcome::Undetermined);
            *next += 1;
            o
        }
        Rule::All(parts) => parts
            .iter()
            .map(|p| combine(p, leaves, next))
            .fold(Outcome::Pass, Outcome::and),
        Rule::Any(parts) => parts
            .iter()
            .map(|p| combine(p, leaves, next))
            .fold(Outcome::Fail, Outcome::or),
    }
}

struct Eval<'a> {
    profile: &'a Profile,
    product: &'a Product,
    counted: &'a [Counted<'a>],
    materials: &'a Materials,
}

/// `→ đạt` / `→ pass` after a comparison.
fn verdict(o: Outcome) -> Text {
    let l = o.label();
    Text::new(format!("→ {}", l.vi), format!("→ {}", l.en))
}

/// A value weighed against its limit: the outcome by `bound` (exact, see
/// [`Bound::holds`]), the percentage, and the arithmetic as one sentence
/// per language, `{lhs} = {percent} {≥ or <…} {limit} → {verdict}`.
/// `base` is above zero (prices are checked when the product is built).
fn weighed(
    method: Option<Method>,
    bound: Bound,
    num: Decimal,
    base: Decimal,
    limit: Decimal,
    lhs: Text,
) -> ValueTest {
    let outcome = if bound.holds(num, base, limit) {
        Outcome::Pass
    } else {
        Outcome::Fail
    };
    let pct = num * Decimal::ONE_HUNDRED / base;
    let (ok, ko) = bound.symbols();
    let rel = if outcome == Outcome::Pass { ok } else { ko };
    let v = verdict(outcome);
    let sentence = |lhs: &str, verdict: &str, lang: Lang| {
        format!(
            "{lhs} = {} {rel} {} {verdict}",
            percent(pct, Some(limit), lang),
            percent(limit, None, lang)
        )
    };
    ValueTest {
        method,
        outcome,
        numerator: Some(num),
        base: Some(base),
        percent: Some(pct),
        threshold: limit,
        bound,
        text: Text::new(
            sentence(&lhs.vi, &v.vi, Lang::Vi),
            sentence(&lhs.en, &v.en, Lang::En),
        ),
    }
}

impl Eval<'_> {
    fn agreement(&self) -> &'static str {
        self.profile.agreement.code()
    }

    fn criterion(&self, c: &Criterion) -> CriterionResult {
        let label = c.to_string();
        let mut r = match c {
            Criterion::WhollyObtained => self.wholly_obtained(),
            Criterion::ProducedExclusively => self.produced_exclusively(),
            Criterion::TariffShift { level, except } => self.shift(*level, except),
            Criterion::Rvc {
                threshold,
                method,
                focused,
            } => self.rvc(*threshold, *method, focused),
            Criterion::MaxNom { limit } => self.max_nom(*limit),
        };
        r.label = label;
        r.criterion = c.clone();
        r
    }

    fn result(
        &self,
        outcome: Outcome,
        detail: Detail,
        lines: Vec<Text>,
        source: Option<Source>,
    ) -> CriterionResult {
        CriterionResult {
            label: String::new(),
            criterion: Criterion::WhollyObtained,
            outcome,
            applicable: !matches!(detail, Detail::NotApplicable),
            detail,
            lines,
            source,
        }
    }

    fn not_applicable(&self, why: Text) -> CriterionResult {
        self.result(Outcome::Fail, Detail::NotApplicable, vec![why], None)
    }

    fn non_originating_count(&self) -> usize {
        self.counted.iter().filter(|c| !c.originating).count()
    }

    fn wholly_obtained(&self) -> CriterionResult {
        let n = self.non_originating_count();
        let of = self.counted.len();
        let (outcome, line) = if n > 0 {
            (
                Outcome::Fail,
                Text::new(
                    format!(
                        "{n}/{of} nguyên liệu không có xuất xứ: hàng hóa có nguyên liệu không có xuất xứ không thể là xuất xứ thuần túy (WO)"
                    ),
                    format!(
                        "{n} of {of} materials are non-originating: a good with non-originating materials is not wholly obtained (WO)"
                    ),
                ),
            )
        } else {
            (
                Outcome::Undetermined,
                Text::new(
                    "Không có nguyên liệu không có xuất xứ, nhưng bảng định mức không chứng minh được xuất xứ thuần túy (WO: trồng trọt, chăn nuôi, khai thác… tại nước thành viên); hãy xác nhận theo định nghĩa của hiệp định",
                    "No non-originating materials, but a bill of materials cannot prove that a good is wholly obtained (WO: grown, born and raised, extracted… in a Party); confirm it against the agreement's definition",
                ),
            )
        };
        self.result(
            outcome,
            Detail::Materials {
                non_originating: n,
                of,
            },
            vec![line],
            Some(self.profile.criteria_source.clone()),
        )
    }

    fn produced_exclusively(&self) -> CriterionResult {
        let n = self.non_originating_count();
        let of = self.counted.len();
        let (outcome, line) = if of == 0 {
            (
                Outcome::Undetermined,
                Text::new(
                    "Bảng định mức không có nguyên liệu nào: không xét được PE",
                    "The bill of materials lists no materials: PE cannot be tested",
                ),
            )
        } else if n == 0 {
            (
                Outcome::Pass,
                Text::new(
                    format!(
                        "Cả {of} nguyên liệu đều có xuất xứ {} → đạt",
                        self.agreement()
                    ),
                    format!(
                        "All {of} materials are originating under {} → pass",
                        self.agreement()
                    ),
                ),
            )
        } else {
            (
                Outcome::Fail,
                Text::new(
                    format!("{n}/{of} nguyên liệu không có xuất xứ → không đạt"),
                    format!("{n} of {of} materials are non-originating → fail"),
                ),
            )
        };
        self.result(
            outcome,
            Detail::Materials {
                non_originating: n,
                of,
            },
            vec![line],
            Some(self.profile.criteria_source.clone()),
        )
    }

    fn base_value(&self, base: Base) -> Option<Decimal> {
        match base {
            Base::Fob | Base::ValueOfGood => self.product.fob(),
            Base::ExWorks => Some(self.product.ex_works()),
        }
    }

    fn shift(&self, level: HsLevel, except: &[HsCode]) -> CriterionResult {
        let product = self.product.hs();
        let mut lines = Vec::new();
        for c in self.counted.iter().filter(|c| !c.originating) {
            let verdict = match &c.m.hs {
                None => ShiftVerdict::NoHs,
                Some(hs) if except.iter().any(|e| hs.within(e) || e.within(hs)) => {
                    ShiftVerdict::Excepted
                }
                Some(hs) => match hs.differs_at(product, level) {
                    Some(true) => ShiftVerdict::Changes,
                    Some(false) => ShiftVerdict::Same,
                    None => ShiftVerdict::TooCoarse,
                },
            };
            lines.push(ShiftLine {
                line: c.m.line,
                hs: c.m.hs.clone(),
                value: c.m.value,
                verdict,
            });
        }
        let failing: Vec<&ShiftLine> = lines
            .iter()
            .filter(|l| l.verdict != ShiftVerdict::Changes)
            .collect();
        let failing_value: Decimal = failing.iter().map(|l| l.value).sum();
        let (lvi, len) = (level.name_vi(), level.name_en());
        let n = lines.len();
        let mut text = Vec::new();
        let (outcome, de_minimis) = if n == 0 {
            text.push(Text::new(
                "Không có nguyên liệu không có xuất xứ → đạt",
                "No non-originating materials → pass",
            ));
            (Outcome::Pass, None)
        } else if failing.is_empty() {
            text.push(Text::new(
                format!("Cả {n} nguyên liệu không có xuất xứ đều chuyển đổi {lvi} so với sản phẩm {product} → đạt"),
                format!("All {n} non-originating material{} change {len} from the product's {product} → pass", plural(n)),
            ));
            (Outcome::Pass, None)
        } else {
            text.push(Text::new(
                format!(
                    "{n} nguyên liệu không có xuất xứ; {} không chuyển đổi {lvi} so với sản phẩm {product}, trị giá {}",
                    failing.len(),
                    number(failing_value, Lang::Vi)
                ),
                format!(
                    "{n} non-originating material{}; {} {} not change {len} from the product's {product}, worth {}",
                    plural(n),
                    failing.len(),
                    if failing.len() == 1 { "does" } else { "do" },
                    number(failing_value, Lang::En)
                ),
            ));
            for l in failing.iter().take(SHOWN_LINES) {
                text.push(shift_line_text(l, level, product));
            }
            if failing.len() > SHOWN_LINES {
                let more = failing.len() - SHOWN_LINES;
                text.push(Text::new(
                    format!("  … và {more} dòng khác (xem đầy đủ trong kết quả JSON)"),
                    format!(
                        "  … and {more} more line{} (all of them in the JSON output)",
                        plural(more)
                    ),
                ));
            }
            let dm = self.de_minimis(failing_value);
            let outcome = dm.outcome;
            text.push(dm.text.clone());
            (outcome, Some(dm))
        };
        self.result(
            outcome,
            Detail::Shift(ShiftDetail {
                level,
                lines,
                failing_value,
                de_minimis,
            }),
            text,
            Some(self.profile.shift_source.clone()),
        )
    }

    fn de_minimis(&self, failing_value: Decimal) -> ValueTest {
        let dm = &self.profile.de_minimis;
        let base = self.base_value(dm.base);
        let sym = dm.base.symbol();
        let (src_vi, src_en) = (dm.source.show(Lang::Vi), dm.source.show(Lang::En));
        let limit = dm.percent;
        match base {
            None => ValueTest {
                method: None,
                outcome: Outcome::Undetermined,
                numerator: Some(failing_value),
                base: None,
                percent: None,
                threshold: limit,
                bound: dm.bound,
                text: Text::new(
                    format!(
                        "De minimis: cần giá {sym} để so sánh với mức {} ({src_vi})",
                        percent(limit, None, Lang::Vi)
                    ),
                    format!(
                        "De minimis: the {sym} price is needed to compare with {} ({src_en})",
                        percent(limit, None, Lang::En)
                    ),
                ),
            },
            Some(b) => {
                let (name_vi, name_en) = if self.profile.agreement == Agreement::Evfta {
                    ("Dung sai", "Tolerance")
                } else {
                    ("De minimis", "De minimis")
                };
                let mut test = weighed(
                    None,
                    dm.bound,
                    failing_value,
                    b,
                    limit,
                    Text::new(
                        format!(
                            "{name_vi}: {} / {sym} {}",
                            number(failing_value, Lang::Vi),
                            number(b, Lang::Vi)
                        ),
                        format!(
                            "{name_en}: {} / {sym} {}",
                            number(failing_value, Lang::En),
                            number(b, Lang::En)
                        ),
                    ),
                );
                test.text.vi.push_str(&format!(" ({src_vi})"));
                test.text.en.push_str(&format!(" ({src_en})"));
                test
            }
        }
    }

    fn rvc(
        &self,
        threshold: Decimal,
        method: Option<Method>,
        focused: &[HsCode],
    ) -> CriterionResult {
        let code = self.agreement();
        let Some(rules) = &self.profile.rvc else {
            return self.not_applicable(Text::new(
                format!("{code} không có tiêu chí RVC: quy tắc về trị giá của {code} giới hạn nguyên liệu không có xuất xứ theo giá xuất xưởng (MaxNOM)"),
                format!("{code} has no RVC test: its value rules cap non-originating materials against the ex-works price (MaxNOM)"),
            ));
        };
        let mut lines = Vec::new();
        let methods: Vec<Method> = match method {
            Some(m) if !rules.methods.contains(&m) => {
                let allowed: Vec<&str> = rules.methods.iter().map(|m| m.keyword()).collect();
                return self.not_applicable(Text::new(
                    format!(
                        "{code} không cho phép công thức {} (cho phép: {})",
                        m.keyword(),
                        allowed.join(", ")
                    ),
                    format!(
                        "{code} does not allow the {} formula (allowed: {})",
                        m.keyword(),
                        allowed.join(", ")
                    ),
                ));
            }
            Some(m) => vec![m],
            None => {
                let mut ms = Vec::new();
                for &m in &rules.methods {
                    match m {
                        Method::FocusedValue => {}
                        Method::NetCost if self.product.net_cost().is_none() => {}
                        Method::BuildUp
                            if rules.build_up_adds_costs && self.product.costs().is_none() =>
                        {
                            let name = method_name(self.profile.agreement, m);
                            lines.push(Text::new(
                                format!("{}: không tính vì thiếu chi phí nhân công, phân bổ, lợi nhuận và chi phí khác", name.vi),
                                format!("{}: not tried, the labour, overhead, profit and other costs were not given", name.en),
                            ));
                        }
                        m => ms.push(m),
                    }
                }
                ms
            }
        };
        let tests: Vec<ValueTest> = methods
            .iter()
            .map(|&m| {
                self.rvc_test(
                    m,
                    threshold,
                    rules.bound,
                    rules.build_up_adds_costs,
                    focused,
                )
            })
            .collect();
        let outcome = tests.iter().fold(
            if tests.is_empty() {
                Outcome::Undetermined
            } else {
                Outcome::Fail
            },
            |acc, t| acc.or(t.outcome),
        );
        let mut all = tests.iter().map(|t| t.text.clone()).collect::<Vec<_>>();
        all.append(&mut lines);
        self.result(
            outcome,
            Detail::Value { tests },
            all,
            Some(rules.source.clone()),
        )
    }

    fn rvc_test(
        &self,
        method: Method,
        threshold: Decimal,
        bound: Bound,
        adds_costs: bool,
        focused: &[HsCode],
    ) -> ValueTest {
        let name = method_name(self.profile.agreement, method);
        let vnm = self.materials.non_originating;
        let vom = self.materials.originating;
        let base_kind = self.profile.rvc.as_ref().map_or(Base::Fob, |r| r.base);
        let undetermined = |why_vi: String, why_en: String| ValueTest {
            method: Some(method),
            outcome: Outcome::Undetermined,
            numerator: None,
            base: None,
            percent: None,
            threshold,
            bound,
            text: Text::new(
                format!("{}: {why_vi}", name.vi),
                format!("{}: {why_en}", name.en),
            ),
        };
        // (numerator, base, formula text in vi / en before "= x %")
        let (num, base, fvi, fen) = match method {
            Method::NetCost => {
                let Some(nc) = self.product.net_cost() else {
                    return undetermined(
                        "cần chi phí thuần (NC)".into(),
                        "the net cost (NC) is needed".into(),
                    );
                };
                (
                    nc - vnm,
                    nc,
                    format!(
                        "(NC {} − VNM {}) / NC {}",
                        number(nc, Lang::Vi),
                        number(vnm, Lang::Vi),
                        number(nc, Lang::Vi)
                    ),
                    format!(
                        "(NC {} − VNM {}) / NC {}",
                        number(nc, Lang::En),
                        number(vnm, Lang::En),
                        number(nc, Lang::En)
                    ),
                )
            }
            _ => {
                let Some(b) = self.base_value(base_kind) else {
                    return undetermined("cần giá FOB".into(), "the FOB price is needed".into());
                };
                let sym = base_kind.symbol();
                match method {
                    Method::BuildDown => (
                        b - vnm,
                        b,
                        format!(
                            "({sym} {} − VNM {}) / {sym} {}",
                            number(b, Lang::Vi),
                            number(vnm, Lang::Vi),
                            number(b, Lang::Vi)
                        ),
                        format!(
                            "({sym} {} − VNM {}) / {sym} {}",
                            number(b, Lang::En),
                            number(vnm, Lang::En),
                            number(b, Lang::En)
                        ),
                    ),
                    Method::FocusedValue => {
                        let fvnm: Decimal = self
                            .counted
                            .iter()
                            .filter(|c| !c.originating)
                            .filter(|c| match &c.m.hs {
                                // Without a code it cannot be shown outside the focus.
                                None => true,
                                Some(hs) => focused.iter().any(|f| hs.within(f) || f.within(hs)),
                            })
                            .map(|c| c.m.value)
                            .sum();
                        (
                            b - fvnm,
                            b,
                            format!(
                                "({sym} {} − FVNM {}) / {sym} {}",
                                number(b, Lang::Vi),
                                number(fvnm, Lang::Vi),
                                number(b, Lang::Vi)
                            ),
                            format!(
                                "({sym} {} − FVNM {}) / {sym} {}",
                                number(b, Lang::En),
                                number(fvnm, Lang::En),
                                number(b, Lang::En)
                            ),
                        )
                    }
                    Method::BuildUp if adds_costs => {
                        let Some(costs) = self.product.costs() else {
                            return undetermined(
                                "cần chi phí nhân công, phân bổ, lợi nhuận và chi phí khác".into(),
                                "the labour, overhead, profit and other costs are needed".into(),
                            );
                        };
                        let parts = [
                            ("VOM", "VOM", vom),
                            ("nhân công", "labour", costs.direct_labour),
                            ("phân bổ", "overhead", costs.direct_overhead),
                            ("chi phí khác", "other costs", costs.other),
                            ("lợi nhuận", "profit", costs.profit),
                        ];
                        let join = |lang: Lang| {
                            parts
                                .iter()
                                .map(|(vi, en, v)| {
                                    let n = match lang {
                                        Lang::Vi => vi,
                                        Lang::En => en,
                                    };
                                    format!("{n} {}", number(*v, lang))
                                })
                                .collect::<Vec<_>>()
                                .join(" + ")
                        };
                        (
                            vom + costs.total(),
                            b,
                            format!("({}) / {sym} {}", join(Lang::Vi), number(b, Lang::Vi)),
                            format!("({}) / {sym} {}", join(Lang::En), number(b, Lang::En)),
                        )
                    }
                    _ => (
                        vom,
                        b,
                        format!(
                            "VOM {} / {sym} {}",
                            number(vom, Lang::Vi),
                            number(b, Lang::Vi)
                        ),
                        format!(
                            "VOM {} / {sym} {}",
                            number(vom, Lang::En),
                            number(b, Lang::En)
                        ),
                    ),
                }
            }
        };
        weighed(
            Some(method),
            bound,
            num,
            base,
            threshold,
            Text::new(
                format!("RVC ({}) = {fvi}", name.vi),
                format!("RVC ({}) = {fen}", name.en),
            ),
        )
    }

    fn max_nom(&self, limit: Decimal) -> CriterionResult {
        let code = self.agreement();
        let Some(rules) = &self.profile.max_nom else {
            return self.not_applicable(Text::new(
                format!("{code} không có tiêu chí MaxNOM: quy tắc về trị giá của {code} là RVC tính trên giá FOB"),
                format!("{code} has no MaxNOM test: its value rule is the RVC on the FOB value"),
            ));
        };
        let exw = self.product.ex_works();
        let vnm = self.materials.non_originating;
        let test = weighed(
            None,
            rules.bound,
            vnm,
            exw,
            limit,
            Text::new(
                format!(
                    "Nguyên liệu không có xuất xứ / giá xuất xưởng = VNM {} / EXW {}",
                    number(vnm, Lang::Vi),
                    number(exw, Lang::Vi)
                ),
                format!(
                    "Non-originating materials / ex-works price = VNM {} / EXW {}",
                    number(vnm, Lang::En),
                    number(exw, Lang::En)
                ),
            ),
        );
        let outcome = test.outcome;
        let lines = vec![test.text.clone()];
        self.result(
            outcome,
            Detail::Value { tests: vec![test] },
            lines,
            Some(rules.source.clone()),
        )
    }

    fn notes(&self, rule: &Rule, criteria: &[CriterionResult]) -> Vec<Text> {
        let m = self.materials;
        let code = self.agreement();
        let mut notes = Vec::new();
        if m.lines == 0 {
            notes.push(Text::new(
                "Bảng định mức không có nguyên liệu nào.",
                "The bill of materials lists no materials.",
            ));
        }
        if m.unknown_lines > 0 {
            notes.push(Text::new(
                format!(
                    "{} nguyên liệu không rõ xuất xứ được tính là không có xuất xứ.",
                    m.unknown_lines
                ),
                format!(
                    "{} material{} of unknown origin {} counted as non-originating.",
                    m.unknown_lines,
                    plural(m.unknown_lines),
                    if m.unknown_lines == 1 { "is" } else { "are" }
                ),
            ));
        }
        if !m.not_party_lines.is_empty() {
            let list = m
                .not_party_lines
                .iter()
                .map(u64::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            notes.push(Text::new(
                format!("Dòng {list}: khai là có xuất xứ nhưng nước xuất xứ không phải thành viên {code}, nên được tính là không có xuất xứ theo {code}."),
                format!("Line(s) {list}: declared originating, but the country is not a Party to {code}, so counted as non-originating under {code}."),
            ));
        }
        notes.push(self.profile.cumulation.clone());
        if m.total > self.product.ex_works() {
            notes.push(Text::new(
                format!(
                    "Tổng trị giá nguyên liệu ({}) lớn hơn giá xuất xưởng ({}): hãy kiểm tra lại số liệu.",
                    number(m.total, Lang::Vi),
                    number(self.product.ex_works(), Lang::Vi)
                ),
                format!(
                    "The materials total {}, more than the ex-works price {}: check the figures.",
                    number(m.total, Lang::En),
                    number(self.product.ex_works(), Lang::En)
                ),
            ));
        }
        if let Some(fob) = self.product.fob()
            && fob < self.product.ex_works()
        {
            notes.push(Text::new(
                "Giá FOB thấp hơn giá xuất xưởng: FOB thường bằng giá xuất xưởng cộng chi phí đưa hàng tới cảng xuất; hãy kiểm tra lại.",
                "The FOB price is below the ex-works price: FOB is normally ex-works plus the costs of bringing the goods to the port of export; check the figures.",
            ));
        }
        if self.profile.agreement == Agreement::Cptpp {
            notes.push(Text::new(
                "CPTPP: trị giá hàng hóa là trị giá giao dịch không gồm chi phí vận chuyển quốc tế, ở đây lấy bằng giá FOB.",
                "CPTPP: the value of the good is the transaction value excluding international shipment, taken here as the FOB price.",
            ));
            let bare = rule
                .criteria()
                .iter()
                .any(|c| matches!(c, Criterion::Rvc { method: None, .. }));
            if bare {
                notes.push(Text::new(
                    "CPTPP quy định ngưỡng RVC riêng cho từng phương pháp; RVC không ghi phương pháp được thử với mọi phương pháp ở cùng ngưỡng. Hãy ghi rõ, ví dụ \"RVC45 build-down or RVC35 build-up\".",
                    "CPTPP rules set one RVC threshold per formula; an RVC without a formula was tried with every formula at the same threshold. Write them out, e.g. \"RVC45 build-down or RVC35 build-up\".",
                ));
            }
            let net_cost = criteria.iter().any(|c| match &c.detail {
                Detail::Value { tests } => tests.iter().any(|t| t.method == Some(Method::NetCost)),
                _ => false,
            });
            if net_cost {
                notes.push(Text::new(
                    "Phương pháp chi phí thuần chỉ dùng cho hàng ô tô (CPTPP Điều 3.5, Phụ lục 3-D, Phụ đính 1) [chưa kiểm chứng]: hãy xác nhận sản phẩm thuộc diện này.",
                    "The net cost method is for automotive goods only (CPTPP Art. 3.5, Annex 3-D Appendix 1) [recalled]: confirm the product is one.",
                ));
            }
        }
        let de_minimis_used = criteria
            .iter()
            .any(|c| matches!(&c.detail, Detail::Shift(s) if s.de_minimis.is_some()));
        if de_minimis_used {
            notes.push(self.profile.de_minimis.caveat.clone());
        }
        let above_100 = criteria.iter().any(|c| match &c.detail {
            Detail::Value { tests } => tests
                .iter()
                .any(|t| t.percent.is_some_and(|p| p > Decimal::ONE_HUNDRED)),
            _ => false,
        });
        if above_100 {
            notes.push(Text::new(
                "Một tỷ lệ vượt 100 %: các thành phần cộng lại lớn hơn giá; hãy kiểm tra lại số liệu.",
                "A percentage is above 100 %: the parts add up to more than the price; check the figures.",
            ));
        }
        notes.push(Text::new(
            format!(
                "Mã HS được so sánh như đã nhập, đọc theo {}; biểu quy tắc cụ thể mặt hàng của hiệp định có thể dùng phiên bản HS khác.",
                self.product.edition().label()
            ),
            format!(
                "HS codes are compared as given, read in {}; the agreement's product-specific rules may be written in another HS edition.",
                self.product.edition().label()
            ),
        ));
        notes
    }
}

fn shift_line_text(l: &ShiftLine, level: HsLevel, product: &HsCode) -> Text {
    let hs =
        l.hs.as_ref()
            .map_or_else(|| "—".to_owned(), HsCode::to_string);
    let (vi, en) = match l.verdict {
        ShiftVerdict::Changes => (String::new(), String::new()),
        ShiftVerdict::Same => (
            format!("cùng {} với sản phẩm", level.name_vi()),
            format!("same {} as the product", level.name_en()),
        ),
        ShiftVerdict::TooCoarse => (
            format!(
                "mã {hs} chưa đủ chi tiết để chứng minh chuyển đổi {} so với {product}",
                level.name_vi()
            ),
            format!(
                "code {hs} is too coarse to show a change of {} from {product}",
                level.name_en()
            ),
        ),
        ShiftVerdict::NoHs => (
            "không có mã HS nên không chứng minh được chuyển đổi".to_owned(),
            "no HS code, so no change can be shown".to_owned(),
        ),
        ShiftVerdict::Excepted => (
            "thuộc danh mục loại trừ của quy tắc (phải có xuất xứ)".to_owned(),
            "in a class the rule excepts (must be originating)".to_owned(),
        ),
    };
    Text::new(
        format!(
            "  dòng {}: {hs}, trị giá {}: {vi}",
            l.line,
            number(l.value, Lang::Vi)
        ),
        format!(
            "  line {}: {hs}, worth {}: {en}",
            l.line,
            number(l.value, Lang::En)
        ),
    )
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The name of a formula as the agreement's Vietnamese circular and
/// English text call it.
pub fn method_name(agreement: Agreement, method: Method) -> Text {
    let asean_style = matches!(agreement, Agreement::Atiga | Agreement::Rcep);
    match (method, asean_style) {
        (Method::BuildDown, true) => Text::new("công thức gián tiếp", "build-down, indirect"),
        (Method::BuildUp, true) => Text::new("công thức trực tiếp", "build-up, direct"),
        (Method::BuildDown, false) => Text::new("phương pháp giá trị khấu trừ", "build-down"),
        (Method::BuildUp, false) => Text::new("phương pháp giá trị tập hợp", "build-up"),
        (Method::FocusedValue, _) => Text::new("phương pháp giá trị tập trung", "focused value"),
        (Method::NetCost, _) => Text::new("phương pháp chi phí thuần", "net cost"),
    }
}
