//! Rule expressions: the product-specific rule a user wants tested.
//!
//! The calculator does not bundle the agreements' product-specific rule
//! tables; the user types the rule for the product, as the schedule
//! writes it. The grammar (case-insensitive; spaces free):
//!
//! ```text
//! rule      = any
//! any       = all { OR all }              OR  = "or" | "hoặc" | "/" | "|"
//! all       = atom { AND atom }           AND = "and" | "và" | "+" | "&"
//! atom      = "(" any ")" | criterion
//! criterion = "WO"                        wholly obtained
//!           | "PE"                        produced exclusively from originating materials
//!           | shift [ "except" ["from"] hs { "," hs } ]
//!           | "RVC" pct [ method ]
//!           | "MaxNOM" pct [ "(" "EXW" ")" ]
//! shift     = "CC" | "CTH" | "CTSH"      change of chapter / heading / subheading
//! pct       = number ["%"] | "(" number ["%"] ")"      0 < number ≤ 100
//! method    = "build-down" | "bd" | "build-up" | "bu" | "net-cost" | "nc"
//!           | ("focused" | "fv") "(" hs { "," hs } ")"
//! ```
//!
//! `and` binds tighter than `or`: `RVC40 or CTH and RVC35` is
//! `RVC40 or (CTH and RVC35)`. Examples: `RVC40 or CTH`, `CTSH`,
//! `MaxNOM 50%`, `CC`, `RVC(35) build-down`, `WO`,
//! `CTH except 1701, 1702`, `RVC45 build-down or RVC35 build-up or RVC55 focused(8407, 8408)`.
//!
//! An `RVC` without a method is met by any formula the agreement allows
//! (see [`crate::agreement`]).

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::hs::{HsCode, HsLevel};

/// A formula for the regional value content.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Method {
    /// (base − VNM) / base: ATIGA and RCEP "indirect", CPTPP build-down.
    BuildDown,
    /// originating content / base: ATIGA and RCEP "direct", CPTPP build-up.
    BuildUp,
    /// (value − FVNM) / value over the named materials only (CPTPP).
    FocusedValue,
    /// (NC − VNM) / NC (CPTPP, automotive goods).
    NetCost,
}

impl Method {
    /// The keyword used in rules (`build-down`, …).
    pub fn keyword(self) -> &'static str {
        match self {
            Self::BuildDown => "build-down",
            Self::BuildUp => "build-up",
            Self::FocusedValue => "focused",
            Self::NetCost => "net-cost",
        }
    }
}

/// One test of a rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Criterion {
    /// Wholly obtained or produced (WO).
    WhollyObtained,
    /// Produced exclusively from originating materials (PE).
    ProducedExclusively,
    /// Change in tariff classification (CC, CTH, CTSH), with materials
    /// that must be originating whatever their classification.
    TariffShift {
        /// Chapter (CC), heading (CTH) or subheading (CTSH).
        level: HsLevel,
        /// "except from": non-originating materials classified here fail.
        except: Vec<HsCode>,
    },
    /// Regional value content of at least `threshold` %.
    Rvc {
        /// The percentage.
        threshold: Decimal,
        /// The formula; `None` means any formula the agreement allows.
        method: Option<Method>,
        /// For the focused value method: the materials it counts.
        focused: Vec<HsCode>,
    },
    /// Non-originating materials at most `limit` % of the ex-works price.
    MaxNom {
        /// The percentage.
        limit: Decimal,
    },
}

/// A rule: criteria joined by `and` / `or`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// One criterion.
    Criterion(Criterion),
    /// Every part must be met.
    All(Vec<Rule>),
    /// One part suffices.
    Any(Vec<Rule>),
}

