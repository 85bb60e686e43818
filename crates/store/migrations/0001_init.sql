-- congthuong store, schema version 1.
-- Append-only: submissions (every version), blobs (their contents),
-- releases and their rows, and the audit log can be inserted into, never
-- updated or deleted (the triggers at the end refuse it).

CREATE TABLE blobs (
    hash     TEXT PRIMARY KEY,          -- SHA-256 of bytes, hex
    encoding TEXT NOT NULL,             -- microdata-v1 | csv-v1
    size     INTEGER NOT NULL,
    bytes    BLOB NOT NULL
);

CREATE TABLE submissions (
    id           INTEGER PRIMARY KEY,
    dataset      TEXT NOT NULL,         -- microdata | products | weights | groups | indicators | targets
    area         TEXT NOT NULL,         -- province code, group id or VN
    period       TEXT NOT NULL,         -- YYYY-MM, or YYYY for datasets keyed by year
    version      INTEGER NOT NULL,      -- 1, 2, ... per (dataset, area, period)
    actor        TEXT NOT NULL,
    created_at   TEXT NOT NULL,         -- UTC, RFC 3339
    note         TEXT NOT NULL,
    source       TEXT NOT NULL,         -- file name it came from
    content_hash TEXT NOT NULL REFERENCES blobs(hash),
    row_count    INTEGER NOT NULL,
    warnings     TEXT NOT NULL,         -- JSON array of plausibility warnings
    UNIQUE (dataset, area, period, version)
);
CREATE INDEX submissions_by_period ON submissions(dataset, period, area);

-- The latest version of every (dataset, area, period): what compiles.
CREATE VIEW current_submissions AS
SELECT s.* FROM submissions s
WHERE s.version = (SELECT max(t.version) FROM submissions t
                   WHERE t.dataset = s.dataset AND t.area = s.area AND t.period = s.period);

CREATE TABLE reporting_units (
    unit_id      TEXT NOT NULL,
    area         TEXT NOT NULL,
    first_period TEXT NOT NULL,
    last_period  TEXT NOT NULL,
    PRIMARY KEY (unit_id, area)
) WITHOUT ROWID;

CREATE TABLE indicator_values (
    submission_id INTEGER NOT NULL REFERENCES submissions(id),
    area          TEXT NOT NULL,
    period        TEXT NOT NULL,
    indicator     TEXT NOT NULL,
    value         REAL NOT NULL,
    unit          TEXT NOT NULL,
    status        TEXT NOT NULL,        -- provisional | revised | estimated | final
    PRIMARY KEY (submission_id, indicator)
) WITHOUT ROWID;

CREATE TABLE target_values (
    submission_id INTEGER NOT NULL REFERENCES submissions(id),
    area          TEXT NOT NULL,
    year          INTEGER NOT NULL,
    indicator     TEXT NOT NULL,
    target        REAL NOT NULL,
    PRIMARY KEY (submission_id, indicator)
) WITHOUT ROWID;

CREATE TABLE reference_sources (
    id        TEXT PRIMARY KEY,
    label     TEXT NOT NULL,
    citation  TEXT NOT NULL,
    loaded_at TEXT NOT NULL
);

CREATE TABLE reference_values (
    source TEXT NOT NULL REFERENCES reference_sources(id),
    series TEXT NOT NULL,
    area   TEXT NOT NULL,
    period TEXT NOT NULL,
    value  REAL NOT NULL,
    PRIMARY KEY (source, series, area, period)
) WITHOUT ROWID;

CREATE TABLE releases (
    id           INTEGER PRIMARY KEY,
    period       TEXT NOT NULL,         -- last month included
    created_at   TEXT NOT NULL,
    actor        TEXT NOT NULL,
    note         TEXT NOT NULL,
    base_year    INTEGER NOT NULL,
    content_hash TEXT NOT NULL,         -- SHA-256 over its rows
    n_index      INTEGER NOT NULL,
    n_contributions INTEGER NOT NULL,
    n_warnings   INTEGER NOT NULL
);

