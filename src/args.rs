//! Command-line flags (clap derive). Only parsing lives here; validation
//! of codes happens when the domain types are built.

use clap::{Parser, Subcommand};
use congthuong_core::BoundaryVersion;

/// congthuong: provincial reports, industrial production index and trade
/// indicators for a ministry of industry and trade (Vietnamese first).
#[derive(Debug, Parser)]
#[command(name = "congthuong", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
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
    /// Synthetic demo data calibrated to GSO's published IIP: generate a
    /// folder, or check the calibration.
    Demo {
        /// What to do.
        #[command(subcommand)]
        action: DemoAction,
    },
    /// List the reference groups of areas as CSV, or show one group's members.
    Groups {
        /// `show GROUP` prints one group's members; without it, every group is listed.
        #[command(subcommand)]
        action: Option<GroupsAction>,
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

/// `demo` subcommands.
#[derive(Debug, Subcommand)]
pub enum DemoAction {
    /// Write a synthetic interchange folder for all 63 provinces (products,
    /// weights, groups, microdata, indicators, targets, README). The data
    /// is synthetic; its compiled IIP matches GSO's published figures.
    Generate {
        /// The folder to create (new or empty; nothing is overwritten).
        #[arg(long, value_name = "DIR")]
        out: std::path::PathBuf,
        /// Random seed: the same seed gives byte-identical files.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// First month (2015-01 or later; `iip compile` needs the base year 2015 in the folder).
        #[arg(long, value_name = "YYYY-MM", default_value = "2015-01")]
        from: congthuong_core::Period,
        /// Last month (at most 2030-12); from 2025-07 units report under the 34-province codes.
        #[arg(long, value_name = "YYYY-MM", default_value = "2025-12")]
        to: congthuong_core::Period,
        /// About how many microdata lines (at least one per province, product and month).
        #[arg(long, value_name = "N", default_value_t = 1_000_000)]
        rows: u64,
        /// Microdata file format.
        #[arg(long, value_enum, default_value = "csv")]
        format: DemoFormat,
    },
    /// Generate into a temporary folder, compile with the real engine and
    /// print each calibration target beside what the data achieves; exit
    /// status 1 if any target is missed.
    Calibrate {
        /// Random seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// About how many microdata lines (the calibration holds at any count).
        #[arg(long, value_name = "N", default_value_t = 200_000)]
        rows: u64,
    },
}

/// Microdata file formats.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum DemoFormat {
    /// microdata.csv
    Csv,
    /// microdata.parquet
    Parquet,
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
