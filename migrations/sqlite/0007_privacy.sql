-- Privacy: a farewell's address is erased once it is sent; consent is
-- recorded with the version of the text agreed to, and when (given or
-- withdrawn). Keep in step with postgres/0007.

ALTER TABLE outbox ADD COLUMN erase_after_send BIGINT NOT NULL DEFAULT 0;

CREATE TABLE consents (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    participant_id  BIGINT NOT NULL REFERENCES participants(id),
    kind            TEXT NOT NULL,
    version         TEXT NOT NULL,
    given           BIGINT NOT NULL,
    at              BIGINT NOT NULL
);
CREATE INDEX consents_participant ON consents (participant_id, id);