impl Rule {
    /// Parses a rule; see the module doc for the grammar.
    pub fn parse(input: &str) -> Result<Self> {
        let tokens = lex(input)?;
        let mut p = Parser {
            input,
            tokens,
            pos: 0,
        };
        if p.tokens.is_empty() {
            return Err(p.error_at(
                1,
                "the rule is empty: write e.g. \"RVC40 or CTH\"",
                "quy tắc để trống: viết ví dụ \"RVC40 hoặc CTH\"",
            ));
        }
        let rule = p.any()?;
        if let Some(t) = p.peek() {
            let col = t.col;
            let (what, what_vi) = (t.kind.describe(), t.kind.describe_vi());
            let near = match &t.kind {
                Kind::Word(w) => {
                    near_keywords(w).filter(|k| !k.iter().any(|k| k.eq_ignore_ascii_case(w)))
                }
                _ => None,
            };
            let hint = near
                .as_ref()
                .map(|k| format!(" (did you mean {}?)", k.join(" or ")))
                .unwrap_or_default();
            let hint_vi = near
                .map(|k| format!(" (có phải là {}?)", k.join(" hoặc ")))
                .unwrap_or_default();
            return Err(p.error_at(
                col,
                &format!("unexpected {what}{hint}: join criteria with \"or\" or \"and\""),
                &format!(
                    "không đúng chỗ: {what_vi}{hint_vi}; nối các tiêu chí bằng \"hoặc\" (or) hay \"và\" (and)"
                ),
            ));
        }
        Ok(rule)
    }

    /// The criteria, left to right.
    pub fn criteria(&self) -> Vec<&Criterion> {
        let mut out = Vec::new();
        self.collect(&mut out);
        out
    }

    fn collect<'a>(&'a self, out: &mut Vec<&'a Criterion>) {
        match self {
            Self::Criterion(c) => out.push(c),
            Self::All(parts) | Self::Any(parts) => parts.iter().for_each(|p| p.collect(out)),
        }
    }
}

impl fmt::Display for Criterion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::WhollyObtained => f.write_str("WO"),
            Self::ProducedExclusively => f.write_str("PE"),
            Self::TariffShift { level, except } => {
                f.write_str(match level {
                    HsLevel::Chapter => "CC",
                    HsLevel::Heading => "CTH",
                    HsLevel::Subheading => "CTSH",
                })?;
                if !except.is_empty() {
                    f.write_str(" except ")?;
                    write_list(f, except)?;
                }
                Ok(())
            }
            Self::Rvc {
                threshold,
                method,
                focused,
            } => {
                write!(f, "RVC{}", threshold.normalize())?;
                match method {
                    None => Ok(()),
                    Some(Method::FocusedValue) => {
                        f.write_str(" focused(")?;
                        write_list(f, focused)?;
                        f.write_str(")")
                    }
                    Some(m) => write!(f, " {}", m.keyword()),
                }
            }
            Self::MaxNom { limit } => write!(f, "MaxNOM {}%", limit.normalize()),
        }
    }
}

fn write_list(f: &mut fmt::Formatter<'_>, codes: &[HsCode]) -> fmt::Result {
    for (i, c) in codes.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        write!(f, "{c}")?;
    }
    Ok(())
}

impl fmt::Display for Rule {
    /// The canonical spelling, which parses back to the same rule.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Criterion(c) => write!(f, "{c}"),
            Self::Any(parts) => {
                for (i, p) in parts.iter().enumerate() {
                    if i > 0 {
                        f.write_str(" or ")?;
                    }
                    write!(f, "{p}")?;
                }
                Ok(())
            }
            Self::All(parts) => {
                for (i, p) in parts.iter().enumerate() {
                    if i > 0 {
                        f.write_str(" and ")?;
                    }
                    match p {
                        Self::Any(_) => write!(f, "({p})")?,
                        _ => write!(f, "{p}")?,
                    }
                }
                Ok(())
            }
        }
    }
}

impl std::str::FromStr for Rule {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Self::parse(s)
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Kind {
    Word(String),
    Number(String),
    Open,
    Close,
    Comma,
    Percent,
    Or,
    And,
}

impl Kind {
    fn describe_vi(&self) -> String {
        match self {
            Self::Word(w) => format!("từ {w:?}"),
            Self::Number(n) => format!("số {n}"),
            Self::Or => "\"hoặc\"".into(),
            Self::And => "\"và\"".into(),
            other => other.describe(),
        }
    }

