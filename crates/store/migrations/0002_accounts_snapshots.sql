-- congthuong store, schema version 2: release snapshots and accounts.

-- The figures of a release as one compact blob (`congthuong_figures::snapshot`),
-- what a server loads at start. Append-only like the release itself.
CREATE TABLE release_snapshots (
    release_id   INTEGER PRIMARY KEY REFERENCES releases(id),
    content_hash TEXT NOT NULL REFERENCES blobs(hash)
);
CREATE TRIGGER release_snapshots_no_update BEFORE UPDATE ON release_snapshots
BEGIN SELECT RAISE(ABORT, 'release_snapshots is append-only: UPDATE refused'); END;
CREATE TRIGGER release_snapshots_no_delete BEFORE DELETE ON release_snapshots
BEGIN SELECT RAISE(ABORT, 'release_snapshots is append-only: DELETE refused'); END;

-- Accounts. A user is never updated or deleted: disabling, enabling and
-- password changes are events; the latest event of each kind rules.
CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'analyst', 'officer', 'viewer')),
    province      TEXT,                 -- an officer's province, 2025 code
    password_hash TEXT NOT NULL,        -- Argon2id PHC string
    created_at    TEXT NOT NULL,
    created_by    TEXT NOT NULL
);
CREATE TABLE user_events (
    id            INTEGER PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES users(id),
    at            TEXT NOT NULL,
    actor         TEXT NOT NULL,
    event         TEXT NOT NULL CHECK (event IN ('disabled', 'enabled', 'password')),
    password_hash TEXT
);
CREATE TRIGGER users_no_update BEFORE UPDATE ON users
BEGIN SELECT RAISE(ABORT, 'users is append-only: UPDATE refused'); END;
CREATE TRIGGER users_no_delete BEFORE DELETE ON users
BEGIN SELECT RAISE(ABORT, 'users is append-only: DELETE refused'); END;
CREATE TRIGGER user_events_no_update BEFORE UPDATE ON user_events
BEGIN SELECT RAISE(ABORT, 'user_events is append-only: UPDATE refused'); END;
CREATE TRIGGER user_events_no_delete BEFORE DELETE ON user_events
BEGIN SELECT RAISE(ABORT, 'user_events is append-only: DELETE refused'); END;

-- Login sessions: a digest of the token (never the token), the account,
-- the session's CSRF token, and when it ends. Ended sessions are removed.
CREATE TABLE sessions (
    token_digest TEXT PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users(id),
    csrf         TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL
) WITHOUT ROWID;
