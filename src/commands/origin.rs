//! `origin check`: a bill of materials against a product-specific rule
//! under one or all agreements, printed as a report with the arithmetic
//! (Vietnamese by default) or as JSON.

use std::io::Write;

use anyhow::Context as _;
use congthuong_origin::agreement::Agreement;
use congthuong_origin::amount::{parse_amount, parse_price};
use congthuong_origin::bom_csv::read_bom;
use congthuong_origin::evaluate::Assessment;
use congthuong_origin::{
    BillOfMaterials, Context, Costs, HsCode, HsEdition, Lang, Outcome, Product, Profile, Rule,
    assess,
};
use rust_decimal::Decimal;

use crate::args::OriginCheck;

/// Runs `origin check`.
pub fn check(args: &OriginCheck) -> anyhow::Result<()> {
    let lang = Lang::parse(&args.lang).unwrap_or_default();
    let agreements = if args.agreement.trim().eq_ignore_ascii_case("all") {
        Agreement::ALL.to_vec()
    } else {
        vec![Agreement::parse(&args.agreement)?]
    };
    let rule = Rule::parse(&args.rule)?;
    let product = product(args)?;
    let ctx = Context {
        consignment_eur: args
            .consignment_eur
            .as_deref()
            .map(parse_amount)
            .transpose()?,
    };
    let label = args.bom.display().to_string();
    let bom = read_bom(&args.bom, &label)?;
    let results: Vec<Assessment> = agreements
        .iter()
        .map(|&a| assess(&Profile::standard(a), &product, &bom, &rule, &ctx))
        .collect();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if args.format == "json" {
        let doc = serde_json::json!({
            "product": product,
            "bom": bom.materials(),
            "rule": rule.to_string(),
            "assessments": results,
        });
        serde_json::to_writer_pretty(&mut out, &doc).context("writing JSON")?;
        writeln!(out)?;
    } else {
        report(&mut out, lang, &product, &bom, &label, &rule, &results)?;
    }
    out.flush()?;
    Ok(())
}

fn product(args: &OriginCheck) -> anyhow::Result<Product> {
    let hs = HsCode::parse(&args.product_hs)?;
    let mut p = Product::new(hs, parse_price(&args.price)?)?
        .with_edition(HsEdition::parse(&args.hs_edition)?);
    if let Some(f) = &args.fob {
        p = p.with_fob(parse_price(f)?)?;
    }
    let amount = |v: &Option<String>| -> anyhow::Result<Option<Decimal>> {
        Ok(v.as_deref().map(parse_amount).transpose()?)
    };
    let parts = [
        amount(&args.labour)?,
        amount(&args.overhead)?,
        amount(&args.profit)?,
        amount(&args.other_costs)?,
    ];
    if parts.iter().any(Option::is_some) {
        let [direct_labour, direct_overhead, profit, other] = parts.map(Option::unwrap_or_default);
        p = p.with_costs(Costs {
            direct_labour,
            direct_overhead,
            profit,
            other,
        })?;
    }
    if let Some(nc) = amount(&args.net_cost)? {
        p = p.with_net_cost(nc)?;
    }
    Ok(p)
}

/// Picks the Vietnamese or English string.
fn t<'a>(lang: Lang, vi: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

fn pad(s: &str, width: usize) -> String {
    let n = s.chars().count();
    format!("{s}{}", " ".repeat(width.saturating_sub(n)))
}

fn verdict(o: Outcome, lang: Lang) -> String {
    o.label().get(lang).to_uppercase()
}

