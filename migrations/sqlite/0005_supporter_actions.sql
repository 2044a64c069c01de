-- Supporters and what they did (pledges, subscriptions), with the consent wording they saw.
-- No IP address is stored: `address_tag` is a keyed hash under the day's visitor-id secret, so it
-- can be matched against a given address for two days (to invalidate a flood), then never again.

-- Random keys this installation signs with (form tokens, confirmation links); made on first use.
CREATE TABLE server_secrets (
    name        TEXT PRIMARY KEY,
    secret      BLOB NOT NULL,
    created_at  BIGINT NOT NULL
);

-- One person per organization, across campaigns, by normalized email.
CREATE TABLE supporters (
    id          INTEGER PRIMARY KEY,
    org_id      BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    email       TEXT NOT NULL,
    email_key   TEXT NOT NULL,
    name        TEXT NOT NULL,
    country     TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    UNIQUE (org_id, email_key)
);

-- The exact consent wording shown, once per (kind, language, version).
CREATE TABLE consent_texts (
    id        INTEGER PRIMARY KEY,
    kind      TEXT NOT NULL,
    language  TEXT NOT NULL,
    version   TEXT NOT NULL,
    text      TEXT NOT NULL,
    UNIQUE (kind, language, version)
);

CREATE TABLE actions (
    id               INTEGER PRIMARY KEY,
    org_id           BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    campaign_id      BIGINT NOT NULL REFERENCES campaigns(id),
    supporter_id     BIGINT NOT NULL REFERENCES supporters(id) ON DELETE CASCADE,
    kind             TEXT NOT NULL CHECK (kind IN ('pledge', 'subscription')),
    status           TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'spam', 'expired')),
    held             BOOLEAN NOT NULL,
    show_name        BOOLEAN NOT NULL,
    message          TEXT NOT NULL,
    language         TEXT NOT NULL,
    touchpoint_id    BIGINT,
    engagement_id    BIGINT,
    consent_id       BIGINT NOT NULL REFERENCES consent_texts(id),
    idempotency_key  TEXT NOT NULL,
    address_tag      TEXT NOT NULL,
    email_domain     TEXT NOT NULL,
    created_at       BIGINT NOT NULL,
    confirmed_at     BIGINT,
    UNIQUE (campaign_id, kind, supporter_id),
    UNIQUE (org_id, idempotency_key)
);
CREATE INDEX actions_by_campaign ON actions (campaign_id, created_at);
CREATE INDEX actions_pending ON actions (status, created_at);

-- Actions per campaign, kind and status, kept in the same transactions as the actions (the
-- counters read this, never a scan); recomputed exactly after moderation.
CREATE TABLE action_counts (
    campaign_id  BIGINT NOT NULL REFERENCES campaigns(id),
    kind         TEXT NOT NULL,
    status       TEXT NOT NULL,
    count        BIGINT NOT NULL,
    PRIMARY KEY (campaign_id, kind, status)
);
