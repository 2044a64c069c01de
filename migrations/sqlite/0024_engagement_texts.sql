-- An event's title, venue and city in the organization's other languages (issue 21): its own title and
-- venue and city are in the organization's default language; a blank part uses them.
CREATE TABLE engagement_texts (
    engagement_id  BIGINT NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
    language       TEXT NOT NULL,
    title          TEXT NOT NULL,
    venue          TEXT NOT NULL,
    city           TEXT NOT NULL,
    PRIMARY KEY (engagement_id, language)
);
