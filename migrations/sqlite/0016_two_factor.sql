-- Two-factor sign-in for staff: the TOTP secret sealed under the key kept outside the database,
-- the last step used (a code is accepted once), single-use recovery codes (digests only), and
-- an organization's requirement that its members use it.
ALTER TABLE users ADD COLUMN totp_secret_sealed BLOB;
ALTER TABLE users ADD COLUMN totp_last_step BIGINT;
CREATE TABLE recovery_codes (
    id           INTEGER PRIMARY KEY,
    user_id      BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    code_digest  TEXT NOT NULL,
    used_at      BIGINT,
    UNIQUE (user_id, code_digest)
);
ALTER TABLE orgs ADD COLUMN requires_two_factor BOOLEAN NOT NULL DEFAULT FALSE;
