//! The [`Store`] trait: everything the rest of the system may ask of the
//! database. It is deliberately narrow (append a batch of submissions,
//! append a release, read them back, read the audit log) so a PostgreSQL
//! backend can implement it without touching the intake, release or web
//! code. There is no update and no delete: versions, releases and the
//! audit log only grow.

use crate::accounts::{NewUser, SessionRecord, User};
use crate::error::Result;
use crate::model::{
    AuditEntry, ContributionRow, IndexRow, IndicatorValue, NewRelease, NewSubmission,
    ReferenceSource, ReferenceValue, Release, ReportingUnit, RowFilter, Submission,
    SubmissionFilter, SubmitOutcome, TargetValue, WarningRow,
};
use crate::progress::Progress;

/// A backend of the store. Methods take `&self` and are safe to call from
/// many threads; writes are serialised by the backend, reads never wait
/// for writes.
pub trait Store: Send + Sync {
    /// Stores a batch of submissions in one transaction: all of them or,
    /// on any error, none. A submission whose content equals its key's
    /// latest version is not stored again ([`SubmitOutcome::Unchanged`]).
    /// Every stored version gets an audit entry in the same transaction.
    fn submit(
        &self,
        batch: Vec<NewSubmission>,
        progress: &dyn Progress,
    ) -> Result<Vec<SubmitOutcome>>;

    /// Submissions matching the filter, by key then version.
    fn submissions(&self, filter: &SubmissionFilter) -> Result<Vec<Submission>>;

    /// One submission by id.
    fn submission(&self, id: i64) -> Result<Submission>;

    /// The content of a submission (by content hash).
    fn content(&self, hash: &str) -> Result<Vec<u8>>;

    /// Indicator values of the given submissions.
    fn indicator_rows(&self, submissions: &[i64]) -> Result<Vec<IndicatorValue>>;

    /// Plan targets of the given submissions.
    fn target_rows(&self, submissions: &[i64]) -> Result<Vec<TargetValue>>;

    /// Reporting units of an area (all areas when `None`).
    fn reporting_units(&self, area: Option<&str>) -> Result<Vec<ReportingUnit>>;

    /// Stores a release and its rows, immutably, with an audit entry.
    fn put_release(&self, release: NewRelease, progress: &dyn Progress) -> Result<Release>;

    /// Every release, oldest first.
    fn releases(&self) -> Result<Vec<Release>>;

    /// One release.
    fn release(&self, id: i64) -> Result<Release>;

    /// A release's index rows.
    fn release_index(&self, id: i64, filter: &RowFilter) -> Result<Vec<IndexRow>>;

    /// A release's contribution rows.
    fn release_contributions(&self, id: i64, filter: &RowFilter) -> Result<Vec<ContributionRow>>;

    /// A release's warnings.
    fn release_warnings(&self, id: i64) -> Result<Vec<WarningRow>>;

    /// A release's indicator values.
    fn release_indicators(&self, id: i64) -> Result<Vec<IndicatorValue>>;

    /// A release's plan targets.
    fn release_targets(&self, id: i64) -> Result<Vec<TargetValue>>;

    /// Loads a published reference series (replacing nothing: a source
    /// already loaded is left as it is). Returns true when it was loaded.
    fn put_reference(
        &self,
        source: &ReferenceSource,
        values: &[ReferenceValue],
        actor: &str,
    ) -> Result<bool>;

    /// The reference sources.
    fn reference_sources(&self) -> Result<Vec<ReferenceSource>>;

    /// A reference source's values.
    fn reference_values(&self, source: &str) -> Result<Vec<ReferenceValue>>;

    /// Adds an audit entry for something done outside the data tables
    /// (a backup taken, a restore).
    fn log(&self, actor: &str, action: &str, object: &str, detail: &str) -> Result<()>;

    /// The audit log, oldest first (the last `limit` entries when given).
    fn audit(&self, limit: Option<usize>) -> Result<Vec<AuditEntry>>;

    /// A release's figures as one snapshot blob, if it has one.
    fn release_snapshot(&self, id: i64) -> Result<Option<Vec<u8>>>;

    /// Creates an account (audited); refused if the name is taken.
    fn add_user(&self, user: &NewUser, actor: &str) -> Result<User>;

    /// Every account, with its current state.
    fn users(&self) -> Result<Vec<User>>;

    /// An account by login name.
    fn user_by_name(&self, name: &str) -> Result<Option<User>>;

    /// An account by id.
    fn user_by_id(&self, id: i64) -> Result<Option<User>>;

    /// Records `disabled`, `enabled` or `password` (with the new hash) for
    /// an account (audited). Disabling ends its sessions.
    fn user_event(
        &self,
        name: &str,
        event: &str,
        password_hash: Option<&str>,
        actor: &str,
    ) -> Result<()>;

    /// Starts a login session.
    fn put_session(&self, session: &SessionRecord) -> Result<()>;

    /// A session by token digest.
    fn session(&self, token_digest: &str) -> Result<Option<SessionRecord>>;

    /// Ends a session (and clears expired ones).
    fn end_session(&self, token_digest: &str) -> Result<()>;
}
