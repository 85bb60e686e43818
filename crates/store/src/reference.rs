//! Published reference series embedded in the binary, shown beside the
//! compiled figures and labelled with their source: GSO's national
//! monthly IIP growth rates 2015-01 … 2025-02, first release and revision
//! (`data/iip/vn_iip_national_monthly_2015_2025.csv`, sources in
//! `data/iip/SOURCES.md`).

use crate::error::Result;
use crate::model::{ReferenceSource, ReferenceValue};
use crate::store::Store;

const GSO_MONTHLY: &str = include_str!("../../../data/iip/vn_iip_national_monthly_2015_2025.csv");

/// The id of the GSO national monthly IIP source.
pub const GSO_IIP_MONTHLY: &str = "gso_iip_national_monthly";

/// The columns loaded, and the series code each becomes.
const SERIES: [(&str, &str); 5] = [
    ("mom_pct_first_release", "iip_mom_pct_first_release"),
    ("yoy_pct_first_release", "iip_yoy_pct_first_release"),
    ("yoy_pct_revised_next_release", "iip_yoy_pct_revised"),
    ("ytd_yoy_pct_first_release", "iip_ytd_yoy_pct_first_release"),
    (
        "ytd_yoy_pct_revised_next_release",
        "iip_ytd_yoy_pct_revised",
    ),
];

/// The embedded GSO series: its source and values.
pub fn gso_iip_monthly() -> (ReferenceSource, Vec<ReferenceValue>) {
    let source = ReferenceSource {
        id: GSO_IIP_MONTHLY.into(),
        label: "GSO (NSO) published national IIP, growth %, first release and revision".into(),
        citation: "General Statistics Office of Viet Nam, monthly socio-economic data tables 2015-01 to 2025-02, as compiled in data/iip/vn_iip_national_monthly_2015_2025.csv (see data/iip/SOURCES.md)".into(),
    };
    let mut values = Vec::new();
    let mut r = csv::Reader::from_reader(GSO_MONTHLY.as_bytes());
    let header: Vec<String> = r
        .headers()
        .map(|h| h.iter().map(str::to_owned).collect())
        .unwrap_or_default();
    let col = |n: &str| header.iter().position(|h| h == n);
    let (Some(y), Some(m)) = (col("year"), col("month")) else {
        return (source, values);
    };
    for rec in r.records().flatten() {
        let (Ok(year), Ok(month)) = (rec[y].parse::<i32>(), rec[m].parse::<u32>()) else {
            continue;
        };
        let period = format!("{year:04}-{month:02}");
        for (column, series) in SERIES {
            let Some(i) = col(column) else { continue };
            if let Ok(v) = rec[i].trim().parse::<f64>() {
                values.push(ReferenceValue {
                    source: GSO_IIP_MONTHLY.into(),
                    series: series.into(),
                    area: "VN".into(),
                    period: period.clone(),
                    value: v,
                });
            }
        }
    }
    (source, values)
}

/// Loads the embedded series unless already loaded; true when loaded now.
pub fn load_embedded(store: &dyn Store, actor: &str) -> Result<bool> {
    let (source, values) = gso_iip_monthly();
    store.put_reference(&source, &values, actor)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_embedded_series_is_complete() {
        let (_, values) = super::gso_iip_monthly();
        let yoy: Vec<_> = values
            .iter()
            .filter(|v| v.series == "iip_yoy_pct_first_release")
            .collect();
        assert_eq!(yoy.len(), 122, "2015-01 … 2025-02");
        assert_eq!(yoy[0].period, "2015-01");
        assert_eq!(yoy[0].value, 17.5);
    }
}
