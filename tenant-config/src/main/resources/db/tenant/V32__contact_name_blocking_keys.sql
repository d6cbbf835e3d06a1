-- The fuzzy-name sign of the duplicate check (docs/duplicates.md) looks among the contacts that share a blocking
-- key with the probe, then ranks them by pg_trgm similarity. Two keys, so one typo in the middle or at either end of
-- the last name still meets the probe's block: the last name's first three letters, and its last three, each with
-- the first name's initial. The indexes carry the names, so a block is compared from the index alone (an index-only
-- scan: no table page is read for the contacts that are not alike).
-- They replace the GIN trigram index of V26: its search read the posting lists of a name's common trigrams ("  e",
-- " el", …: tens of thousands of entries among a million contacts) and cost 50-100 ms a check; a block is about a
-- thousand index entries. Two B-trees are also cheaper to keep up on an import than the trigram index.
CREATE INDEX contact_name_head_key_idx ON contact
    (lower(left(last_name, 3)), lower(left(coalesce(first_name, ''), 1))) INCLUDE (id, first_name, last_name)
    WHERE deleted_at IS NULL;
CREATE INDEX contact_name_tail_key_idx ON contact
    (lower(right(last_name, 3)), lower(left(coalesce(first_name, ''), 1))) INCLUDE (id, first_name, last_name)
    WHERE deleted_at IS NULL;
DROP INDEX contact_full_name_trgm_idx;
