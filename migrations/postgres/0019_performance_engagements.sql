-- A performance (a song at a council session, a televised set) is a kind of engagement.
ALTER TABLE engagements DROP CONSTRAINT engagements_kind_check;
ALTER TABLE engagements ADD CONSTRAINT engagements_kind_check
    CHECK (kind IN ('concert', 'performance', 'meeting', 'council_session', 'media', 'other'));
