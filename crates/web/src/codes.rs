//! The one reader of the area codes a person types into a URL: a group
//! (`group=north_28`), a province (`province=24`, `area=24`, `/tinh/24`)
//! on a boundary version. An unknown code is a 404 in the reader's
//! language naming the nearest valid codes with their names, never a 400
//! or a 500, whichever page or API asked (issue 13 item 11).
//!
//! The messages follow `?lang=` (Vietnamese unless `lang=en`), on pages
//! and in the API alike. The nearest codes come from
//! `congthuong_core` (the same suggester as the command line). The input
//! is echoed at most [`ECHO`] characters long.
//!
//! May touch only the embedded reference geography.

use congthuong_core::{AreaCode, BoundaryVersion, Geography, Group, Lang, Province};

use crate::error::AppError;
use crate::pages::Params;

/// The most characters of a typed code repeated in a message (and fed to
/// the suggester, whose work grows with the input's length).
pub const ECHO: usize = 40;

fn clipped(input: &str) -> String {
    let s: String = input.trim().chars().take(ECHO).collect();
    if input.trim().chars().count() > ECHO {
        format!("{s}…")
    } else {
        s
    }
}

fn map_name(version: BoundaryVersion, lang: Lang) -> &'static str {
    match (version, lang) {
        (BoundaryVersion::Pre2025, Lang::Vi) => "bản đồ 63 tỉnh (trước 1/7/2025)",
        (BoundaryVersion::Pre2025, Lang::En) => "the 63-province map (before 1 July 2025)",
        (BoundaryVersion::V2025, Lang::Vi) => "bản đồ 34 tỉnh (từ 1/7/2025)",
        (BoundaryVersion::V2025, Lang::En) => "the 34-province map (from 1 July 2025)",
    }
}

/// "north_28 (28 tỉnh phía Bắc), …": the codes with their names.
fn named_groups(codes: &[String], lang: Lang) -> String {
    let geo = Geography::embedded();
    codes
        .iter()
        .map(|c| match geo.group(c) {
            Ok(g) => format!("{c} ({})", lang.pick(g.name_vi(), g.name_en())),
            Err(_) => c.clone(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn named_areas(codes: &[String], version: BoundaryVersion, lang: Lang) -> String {
    let geo = Geography::embedded();
    codes
        .iter()
        .map(|c| {
            match AreaCode::parse(c)
                .ok()
                .and_then(|a| geo.province(a, version))
            {
                Some(p) => format!("{c} ({})", lang.pick(&p.short_name_vi, &p.name_ascii)),
                None => c.clone(),
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The 404 of an unknown group.
pub fn unknown_group(input: &str, lang: Lang) -> AppError {
    let geo = Geography::embedded();
    let nearest = match geo.group(&clipped(input)) {
        Err(congthuong_core::Error::UnknownGroup { nearest, .. }) => nearest,
        _ => Vec::new(),
    };
    let named = named_groups(&nearest, lang);
    AppError::NotFound(match lang {
        Lang::Vi => format!(
            "Không có vùng hay nhóm tỉnh mã \"{}\". Các mã gần nhất: {named}.",
            clipped(input)
        ),
        Lang::En => format!(
            "unknown group \"{}\"; nearest valid: {named}",
            clipped(input)
        ),
    })
}

/// The 404 of an unknown province code on a boundary version.
pub fn unknown_area(input: &str, version: BoundaryVersion, lang: Lang) -> AppError {
    let nearest = Geography::embedded().nearest_areas(&clipped(input), version);
    let named = named_areas(&nearest, version, lang);
    AppError::NotFound(match lang {
        Lang::Vi => format!(
            "Không có tỉnh, thành phố mã \"{}\" trên {}. Các mã gần nhất: {named}.",
            clipped(input),
            map_name(version, lang)
        ),
        Lang::En => format!(
            "unknown area \"{}\" on {}; nearest valid: {named}",
            clipped(input),
            map_name(version, lang)
        ),
    })
}

/// A group by id, or the 404 naming the nearest ones.
pub fn group(input: &str, lang: Lang) -> Result<&'static Group, AppError> {
    Geography::embedded()
        .group(input.trim())
        .map_err(|_| unknown_group(input, lang))
}

/// A province by code on `version`, or the 404 naming the nearest ones.
pub fn area(
    input: &str,
    version: BoundaryVersion,
    lang: Lang,
) -> Result<&'static Province, AppError> {
    Geography::embedded()
        .area(input.trim(), version)
        .map_err(|_| unknown_area(input, version, lang))
}

/// `group=` of a request: the id asked for (checked), else `default`.
pub fn group_param(params: &Params, default: &str, lang: Lang) -> Result<String, AppError> {
    match params
        .get("group")
        .map(|g| g.trim())
        .filter(|g| !g.is_empty())
    {
        Some(g) => group(g, lang).map(|g| g.id().to_owned()),
        None => Ok(default.to_owned()),
    }
}

/// A comma-separated list of province codes on `version`, each checked.
pub fn areas(list: &str, version: BoundaryVersion, lang: Lang) -> Result<Vec<AreaCode>, AppError> {
    list.split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(|c| area(c, version, lang).map(|p| p.code))
        .collect()
}

/// Turns a core error about an unknown code (raised deeper down, e.g. by
/// the figures or the registers) into the same 404; other errors are
/// `None`.
pub fn from_core(e: &congthuong_core::Error, lang: Lang) -> Option<AppError> {
    use congthuong_core::Error as E;
    match e {
        E::UnknownGroup { input, .. } => Some(unknown_group(input, lang)),
        E::UnknownArea { input, version, .. } => Some(unknown_area(input, *version, lang)),
        E::MalformedAreaCode { input } => Some(unknown_area(input, BoundaryVersion::V2025, lang)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_codes_name_the_nearest_in_the_readers_language() {
        let vi = group("north29", Lang::Vi).unwrap_err();
        assert_eq!(vi.status(), axum::http::StatusCode::NOT_FOUND);
        let text = vi.to_string();
        assert!(
            text.contains("gần nhất") && text.contains("north_28 ("),
            "{text}"
        );
        assert!(!text.contains("nearest"), "{text}");
        let en = group("north29", Lang::En).unwrap_err().to_string();
        assert!(en.contains("nearest valid: north_28 ("), "{en}");
        let a = area("99", BoundaryVersion::V2025, Lang::Vi)
            .unwrap_err()
            .to_string();
        assert!(a.contains("34 tỉnh") && a.contains("96 ("), "{a}");
        assert_eq!(group(" north_28 ", Lang::Vi).unwrap().id(), "north_28");
        assert_eq!(
            area("24", BoundaryVersion::Pre2025, Lang::Vi)
                .unwrap()
                .short_name_vi,
            "Bắc Giang"
        );
    }

    #[test]
    fn a_long_input_is_clipped() {
        let long = "x".repeat(100_000);
        let e = group(&long, Lang::En).unwrap_err().to_string();
        assert!(e.len() < 400, "{} bytes", e.len());
        let e = area(&long, BoundaryVersion::V2025, Lang::Vi)
            .unwrap_err()
            .to_string();
        assert!(e.len() < 400, "{} bytes", e.len());
    }
}
