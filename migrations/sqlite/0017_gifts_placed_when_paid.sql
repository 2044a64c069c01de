-- A gift is placed in time when it was paid, not when Chorus heard of it: Stripe's own time
-- for the payment (see domain::stripe_event), the start of the day an offline gift was received
-- (UTC). paid_on stays its UTC day, the day of its exchange rate. Gifts recorded before keep the
-- time they were first seen, unless the day they were paid was another day.
ALTER TABLE gifts ADD COLUMN paid_at BIGINT;
UPDATE gifts SET paid_at = CASE
    WHEN paid_on IS NULL THEN created_at
    WHEN provider = 'offline' OR date(created_at / 1000000, 'unixepoch') <> paid_on THEN CAST(strftime('%s', paid_on) AS BIGINT) * 1000000
    ELSE created_at END
WHERE status = 'succeeded';
UPDATE gifts SET paid_on = date(created_at / 1000000, 'unixepoch') WHERE paid_at IS NOT NULL AND paid_on IS NULL;
DROP INDEX gifts_by_hour;
CREATE INDEX gifts_by_paid_time ON gifts (org_id, paid_at);

-- The hourly rollup again, by the hour paid, counting only gifts with money kept (a gift
-- refunded in full or lost in a dispute gave nothing; its money already came off).
DELETE FROM gift_hours;
INSERT INTO gift_hours (org_id, campaign_id, touchpoint_code, engagement_id, hour, currency,
                        reporting_currency, gifts, kept_minor, reporting_minor, unvalued)
SELECT org_id, campaign_id, touchpoint_code, engagement_id, hour, currency, reporting_currency,
       CAST(SUM(CASE WHEN kept > 0 THEN 1 ELSE 0 END) AS BIGINT), CAST(SUM(kept) AS BIGINT),
       CAST(SUM(CASE WHEN reporting_minor IS NULL OR amount_minor = 0 THEN 0
                ELSE (2 * reporting_minor * kept + amount_minor) / (2 * amount_minor) END) AS BIGINT),
       CAST(SUM(CASE WHEN reporting_minor IS NULL THEN 1 ELSE 0 END) AS BIGINT)
FROM (SELECT r.*, CASE WHEN r.owed > 0 THEN r.owed ELSE 0 END AS kept
      FROM (SELECT g.org_id, g.campaign_id, COALESCE(g.touchpoint_code, '') AS touchpoint_code,
                   COALESCE(g.engagement_id, 0) AS engagement_id, g.paid_at / 3600000000 AS hour,
                   g.currency, COALESCE(g.reporting_currency, '') AS reporting_currency,
                   g.amount_minor, g.reporting_minor,
                   g.amount_minor - g.refunded_minor - CAST(COALESCE((SELECT SUM(d.amount_minor)
                     FROM gift_disputes d WHERE d.gift_id = g.id AND d.status = 'lost'), 0) AS BIGINT) AS owed
            FROM gifts g
            WHERE g.status = 'succeeded' AND g.campaign_id IS NOT NULL AND g.paid_at IS NOT NULL
              AND g.amount_minor IS NOT NULL AND g.currency IS NOT NULL) AS r) AS received
GROUP BY org_id, campaign_id, touchpoint_code, engagement_id, hour, currency, reporting_currency;
