-- CSV imports (docs/imports.md). An upload parses the file once and COPYs its records into import_row, the staging
-- table; the job contact-import then validates them a chunk at a time with the API's rules and writes each chunk with
-- set-based statements. record_import.last_line is the import's own checkpoint: it commits in the same transaction
-- as the chunk it covers, so a run restarted after a crash goes on after the last written row, and writes every row
-- exactly once.
CREATE TABLE record_import (
    id           uuid PRIMARY KEY,
    object_type  text        NOT NULL CHECK (object_type IN ('contact', 'lead', 'account')),
    status       text        NOT NULL CHECK (status IN ('uploaded', 'running', 'completed')),
    file_name    text        CHECK (length(file_name) <= 300),
    headers      text[]      NOT NULL,
    -- header position (as text) -> field name, chosen at start
    mapping      jsonb       NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(mapping) = 'object'),
    match_by     text        CHECK (match_by IN ('email', 'externalId', 'none')),
    duplicates   text        CHECK (duplicates IN ('update', 'skip', 'create')),
    total_rows   bigint      NOT NULL CHECK (total_rows >= 0),
    last_line    bigint      NOT NULL DEFAULT 1,
    rows_read    bigint      NOT NULL DEFAULT 0,
    rows_created bigint      NOT NULL DEFAULT 0,
    rows_updated bigint      NOT NULL DEFAULT 0,
    rows_skipped bigint      NOT NULL DEFAULT 0,
    rows_refused bigint      NOT NULL DEFAULT 0,
    execution_id bigint,
    -- who imports, with the roles of their token at start: the job applies that person's rights
    created_by   text        NOT NULL,
    caller_roles text[]      NOT NULL DEFAULT '{}',
    created_at   timestamptz NOT NULL DEFAULT now(),
    started_at   timestamptz,
    finished_at  timestamptz
);
CREATE INDEX record_import_created_idx ON record_import (created_at DESC, id);

-- The records of an uploaded file, as parsed (line_no is the file's record number; the header is record 1).
CREATE TABLE import_row (
    import_id uuid   NOT NULL REFERENCES record_import (id) ON DELETE CASCADE,
    line_no   bigint NOT NULL,
    cells     text[] NOT NULL,
    PRIMARY KEY (import_id, line_no)
);

-- Every refused row of an import, with its reason: the error report.
CREATE TABLE import_error (
    import_id uuid   NOT NULL REFERENCES record_import (id) ON DELETE CASCADE,
    line_no   bigint NOT NULL,
    reason    text   NOT NULL,
    PRIMARY KEY (import_id, line_no)
);

-- The column mapping last used per object type, header (lower-cased) -> field: the next upload's guess.
CREATE TABLE import_mapping (
    object_type text        PRIMARY KEY CHECK (object_type IN ('contact', 'lead', 'account')),
    columns     jsonb       NOT NULL CHECK (jsonb_typeof(columns) = 'object'),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    updated_by  text        NOT NULL
);
