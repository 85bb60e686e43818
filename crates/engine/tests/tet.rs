//! The Tết reading against GSO's published January/February figures
//! (`tests/fixtures/vn_iip_tet_effect_jan_feb.csv`).

use congthuong_core::display::{Lang, signed_percent};
use congthuong_engine::tet::{TetEffect, reading};

#[test]
fn the_tet_table_agrees_with_the_lunar_calendar_and_the_published_swings() {
    let path = format!(
        "{}/tests/fixtures/vn_iip_tet_effect_jan_feb.csv",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut r = csv::Reader::from_path(path).unwrap();
    let h = r.headers().unwrap().clone();
    let col = |name: &str| h.iter().position(|c| c == name).unwrap();
    let mut years = 0;
    for rec in r.records() {
        let rec = rec.unwrap();
        let year: i32 = rec[col("year")].parse().unwrap();
        let jan = reading(year, 1).unwrap();
        assert_eq!(jan.tet_month.to_string(), &rec[col("tet_month")], "{year}");
        assert_eq!(
            jan.previous_tet_month.to_string(),
            &rec[col("prev_year_tet_month")],
            "{year}"
        );
        let text = &rec[col("reading")];
        match jan.effect {
            TetEffect::None => assert!(text.contains("same month"), "{year}: {text}"),
            TetEffect::Boosted => assert!(text.contains("Jan y/y boosted"), "{year}: {text}"),
            TetEffect::Depressed => assert!(text.contains("Jan y/y depressed"), "{year}: {text}"),
        }
        years += 1;
    }
    assert!(years >= 10);
}

/// 2020: January −5.5 %, February +23.7 %, January–February +6.2 % as GSO
/// published them (first releases −5.51, 23.71, 6.16, rounded half-up).
#[test]
fn twenty_twenty_as_published() {
    assert_eq!(signed_percent(Some(-5.51), 1, Lang::En), "-5.5 %");
    assert_eq!(signed_percent(Some(23.71), 1, Lang::En), "+23.7 %");
    assert_eq!(signed_percent(Some(6.16), 1, Lang::En), "+6.2 %");
    assert_eq!(reading(2020, 1).unwrap().effect, TetEffect::Depressed);
    assert_eq!(reading(2020, 2).unwrap().effect, TetEffect::Boosted);
}
