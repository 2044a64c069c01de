-- Hourly rollups that reports read instead of raw rows, kept in the same transactions as the
-- rows they summarize (visits, actions) or recomputed for the hours a change touched (gifts);
-- social impressions imported from the platforms' exports; live-tally moderation.
-- `hour` is microseconds since the epoch / 3,600,000,000 (UTC). 0 stands for "none" in the
-- touchpoint and engagement keys (a primary key cannot hold NULL).

CREATE TABLE visit_hours (
    org_id         BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    campaign_id    BIGINT NOT NULL,
    touchpoint_id  BIGINT NOT NULL,
    hour           BIGINT NOT NULL,
    people         BIGINT NOT NULL,
    scans          BIGINT NOT NULL,
    links          BIGINT NOT NULL,
    bots           BIGINT NOT NULL,
    PRIMARY KEY (org_id, campaign_id, touchpoint_id, hour)
);
INSERT INTO visit_hours (org_id, campaign_id, touchpoint_id, hour, people, scans, links, bots)
SELECT org_id, campaign_id, COALESCE(touchpoint_id, 0), at / 3600000000,
       CAST(SUM(CASE WHEN device <> 'bot' THEN 1 ELSE 0 END) AS BIGINT),
       CAST(SUM(CASE WHEN device <> 'bot' AND source = 'scan' THEN 1 ELSE 0 END) AS BIGINT),
       CAST(SUM(CASE WHEN device <> 'bot' AND source = 'link' THEN 1 ELSE 0 END) AS BIGINT),
       CAST(SUM(CASE WHEN device = 'bot' THEN 1 ELSE 0 END) AS BIGINT)
FROM visits GROUP BY org_id, campaign_id, COALESCE(touchpoint_id, 0), at / 3600000000;

CREATE TABLE action_hours (
    org_id         BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    campaign_id    BIGINT NOT NULL,
    touchpoint_id  BIGINT NOT NULL,
    engagement_id  BIGINT NOT NULL,
    hour           BIGINT NOT NULL,
    kind           TEXT NOT NULL,
    status         TEXT NOT NULL,
    count          BIGINT NOT NULL,
    PRIMARY KEY (org_id, campaign_id, touchpoint_id, engagement_id, hour, kind, status)
);
CREATE INDEX action_hours_by_campaign ON action_hours (campaign_id);
INSERT INTO action_hours (org_id, campaign_id, touchpoint_id, engagement_id, hour, kind, status, count)
SELECT org_id, campaign_id, COALESCE(touchpoint_id, 0), COALESCE(engagement_id, 0),
       created_at / 3600000000, kind, status, COUNT(*)
FROM actions
GROUP BY org_id, campaign_id, COALESCE(touchpoint_id, 0), COALESCE(engagement_id, 0),
         created_at / 3600000000, kind, status;

-- Received gifts (succeeded, with an amount and a campaign) by the hour they were first seen:
-- kept = amount less refunds and lost disputes (never below zero), in the gift's currency and
-- in the reporting currency at the gift's fixed value scaled by the share kept, rounded half
-- away from zero per gift (as domain::gift does).
CREATE TABLE gift_hours (
    org_id              BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    campaign_id         BIGINT NOT NULL,
    touchpoint_code     TEXT NOT NULL,
    engagement_id       BIGINT NOT NULL,
    hour                BIGINT NOT NULL,
    currency            TEXT NOT NULL,
    reporting_currency  TEXT NOT NULL,
    gifts               BIGINT NOT NULL,
    kept_minor          BIGINT NOT NULL,
    reporting_minor     BIGINT NOT NULL,
    unvalued            BIGINT NOT NULL,
    PRIMARY KEY (org_id, hour, campaign_id, touchpoint_code, engagement_id, currency, reporting_currency)
);
CREATE INDEX gifts_by_hour ON gifts (org_id, created_at);
CREATE INDEX gift_hours_by_campaign ON gift_hours (campaign_id);
INSERT INTO gift_hours (org_id, campaign_id, touchpoint_code, engagement_id, hour, currency,
                        reporting_currency, gifts, kept_minor, reporting_minor, unvalued)
SELECT org_id, campaign_id, touchpoint_code, engagement_id, hour, currency, reporting_currency,
       COUNT(*), CAST(SUM(kept) AS BIGINT),
       CAST(SUM(CASE WHEN reporting_minor IS NULL OR amount_minor = 0 THEN 0
                ELSE (2 * reporting_minor * kept + amount_minor) / (2 * amount_minor) END) AS BIGINT),
       CAST(SUM(CASE WHEN reporting_minor IS NULL THEN 1 ELSE 0 END) AS BIGINT)
FROM (SELECT g.org_id, g.campaign_id, COALESCE(g.touchpoint_code, '') AS touchpoint_code,
             COALESCE(g.engagement_id, 0) AS engagement_id, g.created_at / 3600000000 AS hour,
             g.currency, COALESCE(g.reporting_currency, '') AS reporting_currency,
             g.amount_minor, g.reporting_minor,
             CASE WHEN g.amount_minor - g.refunded_minor - CAST(COALESCE((SELECT SUM(d.amount_minor)
                         FROM gift_disputes d WHERE d.gift_id = g.id AND d.status = 'lost'), 0) AS BIGINT) > 0
                  THEN g.amount_minor - g.refunded_minor - CAST(COALESCE((SELECT SUM(d.amount_minor)
                         FROM gift_disputes d WHERE d.gift_id = g.id AND d.status = 'lost'), 0) AS BIGINT)
                  ELSE 0 END AS kept
      FROM gifts g
      WHERE g.status = 'succeeded' AND g.campaign_id IS NOT NULL
        AND g.amount_minor IS NOT NULL AND g.currency IS NOT NULL) AS received
GROUP BY org_id, campaign_id, touchpoint_code, engagement_id, hour, currency, reporting_currency;

CREATE TABLE impressions (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id         BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    campaign_id    BIGINT NOT NULL REFERENCES campaigns(id),
    platform       TEXT NOT NULL,
    post_ref       TEXT NOT NULL,
    posted_on      TEXT NOT NULL,
    touchpoint_id  BIGINT,
    engagement_id  BIGINT,
    impressions    BIGINT NOT NULL,
    reach          BIGINT,
    source_file    TEXT NOT NULL,
    imported_at    BIGINT NOT NULL,
    UNIQUE (org_id, platform, post_ref)
);
CREATE INDEX impressions_by_campaign ON impressions (campaign_id, posted_on);

-- What the venue screen may show: a supporter's name and message only once approved
-- (by staff, or automatically for a gift above the organization's threshold).
ALTER TABLE actions ADD COLUMN shown_live TEXT NOT NULL DEFAULT 'waiting'
    CHECK (shown_live IN ('waiting', 'approved', 'rejected'));
CREATE INDEX actions_live ON actions (campaign_id, shown_live, created_at);
-- A gift at or above this (in the reporting currency's minor units) appears on the venue screen
-- by itself; NULL: gifts appear only in the totals.
ALTER TABLE orgs ADD COLUMN live_gift_threshold_minor BIGINT;
-- The public transparency page of a campaign, off until the organization turns it on.
ALTER TABLE campaigns ADD COLUMN transparency_public BOOLEAN NOT NULL DEFAULT FALSE;
