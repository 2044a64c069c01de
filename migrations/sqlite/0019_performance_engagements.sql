-- A performance (a song at a council session, a televised set) is a kind of engagement. SQLite
-- cannot change a CHECK constraint in place: the table is rebuilt. Migrations run with foreign
-- keys off (store/pool.rs), so dropping the old table leaves the codes and campaign links that
-- refer to it alone; the new table takes its name, and they refer to it.
CREATE TABLE engagements_new (
    id                 INTEGER PRIMARY KEY,
    org_id             BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    tour_id            BIGINT REFERENCES tours(id) ON DELETE SET NULL,
    kind               TEXT NOT NULL CHECK (kind IN ('concert', 'performance', 'meeting', 'council_session', 'media', 'other')),
    title              TEXT NOT NULL,
    venue              TEXT NOT NULL,
    city               TEXT NOT NULL,
    country            TEXT NOT NULL,
    time_zone          TEXT NOT NULL,
    starts_at_local    TEXT NOT NULL,
    starts_at          BIGINT NOT NULL,
    capacity           BIGINT,
    attendance         BIGINT,
    attendance_source  TEXT,
    created_at         BIGINT NOT NULL,
    archived_at        BIGINT
);
INSERT INTO engagements_new (id, org_id, tour_id, kind, title, venue, city, country, time_zone,
                             starts_at_local, starts_at, capacity, attendance, attendance_source,
                             created_at, archived_at)
SELECT id, org_id, tour_id, kind, title, venue, city, country, time_zone, starts_at_local,
       starts_at, capacity, attendance, attendance_source, created_at, archived_at
FROM engagements;
DROP TABLE engagements;
ALTER TABLE engagements_new RENAME TO engagements;
CREATE INDEX engagements_by_org ON engagements (org_id, starts_at);
