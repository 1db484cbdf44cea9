-- Coordinator-set schedules (issue 10): `mentorbot schedule add` stores a
-- schedule with by_coordinator = 1 (kind `sN`, or `digest` when it
-- changes the digest's cron). The programme file's schedules (the digest,
-- [[recurring]], [[recurring_broadcasts]]) have 0: they follow the file
-- on every pass, and never overwrite a coordinator's. `spec` (0013) holds
-- what each firing does, as JSON (bot_core::coordinator::schedules::Job).
ALTER TABLE schedules ADD COLUMN by_coordinator BIGINT NOT NULL DEFAULT 0;
