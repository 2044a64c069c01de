-- HyperLogLog sketches of daily visitor ids per hour, touchpoint and campaign (touchpoint 0: a
-- direct visit), updated with each batch of visits: reports over many days or codes read these
-- instead of every visit.
CREATE TABLE visit_sketches (
    org_id         BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    touchpoint_id  BIGINT NOT NULL,
    campaign_id    BIGINT NOT NULL,
    hour           BIGINT NOT NULL,
    sketch         BLOB NOT NULL,
    PRIMARY KEY (org_id, touchpoint_id, campaign_id, hour)
);
