-- Gifts as the payment provider reports them, built from its webhook events so that the same
-- events in any order, any number of times, give the same rows: a status only moves up
-- (pending < failed < succeeded: a retried payment can succeed after failing), refunds are
-- Stripe's cumulative total (the largest seen), a closed dispute outranks an open one.
CREATE TABLE gifts (
    id               INTEGER PRIMARY KEY,
    org_id           BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    provider         TEXT NOT NULL,
    payment_ref      TEXT NOT NULL,
    checkout_ref     TEXT,
    charge_ref       TEXT,
    campaign_id      BIGINT REFERENCES campaigns(id),
    touchpoint_code  TEXT,
    engagement_id    BIGINT,
    amount_minor     BIGINT,
    currency         TEXT,
    status           TEXT NOT NULL CHECK (status IN ('pending', 'failed', 'succeeded')),
    refunded_minor   BIGINT NOT NULL DEFAULT 0,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL,
    UNIQUE (org_id, provider, payment_ref)
);
CREATE INDEX gifts_by_checkout ON gifts (org_id, checkout_ref);
CREATE INDEX gifts_by_charge ON gifts (org_id, charge_ref);

CREATE TABLE gift_disputes (
    org_id        BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    dispute_ref   TEXT NOT NULL,
    gift_id       BIGINT NOT NULL REFERENCES gifts(id) ON DELETE CASCADE,
    amount_minor  BIGINT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('open', 'won', 'lost')),
    PRIMARY KEY (org_id, dispute_ref)
);
