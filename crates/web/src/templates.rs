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

const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../templates/base.html")),
    ("overview.html", include_str!("../templates/overview.html")),
    ("message.html", include_str!("../templates/message.html")),
];

impl Templates {
    /// Loads every template; a broken template is a bug caught by tests.
    pub fn new() -> Self {
        let mut env = Environment::new();
        for (name, source) in TEMPLATES {
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
