-- Campaigns with per-language content, ambassadors, tours and engagements, uploaded images,
-- and one counter that every change to public content increments (page caches key on it).
-- Calendar dates are TEXT 'YYYY-MM-DD'; local wall-clock times TEXT 'YYYY-MM-DDTHH:MM'.

ALTER TABLE orgs ADD COLUMN default_language TEXT NOT NULL DEFAULT 'en';

CREATE TABLE content_version (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    version  BIGINT NOT NULL
);
INSERT INTO content_version (id, version) VALUES (1, 1);

CREATE TABLE images (
    id            INTEGER PRIMARY KEY,
    org_id        BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    content_type  TEXT NOT NULL,
    width         BIGINT NOT NULL,
    height        BIGINT NOT NULL,
    bytes         BLOB NOT NULL,
    created_at    BIGINT NOT NULL
);
CREATE INDEX images_by_org ON images (org_id);

CREATE TABLE ambassadors (
    id           INTEGER PRIMARY KEY,
    org_id       BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    photo_id     BIGINT REFERENCES images(id) ON DELETE SET NULL,
    created_at   BIGINT NOT NULL,
    archived_at  BIGINT
);
CREATE INDEX ambassadors_by_org ON ambassadors (org_id);

CREATE TABLE ambassador_bios (
    ambassador_id  BIGINT NOT NULL REFERENCES ambassadors(id) ON DELETE CASCADE,
    language       TEXT NOT NULL,
    bio            TEXT NOT NULL,
    PRIMARY KEY (ambassador_id, language)
);

CREATE TABLE appointments (
    id             INTEGER PRIMARY KEY,
    ambassador_id  BIGINT NOT NULL REFERENCES ambassadors(id) ON DELETE CASCADE,
    title          TEXT NOT NULL,
    starts_on      TEXT NOT NULL,
    ends_on        TEXT
);
CREATE INDEX appointments_by_ambassador ON appointments (ambassador_id);

CREATE TABLE channels (
    id             INTEGER PRIMARY KEY,
    ambassador_id  BIGINT NOT NULL REFERENCES ambassadors(id) ON DELETE CASCADE,
    platform       TEXT NOT NULL,
    handle         TEXT NOT NULL,
    UNIQUE (ambassador_id, platform, handle)
);

CREATE TABLE channel_followers (
    channel_id   BIGINT NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
    recorded_on  TEXT NOT NULL,
    followers    BIGINT NOT NULL,
    PRIMARY KEY (channel_id, recorded_on)
);

CREATE TABLE campaigns (
    id                INTEGER PRIMARY KEY,
    org_id            BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    slug              TEXT NOT NULL,
    theme             TEXT NOT NULL,
    kind              TEXT NOT NULL CHECK (kind IN ('awareness', 'fundraising', 'emergency_appeal')),
    status            TEXT NOT NULL CHECK (status IN ('draft', 'live', 'closed')),
    goal_currency     TEXT,
    goal_minor        BIGINT,
    goal_actions      BIGINT,
    starts_on         TEXT,
    ends_on           TEXT,
    default_language  TEXT NOT NULL,
    hero_image_id     BIGINT REFERENCES images(id) ON DELETE SET NULL,
    created_at        BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL,
    archived_at       BIGINT,
    UNIQUE (org_id, slug)
);

CREATE TABLE campaign_content (
    campaign_id     BIGINT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    language        TEXT NOT NULL,
    title           TEXT NOT NULL,
    summary         TEXT NOT NULL,
    story           TEXT NOT NULL,
    call_to_action  TEXT NOT NULL,
    updated_at      BIGINT NOT NULL,
    PRIMARY KEY (campaign_id, language)
);

CREATE TABLE campaign_ambassadors (
    campaign_id    BIGINT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    ambassador_id  BIGINT NOT NULL REFERENCES ambassadors(id) ON DELETE CASCADE,
    PRIMARY KEY (campaign_id, ambassador_id)
);

CREATE TABLE tours (
    id             INTEGER PRIMARY KEY,
    org_id         BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    name           TEXT NOT NULL,
    ambassador_id  BIGINT REFERENCES ambassadors(id) ON DELETE SET NULL,
    starts_on      TEXT,
    ends_on        TEXT,
    created_at     BIGINT NOT NULL,
    archived_at    BIGINT
);
CREATE INDEX tours_by_org ON tours (org_id);

CREATE TABLE engagements (
    id                 INTEGER PRIMARY KEY,
    org_id             BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    tour_id            BIGINT REFERENCES tours(id) ON DELETE SET NULL,
    kind               TEXT NOT NULL CHECK (kind IN ('concert', 'meeting', 'council_session', 'media', 'other')),
    title              TEXT NOT NULL,
    venue              TEXT NOT NULL,
    city               TEXT NOT NULL,
    country            TEXT NOT NULL,
    time_zone          TEXT NOT NULL,
    starts_at_local    TEXT NOT NULL,
    starts_at          BIGINT NOT NULL,
    capacity           BIGINT,
    attendance         BIGINT,
    attendance_source  TEXT,
    created_at         BIGINT NOT NULL,
    archived_at        BIGINT
);
CREATE INDEX engagements_by_org ON engagements (org_id, starts_at);

CREATE TABLE engagement_campaigns (
    engagement_id  BIGINT NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
    campaign_id    BIGINT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    PRIMARY KEY (engagement_id, campaign_id)
);
