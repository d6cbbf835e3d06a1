-- The tenant's own settings, one row: the time zone of its days and of the console's dates and times.
CREATE TABLE workspace_setting (
    id         boolean PRIMARY KEY DEFAULT true CHECK (id),
    time_zone  text        NOT NULL DEFAULT 'UTC' CHECK (length(time_zone) BETWEEN 1 AND 64),
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by text,
    version    bigint      NOT NULL DEFAULT 0
);
INSERT INTO workspace_setting DEFAULT VALUES;
