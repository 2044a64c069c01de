-- An action's campaign must belong to the action's organization: one foreign key on
-- (org_id, campaign_id) replaces the two single-column ones (org_id -> orgs, campaign_id ->
-- campaigns), as on PostgreSQL (where it saves a query per pledge). The schema itself now
-- refuses an action that pairs one organization with another's campaign; the organization
-- still exists through the campaign's own key (campaigns.org_id -> orgs). Deleting a campaign
-- with actions is refused, as before. The old org_id key cascaded from orgs, but deleting an
-- organization was and is refused by action_counts's key.
-- SQLite changes a table's keys only by rebuilding it: the columns, checks, unique keys and
-- indexes are those of 0013. No table refers to actions, so it can be copied, dropped and
-- renamed in this migration's transaction.
CREATE UNIQUE INDEX campaigns_org_id_id ON campaigns (org_id, id);
CREATE TABLE actions_rebuilt (
    id               INTEGER PRIMARY KEY,
    org_id           BIGINT NOT NULL,
    campaign_id      BIGINT NOT NULL,
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
    FOREIGN KEY (org_id, campaign_id) REFERENCES campaigns (org_id, id),
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
