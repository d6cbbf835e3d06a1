-- Full-text search on deals and tasks, as on leads, contacts and accounts (V3): the console's lists search every
-- kind of record. 'simple' configuration over a generated tsvector column with a GIN index.
ALTER TABLE deal
    ADD COLUMN search tsvector GENERATED ALWAYS AS (
        to_tsvector('simple', coalesce(name, '') || ' ' || coalesce(description, ''))) STORED;
CREATE INDEX deal_search_idx ON deal USING gin (search);

ALTER TABLE task
    ADD COLUMN search tsvector GENERATED ALWAYS AS (
        to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(description, ''))) STORED;
CREATE INDEX task_search_idx ON task USING gin (search);
