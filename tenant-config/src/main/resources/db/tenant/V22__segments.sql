-- Segments (docs/segments.md): a named set of contacts or of leads. A dynamic segment's members are whoever its rules
-- match at its last refresh; a static segment's are added and removed by hand. Every entry and exit is recorded with
-- its time, and every refresh records the size, so a segment's history can be shown and reports can trust it.
CREATE TABLE segment (
    id                uuid PRIMARY KEY,
    name              text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    object_type       text        NOT NULL CHECK (object_type IN ('contact', 'lead')),
    kind              text        NOT NULL CHECK (kind IN ('dynamic', 'static')),
    -- the rule tree as the API took it (compiled to SQL on every use, never stored as SQL)
    rules             jsonb CHECK (jsonb_typeof(rules) = 'object'),
    owner             text        NOT NULL,
    size              integer     NOT NULL DEFAULT 0 CHECK (size >= 0),
    last_refreshed_at timestamptz,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    created_by        text        NOT NULL,
    version           bigint      NOT NULL DEFAULT 0,
    CONSTRAINT segment_rules_when_dynamic CHECK ((kind = 'dynamic') = (rules IS NOT NULL))
);
CREATE UNIQUE INDEX segment_name_idx ON segment (lower(name));

-- who is in a segment now; record_id is a contact or a lead (the segment's object_type), no foreign key so that one
-- table serves both and a hard-deleted record only leaves at the next refresh
CREATE TABLE segment_member (
    segment_id uuid        NOT NULL REFERENCES segment (id) ON DELETE CASCADE,
    record_id  uuid        NOT NULL,
    entered_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (segment_id, record_id)
);
-- "which segments is this record in" (360 pages, GDPR erasure)
CREATE INDEX segment_member_record_idx ON segment_member (record_id);

-- every entry and exit, as it happened
CREATE TABLE segment_change (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    segment_id  uuid        NOT NULL REFERENCES segment (id) ON DELETE CASCADE,
    record_id   uuid        NOT NULL,
    change      text        NOT NULL CHECK (change IN ('entered', 'exited')),
    occurred_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX segment_change_segment_idx ON segment_change (segment_id, id DESC);

-- the size after every refresh (and every hand change of a static segment)
CREATE TABLE segment_size (
    segment_id  uuid        NOT NULL REFERENCES segment (id) ON DELETE CASCADE,
    measured_at timestamptz NOT NULL,
    size        integer     NOT NULL CHECK (size >= 0),
    entered     integer     NOT NULL CHECK (entered >= 0),
    exited      integer     NOT NULL CHECK (exited >= 0),
    PRIMARY KEY (segment_id, measured_at)
);
