//! Command-line flags (clap derive). Only parsing lives here; validation
//! of codes happens when the domain types are built.

use clap::{Parser, Subcommand};
use congthuong_core::BoundaryVersion;

pub mod projects;

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
    /// Start the dashboard and API server. With --demo and an empty data
    /// folder, loads the calibrated synthetic demo data first, makes a
    /// release and prints the demo logins.
    Serve(ServeArgs),
    /// The conference briefing, written from the latest release (or one
    /// given): HTML, PDF or Markdown, Vietnamese or English.
    Report {
        /// What to write.
        #[command(subcommand)]
        action: ReportAction,
    },
    /// Accounts of the dashboard: add, list, disable, enable, set a password.
    Users {
        /// What to do.
        #[command(subcommand)]
        action: UsersAction,
    },
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
    /// FTA rules of origin (ATIGA, CPTPP, EVFTA, RCEP): test a bill of materials.
    Origin {
        /// What to do.
        #[command(subcommand)]
        action: OriginAction,
    },
    /// OCOP products: star class from the scores, certificate validity.
    Ocop {
        /// What to do.
        #[command(subcommand)]
        action: OcopAction,
    },
    /// Key projects: late and at-risk lists with who must act by when,
    /// details, disbursement ranking, Excel import/export, demo data.
    Projects {
        /// What to do.
        #[command(subcommand)]
        action: projects::ProjectsAction,
    },
    /// Provincial strategies and schemes: the province × strategy checklist.
    Strategies {
        /// What to do.
        #[command(subcommand)]
        action: projects::StrategiesAction,
    },
    /// Investment attraction by province, priority industry and origin.
    Investment {
        /// What to do.
        #[command(subcommand)]
        action: projects::InvestmentAction,
    },
    /// Difficulties raised by businesses: overdue lists per agency.
    Difficulties {
        /// What to do.
        #[command(subcommand)]
        action: projects::DifficultiesAction,
    },
    /// Traceability of origin (truy xuất nguồn gốc): capture EPCIS 2.0
    /// documents, trace lots backward and forward, recall scope, gaps.
    Trace {
        /// What to do.
        #[command(subcommand)]
        action: TraceAction,
    },
    /// GS1 identifiers: check digits, EPC URI ↔ GS1 Digital Link.
    Gs1 {
        /// What to do.
        #[command(subcommand)]
        action: Gs1Action,
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

/// `origin` subcommands.
#[derive(Debug, Subcommand)]
pub enum OriginAction {
    /// Test a product and its bill of materials against a product-specific
    /// rule under one or all agreements; prints pass or fail per criterion
    /// with the arithmetic and the proof-of-origin route. All amounts are
    /// in one currency, plain decimals with a dot (1234.5).
    ///
    /// The BOM is a CSV file with the columns
    /// `hs,description,value,originating,country` (originating: yes, no or
    /// unknown; country: ISO code such as VN, TH, JP, DE, required when
    /// originating is yes; see docs/ORIGIN.md).
    ///
    /// Rule grammar: WO, PE, CC, CTH, CTSH [except HS, …], RVC<n>
    /// [build-down|build-up|net-cost|focused(HS, …)], MaxNOM <n>%, joined
    /// with "or" / "and" and parentheses ("and" binds tighter), e.g.
    /// "RVC40 or CTH", "RVC45 build-down or RVC35 build-up", "MaxNOM 50%".
    Check(OriginCheck),
}

/// The flags of `origin check`.
#[derive(Debug, clap::Args)]
pub struct OriginCheck {
    /// The bill of materials (CSV).
    #[arg(long, value_name = "FILE.csv")]
    pub bom: std::path::PathBuf,
    /// The product's HS code, 6 digits (e.g. 7308.90).
    #[arg(long, value_name = "HS")]
    pub product_hs: String,
    /// The ex-works price of the product.
    #[arg(long, value_name = "EXW")]
    pub price: String,
    /// The FOB price (needed for RVC and de minimis under ATIGA, CPTPP, RCEP).
    #[arg(long, value_name = "FOB")]
    pub fob: Option<String>,
    /// atiga, cptpp, evfta, rcep, or all.
    #[arg(long, default_value = "all")]
    pub agreement: String,
    /// The product-specific rule to test, e.g. "RVC40 or CTH".
    #[arg(long)]
    pub rule: String,
    /// Direct labour cost (for the build-up formula of ATIGA and RCEP).
    #[arg(long, value_name = "AMOUNT")]
    pub labour: Option<String>,
    /// Direct overhead cost (build-up, ATIGA and RCEP).
    #[arg(long, value_name = "AMOUNT")]
    pub overhead: Option<String>,
    /// Profit (build-up, ATIGA and RCEP).
    #[arg(long, value_name = "AMOUNT")]
    pub profit: Option<String>,
    /// Other costs (build-up, ATIGA and RCEP).
    #[arg(long, value_name = "AMOUNT")]
    pub other_costs: Option<String>,
    /// Net cost (CPTPP net cost method, automotive goods).
    #[arg(long, value_name = "AMOUNT")]
    pub net_cost: Option<String>,
    /// The consignment's value in euro (EVFTA: origin declaration by any exporter up to EUR 6,000).
    #[arg(long, value_name = "EUR")]
    pub consignment_eur: Option<String>,
    /// The HS edition the codes are read in: 2012, 2017 or 2022.
    #[arg(long, default_value = "2022")]
    pub hs_edition: String,
    /// Output language.
    #[arg(long, default_value = "vi", value_parser = ["vi", "en"])]
    pub lang: String,
    /// text (a readable report) or json (the full assessment).
    #[arg(long, default_value = "text", value_parser = ["text", "json"])]
    pub format: String,
}

/// `ocop` subcommands.
#[derive(Debug, Subcommand)]
pub enum OcopAction {
    /// Star class from the scores of parts A, B and C, and, with
    /// --decided, the certificate's validity (36 months) and status.
    Stars(OcopStars),
}

/// The arguments of `ocop stars`.
#[derive(Debug, clap::Args)]
pub struct OcopStars {
    /// Part A: product and community strength (max 40 under 148, 35 under 1048).
    pub score_a: String,
    /// Part B: marketing capacity (max 25).
    pub score_b: String,
    /// Part C: product quality (max 35 under 148, 40 under 1048).
    pub score_c: String,
    /// The criteria set: 148 (Decision 148/QĐ-TTg, 2023) or 1048 (2019).
    #[arg(long, default_value = "148")]
    pub criteria: String,
    /// The date of the decision recognising the product (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub decided: Option<String>,
    /// The day to report the status on (default: today in Viet Nam).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,
    /// Warn this many days before the certificate ends.
    #[arg(long, default_value_t = 90)]
    pub alert_days: u32,
    /// Output language.
    #[arg(long, default_value = "vi", value_parser = ["vi", "en"])]
    pub lang: String,
}

/// Output formats of the trace commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A CSV table with a header.
    Csv,
    /// JSON (the full result).
    Json,
}

