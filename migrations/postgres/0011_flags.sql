-- Flags that get handled (issue 11): the flagger's line of text for
-- "something else", who acknowledged it and when, and when an
-- unacknowledged flag was last raised again.
ALTER TABLE flags ADD COLUMN note TEXT;
ALTER TABLE flags ADD COLUMN acknowledged_at BIGINT;
ALTER TABLE flags ADD COLUMN acknowledged_by BIGINT;
ALTER TABLE flags ADD COLUMN raised_at BIGINT;
