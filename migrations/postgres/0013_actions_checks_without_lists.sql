-- Nothing to change on PostgreSQL: its CHECK (x IN (…)) tests the list in place. The SQLite
-- migration of this number rewrites the same checks as OR chains (see its comment); this file
-- keeps both trees at the same versions.
SELECT 1;
