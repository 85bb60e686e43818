//! Text helpers: NFC normalisation and "did you mean" suggestions.
//!
//! All text that enters the system (reference data, uploaded files, form
//! fields) is stored NFC-normalised, so the same Vietnamese word always has
//! the same bytes. Matching is still done on codes, never on names.

use unicode_normalization::{UnicodeNormalization, is_nfc};

/// Returns `s` in Unicode Normalization Form C.
pub fn nfc(s: &str) -> String {
    if is_nfc(s) {
        s.to_owned()
    } else {
        s.nfc().collect()
    }
}

/// True when `s` is already NFC.
pub fn is_nfc_normalised(s: &str) -> bool {
    is_nfc(s)
}

/// Lower-cased ASCII folding for fuzzy matching: Vietnamese letters lose
/// their diacritics (`đ` → `d`), everything that is not alphanumeric is
/// dropped.
pub fn fold(s: &str) -> String {
    s.nfd()
        .filter_map(|c| match c {
            'đ' | 'Đ' => Some('d'),
            c if c.is_ascii_alphanumeric() => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .collect()
}

/// Levenshtein distance over chars.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The `n` candidates closest to `input`, best first. Each candidate is a
/// `(code, aliases)` pair; the distance of a candidate is the smallest edit
/// distance between the folded input and the folded code or any alias.
pub fn nearest<'a, I>(input: &str, candidates: I, n: usize) -> Vec<String>
where
    I: IntoIterator<Item = (&'a str, Vec<&'a str>)>,
{
    let needle = fold(input);
    let mut scored: Vec<(usize, String)> = candidates
        .into_iter()
        .map(|(code, aliases)| {
            let d = std::iter::once(code)
                .chain(aliases)
                .map(|c| edit_distance(&needle, &fold(c)))
                .min()
                .unwrap_or(usize::MAX);
            (d, code.to_owned())
        })
        .collect();
    scored.sort();
    scored.into_iter().take(n).map(|(_, c)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_strips_vietnamese_diacritics() {
        assert_eq!(fold("Đắk Lắk"), "daklak");
        assert_eq!(fold("Thành phố Hồ Chí Minh"), "thanhphohochiminh");
    }

    #[test]
    fn nfc_composes_decomposed_text() {
        let decomposed = "Ho\u{0300}a Bi\u{0300}nh";
        assert!(!is_nfc_normalised(decomposed));
        assert_eq!(nfc(decomposed), "Hòa Bình");
    }

    #[test]
    fn nearest_prefers_small_edit_distance() {
        let c = vec![
            ("north_28", vec![]),
            ("southeast", vec![]),
            ("mekong_delta", vec![]),
        ];
        assert_eq!(nearest("north28", c, 1), vec!["north_28".to_owned()]);
    }
}
