//! Command-line flags (clap derive). Only parsing lives here; validation
//! of codes happens when the domain types are built.

use clap::{Parser, Subcommand};
use congthuong_core::BoundaryVersion;

/// congthuong: provincial reports, industrial production index and trade
/// indicators for a ministry of industry and trade (Vietnamese first).
#[derive(Debug, Parser)]
#[command(name = "congthuong", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// Where the database lives (created on first use).
    #[arg(
        long,
        global = true,
        env = "CONGTHUONG_DATA_DIR",
        default_value = congthuong_store::settings::DEFAULT_DATA_DIR,
        value_name = "DIR"
    )]
    pub data_dir: std::path::PathBuf,
    /// Who is acting, recorded with every write (default: the OS user).
    #[arg(long, global = true, env = "CONGTHUONG_ACTOR", value_name = "NAME")]
    pub actor: Option<String>,
    /// The largest file accepted, in bytes; larger files are refused before being read.
    #[arg(
        long,
        global = true,
        env = "CONGTHUONG_MAX_UPLOAD_BYTES",
        default_value_t = congthuong_store::settings::DEFAULT_MAX_UPLOAD_BYTES,
        value_name = "BYTES"
    )]
    pub max_upload_bytes: u64,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the provincial units of a boundary version as CSV, or show one.
    Areas {
        /// Boundary version: `pre2025` (63 units, until 2025-06-30) or `2025` (34 units).
        #[arg(long, default_value = "2025", value_parser = parse_boundaries)]
        boundaries: BoundaryVersion,
        /// `show CODE` prints one unit; without it, every unit is listed.
        #[command(subcommand)]
        action: Option<AreasAction>,
    },
    /// List the VSIC 2018 industry hierarchy (sections, divisions, classes) as CSV.
    Industries,
    /// List the product basket (code, VSIC class, unit, names) as CSV.
    Products,
    /// Index of Industrial Production: compile a folder of inputs, link series.
    Iip {
        /// What to do.
        #[command(subcommand)]
        action: IipAction,
    },
    /// List the reference groups of areas as CSV, or show one group's members.
    Groups {
        /// `show GROUP` prints one group's members; without it, every group is listed.
        #[command(subcommand)]
        action: Option<GroupsAction>,
    },
    /// Submit one province's monthly report (CSV in the microdata columns,
    /// or the Excel template): checked in full, stored as a new version.
    Import {
        /// The province's 2-digit code (on the boundaries in force in the period).
        #[arg(long, value_name = "CODE")]
        province: String,
        /// The month reported.
        #[arg(long, value_name = "YYYY-MM")]
        period: String,
        /// Why this version (e.g. "corrected cement figures").
        #[arg(long, default_value = "")]
        note: String,
        /// Report at most this many input errors.
        #[arg(long, default_value_t = 100)]
        max_errors: usize,
        /// The report file (.csv or .xlsx).
        file: std::path::PathBuf,
    },
    /// Import a whole interchange folder: microdata.csv (one version per
    /// province and month), products and weights (with --base-year),
    /// groups.csv, indicators.csv and targets.csv when present.
    ImportFolder {
        /// The folder.
        dir: std::path::PathBuf,
        /// The base year of the folder's products and weights.
        #[arg(long, value_name = "YYYY")]
        base_year: Option<i32>,
        /// Why.
        #[arg(long, default_value = "")]
        note: String,
        /// Worker threads for reading the microdata (0: one per core).
        #[arg(long, default_value_t = 0)]
        threads: usize,
        /// Report at most this many input errors.
        #[arg(long, default_value_t = 100)]
        max_errors: usize,
    },
    /// Load the published reference series embedded in the binary (GSO's
    /// national monthly IIP) if not loaded yet.
    ImportReference,
    /// Write the Excel template a province fills in for a month.
    Template {
        /// The province's 2-digit code.
        #[arg(long, value_name = "CODE")]
        province: String,
        /// The month to report.
        #[arg(long, value_name = "YYYY-MM")]
        period: String,
        /// Where to write it (.xlsx; never overwritten).
        #[arg(long, value_name = "FILE")]
        out: std::path::PathBuf,
    },
    /// List stored submissions (every version) as CSV, or show one.
    Submissions {
        /// Only this dataset (microdata, products, weights, groups, indicators, targets).
        #[arg(long)]
        dataset: Option<String>,
        /// Only this area.
        #[arg(long, value_name = "CODE")]
        province: Option<String>,
        /// Only this period.
        #[arg(long, value_name = "YYYY-MM")]
        period: Option<String>,
        /// Only the latest version of each.
        #[arg(long)]
        current: bool,
        /// `show ID` prints one version, its warnings and (with --lines) its content.
        #[command(subcommand)]
        action: Option<SubmissionsAction>,
    },
    /// Compile, list, show and compare releases (published, immutable vintages).
    Release {
        /// What to do.
        #[command(subcommand)]
        action: ReleaseAction,
    },
    /// Print the audit log (every write: who, when, what, hashes) as CSV.
    Audit {
        /// Only the last N entries.
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
    },
    /// Write a consistent copy of the database while it is in use.
    Backup {
        /// The backup file (must not exist).
        #[arg(long, value_name = "FILE")]
        out: std::path::PathBuf,
    },
    /// Replace the database with a backup (checked first; logged).
    Restore {
        /// The backup file.
        #[arg(long, value_name = "FILE")]
        from: std::path::PathBuf,
        /// Confirm: the current content of the data folder is replaced.
        #[arg(long)]
        yes: bool,
    },
}

