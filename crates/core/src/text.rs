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

/// The folded words of a code or name: split at anything that is not a
/// letter or digit (`MOBILE_PHONES` → `mobile`, `phones`; `Điện thoại`
/// → `dien`, `thoai`).
pub fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .map(fold)
        .filter(|w| !w.is_empty())
        .collect()
}

/// How an input word matches a candidate's word: 0 the same, 1 a prefix
/// of it (three letters or more: `phone` → `phones`), or its plural
/// (`phones` → `phone`).
fn word_match(input: &str, word: &str) -> Option<u8> {
    if input == word {
        return Some(0);
    }
    if input.len() >= 3 && word.starts_with(input) {
        return Some(1);
    }
    match input.strip_prefix(word) {
        Some("s" | "es") if word.len() >= 3 => Some(1),
        _ => None,
    }
}

/// The `n` candidates closest to `input`, best first. Each candidate is a
/// `(code, aliases)` pair (aliases: its names, in any language).
///
/// A candidate whose code or names contain every word of the input (the
/// same word, a word it begins, or its plural: `PHONE` finds
/// `MOBILE_PHONES` and `PHONE_PARTS`, `dien thoai` finds "Điện thoại di
/// động") comes first; then those containing some of the words; then the
/// rest by the smallest edit distance between the folded input and the
/// folded code or any alias (typos: `north28` → `north_28`). Within a
/// rank, fewer approximate words and then the smaller edit distance win.
/// When some candidates hold every word, only they are suggested.
pub fn nearest<'a, I>(input: &str, candidates: I, n: usize) -> Vec<String>
where
    I: IntoIterator<Item = (&'a str, Vec<&'a str>)>,
{
    let needle = fold(input);
    let wanted = words(input);
    let mut scored: Vec<((usize, usize, usize, usize), String)> = candidates
        .into_iter()
        .map(|(code, aliases)| {
            let names: Vec<&str> = std::iter::once(code).chain(aliases).collect();
            let distance = names
                .iter()
                .map(|c| edit_distance(&needle, &fold(c)))
                .min()
                .unwrap_or(usize::MAX);
            let own: Vec<String> = names.iter().flat_map(|c| words(c)).collect();
            let (mut matched, mut approximate) = (0, 0);
            for w in &wanted {
                if let Some(q) = own.iter().filter_map(|o| word_match(w, o)).min() {
                    matched += 1;
                    approximate += usize::from(q);
                }
            }
            let rank = if matched == 0 {
                2
            } else if matched == wanted.len() {
                0
            } else {
                1
            };
            (
                (rank, wanted.len() - matched, approximate, distance),
                code.to_owned(),
            )
        })
        .collect();
    scored.sort();
    // When some candidates hold every word, they are the answer.
    let whole = scored.first().is_some_and(|(k, _)| k.0 == 0);
    scored
        .into_iter()
        .take_while(|(k, _)| !whole || k.0 == 0)
        .take(n)
        .map(|(_, c)| c)
        .collect()
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

    fn basket() -> Vec<(&'static str, Vec<&'static str>)> {
        crate::Product::basket()
            .iter()
            .map(|p| {
                (
                    p.code.as_str(),
                    vec![p.name_vi.as_str(), p.name_en.as_str()],
                )
            })
            .collect()
    }

    #[test]
    fn nearest_matches_words_of_codes_and_names() {
        let two = |q: &str| {
            let mut v = nearest(q, basket(), 2);
            v.sort();
            v
        };
        assert_eq!(two("PHONE"), ["MOBILE_PHONES", "PHONE_PARTS"]);
        assert_eq!(two("phones"), ["MOBILE_PHONES", "PHONE_PARTS"]);
        assert_eq!(two("dien thoai"), ["MOBILE_PHONES", "PHONE_PARTS"]);
        assert_eq!(two("điện thoại"), ["MOBILE_PHONES", "PHONE_PARTS"]);
        assert_eq!(
            nearest("xi mang", basket(), 5),
            ["CEMENT"],
            "only the whole matches"
        );
        assert_eq!(nearest("PHONE", basket(), 5).len(), 2);
        assert_eq!(
            nearest("CEMNT", basket(), 1),
            ["CEMENT"],
            "typos still work"
        );
        // Provinces by name without diacritics.
        let geo = crate::Geography::embedded();
        let v = geo.provinces(crate::BoundaryVersion::V2025);
        let near = nearest(
            "bac ninh",
            v.iter().map(|p| {
                (
                    p.code.as_str(),
                    vec![p.short_name_vi.as_str(), p.name_ascii.as_str()],
                )
            }),
            1,
        );
        assert_eq!(near, ["24"]);
    }

    #[test]
    fn words_split_and_fold() {
        assert_eq!(words("MOBILE_PHONES"), ["mobile", "phones"]);
        assert_eq!(
            words("Linh kiện điện thoại (giá trị)"),
            ["linh", "kien", "dien", "thoai", "gia", "tri"]
        );
    }
}
