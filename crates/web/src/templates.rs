//! HTML templates (minijinja, auto-escaped), embedded in the binary.
//! Templates only lay out: every figure arrives already formatted in the
//! reader's language, every SVG arrives rendered (and marked safe).

use minijinja::Environment;
use serde::Serialize;

use crate::error::AppError;

/// The compiled templates.
pub struct Templates {
    env: Environment<'static>,
}

/// A part's templates: (name, source), embedded with `include_str!`.
pub type Files = &'static [(&'static str, &'static str)];

/// Every part's templates. Names are unique across parts.
pub const SETS: &[Files] = &[
    CORE,
    crate::exports::TEMPLATES,
    crate::projects::TEMPLATES,
    crate::api::openapi::TEMPLATES,
    crate::pages::charts::TEMPLATES,
];

const CORE: Files = &[
    ("base.html", include_str!("../templates/base.html")),
    ("overview.html", include_str!("../templates/overview.html")),
    ("message.html", include_str!("../templates/message.html")),
    ("error.html", include_str!("../templates/error.html")),
    ("login.html", include_str!("../templates/login.html")),
    ("submit.html", include_str!("../templates/submit.html")),
    (
        "product_codes.html",
        include_str!("../templates/product_codes.html"),
    ),
    ("releases.html", include_str!("../templates/releases.html")),
    ("compare.html", include_str!("../templates/compare.html")),
    ("products.html", include_str!("../templates/products.html")),
    ("province.html", include_str!("../templates/province.html")),
    ("trade.html", include_str!("../templates/trade.html")),
    ("filters.html", include_str!("../templates/filters.html")),
    (
        "release_progress.html",
        include_str!("../templates/release_progress.html"),
    ),
    ("briefing.html", include_str!("../templates/briefing.html")),
    (
        "provinces.html",
        include_str!("../templates/provinces.html"),
    ),
];

impl Templates {
    /// Loads every template; a broken template is a bug caught by tests.
    pub fn new() -> Self {
        let mut env = Environment::new();
        // Escape what HTML needs (& < > " '), not `/`: links stay readable.
        env.set_formatter(|out, state, value| {
            if value.is_safe() || *state.auto_escape() == minijinja::AutoEscape::None {
                return minijinja::escape_formatter(out, state, value);
            }
            if value.is_undefined() || value.is_none() {
                return Ok(());
            }
            let text = value.to_string();
            let mut escaped = String::with_capacity(text.len());
            for c in text.chars() {
                match c {
                    '&' => escaped.push_str("&amp;"),
                    '<' => escaped.push_str("&lt;"),
                    '>' => escaped.push_str("&gt;"),
                    '"' => escaped.push_str("&quot;"),
                    '\'' => escaped.push_str("&#39;"),
                    c => escaped.push(c),
                }
            }
            out.write_str(&escaped).map_err(|e| {
                minijinja::Error::new(minijinja::ErrorKind::WriteFailure, e.to_string())
            })
        });
        for (name, source) in SETS.iter().flat_map(|s| s.iter()) {
            env.add_template(name, source)
                .unwrap_or_else(|e| panic!("template {name}: {e}"));
        }
        Self { env }
    }

    /// Renders a template with a context.
    pub fn render<S: Serialize>(&self, name: &str, ctx: S) -> Result<String, AppError> {
        let t = self
            .env
            .get_template(name)
            .map_err(|e| AppError::Internal(anyhow::anyhow!("template {name}: {e}")))?;
        t.render(minijinja::Value::from(minijinja::value::Serde(&ctx)))
            .map_err(|e| AppError::Internal(anyhow::anyhow!("rendering {name}: {e:#}")))
    }
}

impl Default for Templates {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_is_escaped_but_slashes_are_kept() {
        let t = Templates::new();
        let html = t.render("message.html", serde_json::json!({"layout": {"lang": "vi", "tx": {}, "nav": [["/a/b", "x", false]], "switch_lang": "/?lang=en&x=1", "synthetic": false, "title": "<t>"}, "page": {"message": "<script>alert('x')</script>"}})).unwrap();
        assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
        assert!(html.contains("href=\"/a/b\"") && html.contains("/?lang=en&amp;x=1"));
        assert!(!html.contains("<script>"));
    }
}