/// `submissions` subcommands.
#[derive(Debug, Subcommand)]
pub enum SubmissionsAction {
    /// Show one stored version.
    Show {
        /// The submission id.
        id: i64,
        /// Also print its lines (microdata) or rows as CSV.
        #[arg(long)]
        lines: bool,
    },
}

/// `release` subcommands.
#[derive(Debug, Subcommand)]
pub enum ReleaseAction {
    /// Compile the current versions up to a month and store the results as a new release.
    Create {
        /// The last month included.
        #[arg(long, value_name = "YYYY-MM")]
        period: congthuong_core::Period,
        /// Why (shown with the release).
        #[arg(long)]
        note: String,
        /// The weights' base year (default: the latest stored).
        #[arg(long, value_name = "YYYY")]
        base_year: Option<i32>,
    },
    /// List the releases as CSV.
    List,
    /// Show a release, and with --index its index rows as CSV.
    Show {
        /// The release id.
        id: i64,
        /// Print the index rows (filtered by the options below) as CSV.
        #[arg(long)]
        index: bool,
        /// Only this area (province code, group id or VN).
        #[arg(long)]
        area: Option<String>,
        /// Only this node or product code (e.g. TOTAL, C, 10, CEMENT).
        #[arg(long)]
        code: Option<String>,
        /// Only these boundaries.
        #[arg(long, value_parser = parse_boundaries)]
        boundaries: Option<BoundaryVersion>,
    },
    /// Which figures changed between two releases, and which submissions explain it.
    Diff {
        /// The earlier release.
        a: i64,
        /// The later release.
        b: i64,
        /// List every changed row (default: the first 50).
        #[arg(long)]
        all: bool,
    },
}

/// `iip` subcommands.
#[derive(Debug, Subcommand)]
pub enum IipAction {
    /// Compile the IIP from an interchange folder (products.csv,
    /// industry_weights.csv, product_weights.csv, microdata.csv, optional
    /// groups.csv) into index.csv, contributions.csv and warnings.csv.
    Compile {
        /// The input folder.
        #[arg(long, value_name = "DIR")]
        input: std::path::PathBuf,
        /// The output folder (new, empty, or holding earlier outputs, which are replaced).
        #[arg(long, value_name = "DIR")]
        out: std::path::PathBuf,
        /// The weight and quantity reference year.
        #[arg(long, value_name = "YYYY")]
        base_year: i32,
        /// The provinces the outputs are stated in.
        #[arg(long, default_value = "2025", value_parser = parse_boundaries)]
        boundaries: BoundaryVersion,
        /// Worker threads for reading the microdata (0: one per core).
        #[arg(long, default_value_t = 0)]
        threads: usize,
        /// Report at most this many input errors.
        #[arg(long, default_value_t = 100)]
        max_errors: usize,
    },
    /// Chain-link an index series on old weights with one on new weights,
    /// optionally re-referenced to a new year = 100. Reads and writes
    /// index.csv-shaped files (every area/level/code series present in both
    /// is linked) or two-column `period,index` files.
    Link {
        /// The series on the old weights.
        #[arg(long, value_name = "FILE")]
        old: std::path::PathBuf,
        /// The series on the new weights.
        #[arg(long, value_name = "FILE")]
        new: std::path::PathBuf,
        /// Annual overlap: the year both series cover (link factor = ratio of the annual means).
        #[arg(
            long,
            value_name = "YYYY",
            conflicts_with = "overlap_month",
            required_unless_present = "overlap_month"
        )]
        overlap_year: Option<i32>,
        /// One-month overlap: the month both series cover (usually a December).
        #[arg(long, value_name = "YYYY-MM")]
        overlap_month: Option<congthuong_core::Period>,
        /// Re-reference the linked series to this year = 100.
        #[arg(long, value_name = "YYYY")]
        reference_year: Option<i32>,
        /// Where to write the linked series (CSV).
        #[arg(long, value_name = "FILE")]
        out: std::path::PathBuf,
    },
}

/// `areas` subcommands.
#[derive(Debug, Subcommand)]
pub enum AreasAction {
    /// Print one unit as CSV, with its successor (pre2025) or predecessors (2025).
    Show {
        /// The 2-digit code, e.g. `01`.
        code: String,
        /// Boundary version the code is read on.
        #[arg(long, default_value = "2025", value_parser = parse_boundaries)]
        boundaries: BoundaryVersion,
    },
}

/// `groups` subcommands.
#[derive(Debug, Subcommand)]
pub enum GroupsAction {
    /// List every group (the default).
    List,
    /// Print the members of one group as CSV.
    Show {
        /// The group id, e.g. `north_28`.
        group: String,
        /// Boundary version the members are stated on.
        #[arg(long, default_value = "2025", value_parser = parse_boundaries)]
        boundaries: BoundaryVersion,
    },
}

/// Parses `pre2025` or `2025`; the error lists the valid names.
pub fn parse_boundaries(s: &str) -> Result<BoundaryVersion, String> {
    s.parse().map_err(|e: congthuong_core::Error| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
