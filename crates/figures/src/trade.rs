//! Retail sales and exports of a group's provinces in a month: the figures
//! of the trade page and of `GET /api/v1/trade`.

use congthuong_core::{BoundaryVersion, Geography, Period};
use serde::Serialize;

use crate::release::ReleaseData;
use crate::table::{Table, growth_of, num};
use crate::{FiguresError, Named};

/// One indicator of one province: (month, year to date, YTD growth %).
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct Flow {
    /// The month's value.
    pub month: Option<f64>,
    /// Year to date.
    pub ytd: Option<f64>,
    /// The same months a year earlier.
    pub ytd_last_year: Option<f64>,
    /// YTD against the same months a year earlier, %.
    pub ytd_yoy: Option<f64>,
}

impl Flow {
    /// The sum of flows, each part only when every flow has it (a total
    /// with a part missing would look complete and be too small).
    pub fn sum<'a>(flows: impl IntoIterator<Item = &'a Flow>) -> Flow {
        let flows: Vec<&Flow> = flows.into_iter().collect();
        let total = |f: fn(&Flow) -> Option<f64>| -> Option<f64> {
            if flows.is_empty() {
                return None;
            }
            flows.iter().map(|x| f(x)).sum()
        };
        let ytd = total(|x| x.ytd);
        let ytd_last_year = total(|x| x.ytd_last_year);
        Flow {
            month: total(|x| x.month),
            ytd,
            ytd_last_year,
            ytd_yoy: growth_of(ytd, ytd_last_year),
        }
    }
}

/// One province's trade.
#[derive(Clone, Debug, Serialize)]
pub struct TradeRow {
    /// Province code.
    pub code: String,
    /// Names.
    #[serde(flatten)]
    pub name: Named,
    /// Retail sales of goods and services, billion VND.
    pub retail_sales: Flow,
    /// Export turnover, million USD.
    pub exports: Flow,
}

/// The trade page's figures.
#[derive(Clone, Debug, Serialize)]
pub struct GroupTrade {
    /// Group id.
    pub group: String,
    /// Names.
    #[serde(flatten)]
    pub name: Named,
    /// The month.
    pub period: Period,
    /// The boundaries used.
    pub boundaries: BoundaryVersion,
    /// Members, in code order.
    pub rows: Vec<TradeRow>,
    /// The group: the sum of its members (a figure only when every
    /// member has it).
    pub group_total: TradeRow,
    /// The nation: the sum of every province on the boundaries used.
    pub national: TradeRow,
}

/// Builds a group's trade figures. Months after the merger are always on
/// the 2025 boundaries.
pub fn group_trade(
    data: &ReleaseData,
    group: &str,
    period: Period,
    boundaries: BoundaryVersion,
) -> Result<GroupTrade, FiguresError> {
    let version = if boundaries.can_state(period) {
        boundaries
    } else {
        BoundaryVersion::V2025
    };
    let geo = Geography::embedded();
    let g = geo.group(group)?;
    let flow = |a: &str, ind: &str| {
        data.indicator_at(version, a, ind, period)
            .map(|(m, ytd, last)| Flow {
                month: Some(m),
                ytd,
                ytd_last_year: last,
                ytd_yoy: growth_of(ytd, last),
            })
            .unwrap_or_default()
    };
    let row = |pr: &congthuong_core::Province| TradeRow {
        code: pr.code.to_string(),
        name: Named::new(&pr.short_name_vi, &pr.name_ascii),
        retail_sales: flow(pr.code.as_str(), "retail_sales"),
        exports: flow(pr.code.as_str(), "exports"),
    };
    let rows: Vec<TradeRow> = g
        .members(version, geo)
        .iter()
        .filter_map(|c| geo.province(*c, version))
        .map(row)
        .collect();
    let total = |code: &str, name: Named, rows: &[TradeRow]| TradeRow {
        code: code.to_owned(),
        name,
        retail_sales: Flow::sum(rows.iter().map(|r| &r.retail_sales)),
        exports: Flow::sum(rows.iter().map(|r| &r.exports)),
    };
    let all: Vec<TradeRow> = geo.provinces(version).iter().map(row).collect();
    Ok(GroupTrade {
        group: g.id().to_owned(),
        name: Named::new(g.name_vi(), g.name_en()),
        period,
        boundaries: version,
        group_total: total(g.id(), Named::new(g.name_vi(), g.name_en()), &rows),
        national: total(
            congthuong_core::NATIONAL,
            Named::new("Cả nước", "Viet Nam"),
            &all,
        ),
        rows,
    })
}

impl GroupTrade {
    /// The table of provinces, then the group's and the nation's totals.
    pub fn table(&self) -> Table {
        let mut t = Table::new(&[
            "area",
            "name_vi",
            "name_en",
            "period",
            "retail_sales_month_bn_vnd",
            "retail_sales_ytd_bn_vnd",
            "retail_sales_ytd_yoy_pct",
            "exports_month_mn_usd",
            "exports_ytd_mn_usd",
            "exports_ytd_yoy_pct",
        ]);
        for r in self.rows.iter().chain([&self.group_total, &self.national]) {
            t.push(vec![
                r.code.clone(),
                r.name.name_vi.clone(),
                r.name.name_en.clone(),
                self.period.to_string(),
                num(r.retail_sales.month),
                num(r.retail_sales.ytd),
                num(r.retail_sales.ytd_yoy),
                num(r.exports.month),
                num(r.exports.ytd),
                num(r.exports.ytd_yoy),
            ]);
        }
        t
    }
}
