//! [`Reason`]: why something was refused, in English and in Vietnamese,
//! written in both where it is made. The domain crates (brand, projects)
//! carry one in their errors; `Display` writes the English, the pages
//! show [`Reason::get`] in the reader's language.

use crate::display::Lang;

/// What is wrong, in English and in Vietnamese. `Display` writes the
/// English.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reason {
    /// English.
    pub en: String,
    /// Vietnamese.
    pub vi: String,
}

impl Reason {
    /// Both versions.
    pub fn new(en: impl Into<String>, vi: impl Into<String>) -> Self {
        Self {
            en: en.into(),
            vi: vi.into(),
        }
    }

    /// The version in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }

    /// `prefix: reason` in both languages.
    pub fn prefixed(self, en: &str, vi: &str) -> Self {
        Self {
            en: format!("{en}: {}", self.en),
            vi: format!("{vi}: {}", self.vi),
        }
    }
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en)
    }
}

impl From<crate::Error> for Reason {
    fn from(e: crate::Error) -> Self {
        Self::new(e.to_string(), e.vi())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_and_the_prefix() {
        let r = Reason::new("too long", "quá dài").prefixed("name", "tên");
        assert_eq!(r.get(Lang::En), "name: too long");
        assert_eq!(r.get(Lang::Vi), "tên: quá dài");
        assert_eq!(r.to_string(), "name: too long");
    }
}
