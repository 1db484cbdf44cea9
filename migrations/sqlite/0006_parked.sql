-- One bad item never stops the bot.
-- A pair whose scheduled step keeps failing is backed off: how many times
-- in a row, and the last error (the coordinator is told on the first).
ALTER TABLE pairs ADD COLUMN tick_failures BIGINT NOT NULL DEFAULT 0;
ALTER TABLE pairs ADD COLUMN tick_error TEXT;

-- A platform update that failed again and again, set aside for the
-- operator (`mentorbot parked`) so the updates behind it go on.
CREATE TABLE parked_updates (
    platform    TEXT NOT NULL,
    update_key  TEXT NOT NULL,
    update_json TEXT NOT NULL,
    error       TEXT NOT NULL,
    attempts    BIGINT NOT NULL,
    parked_at   BIGINT NOT NULL,
    PRIMARY KEY (platform, update_key)
);

-- How many parts of a split message went out: a retry sends the rest only.
ALTER TABLE outbox ADD COLUMN parts_sent BIGINT NOT NULL DEFAULT 0;
