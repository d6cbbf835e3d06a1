-- A mailbox's sending window (docs/email.md, "Mail settings and mailboxes"): the weekdays (ISO 1 = Monday … 7 =
-- Sunday, as digits) and local hours in which its e-mails leave, in the mailbox's time zone or (null) the tenant's.
-- An e-mail outside the window waits for it to open; it is never dropped. No hours: the whole of each day.
ALTER TABLE mailbox
    ADD COLUMN window_days  text NOT NULL DEFAULT '1234567' CHECK (window_days ~ '^1?2?3?4?5?6?7?$'
        AND window_days <> ''),
    ADD COLUMN window_start time,
    ADD COLUMN window_end   time,
    ADD COLUMN window_zone  text CHECK (length(window_zone) BETWEEN 1 AND 64),
    ADD CONSTRAINT mailbox_window_hours_check CHECK ((window_start IS NULL) = (window_end IS NULL)
        AND (window_start IS NULL OR window_start <> window_end));
