-- Failed sign-ins per counter (per address, per account and address, per account), shared by
-- every process and kept across restarts. The key is an HMAC of the address or email under the
-- installation's secret: no address or email is stored. Rows go an hour after their last failure.
CREATE TABLE login_failures (
    key BYTEA PRIMARY KEY,
    failures BIGINT NOT NULL,
    last_at BIGINT NOT NULL
);
CREATE INDEX login_failures_last ON login_failures (last_at);
