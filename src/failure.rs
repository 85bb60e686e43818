//! How errors become exit statuses.
//!
//! Rule: commands return `anyhow::Result`. An error is a *user error*
//! (exit 1) when any cause in its chain is a library error that describes
//! bad input (see [`is_user_error`]) or was marked with [`UserError`];
//! everything else is internal (exit 2). The full chain is printed with
//! `{:#}`.

use std::process::ExitCode;

/// Marks an error as the user's to fix (exit status 1).
#[derive(Debug)]
pub struct UserError(pub String);

impl std::fmt::Display for UserError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UserError {}

/// True when the error was caused by the user's input.
pub fn is_user_error(err: &anyhow::Error) -> bool {
    use congthuong_intake::interchange::WriteError;
    err.chain().any(|c| {
        c.is::<UserError>()
            || c.is::<congthuong_core::Error>()
            || c.is::<congthuong_intake::InputErrors>()
            || c.is::<congthuong_engine::CompileError>()
            || c.is::<congthuong_engine::link::LinkError>()
            || c.downcast_ref::<congthuong_origin::Error>()
                .is_some_and(congthuong_origin::Error::is_user_error)
            || c.downcast_ref::<congthuong_brand::Error>()
                .is_some_and(congthuong_brand::Error::is_user_error)
            || c.downcast_ref::<congthuong_projects::Error>()
                .is_some_and(congthuong_projects::Error::is_user_error)
            || c.is::<congthuong_gs1::Error>()
            || c.downcast_ref::<congthuong_trace::Error>()
                .is_some_and(congthuong_trace::Error::is_user_error)
            || c.downcast_ref::<congthuong_demo::DemoError>()
                .is_some_and(congthuong_demo::DemoError::is_user_error)
            || c.downcast_ref::<congthuong_store::StoreError>()
                .is_some_and(congthuong_store::StoreError::is_user_error)
            || matches!(
                c.downcast_ref::<WriteError>(),
                Some(WriteError::OccupiedOutput(_))
            )
    })
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    let pipe = |e: &std::io::Error| e.kind() == std::io::ErrorKind::BrokenPipe;
    err.chain().any(|c| {
        c.downcast_ref::<std::io::Error>().is_some_and(pipe)
            || c.downcast_ref::<csv::Error>()
                .is_some_and(|e| matches!(e.kind(), csv::ErrorKind::Io(io) if pipe(io)))
    })
}

/// Builds a user error from a message.
pub fn user(msg: impl Into<String>) -> anyhow::Error {
    anyhow::Error::new(UserError(msg.into()))
}

/// Prints the error and returns the exit status for it.
pub fn report(err: &anyhow::Error) -> ExitCode {
    if is_broken_pipe(err) {
        return ExitCode::SUCCESS;
    }
    eprintln!("error: {err:#}");
    ExitCode::from(if is_user_error(err) { 1 } else { 2 })
}
