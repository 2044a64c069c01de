-- Money outside the payment provider: gifts received offline, and money promised.

-- An offline gift (cash at a venue, a bank transfer, a matched gift) is a gift like any other:
-- provider 'offline', its reference the payment reference (entering or importing the same
-- reference again replaces it), received by a method, with a note.
ALTER TABLE gifts ADD COLUMN method TEXT;
ALTER TABLE gifts ADD COLUMN note TEXT;

-- Promised money, never added to money received: commitments announced on stage, and ticket
-- levies a venue pays at settlement (per ticket × tickets sold at a stop), followed until paid.
-- Paying one records its money as an offline gift.
CREATE TABLE commitments (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id            BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    kind              TEXT NOT NULL CHECK (kind IN ('commitment', 'levy')),
    party             TEXT NOT NULL,
    campaign_id       BIGINT NOT NULL REFERENCES campaigns(id),
    engagement_id     BIGINT,
    amount_minor      BIGINT NOT NULL,
    currency          TEXT NOT NULL,
    per_ticket_minor  BIGINT,
    tickets           BIGINT,
    announced_on      TEXT NOT NULL,
    due_on            TEXT,
    status            TEXT NOT NULL CHECK (status IN ('open', 'paid', 'cancelled')),
    note              TEXT NOT NULL,
    gift_id           BIGINT REFERENCES gifts(id),
    created_at        BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL
);
CREATE INDEX commitments_by_org ON commitments (org_id, status);