    fn describe(&self) -> String {
        match self {
            Self::Word(w) => format!("word {w:?}"),
            Self::Number(n) => format!("number {n}"),
            Self::Open => "\"(\"".into(),
            Self::Close => "\")\"".into(),
            Self::Comma => "\",\"".into(),
            Self::Percent => "\"%\"".into(),
            Self::Or => "\"or\"".into(),
            Self::And => "\"and\"".into(),
        }
    }
}

#[derive(Clone, Debug)]
struct Token {
    kind: Kind,
    /// 1-based character position.
    col: usize,
}

fn lex(input: &str) -> Result<Vec<Token>> {
    let text = congthuong_core::text::nfc(input);
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let col = i + 1;
        let single = match c {
            '(' => Some(Kind::Open),
            ')' => Some(Kind::Close),
            ',' => Some(Kind::Comma),
            '%' => Some(Kind::Percent),
            '/' | '|' => Some(Kind::Or),
            '+' | '&' => Some(Kind::And),
            _ => None,
        };
        if let Some(kind) = single {
            out.push(Token { kind, col });
            i += 1;
        } else if c.is_whitespace() {
            i += 1;
        } else if c.is_ascii_digit() {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            out.push(Token {
                kind: Kind::Number(chars[start..i].iter().collect()),
                col,
            });
        } else if c.is_alphabetic() {
            let start = i;
            while i < chars.len()
                && (chars[i].is_alphabetic() || chars[i] == '-' || chars[i] == '_')
            {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            let kind = match word.to_lowercase().as_str() {
                "or" | "hoặc" => Kind::Or,
                "and" | "và" => Kind::And,
                _ => Kind::Word(word),
            };
            out.push(Token { kind, col });
        } else {
            return Err(Error::MalformedRule {
                input: input.to_owned(),
                column: col,
                reason: crate::text::Text::new(
                    format!("ký tự {c:?} không dùng được trong quy tắc"),
                    format!("unexpected character {c:?}"),
                ),
            });
        }
    }
    Ok(out)
}

struct Parser<'a> {
    input: &'a str,
    tokens: Vec<Token>,
    pos: usize,
}

const CRITERIA: &str = "WO, PE, CC, CTH, CTSH, RVC or MaxNOM";
const CRITERIA_VI: &str = "WO, PE, CC, CTH, CTSH, RVC hoặc MaxNOM";

