-- Coordinators create, change or cancel events (issue 10). `spec` is the
-- event as it now stands (JSON), `version` counts the changes (each
-- change's notice has its own once-key), `cancelled_at` marks a
-- cancellation. A programme file's event with neither stays as the file
-- says; one with them is replaced (or dropped) when the programmes load.
ALTER TABLE events ADD COLUMN spec TEXT;
ALTER TABLE events ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN cancelled_at BIGINT;

-- Recurring schedules beyond the digest: a recurring event or broadcast
-- (JSON: what each firing makes).
ALTER TABLE schedules ADD COLUMN spec TEXT;

-- An RSVP may be "maybe" (issue 10): `going` stays 0 (not coming) and
-- `maybe` is 1, so readers of `going` alone count a maybe as not coming.
ALTER TABLE rsvps ADD COLUMN maybe BIGINT NOT NULL DEFAULT 0;
