//! Helpers shared by the integration tests.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The project's shared trace fixtures (`shared/fixtures/trace`), looked
/// for beside the repository and its parents, or at `$CONGTHUONG_SHARED`.
/// `None` when absent: the caller says so and skips (CI always has it).
pub fn shared_trace_dir() -> Option<PathBuf> {
    if let Ok(dir) = std::env::var("CONGTHUONG_SHARED") {
        let p = Path::new(&dir).join("fixtures/trace");
        return p.is_dir().then_some(p);
    }
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .map(|a| a.join("shared/fixtures/trace"))
        .find(|p| p.join("gs1-epcis").is_dir())
}

/// Prints the plain skip notice.
pub fn skip(test: &str) {
    eprintln!(
        "SKIPPED {test}: ../shared/fixtures/trace not found (set CONGTHUONG_SHARED to the shared folder); \
         the GS1 example documents may not be copied into the repository"
    );
}

/// The path of a fixture in this crate's `tests/fixtures`.
pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

/// Reads a fixture's text.
pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}
