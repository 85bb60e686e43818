//! The `congthuong` binary: parses flags, runs one command, maps the result
//! to an exit status. All logic lives in the library crates under `crates/`.
//!
//! Exit status: 0 success, 1 user error (bad flags, unknown codes, bad
//! input files), 2 internal error. A closed pipe on stdout counts as success.
//!
//! Diagnostics (the server's 5xx answers with their causes, failed
//! accepts) go to stderr through `tracing`; `RUST_LOG` chooses what is
//! shown (default: warnings and errors).

mod args;
mod commands;
mod failure;
mod output;
mod progress;

use std::process::ExitCode;

use clap::Parser;

/// Installs the log: stderr, filtered by `RUST_LOG` (default `warn`).
fn install_log() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .try_init();
}

fn main() -> ExitCode {
    install_log();
    let cli = match args::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 1 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => failure::report(&err),
    }
}
