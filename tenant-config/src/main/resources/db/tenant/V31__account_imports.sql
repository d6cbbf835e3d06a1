-- Account imports match by domain (docs/imports.md, "Leads and accounts").
ALTER TABLE record_import DROP CONSTRAINT record_import_match_by_check;
ALTER TABLE record_import ADD CONSTRAINT record_import_match_by_check
    CHECK (match_by IN ('email', 'externalId', 'domain', 'none'));
