//! A snapshot reads back to the same figures; damage is refused, not misread.

use congthuong_core::{BoundaryVersion, Period};
use congthuong_engine::Comparison;
use congthuong_figures::{sample, snapshot};

#[test]
fn round_trip_keeps_every_figure() {
    let data = sample::release();
    let bytes = snapshot::encode(&data);
    let back = snapshot::decode(&bytes).unwrap();
    assert_eq!(
        snapshot::encode(&back),
        bytes,
        "encoding is deterministic and lossless"
    );
    assert_eq!(back.meta.id, data.meta.id);
    assert_eq!(back.views.len(), 2);
    let p: Period = "2025-06".parse().unwrap();
    for v in [BoundaryVersion::V2025, BoundaryVersion::Pre2025] {
        let (a, b) = (data.view(v).unwrap(), back.view(v).unwrap());
        assert_eq!(a.range, b.range);
        for area in a.areas() {
            assert_eq!(
                a.growth(&area, "TOTAL", p, Comparison::Ytd),
                b.growth(&area, "TOTAL", p, Comparison::Ytd)
            );
            assert_eq!(
                a.series(&area, "TOTAL").unwrap().weight,
                b.series(&area, "TOTAL").unwrap().weight
            );
            assert_eq!(
                a.contributions(&area, "TOTAL", Comparison::Ytd, p),
                b.contributions(&area, "TOTAL", Comparison::Ytd, p)
            );
            assert_eq!(a.output(&area, "CEMENT", p), b.output(&area, "CEMENT", p));
        }
    }
    assert_eq!(
        back.indicator_at(BoundaryVersion::V2025, "24", "retail_sales", p),
        data.indicator_at(BoundaryVersion::V2025, "24", "retail_sales", p)
    );
    assert_eq!(back.targets.len(), data.targets.len());
}

#[test]
fn truncated_or_foreign_bytes_are_refused() {
    let bytes = snapshot::encode(&sample::release());
    for cut in [0, 7, 8, 100, bytes.len() / 2, bytes.len() - 1] {
        assert!(snapshot::decode(&bytes[..cut]).is_err(), "cut at {cut}");
    }
    let mut extra = bytes.clone();
    extra.push(0);
    assert!(snapshot::decode(&extra).is_err());
    let mut foreign = bytes;
    foreign[7] = b'9';
    assert!(snapshot::decode(&foreign).is_err());
}

#[test]
fn a_view_cut_at_a_month_ends_there() {
    let data = sample::release();
    let v = data
        .view(BoundaryVersion::V2025)
        .unwrap()
        .clone()
        .up_to("2025-03".parse().unwrap())
        .unwrap();
    assert_eq!(v.range.last, "2025-03".parse().unwrap());
    assert!(v.level("01", "TOTAL", "2025-04".parse().unwrap()).is_none());
    assert!(v.clone().up_to("2023-01".parse().unwrap()).is_none());
}
