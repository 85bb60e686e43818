//! The `congthuong` binary: parses flags, runs one command, maps the result
//! to an exit status. All logic lives in the library crates under `crates/`.
//!
//! Exit status: 0 success, 1 user error (bad flags, unknown codes, bad
//! input files), 2 internal error. A closed pipe on stdout counts as success.

mod args;
mod commands;
mod failure;
mod output;
mod progress;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
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
