//! Flags of the `projects`, `strategies`, `investment` and `difficulties`
//! command groups (issue 8: key projects, strategies, investment,
//! business difficulties).

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};
use congthuong_core::BoundaryVersion;

use super::parse_boundaries;

/// Where the registers are stored: the global `--data-dir`, filled in by
/// [`with_data_dir`] after parsing (the registers are in the main database,
/// `congthuong.sqlite3`).
#[derive(Debug, Default, Clone)]
pub struct DataArgs {
    /// The data folder.
    pub data_dir: PathBuf,
}

/// The day the status is computed for.
#[derive(Debug, Args)]
pub struct TodayArgs {
    /// The day to compute status on (default: today in Vietnam, UTC+7).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,
    /// An item not done and due within this many days is at risk.
    #[arg(long, value_name = "DAYS", default_value_t = 30)]
    pub within: i64,
}

/// Which provinces to show.
#[derive(Debug, Args)]
pub struct ScopeArgs {
    /// A reference group, e.g. `north_28` (default: every province).
    #[arg(long, value_name = "GROUP", conflicts_with = "province")]
    pub group: Option<String>,
    /// One or more province codes, comma-separated, on `--boundaries`.
    #[arg(long, value_name = "CODES")]
    pub province: Option<String>,
    /// The map the provinces are read on: `2025` (34 units) or `pre2025` (63).
    #[arg(long, default_value = "2025", value_parser = parse_boundaries)]
    pub boundaries: BoundaryVersion,
}

/// Who makes a change.
#[derive(Debug, Args)]
pub struct ActorArgs {
    /// Your name or login, kept with every version and in the audit log.
    #[arg(long, value_name = "NAME")]
    pub actor: String,
    /// Act as the officer of this province (code on `--actor-boundaries`):
    /// only that province's records may change. Without it: an analyst.
    #[arg(long, value_name = "CODE")]
    pub as_province: Option<String>,
    /// The map `--as-province` is read on.
    #[arg(long, default_value = "2025", value_parser = parse_boundaries)]
    pub actor_boundaries: BoundaryVersion,
    /// Why (kept with the version and in the audit log).
    #[arg(long, value_name = "TEXT", default_value = "")]
    pub reason: String,
}

/// A register.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum RegisterArg {
    /// Key projects (with milestones, procedures, disbursement, blockers, …).
    Projects,
    /// Strategies and schemes.
    Strategies,
    /// Investment attraction.
    Investment,
    /// Business difficulties.
    Difficulties,
}

/// An export format.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FormatArg {
    /// One workbook, in the template's layout (can be edited and imported back).
    Xlsx,
    /// A folder with one CSV file per sheet.
    Csv,
}

/// `projects` subcommands.
#[derive(Debug, Subcommand)]
pub enum ProjectsAction {
    /// Late and at-risk projects with who must act by when (CSV, one row
    /// per item to act on, most urgent first).
    Late {
        #[command(flatten)]
        scope: ScopeArgs,
        #[command(flatten)]
        today: TodayArgs,
        #[arg(skip)]
        data: DataArgs,
    },
    /// Every project of a scope with its status (CSV).
    List {
        #[command(flatten)]
        scope: ScopeArgs,
        #[command(flatten)]
        today: TodayArgs,
        #[arg(skip)]
        data: DataArgs,
    },
    /// One project: status, milestone timeline (baseline against re-plans
    /// and actual), who must act, site clearance, disbursement, earned
    /// value, updates and version history.
    Show {
        /// The project id.
        id: String,
        /// Show this past version instead of the current one.
        #[arg(long, value_name = "N")]
        at_version: Option<u32>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        today: TodayArgs,
        #[arg(skip)]
        data: DataArgs,
    },
    /// Disbursement rate against the year's plan, by province, ranked and
    /// compared with the average (CSV).
    Disbursement {
        /// The plan year (default: the year of `--today`).
        #[arg(long, value_name = "YYYY")]
        year: Option<i32>,
        /// Count disbursement from January through this month (default:
        /// the month before `--today`, or December for a past year).
        #[arg(long, value_name = "1-12")]
        through_month: Option<u32>,
        /// Compare with this average rate (percent) instead of the scope's own.
        #[arg(long, value_name = "PERCENT")]
        average: Option<f64>,
        #[command(flatten)]
        scope: ScopeArgs,
        #[command(flatten)]
        today: TodayArgs,
        #[arg(skip)]
        data: DataArgs,
    },
    /// Import a filled-in workbook (any register): every problem is listed
    /// with sheet, row, column and reason, and nothing is stored unless
    /// the whole file is valid.
    Import {
        /// The workbook (.xlsx).
        file: PathBuf,
        #[command(flatten)]
        actor: ActorArgs,
        #[arg(skip)]
        data: DataArgs,
    },
    /// Write a blank template of a register (.xlsx, Vietnamese headers,
    /// drop-down lists).
    Template {
        /// Which register.
        #[arg(long, value_enum)]
        register: RegisterArg,
        /// The workbook to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        #[arg(skip)]
        data: DataArgs,
    },
    /// Export a register: an .xlsx in the template's layout, or CSV files.
    Export {
        /// Which register.
        #[arg(long, value_enum)]
        register: RegisterArg,
        /// The workbook (xlsx) or folder (csv) to write.
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
        /// The format.
        #[arg(long, value_enum, default_value = "xlsx")]
        format: FormatArg,
        #[arg(skip)]
        data: DataArgs,
    },
    /// Record a re-plan of a milestone (appended to its history).
    Replan {
        /// The project id.
        id: String,
        /// The milestone code.
        milestone: String,
        /// The new planned date.
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: String,
        /// The approving decision (number and date).
        #[arg(long, value_name = "TEXT")]
        decision: Option<String>,
        #[command(flatten)]
        actor: ActorArgs,
        #[arg(skip)]
        data: DataArgs,
    },
    /// Record the date a milestone was done.
    Done {
        /// The project id.
        id: String,
        /// The milestone code.
        milestone: String,
        /// The actual date.
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: String,
        #[command(flatten)]
        actor: ActorArgs,
        #[arg(skip)]
        data: DataArgs,
    },
    /// Add a progress note.
    Note {
        /// The project id.
        id: String,
        /// The note.
        #[arg(long, value_name = "TEXT")]
        text: String,
        /// The date it is about (default: today in Vietnam).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        /// Physical progress, percent.
        #[arg(long, value_name = "PERCENT")]
        percent: Option<f64>,
        #[command(flatten)]
        actor: ActorArgs,
        #[arg(skip)]
        data: DataArgs,
    },
    /// Load synthetic demo data for all four registers (labelled synthetic
    /// everywhere) into an empty data folder.
    Demo {
        /// The day the demo's dates are placed around (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<String>,
        #[arg(skip)]
        data: DataArgs,
    },
}

