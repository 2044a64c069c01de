-- The languages an organization works in (codes separated by commas): its public pages offer
-- them and staff forms ask for text in them; default_language is one of them. Organizations
-- made before offered every language Chorus speaks, and keep doing so.
ALTER TABLE orgs ADD COLUMN languages TEXT NOT NULL DEFAULT 'en,fr,es,ar,ru';
