-- Hits on the deployment-wide rate limits (checkout starts per campaign, per campaign and
-- address, per address), counted per key in ten-second buckets, shared by every process and
-- kept across restarts. Keys are HMACs under the installation's secret: no address is stored.
-- Buckets older than an hour are deleted by housekeeping.
CREATE TABLE rate_hits (
    key BYTEA NOT NULL,
    bucket BIGINT NOT NULL,
    hits BIGINT NOT NULL,
    PRIMARY KEY (key, bucket)
);
CREATE INDEX rate_hits_bucket ON rate_hits (bucket);
