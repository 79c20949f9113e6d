-- Flyway runs this before migrating a PostgreSQL database (db/vendor/postgresql holds what only
-- PostgreSQL needs; the migrations in db/migration are shared with H2).
--
-- The shared migrations declare long text as CLOB, which H2 has and PostgreSQL does not: here
-- it is a name for text. Idempotent: it runs before every migrate.
DO $$
BEGIN
    CREATE DOMAIN clob AS text;
EXCEPTION
    WHEN duplicate_object THEN NULL;
END
$$;
