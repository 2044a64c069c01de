-- The actions table again, the same columns, keys and indexes, with each list of allowed values
-- checked as `x = 'a' OR x = 'b'` instead of `x IN ('a', 'b', …)`. SQLite evaluates an IN list
-- of three or more values by building a temporary b-tree, and it did so twice for every action
-- written (status, shown_live): opening and closing one allocated and freed a page cache each
-- time, and in about one run in five the allocator returned that memory to the system after
-- every statement and faulted it back in (~17,000 madvise calls a second), which cost a third
-- of the pledges a second. The same values are allowed as before. No table refers to actions,
-- so it can be copied, dropped and renamed in this migration's transaction.
CREATE TABLE actions_rebuilt (
    id               INTEGER PRIMARY KEY,
    org_id           BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    campaign_id      BIGINT NOT NULL REFERENCES campaigns(id),
    supporter_id     BIGINT NOT NULL REFERENCES supporters(id) ON DELETE CASCADE,
    kind             TEXT NOT NULL CHECK (kind = 'pledge' OR kind = 'subscription'),
    status           TEXT NOT NULL CHECK (status = 'pending' OR status = 'confirmed'
                                          OR status = 'spam' OR status = 'expired'),
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
    shown_live       TEXT NOT NULL DEFAULT 'waiting'
        CHECK (shown_live = 'waiting' OR shown_live = 'approved' OR shown_live = 'rejected'),
    UNIQUE (campaign_id, kind, supporter_id),
    UNIQUE (org_id, idempotency_key)
);
INSERT INTO actions_rebuilt (id, org_id, campaign_id, supporter_id, kind, status, held, show_name,
    message, language, touchpoint_id, engagement_id, consent_id, idempotency_key, address_tag,
    email_domain, created_at, confirmed_at, shown_live)
SELECT id, org_id, campaign_id, supporter_id, kind, status, held, show_name,
    message, language, touchpoint_id, engagement_id, consent_id, idempotency_key, address_tag,
    email_domain, created_at, confirmed_at, shown_live
FROM actions;
DROP TABLE actions;
ALTER TABLE actions_rebuilt RENAME TO actions;
CREATE INDEX actions_by_campaign ON actions (campaign_id, created_at);
CREATE INDEX actions_pending ON actions (status, created_at);
CREATE INDEX actions_live ON actions (campaign_id, shown_live, created_at);
