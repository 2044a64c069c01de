-- Exchange rates per day, as imported (the ECB's reference-rate CSV) or entered: units of
-- `currency` per one unit of `base`, kept as the exact decimal text. Re-importing a day
-- replaces its rates, never doubles them.
CREATE TABLE exchange_rates (
    org_id       BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    day          TEXT NOT NULL,
    base         TEXT NOT NULL,
    currency     TEXT NOT NULL,
    rate         TEXT NOT NULL,
    imported_at  BIGINT NOT NULL,
    PRIMARY KEY (org_id, day, currency)
);
