-- Payments: each organization's provider settings, and the provider's events as delivered.

-- The provider an organization takes gifts through. Keys are sealed (ChaCha20-Poly1305, the key
-- a server secret), each bound to its organization and field: never stored in clear.
CREATE TABLE payment_settings (
    org_id                  BIGINT PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
    provider                TEXT NOT NULL CHECK (provider IN ('stripe', 'test')),
    publishable_key         TEXT NOT NULL,
    secret_key_sealed       BYTEA,
    webhook_secrets_sealed  BYTEA,
    updated_at              BIGINT NOT NULL
);

-- Every genuine webhook delivery, once per event id, kept as received so that processing can
-- be retried (an event about an object not seen yet) and audited.
CREATE TABLE payment_events (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id        BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    provider      TEXT NOT NULL,
    event_id      TEXT NOT NULL,
    type          TEXT NOT NULL,
    created       BIGINT,
    payload       TEXT NOT NULL,
    received_at   BIGINT NOT NULL,
    deliveries    INTEGER NOT NULL DEFAULT 1,
    processed_at  BIGINT,
    UNIQUE (org_id, provider, event_id)
);
CREATE INDEX payment_events_pending ON payment_events (processed_at, received_at);
