-- Trigram similarity (pg_trgm, a trusted extension the database owner may create) for fuzzy duplicate detection
-- of names (tenant migration V26). Database-wide, so it is created once here, before any tenant schema uses it.
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
