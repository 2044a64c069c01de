-- Failed sign-ins to an account since its last successful one, so the staff member is told at
-- the next sign-in (the session keeps what it was told). Counted per account, never per
-- address: no address is stored.
ALTER TABLE users ADD COLUMN failed_logins BIGINT NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN last_failed_login_at BIGINT;
ALTER TABLE sessions ADD COLUMN failed_logins_before BIGINT NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN last_failed_login_before BIGINT;
