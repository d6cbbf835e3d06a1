-- New contacts get time-ordered ids (UUID version 7, docs/performance.md): the application makes them
-- (TimeOrderedIds), and so does a contact inserted in SQL without an id, e.g. a bulk COPY. Ids sorted by creation
-- time append to the primary key's B-tree instead of landing on a random page of it per row. Existing ids stay.
ALTER TABLE contact ALTER COLUMN id SET DEFAULT uuidv7();
