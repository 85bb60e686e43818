//! `ocop stars`: the star class of a score and, given a decision date,
//! the certificate's validity and status.

use std::io::Write;

use chrono::NaiveDate;
use congthuong_brand::{Certificate, Criteria, Score, parse_date, parse_points};

use crate::args::OcopStars;

/// Runs `ocop stars`.
pub fn stars(args: &OcopStars) -> anyhow::Result<()> {
    let vi = args.lang != "en";
    let criteria = Criteria::parse(&args.criteria)?;
    let score = Score::new(
        criteria,
        parse_points(&args.score_a)?,
        parse_points(&args.score_b)?,
        parse_points(&args.score_c)?,
    )?;
    let decided = args.decided.as_deref().map(parse_date).transpose()?;
    let today = match &args.today {
        Some(d) => parse_date(d)?,
        None => today_in_vietnam(),
    };
    let stars = score.stars();
    let [a, b, c] = score.parts().map(|p| number(p, vi));
    let [ma, mb, mc] = criteria.maxima();
    let total = number(score.total(), vi);
    let (lo, hi) = stars.band();
    let mut out = std::io::stdout().lock();
    if vi {
        writeln!(
            out,
            "Bộ tiêu chí: {} (phần A tối đa {ma}, B {mb}, C {mc})",
            criteria.cite_vi()
        )?;
        writeln!(out, "Điểm: A {a} + B {b} + C {c} = {total}/100")?;
        let band = if hi == 100 {
            format!("từ {lo} đến {hi} điểm")
        } else {
            format!("từ {lo} đến dưới {hi} điểm")
        };
        writeln!(
            out,
            "Hạng: {} sao {stars} ({band}): {}",
            stars.count(),
            stars.meaning_vi()
        )?;
    } else {
        writeln!(
            out,
            "Criteria: {} (part A max {ma}, B {mb}, C {mc})",
            criteria.cite()
        )?;
        writeln!(out, "Score: A {a} + B {b} + C {c} = {total}/100")?;
        let band = if hi == 100 {
            format!("{lo} to {hi} points")
        } else {
            format!("{lo} to under {hi} points")
        };
        writeln!(
            out,
            "Class: {} stars {stars} ({band}): {}",
            stars.count(),
            stars.meaning_en()
        )?;
    }
    if !stars.certifiable() {
        writeln!(
            out,
            "{}",
            if vi {
                "Giấy chứng nhận: không cấp (chỉ cấp cho sản phẩm đạt 3 đến 5 sao)"
            } else {
                "Certificate: none (certificates are issued for 3 to 5 stars only)"
            }
        )?;
        return Ok(());
    }
    let Some(decided) = decided else {
        writeln!(
            out,
            "{}",
            if vi {
                "Giấy chứng nhận: được cấp, hiệu lực 36 tháng kể từ ngày quyết định (nhập --decided YYYY-MM-DD để tính ngày hết hạn)"
            } else {
                "Certificate: issued, valid 36 months from the decision date (give --decided YYYY-MM-DD for the end date)"
            }
        )?;
        return Ok(());
    };
    let cert = Certificate::issue(stars, decided, "")?;
    let status = cert.status(today, args.alert_days);
    if vi {
        writeln!(
            out,
            "Giấy chứng nhận: hiệu lực 36 tháng, từ {} đến hết ngày {}",
            cert.decided(),
            cert.valid_until()
        )?;
        writeln!(out, "Tình trạng ngày {today}: {}", status.describe_vi())?;
    } else {
        writeln!(
            out,
            "Certificate: valid 36 months, from {} through {}",
            cert.decided(),
            cert.valid_until()
        )?;
        writeln!(out, "Status on {today}: {}", status.describe_en())?;
    }
    out.flush()?;
    Ok(())
}

fn number(d: rust_decimal::Decimal, vi: bool) -> String {
    let s = d.normalize().to_string();
    if vi { s.replace('.', ",") } else { s }
}

/// Today's date at UTC+7.
fn today_in_vietnam() -> NaiveDate {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = (secs + 7 * 3600) / 86_400;
    NaiveDate::from_ymd_opt(1970, 1, 1)
        .and_then(|epoch| epoch.checked_add_days(chrono::Days::new(days)))
        .unwrap_or(NaiveDate::MIN)
}