impl Parser<'_> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    fn peek_kind(&self) -> Option<&Kind> {
        self.peek().map(|t| &t.kind)
    }

    fn next(&mut self) -> Option<Token> {
        let t = self.tokens.get(self.pos).cloned();
        self.pos += 1;
        t
    }

    /// Column just after the last token, for "ended too early" errors.
    fn end_col(&self) -> usize {
        self.input.chars().count() + 1
    }

    fn here(&self) -> usize {
        self.peek().map_or_else(|| self.end_col(), |t| t.col)
    }

    fn error_at(&self, column: usize, en: &str, vi: &str) -> Error {
        Error::MalformedRule {
            input: self.input.to_owned(),
            column,
            reason: crate::text::Text::new(vi, en),
        }
    }

    fn any(&mut self) -> Result<Rule> {
        let mut parts = vec![self.all()?];
        while self.peek_kind() == Some(&Kind::Or) {
            self.pos += 1;
            parts.push(self.all()?);
        }
        Ok(flatten(parts, Rule::Any))
    }

    fn all(&mut self) -> Result<Rule> {
        let mut parts = vec![self.atom()?];
        while self.peek_kind() == Some(&Kind::And) {
            self.pos += 1;
            parts.push(self.atom()?);
        }
        Ok(flatten(parts, Rule::All))
    }

    fn atom(&mut self) -> Result<Rule> {
        let col = self.here();
        let Some(t) = self.next() else {
            return Err(self.error_at(
                col,
                &format!("the rule ends where a criterion was expected ({CRITERIA})"),
                &format!("quy tắc kết thúc ở chỗ cần một tiêu chí ({CRITERIA_VI})"),
            ));
        };
        match t.kind {
            Kind::Open => {
                let inner = self.any()?;
                match self.next() {
                    Some(Token {
                        kind: Kind::Close, ..
                    }) => Ok(inner),
                    _ => Err(self.error_at(
                        t.col,
                        "this \"(\" is never closed",
                        "dấu \"(\" này chưa được đóng",
                    )),
                }
            }
            Kind::Word(w) => self.criterion(&w, t.col).map(Rule::Criterion),
            Kind::Number(n) => Err(self.error_at(
                t.col,
                &format!("a number ({n}) needs a criterion before it, e.g. RVC{n} or MaxNOM {n}%"),
                &format!("trước số ({n}) cần một tiêu chí, ví dụ RVC{n} hoặc MaxNOM {n}%"),
            )),
            other => Err(self.error_at(
                t.col,
                &format!(
                    "expected a criterion ({CRITERIA}), found {}",
                    other.describe()
                ),
                &format!(
                    "cần một tiêu chí ({CRITERIA_VI}), gặp {}",
                    other.describe_vi()
                ),
            )),
        }
    }

    fn criterion(&mut self, word: &str, col: usize) -> Result<Criterion> {
        match word.to_ascii_uppercase().as_str() {
            "WO" => Ok(Criterion::WhollyObtained),
            "PE" => Ok(Criterion::ProducedExclusively),
            "CC" => self.shift(HsLevel::Chapter),
            "CTH" => self.shift(HsLevel::Heading),
            "CTSH" => self.shift(HsLevel::Subheading),
            "RVC" => {
                let threshold = self.percent("RVC", "RVC40")?;
                let (method, focused) = self.method()?;
                Ok(Criterion::Rvc {
                    threshold,
                    method,
                    focused,
                })
            }
            "MAXNOM" => {
                let limit = self.percent("MaxNOM", "MaxNOM 50%")?;
                // Optional "(EXW)": EVFTA's base is always the ex-works price.
                if self.peek_kind() == Some(&Kind::Open)
                    && matches!(self.tokens.get(self.pos + 1).map(|t| &t.kind),
                        Some(Kind::Word(w)) if w.eq_ignore_ascii_case("exw"))
                {
                    self.pos += 2;
                    self.expect_close("(EXW)")?;
                }
                Ok(Criterion::MaxNom { limit })
            }
            _ => {
                let near = near_keywords(word);
                let hint = near
                    .as_ref()
                    .map(|k| format!(" (did you mean {}?)", k.join(" or ")))
                    .unwrap_or_default();
                let hint_vi = near
                    .map(|k| format!(" (có phải là {}?)", k.join(" hoặc ")))
                    .unwrap_or_default();
                Err(self.error_at(
                    col,
                    &format!("unknown criterion {word:?}{hint}: expected {CRITERIA}"),
                    &format!("không có tiêu chí {word:?}{hint_vi}: dùng {CRITERIA_VI}"),
                ))
            }
        }
    }

    fn shift(&mut self, level: HsLevel) -> Result<Criterion> {
        let mut except = Vec::new();
        if matches!(self.peek_kind(), Some(Kind::Word(w)) if w.eq_ignore_ascii_case("except")) {
            self.pos += 1;
            if matches!(self.peek_kind(), Some(Kind::Word(w)) if w.eq_ignore_ascii_case("from")) {
                self.pos += 1;
            }
            except = self.hs_list("except")?;
        }
        Ok(Criterion::TariffShift { level, except })
    }

    fn hs_list(&mut self, after: &str) -> Result<Vec<HsCode>> {
        let mut out = Vec::new();
        loop {
            let col = self.here();
            match self.next() {
                Some(Token {
                    kind: Kind::Number(n),
                    ..
                }) => out.push(HsCode::parse(&n).map_err(|e| {
                    self.error_at(col, &e.to_string(), &e.message(crate::text::Lang::Vi))
                })?),
                _ => {
                    return Err(self.error_at(
                        col,
                        &format!("\"{after}\" needs HS codes, e.g. {after} 1701, 1702"),
                        &format!("sau \"{after}\" cần mã HS, ví dụ {after} 1701, 1702"),
                    ));
                }
            }
            if self.peek_kind() == Some(&Kind::Comma) {
                self.pos += 1;
            } else {
                return Ok(out);
            }
        }
    }

    fn percent(&mut self, name: &str, example: &str) -> Result<Decimal> {
        let col = self.here();
        let parenthesised = self.peek_kind() == Some(&Kind::Open);
        if parenthesised {
            self.pos += 1;
        }
        let n = match self.next() {
            Some(Token {
                kind: Kind::Number(n),
                ..
            }) => n,
            _ => {
                return Err(self.error_at(
                    col,
                    &format!("{name} needs a percentage, e.g. {example}"),
                    &format!("{name} cần một tỷ lệ phần trăm, ví dụ {example}"),
                ));
            }
        };
        let v = crate::amount::parse_percent(&n)
            .map_err(|e| self.error_at(col, &e.to_string(), &e.message(crate::text::Lang::Vi)))?;
        if self.peek_kind() == Some(&Kind::Percent) {
            self.pos += 1;
        }
        if parenthesised {
            self.expect_close(name)?;
        }
        Ok(v)
    }

    fn expect_close(&mut self, what: &str) -> Result<()> {
        let col = self.here();
        match self.next() {
            Some(Token {
                kind: Kind::Close, ..
            }) => Ok(()),
            _ => Err(self.error_at(
                col,
                &format!("expected \")\" to close {what}"),
                &format!("cần \")\" để đóng {what}"),
            )),
        }
    }

    fn method(&mut self) -> Result<(Option<Method>, Vec<HsCode>)> {
        let Some(Kind::Word(w)) = self.peek_kind() else {
            return Ok((None, Vec::new()));
        };
        let col = self.here();
        let method = match w.to_ascii_lowercase().as_str() {
            "build-down" | "builddown" | "bd" => Method::BuildDown,
            "build-up" | "buildup" | "bu" => Method::BuildUp,
            "net-cost" | "netcost" | "nc" => Method::NetCost,
            "focused" | "focused-value" | "fv" => Method::FocusedValue,
            // A criterion keyword (or a near miss of one) here is a missing
            // operator, reported by the caller.
            _ if near_keywords(w).is_some() => return Ok((None, Vec::new())),
            other => {
                return Err(self.error_at(
                    col,
                    &format!(
                        "unknown RVC method {other:?}: expected build-down, build-up, focused(HS, …) or net-cost"
                    ),
                    &format!(
                        "không có cách tính RVC {other:?}: dùng build-down (gián tiếp), build-up (trực tiếp), focused(HS, …) (trị giá tập trung) hoặc net-cost (chi phí tịnh)"
                    ),
                ));
            }
        };
        self.pos += 1;
        if method != Method::FocusedValue {
            return Ok((Some(method), Vec::new()));
        }
        let col = self.here();
        if self.peek_kind() != Some(&Kind::Open) {
            return Err(self.error_at(
                col,
                "the focused value method names its materials: focused(8407, 8408)",
                "cách tính trị giá tập trung phải nêu các nguyên liệu: focused(8407, 8408)",
            ));
        }
        self.pos += 1;
        let list = self.hs_list("focused(")?;
        self.expect_close("focused(…)")?;
        Ok((Some(method), list))
    }
}

