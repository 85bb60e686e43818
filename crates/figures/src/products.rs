//! The main industrial products' output for a group (or `VN`) in a month:
//! the figures of the products page and of `GET /api/v1/products`.

use congthuong_core::{BoundaryVersion, Geography, Period, Product};
use serde::Serialize;

use crate::province::view_at;
use crate::release::ReleaseData;
use crate::table::{Table, growth_of, num};
use crate::{FiguresError, Named};

/// One product in the group.
#[derive(Clone, Debug, Serialize)]
pub struct GroupProduct {
    /// Basket code.
    pub code: String,
    /// Names.
    #[serde(flatten)]
    pub name: Named,
    /// Unit, Vietnamese.
    pub unit_vi: String,
    /// Unit, English.
    pub unit_en: String,
    /// Output in the month.
    pub month: Option<f64>,
    /// Month against the same month last year, %.
    pub month_yoy: Option<f64>,
    /// Output, year to date.
    pub ytd: f64,
    /// Growth of the YTD output, %.
    pub ytd_yoy: Option<f64>,
    /// The nation's YTD output.
    pub national_ytd: Option<f64>,
    /// The group's share of the nation's YTD output, %.
    pub share_pct: Option<f64>,
}

/// The products page's figures.
#[derive(Clone, Debug, Serialize)]
pub struct GroupProducts {
    /// Group id (or `VN`).
    pub group: String,
    /// Names.
    #[serde(flatten)]
    pub name: Named,
    /// The month.
    pub period: Period,
    /// The boundaries used.
    pub boundaries: BoundaryVersion,
    /// Products with output this year, in basket order.
    pub products: Vec<GroupProduct>,
}

/// Builds a group's product figures.
pub fn group_products(
    data: &ReleaseData,
    group: &str,
    period: Period,
    boundaries: BoundaryVersion,
) -> Result<GroupProducts, FiguresError> {
    let view = view_at(data, boundaries, period)?;
    let name = if group == "VN" {
        Named::new("Cả nước", "Viet Nam")
    } else {
        let g = Geography::embedded().group(group)?;
        Named::new(g.name_vi(), g.name_en())
    };
    let p = period;
    let products = Product::basket()
        .iter()
        .filter_map(|pr| {
            let (ytd, last) = view.output_ytd(group, &pr.code, p)?;
            let national = view.output_ytd("VN", &pr.code, p).map(|x| x.0);
            let month = view.output(group, &pr.code, p);
            (ytd > 0.0).then(|| GroupProduct {
                code: pr.code.clone(),
                name: Named::new(&pr.name_vi, &pr.name_en),
                unit_vi: pr.unit_vi.clone(),
                unit_en: pr.unit_en.clone(),
                month,
                month_yoy: growth_of(
                    month,
                    view.output(group, &pr.code, p.same_month_last_year()),
                ),
                ytd,
                ytd_yoy: growth_of(Some(ytd), last),
                national_ytd: national,
                share_pct: national.filter(|n| *n > 0.0).map(|n| 100.0 * ytd / n),
            })
        })
        .collect();
    Ok(GroupProducts {
        group: group.to_owned(),
        name,
        period: p,
        boundaries: view.version,
        products,
    })
}

impl GroupProducts {
    /// The table of products.
    pub fn table(&self) -> Table {
        let mut t = Table::new(&[
            "group",
            "period",
            "product",
            "name_vi",
            "name_en",
            "unit",
            "month",
            "month_yoy_pct",
            "ytd",
            "ytd_yoy_pct",
            "national_ytd",
            "share_pct",
        ]);
        for r in &self.products {
            t.push(vec![
                self.group.clone(),
                self.period.to_string(),
                r.code.clone(),
                r.name.name_vi.clone(),
                r.name.name_en.clone(),
                r.unit_en.clone(),
                num(r.month),
                num(r.month_yoy),
                num(Some(r.ytd)),
                num(r.ytd_yoy),
                num(r.national_ytd),
                num(r.share_pct),
            ]);
        }
        t
    }
}
