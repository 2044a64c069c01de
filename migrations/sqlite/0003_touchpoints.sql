-- Touchpoints (short codes behind links and QR codes), their re-pointing history, visits, and
-- the daily secrets of the visitor id. No IP address, user agent or cookie is stored anywhere.

CREATE TABLE touchpoints (
    id             INTEGER PRIMARY KEY,
    org_id         BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    code           TEXT NOT NULL UNIQUE,
    campaign_id    BIGINT NOT NULL REFERENCES campaigns(id),
    engagement_id  BIGINT REFERENCES engagements(id) ON DELETE SET NULL,
    channel        TEXT NOT NULL,
    label          TEXT NOT NULL,
    created_at     BIGINT NOT NULL,
    retired_at     BIGINT
);
CREATE INDEX touchpoints_by_org ON touchpoints (org_id);

-- One staff action that re-points a group of touchpoints; undo reverses exactly that group.
CREATE TABLE repoints (
    id                  INTEGER PRIMARY KEY,
    org_id              BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    target_campaign_id  BIGINT NOT NULL REFERENCES campaigns(id),
    actor               TEXT NOT NULL,
    at                  BIGINT NOT NULL,
    undone_at           BIGINT
);

CREATE TABLE touchpoint_targets (
    id                    INTEGER PRIMARY KEY,
    touchpoint_id         BIGINT NOT NULL REFERENCES touchpoints(id) ON DELETE CASCADE,
    campaign_id           BIGINT NOT NULL,
    previous_campaign_id  BIGINT,
    repoint_id            BIGINT REFERENCES repoints(id),
    at                    BIGINT NOT NULL
);
CREATE INDEX touchpoint_targets_by_touchpoint ON touchpoint_targets (touchpoint_id, id);

CREATE TABLE visits (
    id             INTEGER PRIMARY KEY,
    org_id         BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    touchpoint_id  BIGINT,
    campaign_id    BIGINT NOT NULL,
    at             BIGINT NOT NULL,
    language       TEXT NOT NULL,
    source         TEXT NOT NULL CHECK (source IN ('scan', 'link', 'page')),
    device         TEXT NOT NULL CHECK (device IN ('mobile', 'tablet', 'desktop', 'bot')),
    referrer_host  TEXT,
    visitor_id     TEXT NOT NULL
);
CREATE INDEX visits_by_touchpoint ON visits (touchpoint_id, at);
CREATE INDEX visits_by_campaign ON visits (campaign_id, at);

CREATE TABLE day_secrets (
    day         TEXT PRIMARY KEY,
    secret      BLOB NOT NULL,
    created_at  BIGINT NOT NULL
);