CREATE TABLE release_inputs (
    release_id    INTEGER NOT NULL REFERENCES releases(id),
    submission_id INTEGER NOT NULL REFERENCES submissions(id),
    PRIMARY KEY (release_id, submission_id)
) WITHOUT ROWID;

CREATE TABLE release_index (
    release_id  INTEGER NOT NULL REFERENCES releases(id),
    boundaries  TEXT NOT NULL,          -- 2025 | pre2025
    area        TEXT NOT NULL,
    level       TEXT NOT NULL,
    code        TEXT NOT NULL,
    period      TEXT NOT NULL,
    idx         REAL NOT NULL,
    mom_pct     REAL,
    yoy_pct     REAL,
    ytd_yoy_pct REAL,
    PRIMARY KEY (release_id, boundaries, area, level, code, period)
) WITHOUT ROWID;
-- The dashboard reads one node across areas, or one period across nodes.
CREATE INDEX release_index_by_node ON release_index(release_id, boundaries, level, code, period);
CREATE INDEX release_index_by_period ON release_index(release_id, boundaries, period);

CREATE TABLE release_contributions (
    release_id      INTEGER NOT NULL REFERENCES releases(id),
    boundaries      TEXT NOT NULL,
    area            TEXT NOT NULL,
    period          TEXT NOT NULL,
    comparison      TEXT NOT NULL,
    parent          TEXT NOT NULL,
    child_level     TEXT NOT NULL,
    child           TEXT NOT NULL,
    contribution_pp REAL NOT NULL,
    PRIMARY KEY (release_id, boundaries, area, period, comparison, parent, child_level, child)
) WITHOUT ROWID;

CREATE TABLE release_warnings (
    release_id INTEGER NOT NULL REFERENCES releases(id),
    boundaries TEXT NOT NULL,
    seq        INTEGER NOT NULL,
    area       TEXT NOT NULL,
    code       TEXT NOT NULL,
    period     TEXT NOT NULL,
    message    TEXT NOT NULL,
    PRIMARY KEY (release_id, boundaries, seq)
) WITHOUT ROWID;

CREATE TABLE release_indicators (
    release_id INTEGER NOT NULL REFERENCES releases(id),
    area       TEXT NOT NULL,
    period     TEXT NOT NULL,
    indicator  TEXT NOT NULL,
    value      REAL NOT NULL,
    unit       TEXT NOT NULL,
    status     TEXT NOT NULL,
    PRIMARY KEY (release_id, indicator, area, period)
) WITHOUT ROWID;

CREATE TABLE release_targets (
    release_id INTEGER NOT NULL REFERENCES releases(id),
    area       TEXT NOT NULL,
    year       INTEGER NOT NULL,
    indicator  TEXT NOT NULL,
    target     REAL NOT NULL,
    PRIMARY KEY (release_id, indicator, area, year)
) WITHOUT ROWID;

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,          -- UTC, RFC 3339
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    object      TEXT NOT NULL,
    hash_before TEXT,
    hash_after  TEXT,
    detail      TEXT NOT NULL
);

