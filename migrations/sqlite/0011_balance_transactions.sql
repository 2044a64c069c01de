-- The payment provider's balance history as imported (Stripe's itemized balance export), for
-- reconciling Chorus's ledger with it: gifts, refunds, disputes, fees and payouts, in minor
-- units. Re-importing a transaction replaces it, never doubles it.
CREATE TABLE balance_transactions (
    org_id             BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    transaction_id     TEXT NOT NULL,
    day                TEXT NOT NULL,
    category           TEXT NOT NULL,
    currency           TEXT NOT NULL,
    gross_minor        BIGINT NOT NULL,
    fee_minor          BIGINT NOT NULL,
    net_minor          BIGINT NOT NULL,
    payment_intent_id  TEXT,
    charge_id          TEXT,
    invoice_id         TEXT,
    imported_at        BIGINT NOT NULL,
    PRIMARY KEY (org_id, transaction_id)
);
CREATE INDEX balance_transactions_by_day ON balance_transactions (org_id, day);
