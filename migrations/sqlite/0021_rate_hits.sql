-- Hits on the deployment-wide rate limits (checkout starts per campaign, per campaign and
-- address, per address), counted per key in ten-second buckets, shared by every process and
-- kept across restarts. Keys are HMACs under the installation's secret: no address is stored.
-- Buckets older than an hour are deleted by housekeeping.
CREATE TABLE rate_hits (
    key BLOB NOT NULL,
    bucket INTEGER NOT NULL,
    hits INTEGER NOT NULL,
    PRIMARY KEY (key, bucket)
) WITHOUT ROWID;
CREATE INDEX rate_hits_bucket ON rate_hits (bucket);