-- Append-only: no UPDATE, no DELETE.
CREATE TRIGGER blobs_no_update BEFORE UPDATE ON blobs
BEGIN SELECT RAISE(ABORT, 'blobs is append-only: UPDATE refused'); END;
CREATE TRIGGER blobs_no_delete BEFORE DELETE ON blobs
BEGIN SELECT RAISE(ABORT, 'blobs is append-only: DELETE refused'); END;
CREATE TRIGGER submissions_no_update BEFORE UPDATE ON submissions
BEGIN SELECT RAISE(ABORT, 'submissions is append-only: UPDATE refused'); END;
CREATE TRIGGER submissions_no_delete BEFORE DELETE ON submissions
BEGIN SELECT RAISE(ABORT, 'submissions is append-only: DELETE refused'); END;
CREATE TRIGGER indicator_values_no_update BEFORE UPDATE ON indicator_values
BEGIN SELECT RAISE(ABORT, 'indicator_values is append-only: UPDATE refused'); END;
CREATE TRIGGER indicator_values_no_delete BEFORE DELETE ON indicator_values
BEGIN SELECT RAISE(ABORT, 'indicator_values is append-only: DELETE refused'); END;
CREATE TRIGGER target_values_no_update BEFORE UPDATE ON target_values
BEGIN SELECT RAISE(ABORT, 'target_values is append-only: UPDATE refused'); END;
CREATE TRIGGER target_values_no_delete BEFORE DELETE ON target_values
BEGIN SELECT RAISE(ABORT, 'target_values is append-only: DELETE refused'); END;
CREATE TRIGGER reference_sources_no_update BEFORE UPDATE ON reference_sources
BEGIN SELECT RAISE(ABORT, 'reference_sources is append-only: UPDATE refused'); END;
CREATE TRIGGER reference_sources_no_delete BEFORE DELETE ON reference_sources
BEGIN SELECT RAISE(ABORT, 'reference_sources is append-only: DELETE refused'); END;
CREATE TRIGGER reference_values_no_update BEFORE UPDATE ON reference_values
BEGIN SELECT RAISE(ABORT, 'reference_values is append-only: UPDATE refused'); END;
CREATE TRIGGER reference_values_no_delete BEFORE DELETE ON reference_values
BEGIN SELECT RAISE(ABORT, 'reference_values is append-only: DELETE refused'); END;
CREATE TRIGGER releases_no_update BEFORE UPDATE ON releases
BEGIN SELECT RAISE(ABORT, 'releases is append-only: UPDATE refused'); END;
CREATE TRIGGER releases_no_delete BEFORE DELETE ON releases
BEGIN SELECT RAISE(ABORT, 'releases is append-only: DELETE refused'); END;
CREATE TRIGGER release_inputs_no_update BEFORE UPDATE ON release_inputs
BEGIN SELECT RAISE(ABORT, 'release_inputs is append-only: UPDATE refused'); END;
CREATE TRIGGER release_inputs_no_delete BEFORE DELETE ON release_inputs
BEGIN SELECT RAISE(ABORT, 'release_inputs is append-only: DELETE refused'); END;
CREATE TRIGGER release_index_no_update BEFORE UPDATE ON release_index
BEGIN SELECT RAISE(ABORT, 'release_index is append-only: UPDATE refused'); END;
CREATE TRIGGER release_index_no_delete BEFORE DELETE ON release_index
BEGIN SELECT RAISE(ABORT, 'release_index is append-only: DELETE refused'); END;
CREATE TRIGGER release_contributions_no_update BEFORE UPDATE ON release_contributions
BEGIN SELECT RAISE(ABORT, 'release_contributions is append-only: UPDATE refused'); END;
CREATE TRIGGER release_contributions_no_delete BEFORE DELETE ON release_contributions
BEGIN SELECT RAISE(ABORT, 'release_contributions is append-only: DELETE refused'); END;
CREATE TRIGGER release_warnings_no_update BEFORE UPDATE ON release_warnings
BEGIN SELECT RAISE(ABORT, 'release_warnings is append-only: UPDATE refused'); END;
CREATE TRIGGER release_warnings_no_delete BEFORE DELETE ON release_warnings
BEGIN SELECT RAISE(ABORT, 'release_warnings is append-only: DELETE refused'); END;
CREATE TRIGGER release_indicators_no_update BEFORE UPDATE ON release_indicators
BEGIN SELECT RAISE(ABORT, 'release_indicators is append-only: UPDATE refused'); END;
CREATE TRIGGER release_indicators_no_delete BEFORE DELETE ON release_indicators
BEGIN SELECT RAISE(ABORT, 'release_indicators is append-only: DELETE refused'); END;
CREATE TRIGGER release_targets_no_update BEFORE UPDATE ON release_targets
BEGIN SELECT RAISE(ABORT, 'release_targets is append-only: UPDATE refused'); END;
CREATE TRIGGER release_targets_no_delete BEFORE DELETE ON release_targets
BEGIN SELECT RAISE(ABORT, 'release_targets is append-only: DELETE refused'); END;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE refused'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: DELETE refused'); END;
