//! Progress reporting for long imports and compilations. Library code
//! never prints: it reports through [`Progress`], which the CLI draws as
//! a progress bar and tests ignore ([`NoProgress`]).

/// Receives progress of a long operation.
pub trait Progress: Sync {
    /// A new stage of `len` steps (0 when unknown) named `stage`.
    fn start(&self, stage: &str, len: u64);
    /// `n` more steps done.
    fn advance(&self, n: u64);
    /// The stage is over.
    fn finish(&self);
}

/// Progress that goes nowhere.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoProgress;

impl Progress for NoProgress {
    fn start(&self, _stage: &str, _len: u64) {}
    fn advance(&self, _n: u64) {}
    fn finish(&self) {}
}
