-- The language of the staff interface each account chose (issue 21): en, fr or es; NULL follows
-- the browser's Accept-Language.
ALTER TABLE users ADD COLUMN interface_language TEXT;
