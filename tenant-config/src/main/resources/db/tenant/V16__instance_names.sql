-- Which instance of the application sent an e-mail and ran a sequence step (crm.instance-name): where several
-- instances share the work, operators (and the two-instance test) can tell which did what.
ALTER TABLE mail_outbox ADD COLUMN sent_by text CHECK (length(sent_by) <= 100);
ALTER TABLE sequence_step_run ADD COLUMN ran_by text CHECK (length(ran_by) <= 100);
