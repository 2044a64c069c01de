-- Donations: what an organization accepts, the checkout sessions Chorus starts, monthly gifts,
-- and each gift's value in the reporting currency, fixed when the gift is recorded.

-- The currencies, preset amounts and minimum gifts of the donate form (one line per currency,
-- see domain::donation), what "cover the fee" adds, and the currency reports are kept in.
ALTER TABLE payment_settings ADD COLUMN donation_options TEXT NOT NULL DEFAULT '';
ALTER TABLE payment_settings ADD COLUMN fee_basis_points INTEGER NOT NULL DEFAULT 300;
ALTER TABLE payment_settings ADD COLUMN reporting_currency TEXT NOT NULL DEFAULT 'EUR';

-- Each checkout started from a donate form: what was asked, where it came from. No address
-- and no card data: the provider's page takes the payment.
CREATE TABLE checkout_sessions (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id           BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    provider         TEXT NOT NULL,
    session_ref      TEXT NOT NULL,
    campaign_id      BIGINT NOT NULL REFERENCES campaigns(id),
    touchpoint_code  TEXT,
    engagement_id    BIGINT,
    frequency        TEXT NOT NULL CHECK (frequency IN ('once', 'monthly')),
    gift_minor       BIGINT NOT NULL,
    fee_cover_minor  BIGINT NOT NULL,
    currency         TEXT NOT NULL,
    language         TEXT NOT NULL,
    success_url      TEXT NOT NULL,
    cancel_url       TEXT NOT NULL,
    created_at       BIGINT NOT NULL,
    completed_at     BIGINT,
    UNIQUE (org_id, provider, session_ref)
);
CREATE INDEX checkout_sessions_by_ref ON checkout_sessions (session_ref);

-- Monthly gifts. Built from events in any order: attribution is kept once known, and an ended
-- subscription stays ended.
CREATE TABLE gift_subscriptions (
    org_id            BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    provider          TEXT NOT NULL,
    subscription_ref  TEXT NOT NULL,
    checkout_ref      TEXT,
    campaign_id       BIGINT REFERENCES campaigns(id),
    touchpoint_code   TEXT,
    engagement_id     BIGINT,
    amount_minor      BIGINT,
    currency          TEXT,
    status            TEXT NOT NULL CHECK (status IN ('active', 'ended')),
    created_at        BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL,
    PRIMARY KEY (org_id, provider, subscription_ref)
);

-- A month of a monthly gift names its subscription (one donor, counted once per campaign).
-- The day the gift was paid picks its exchange rate; the value in the reporting currency, the
-- rate's day and the rates used are written once and never change.
ALTER TABLE gifts ADD COLUMN subscription_ref TEXT;
ALTER TABLE gifts ADD COLUMN paid_on TEXT;
ALTER TABLE gifts ADD COLUMN reporting_minor BIGINT;
ALTER TABLE gifts ADD COLUMN reporting_currency TEXT;
ALTER TABLE gifts ADD COLUMN rate_day TEXT;
ALTER TABLE gifts ADD COLUMN rate_note TEXT;
CREATE INDEX gifts_by_subscription ON gifts (org_id, subscription_ref);
CREATE INDEX gifts_by_campaign ON gifts (campaign_id, status);
-- The processor looks for received gifts not valued yet on every pass, and the card-testing
-- watch counts an organization's recent outcomes: neither should read the whole table.
CREATE INDEX gifts_unvalued ON gifts (id) WHERE reporting_minor IS NULL AND status = 'succeeded';
CREATE INDEX gifts_by_update ON gifts (org_id, updated_at);
