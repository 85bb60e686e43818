//! `areas` and `groups`: the embedded reference data as CSV.

use congthuong_core::{BoundaryVersion, Geography, Node, Product, Province};

use crate::output::{stdout_csv, write_table};

const AREA_HEADER: [&str; 7] = [
    "code",
    "name_vi",
    "short_name_vi",
    "name_ascii",
    "kind",
    "gso_region",
    "related_codes",
];

/// One CSV row for a unit. `related_codes` is the 2025 successor of a
/// pre-2025 unit, or the pre-2025 predecessors of a 2025 unit (`;`-separated).
fn area_row(geo: &Geography, p: &Province) -> Vec<String> {
    let related = match p.version {
        BoundaryVersion::Pre2025 => geo
            .successor(p.code)
            .map(|c| c.to_string())
            .unwrap_or_default(),
        BoundaryVersion::V2025 => geo
            .predecessors(p.code)
            .iter()
            .map(|c| c.as_str())
            .collect::<Vec<_>>()
            .join(";"),
    };
    vec![
        p.code.to_string(),
        p.name_vi.clone(),
        p.short_name_vi.clone(),
        p.name_ascii.clone(),
        p.kind.as_str().to_owned(),
        p.gso_region.clone().unwrap_or_default(),
        related,
    ]
}

/// `congthuong areas`
pub fn areas(boundaries: BoundaryVersion) -> anyhow::Result<()> {
    let geo = Geography::embedded();
    let rows = geo.provinces(boundaries).iter().map(|p| area_row(geo, p));
    write_table(stdout_csv(), &AREA_HEADER, rows)
}

/// `congthuong areas show CODE`
pub fn area_show(code: &str, boundaries: BoundaryVersion) -> anyhow::Result<()> {
    let geo = Geography::embedded();
    let p = geo.area(code, boundaries)?;
    write_table(stdout_csv(), &AREA_HEADER, [area_row(geo, p)])
}

/// `congthuong groups`
pub fn groups() -> anyhow::Result<()> {
    let geo = Geography::embedded();
    let rows = geo.groups().iter().map(|g| {
        vec![
            g.id().to_owned(),
            g.kind().to_owned(),
            g.name_vi().to_owned(),
            g.name_en().to_owned(),
            g.members(BoundaryVersion::Pre2025, geo).len().to_string(),
            g.members(BoundaryVersion::V2025, geo).len().to_string(),
        ]
    });
    write_table(
        stdout_csv(),
        &[
            "group_id",
            "group_type",
            "name_vi",
            "name_en",
            "members_pre2025",
            "members_2025",
        ],
        rows,
    )
}

/// `congthuong groups show GROUP`
pub fn group_show(id: &str, boundaries: BoundaryVersion) -> anyhow::Result<()> {
    let geo = Geography::embedded();
    let group = geo.group(id)?;
    let rows = group
        .members(boundaries, geo)
        .into_iter()
        .filter_map(|c| geo.province(c, boundaries))
        .map(|p| area_row(geo, p));
    write_table(stdout_csv(), &AREA_HEADER, rows)
}

/// `congthuong industries`
pub fn industries() -> anyhow::Result<()> {
    let rows = Node::all_named()
        .filter(|(n, _)| *n != Node::Total)
        .map(|(n, name)| {
            vec![
                n.level().as_str().to_owned(),
                n.to_string(),
                n.parent().map(|p| p.to_string()).unwrap_or_default(),
                name.name_vi.clone(),
                name.name_en.clone(),
            ]
        });
    write_table(
        stdout_csv(),
        &["level", "code", "parent", "name_vi", "name_en"],
        rows,
    )
}

/// `congthuong products`: a superset of the interchange `products.csv`.
pub fn products() -> anyhow::Result<()> {
    let rows = Product::basket().iter().map(|p| {
        vec![
            p.code.clone(),
            p.class.to_string(),
            p.unit.clone(),
            p.name_vi.clone(),
            p.name_en.clone(),
            p.unit_vi.clone(),
            p.unit_en.clone(),
        ]
    });
    write_table(
        stdout_csv(),
        &[
            "product", "industry", "unit", "name_vi", "name_en", "unit_vi", "unit_en",
        ],
        rows,
    )
}
