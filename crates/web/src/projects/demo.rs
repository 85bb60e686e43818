//! The synthetic registers of `serve --demo`: key projects, strategies,
//! investment and difficulties made up by `congthuong_projects::demo`
//! (every record `synthetic = true`, every person and business named
//! "mô phỏng"), loaded into the main database beside the synthetic
//! release. How they are flagged: each record carries `synthetic`; a page
//! shows the synthetic-data banner when any record it shows is synthetic,
//! and every download has a `synthetic` column (XLSX: a note in row 1).

use std::path::Path;

use congthuong_projects::demo::{self, Loaded, SYNTHETIC_LABEL};
use congthuong_projects::store::{Change, Repo};
use congthuong_projects::{Actor, Date};

use super::registers::now;

/// Loads the demo registers, dated around `today`, into the database file
/// `db` (created and migrated by the main store). Registers that already
/// hold records are left alone (`None`): a demo is never loaded over
/// other data, nor twice.
pub fn load(db: &Path, today: Date) -> anyhow::Result<Option<Loaded>> {
    let mut repo = Repo::open_shared(db)?;
    if !repo.is_empty()? {
        return Ok(None);
    }
    let change = Change {
        actor: Actor::analyst("demo")?,
        at: now(),
        reason: SYNTHETIC_LABEL.to_owned(),
    };
    Ok(Some(demo::load(
        &mut repo,
        &demo::generate(today),
        &change,
    )?))
}