/// `trace` subcommands.
#[derive(Debug, Subcommand)]
pub enum TraceAction {
    /// Capture EPCIS 2.0 JSON / JSON-LD documents (each all or nothing;
    /// events already stored are reported as duplicates).
    Capture {
        /// The documents.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<std::path::PathBuf>,
        /// Also list every event (file, index, outcome, hash) as CSV.
        #[arg(long)]
        events: bool,
    },
    /// Where an identifier came from: its inputs, containers and suppliers.
    Backward {
        /// A lot, serial or container: EPC URI or GS1 Digital Link.
        id: String,
        /// How many steps (1 = one step back); default: the whole chain.
        #[arg(long, value_name = "N")]
        depth: Option<u32>,
        /// Output format.
        #[arg(long, value_enum, default_value = "csv")]
        format: Format,
    },
    /// Where an identifier went: what was made from it, its containers, customers.
    Forward {
        /// A lot, serial or container: EPC URI or GS1 Digital Link.
        id: String,
        /// How many steps (1 = one step forward); default: the whole chain.
        #[arg(long, value_name = "N")]
        depth: Option<u32>,
        /// Output format.
        #[arg(long, value_enum, default_value = "csv")]
        format: Format,
    },
    /// Everything downstream of suspect lots, with status and holder.
    Recall {
        /// The suspect lots or serials.
        #[arg(required = true, value_name = "ID")]
        ids: Vec<String>,
        /// Output format.
        #[arg(long, value_enum, default_value = "csv")]
        format: Format,
    },
    /// Gaps in the chain: receipts without a supplier, shipments without a
    /// customer, identifiers without an origin.
    Integrity {
        /// Output format.
        #[arg(long, value_enum, default_value = "csv")]
        format: Format,
    },
    /// Events matching EPCIS SimpleEventQuery parameters, e.g.
    /// `EQ_bizStep=shipping MATCH_epc=urn:epc:id:sscc:…` (several values: `a|b`).
    Query {
        /// `NAME=VALUE` pairs.
        #[arg(value_name = "NAME=VALUE")]
        params: Vec<String>,
        /// Output format (`json`: the raw events).
        #[arg(long, value_enum, default_value = "csv")]
        format: Format,
    },
    /// Validate a document and print each event's hash ID (nothing stored).
    Hash {
        /// The document.
        file: std::path::PathBuf,
        /// Also print the canonical pre-hash string.
        #[arg(long)]
        prehash: bool,
    },
}