/// The criterion keywords close to `word` (an exact match included):
/// within one edit of a two-letter keyword, two of a longer one. `None`
/// when there is none.
fn near_keywords(word: &str) -> Option<Vec<&'static str>> {
    const KEYWORDS: [&str; 7] = ["WO", "PE", "CC", "CTH", "CTSH", "RVC", "MaxNOM"];
    let up = word.to_ascii_uppercase();
    let near: Vec<&str> = KEYWORDS
        .into_iter()
        .filter(|k| {
            let limit = if k.len() <= 2 { 1 } else { 2 };
            congthuong_core::text::edit_distance(&k.to_ascii_uppercase(), &up) <= limit
        })
        .collect();
    (!near.is_empty()).then_some(near)
}

fn flatten(mut parts: Vec<Rule>, make: fn(Vec<Rule>) -> Rule) -> Rule {
    if parts.len() == 1 {
        return parts.pop().unwrap_or(Rule::All(Vec::new()));
    }
    let mut out = Vec::with_capacity(parts.len());
    for p in parts {
        match (p, make(Vec::new())) {
            (Rule::All(inner), Rule::All(_)) | (Rule::Any(inner), Rule::Any(_)) => {
                out.extend(inner)
            }
            (p, _) => out.push(p),
        }
    }
    make(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(s: &str) -> Rule {
        Rule::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    fn err(s: &str) -> String {
        Rule::parse(s).unwrap_err().to_string()
    }

    #[test]
    fn the_examples_of_the_issue_parse() {
        assert_eq!(rule("RVC40 or CTH").to_string(), "RVC40 or CTH");
        assert_eq!(rule("CTSH").to_string(), "CTSH");
        assert_eq!(rule("MaxNOM 50%").to_string(), "MaxNOM 50%");
        assert_eq!(rule("CC").to_string(), "CC");
        assert_eq!(rule("RVC(35) build-down").to_string(), "RVC35 build-down");
        assert_eq!(rule("WO").to_string(), "WO");
    }

    #[test]
    fn spellings_and_operators() {
        assert_eq!(rule("rvc 40% / cth"), rule("RVC40 or CTH"));
        assert_eq!(rule("RVC40 hoặc CTH"), rule("RVC40 or CTH"));
        assert_eq!(rule("CTH + RVC35"), rule("CTH and RVC35"));
        assert_eq!(rule("CTH và RVC35"), rule("CTH and RVC35"));
        assert_eq!(rule("MaxNOM50(EXW)"), rule("maxnom 50 %"));
        assert_eq!(rule("RVC40 bd"), rule("RVC40 build-down"));
        assert_eq!(rule("RVC 40.5"), rule("RVC(40.5%)"));
    }

    #[test]
    fn and_binds_tighter_than_or() {
        let r = rule("RVC40 or CTH and RVC35");
        let Rule::Any(parts) = &r else {
            panic!("{r:?}")
        };
        assert_eq!(parts.len(), 2);
        assert!(matches!(parts[1], Rule::All(_)));
        let grouped = rule("(RVC40 or CTH) and RVC35");
        assert_eq!(grouped.to_string(), "(RVC40 or CTH) and RVC35");
        assert!(matches!(grouped, Rule::All(_)));
    }

    #[test]
    fn chains_are_flat() {
        let r = rule("CC or CTH or CTSH");
        let Rule::Any(parts) = &r else { panic!() };
        assert_eq!(parts.len(), 3);
    }

    #[test]
    fn except_and_focused_lists() {
        let r = rule("CTH except from 1701, 1702.99 or RVC55 fv(8407,8408)");
        assert_eq!(
            r.to_string(),
            "CTH except 1701, 1702.99 or RVC55 focused(8407, 8408)"
        );
        let c = r.criteria();
        assert!(matches!(c[0], Criterion::TariffShift { except, .. } if except.len() == 2));
        assert!(matches!(c[1], Criterion::Rvc { focused, .. } if focused.len() == 2));
    }

    #[test]
    fn malformed_rules_say_where_and_why() {
        assert!(err("").contains("empty"));
        assert!(err("RVC").contains("RVC needs a percentage"));
        assert!(err("RVC 140").contains("at most 100"));
        assert!(err("RVC 0").contains("above 0"));
        assert!(err("RVC40 or").contains("ends where a criterion was expected"));
        let e = err("RVC40 or CTX");
        assert!(e.contains("at character 10"), "{e}");
        assert!(e.contains("unknown criterion \"CTX\" (did you mean"), "{e}");
        assert!(err("(RVC40 or CTH").contains("never closed"));
        assert!(err("RVC40 CTH").contains("join criteria"));
        let e = err("RVC40 CTX");
        assert!(
            e.contains("at character 7: unexpected word \"CTX\" (did you mean"),
            "{e}"
        );
        assert!(err("40").contains("needs a criterion before it"));
        assert!(err("CTH except").contains("needs HS codes"));
        assert!(err("CTH except 17011").contains("5 digits"));
        assert!(err("RVC40 sideways").contains("unknown RVC method"));
        assert!(err("RCV40").contains("unknown criterion \"RCV\" (did you mean RVC?)"));
        assert!(err("RVC40 focused").contains("names its materials"));
        assert!(err("RVC40 # CTH").contains("unexpected character '#'"));
        assert!(err("MaxNOM").contains("MaxNOM needs a percentage"));
    }

    proptest::proptest! {
        /// Display is canonical: what it prints parses back to the same rule.
        #[test]
        fn display_round_trips(
            picks in proptest::collection::vec(0usize..7, 1..6),
            ops in proptest::collection::vec(proptest::bool::ANY, 6),
            threshold in 1u32..=100,
        ) {
            let atoms = [
                "WO".to_owned(), "PE".into(), "CC".into(), "CTH except 1701".into(), "CTSH".into(),
                format!("RVC{threshold} build-up"), format!("MaxNOM {threshold}%"),
            ];
            let mut text = String::new();
            for (i, p) in picks.iter().enumerate() {
                if i > 0 { text.push_str(if ops[i] { " and " } else { " or " }); }
                text.push_str(&atoms[*p]);
            }
            let r = Rule::parse(&text).unwrap();
            let again = Rule::parse(&r.to_string()).unwrap();
            proptest::prop_assert_eq!(r, again);
        }
    }
}