/// `strategies` subcommands.
#[derive(Debug, Subcommand)]
pub enum StrategiesAction {
    /// The province × strategy checklist (CSV: one row per province, one
    /// column per strategy kind).
    Grid {
        #[command(flatten)]
        scope: ScopeArgs,
        #[arg(skip)]
        data: DataArgs,
    },
}

/// `investment` subcommands.
#[derive(Debug, Subcommand)]
pub enum InvestmentAction {
    /// Projects and capital registered and disbursed, summed (CSV).
    Summary {
        /// Only this year.
        #[arg(long, value_name = "YYYY")]
        year: Option<i32>,
        /// Break down by: any of `province`, `industry`, `origin`, comma-separated.
        #[arg(long, value_name = "LIST", default_value = "industry,origin")]
        by: String,
        #[command(flatten)]
        scope: ScopeArgs,
        #[arg(skip)]
        data: DataArgs,
    },
}

/// `difficulties` subcommands.
#[derive(Debug, Subcommand)]
pub enum DifficultiesAction {
    /// Open difficulties past their deadline, longest overdue first (CSV).
    Overdue {
        /// Only agencies whose name contains this (case and diacritics ignored).
        #[arg(long, value_name = "TEXT")]
        agency: Option<String>,
        #[command(flatten)]
        scope: ScopeArgs,
        #[command(flatten)]
        today: TodayArgs,
        #[arg(skip)]
        data: DataArgs,
    },
    /// Difficulties per responsible agency: open, overdue, closed on time or late (CSV).
    ByAgency {
        #[command(flatten)]
        scope: ScopeArgs,
        #[command(flatten)]
        today: TodayArgs,
        #[arg(skip)]
        data: DataArgs,
    },
}

/// Puts the global `--data-dir` into every register command.
pub fn with_data_dir(command: &mut crate::args::Command, dir: &std::path::Path) {
    use crate::args::Command;
    let data: Option<&mut DataArgs> = match command {
        Command::Projects { action } => Some(match action {
            ProjectsAction::Late { data, .. }
            | ProjectsAction::List { data, .. }
            | ProjectsAction::Show { data, .. }
            | ProjectsAction::Disbursement { data, .. }
            | ProjectsAction::Import { data, .. }
            | ProjectsAction::Template { data, .. }
            | ProjectsAction::Export { data, .. }
            | ProjectsAction::Replan { data, .. }
            | ProjectsAction::Done { data, .. }
            | ProjectsAction::Note { data, .. }
            | ProjectsAction::Demo { data, .. } => data,
        }),
        Command::Strategies { action } => Some(match action {
            StrategiesAction::Grid { data, .. } => data,
        }),
        Command::Investment { action } => Some(match action {
            InvestmentAction::Summary { data, .. } => data,
        }),
        Command::Difficulties { action } => Some(match action {
            DifficultiesAction::Overdue { data, .. }
            | DifficultiesAction::ByAgency { data, .. } => data,
        }),
        _ => None,
    };
    if let Some(d) = data {
        d.data_dir = dir.to_owned();
    }
}