/// `gs1` subcommands.
#[derive(Debug, Subcommand)]
pub enum Gs1Action {
    /// Check the check digit of a GTIN, GLN, SSCC or other numeric GS1 key.
    Check {
        /// The digits, check digit last.
        code: String,
    },
    /// Convert an EPC URI to its GS1 Digital Link, or a Digital Link to its
    /// EPC URI (this needs the company-prefix length, `--gcp`).
    Convert {
        /// `urn:epc:…` or `https://…/01/…`.
        input: String,
        /// Length of the GS1 Company Prefix in the key (6–12), for Digital Link → EPC URI.
        #[arg(long, value_name = "N")]
        gcp: Option<usize>,
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
        /// Mark the release as synthetic demo data: every page, download
        /// and briefing made from it says so.
        #[arg(long)]
        synthetic: bool,
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

/// `report` subcommands.
#[derive(Debug, Subcommand)]
pub enum ReportAction {
    /// Write the briefing of a group for a month: growth against the
    /// nation, provinces above the national rate and a threshold, top and
    /// bottom five, sub-regions, products, trade, the development gap,
    /// plan attainment and projections, late key projects.
    Briefing {
        /// Group id (see `congthuong groups`).
        #[arg(long, default_value = "north_28")]
        group: String,
        /// The month, YYYY-MM (default: the release's last month).
        #[arg(long)]
        period: Option<String>,
        /// Language: vi or en.
        #[arg(long, default_value = "vi")]
        lang: String,
        /// html, pdf or md (default: from the --out file's extension, else html).
        #[arg(long)]
        format: Option<String>,
        /// The file to write; `-` writes HTML or Markdown to standard output.
        #[arg(long)]
        out: std::path::PathBuf,
        /// Growth threshold in percent.
        #[arg(long, default_value_t = 11.0)]
        threshold: f64,
        /// Boundaries: pre2025 or 2025 (default: those in force in the month).
        #[arg(long, value_parser = parse_boundaries)]
        boundaries: Option<BoundaryVersion>,
        /// The release to read (default: the latest).
        #[arg(long)]
        release: Option<i64>,
        /// The day late key projects are counted on, YYYY-MM-DD, each
        /// project as it stood that day (default: the month's last day, or
        /// today in Vietnam if that is earlier). `--today` is the old name.
        #[arg(long = "as-of", alias = "today", value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
    },
}

/// `serve` flags: where, and the server's limits (README, "Security and
/// limits"). A limit not given keeps the server's default.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Where to listen.
    #[arg(long, env = "CONGTHUONG_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: std::net::SocketAddr,
    /// Load the demo data into an empty data folder.
    #[arg(long)]
    pub demo: bool,
    /// Mark cookies Secure and send HSTS (set this behind TLS).
    #[arg(long, env = "CONGTHUONG_SECURE_COOKIES")]
    pub secure_cookies: bool,
    /// Seconds a client has to send a request's headers; also how long a
    /// kept-alive connection may stay idle [default: 10].
    #[arg(long, env = "CONGTHUONG_HEADER_TIMEOUT_SECS", value_name = "SECS",
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub header_timeout_secs: Option<u64>,
    /// Seconds the server waits for the next piece of a request body [default: 30].
    #[arg(long, env = "CONGTHUONG_BODY_TIMEOUT_SECS", value_name = "SECS",
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub body_timeout_secs: Option<u64>,
    /// Connections served at once; more wait until one closes [default: 1024].
    #[arg(long, env = "CONGTHUONG_MAX_CONNECTIONS", value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub max_connections: Option<u32>,
    /// Request bodies (uploads) held in memory at once, bytes; a request
    /// that cannot get its share within 10 s is told to retry (503)
    /// [default: 536870912, at least --max-upload-bytes].
    #[arg(long, env = "CONGTHUONG_BODIES_IN_FLIGHT_BYTES", value_name = "BYTES")]
    pub bodies_in_flight_bytes: Option<u64>,
    /// Password checks run at once (about 19 MiB each) [default: 4].
    #[arg(long, env = "CONGTHUONG_LOGIN_CONCURRENCY", value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..=64))]
    pub login_concurrency: Option<u32>,
    /// Failed logins per account and per address before a pause [default: 5].
    #[arg(long, env = "CONGTHUONG_LOGIN_MAX_FAILURES", value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub login_max_failures: Option<u32>,
    /// The pause after too many failed logins, seconds [default: 300].
    #[arg(long, env = "CONGTHUONG_LOGIN_PAUSE_SECS", value_name = "SECS",
          value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub login_pause_secs: Option<u64>,
}

/// `users` subcommands. Passwords are read from the first line of stdin.
#[derive(Debug, Subcommand)]
pub enum UsersAction {
    /// Create an account (the password on stdin, at least 10 characters).
    Add {
        /// Login name (letters, digits, '.', '_', '-').
        name: String,
        /// admin, analyst, officer or viewer.
        #[arg(long, value_parser = ["admin", "analyst", "officer", "viewer"])]
        role: String,
        /// An officer's province (2025 code), required for officers.
        #[arg(long, value_name = "CODE")]
        province: Option<String>,
        /// The name shown (default: the login name).
        #[arg(long)]
        display_name: Option<String>,
    },
    /// List the accounts as CSV.
    List,
    /// Disable an account (its sessions end).
    Disable {
        /// Login name.
        name: String,
    },
    /// Enable a disabled account.
    Enable {
        /// Login name.
        name: String,
    },
    /// Set a new password (read from stdin); the account's sessions end.
    Password {
        /// Login name.
        name: String,
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
