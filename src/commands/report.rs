//! `report briefing`: the conference briefing from a release in the data
//! folder, written as HTML, PDF or Markdown.

use std::io::Write;
use std::path::Path;

use anyhow::Context;
use congthuong_core::{Lang, Period};
use congthuong_report::{Request, write};
use congthuong_store::released;

use super::store::Ctx;
use crate::args::ReportAction;
use crate::failure::user;

/// The output format: asked, else from the file's extension, else HTML.
fn format_of(format: Option<&str>, out: &Path) -> anyhow::Result<&'static str> {
    let f = format
        .map(str::to_owned)
        .or_else(|| out.extension().map(|e| e.to_string_lossy().to_lowercase()))
        .unwrap_or_else(|| "html".into());
    match f.as_str() {
        "html" | "htm" => Ok("html"),
        "pdf" => Ok("pdf"),
        "md" | "markdown" => Ok("md"),
        other => Err(user(format!(
            "unknown format {other:?}: use html, pdf or md"
        ))),
    }
}

/// `congthuong report …`
pub fn run(ctx: &Ctx, action: ReportAction) -> anyhow::Result<()> {
    let ReportAction::Briefing {
        group,
        period,
        lang,
        format,
        out,
        threshold,
        boundaries,
        release,
        as_of,
    } = action;
    let lang: Lang = lang
        .parse()
        .map_err(|_| user(format!("unknown language {lang:?}: use vi or en")))?;
    let format = format_of(format.as_deref(), &out)?;
    if format == "pdf" && out.as_os_str() == "-" {
        return Err(user("a PDF needs a file: give --out FILE.pdf"));
    }
    if !threshold.is_finite() {
        return Err(user("--threshold must be a number"));
    }
    let store = ctx.open()?;
    let data = match release {
        Some(id) => released::release(&store, id)?,
        None => released::latest_release(&store)?.ok_or_else(|| {
            user(format!(
                "no release in {}: import reports and make one (congthuong release create), or run serve --demo once",
                ctx.data_dir.display()
            ))
        })?,
    };
    let period = match period {
        Some(p) => p.parse::<Period>().map_err(|e| user(e.to_string()))?,
        None => data.meta.period,
    };
    congthuong_core::Geography::embedded()
        .group(&group)
        .map_err(|e| user(e.to_string()))?;
    // Key projects as they stood at the end of the month (or on --as-of),
    // their places read on the 2025 map.
    let as_of = match as_of {
        Some(d) => congthuong_projects::Date::parse(&d).map_err(|e| user(e.to_string()))?,
        None => congthuong_web::projects::briefing::as_of(
            period,
            congthuong_web::projects::registers::today_in_vietnam(),
        ),
    };
    let late_projects = congthuong_web::projects::briefing::late_for_briefing(
        &ctx.data_dir.join(congthuong_store::sqlite::DB_FILE),
        &group,
        congthuong_core::BoundaryVersion::V2025,
        as_of,
        lang,
    )?;
    let briefing = write(
        &data,
        &Request {
            group,
            period,
            lang,
            threshold,
            boundaries,
            late_projects,
        },
    )
    .map_err(|e| user(e.to_string()))?;
    let bytes = match format {
        "html" => congthuong_report::html::render(&briefing).into_bytes(),
        "md" => congthuong_report::markdown::render(&briefing).into_bytes(),
        _ => congthuong_report::pdf::render(&briefing).map_err(|e| anyhow::anyhow!("{e}"))?,
    };
    if out.as_os_str() == "-" {
        std::io::stdout().lock().write_all(&bytes)?;
        return Ok(());
    }
    // Written beside the target, then renamed: a reader never sees half a file.
    let dir = out
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("writing into {}", dir.display()))?;
    tmp.write_all(&bytes)?;
    tmp.persist(&out)
        .with_context(|| format!("writing {}", out.display()))?;
    eprintln!(
        "wrote {} ({} bytes, release {}{})",
        out.display(),
        bytes.len(),
        data.meta.id,
        if data.meta.synthetic {
            ", synthetic demo data"
        } else {
            ""
        }
    );
    Ok(())
}