fn report(
    out: &mut impl Write,
    lang: Lang,
    product: &Product,
    bom: &BillOfMaterials,
    label: &str,
    rule: &Rule,
    results: &[Assessment],
) -> anyhow::Result<()> {
    use congthuong_origin::text::number;
    let fob = product.fob().map_or_else(
        || t(lang, "chưa nhập", "not given").to_owned(),
        |f| number(f, lang),
    );
    writeln!(
        out,
        "{} HS {} ({}), {} {}, FOB {fob}",
        t(lang, "Sản phẩm:", "Product:"),
        product.hs(),
        product.edition().label(),
        t(lang, "giá xuất xưởng", "ex-works price"),
        number(product.ex_works(), lang),
    )?;
    writeln!(
        out,
        "{} {label}: {} {}, {} {}",
        t(lang, "Bảng định mức nguyên liệu", "Bill of materials"),
        bom.materials().len(),
        t(lang, "dòng", "lines"),
        t(lang, "tổng trị giá", "total value"),
        number(bom.total(), lang),
    )?;
    writeln!(out, "{} {rule}", t(lang, "Quy tắc:", "Rule:"))?;
    writeln!(out)?;

    let heads = [
        t(lang, "Hiệp định", "Agreement"),
        t(lang, "Kết quả", "Result"),
        t(lang, "Tiêu chí đạt", "Criteria met"),
    ];
    let w0 = heads[0].chars().count().max(6) + 2;
    let w1 = results
        .iter()
        .map(|a| verdict(a.outcome, lang).chars().count())
        .chain([heads[1].chars().count()])
        .max()
        .unwrap_or(0)
        + 2;
    writeln!(
        out,
        "{}{}{}",
        pad(heads[0], w0),
        pad(heads[1], w1),
        heads[2]
    )?;
    for a in results {
        let met: Vec<&str> = a
            .criteria
            .iter()
            .filter(|c| c.outcome == Outcome::Pass)
            .map(|c| c.label.as_str())
            .collect();
        let met = if met.is_empty() {
            "—".to_owned()
        } else {
            met.join(", ")
        };
        writeln!(
            out,
            "{}{}{met}",
            pad(a.agreement.code(), w0),
            pad(&verdict(a.outcome, lang), w1)
        )?;
    }
    for a in results {
        writeln!(out)?;
        detail(out, lang, a)?;
    }
    Ok(())
}

fn detail(out: &mut impl Write, lang: Lang, a: &Assessment) -> anyhow::Result<()> {
    use congthuong_origin::text::number;
    writeln!(
        out,
        "── {}: {} ──",
        a.agreement.code(),
        verdict(a.outcome, lang)
    )?;
    let m = &a.materials;
    writeln!(
        out,
        "{} {}, {} {}",
        t(
            lang,
            "Nguyên liệu có xuất xứ (VOM):",
            "Originating materials (VOM):"
        ),
        number(m.originating, lang),
        t(lang, "không có xuất xứ (VNM):", "non-originating (VNM):"),
        number(m.non_originating, lang),
    )?;
    for c in &a.criteria {
        let status = if c.applicable {
            c.outcome.label().get(lang).to_owned()
        } else {
            t(lang, "không áp dụng", "not applicable").to_owned()
        };
        match &c.source {
            Some(s) => writeln!(out, "{}: {status}  [{}]", c.label, s.show(lang))?,
            None => writeln!(out, "{}: {status}", c.label)?,
        }
        for l in &c.lines {
            writeln!(out, "    {}", l.get(lang))?;
        }
    }
    let passed = a.outcome == Outcome::Pass;
    writeln!(
        out,
        "{}",
        if passed {
            t(lang, "Chứng từ chứng nhận xuất xứ:", "Proof of origin:")
        } else {
            t(
                lang,
                "Chứng từ chứng nhận xuất xứ (khi hàng hóa đạt xuất xứ):",
                "Proof of origin (once the good qualifies):",
            )
        }
    )?;
    for p in &a.route {
        let cond = match p.open {
            Some(true) => String::new(),
            Some(false) => format!(
                " — {}",
                t(
                    lang,
                    "không dùng được: lô hàng vượt mức trị giá",
                    "not open: the consignment is over the value ceiling"
                )
            ),
            None => format!(
                " — {}",
                t(
                    lang,
                    "cần trị giá lô hàng (--consignment-eur) để biết",
                    "give the consignment's value (--consignment-eur) to know"
                )
            ),
        };
        writeln!(
            out,
            "  • {}: {}{cond}  [{}]",
            p.proof.name.get(lang),
            p.proof.by.get(lang),
            p.proof.source.show(lang)
        )?;
    }
    for n in &a.route_notes {
        writeln!(out, "    {}", n.get(lang))?;
    }
    writeln!(out, "{}", t(lang, "Ghi chú:", "Notes:"))?;
    for n in &a.notes {
        writeln!(out, "  • {}", n.get(lang))?;
    }
    Ok(())
}
