-- mentorbot schema, SQLite. Times are epoch milliseconds (BIGINT); flags are 0/1.
-- Keep in step with migrations/postgres/0001_init.sql.

CREATE TABLE programmes (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    source      TEXT NOT NULL,
    loaded_at   BIGINT NOT NULL
);

CREATE TABLE participants (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    programme_id        TEXT NOT NULL REFERENCES programmes(id),
    role                TEXT NOT NULL CHECK (role IN ('mentee', 'mentor', 'coordinator')),
    name                TEXT NOT NULL,
    lang                TEXT NOT NULL,
    tz                  TEXT NOT NULL,
    contact             TEXT,
    consent_share       BIGINT NOT NULL DEFAULT 0,
    consent_given_at    BIGINT,
    unreachable_at      BIGINT,
    forgotten_at        BIGINT,
    created_at          BIGINT NOT NULL
);
CREATE INDEX participants_programme ON participants (programme_id, role);

CREATE TABLE identities (
    platform            TEXT NOT NULL,
    platform_user_id    TEXT NOT NULL,
    address             TEXT NOT NULL,
    participant_id      BIGINT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    created_at          BIGINT NOT NULL,
    PRIMARY KEY (platform, platform_user_id)
);
CREATE INDEX identities_participant ON identities (participant_id);

CREATE TABLE pairs (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    programme_id    TEXT NOT NULL REFERENCES programmes(id),
    mentee_id       BIGINT NOT NULL REFERENCES participants(id),
    mentor_id       BIGINT NOT NULL REFERENCES participants(id),
    phase           TEXT NOT NULL,
    status          TEXT NOT NULL,
    at_risk         BIGINT NOT NULL DEFAULT 0,
    state           TEXT NOT NULL,
    next_due_at     BIGINT,
    version         BIGINT NOT NULL DEFAULT 0,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL
);
CREATE INDEX pairs_next_due ON pairs (next_due_at) WHERE next_due_at IS NOT NULL;
CREATE INDEX pairs_mentee ON pairs (mentee_id);
CREATE INDEX pairs_mentor ON pairs (mentor_id);

CREATE TABLE meetings (
    pair_id         BIGINT NOT NULL REFERENCES pairs(id),
    number          BIGINT NOT NULL,
    held_at         BIGINT NOT NULL,
    held            BIGINT NOT NULL,
    mentee_rating   TEXT,
    mentor_rating   TEXT,
    PRIMARY KEY (pair_id, number)
);

CREATE TABLE survey_runs (
    pair_id         BIGINT NOT NULL REFERENCES pairs(id),
    survey          TEXT NOT NULL,
    role            TEXT NOT NULL,
    participant_id  BIGINT NOT NULL REFERENCES participants(id),
    opened_at       BIGINT NOT NULL,
    finished_at     BIGINT,
    PRIMARY KEY (pair_id, survey, role)
);

CREATE TABLE survey_answers (
    pair_id         BIGINT NOT NULL REFERENCES pairs(id),
    survey          TEXT NOT NULL,
    role            TEXT NOT NULL,
    question        TEXT NOT NULL,
    participant_id  BIGINT NOT NULL REFERENCES participants(id),
    value           TEXT NOT NULL,
    answered_at     BIGINT NOT NULL,
    PRIMARY KEY (pair_id, survey, role, question)
);

CREATE TABLE flags (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    programme_id    TEXT NOT NULL REFERENCES programmes(id),
    pair_id         BIGINT REFERENCES pairs(id),
    participant_id  BIGINT REFERENCES participants(id),
    kind            TEXT NOT NULL,
    reason          TEXT,
    created_at      BIGINT NOT NULL,
    resolved_at     BIGINT
);
CREATE INDEX flags_open ON flags (programme_id) WHERE resolved_at IS NULL;

CREATE TABLE events (
    programme_id    TEXT NOT NULL REFERENCES programmes(id),
    event_id        TEXT NOT NULL,
    kind            TEXT NOT NULL,
    starts_at       BIGINT NOT NULL,
    place           TEXT NOT NULL,
    PRIMARY KEY (programme_id, event_id)
);

CREATE TABLE rsvps (
    programme_id    TEXT NOT NULL,
    event_id        TEXT NOT NULL,
    participant_id  BIGINT NOT NULL REFERENCES participants(id),
    going           BIGINT NOT NULL,
    answered_at     BIGINT NOT NULL,
    PRIMARY KEY (programme_id, event_id, participant_id),
    FOREIGN KEY (programme_id, event_id) REFERENCES events (programme_id, event_id)
);

CREATE TABLE outbox (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    participant_id      BIGINT REFERENCES participants(id),
    pair_id             BIGINT,
    platform            TEXT,
    address             TEXT,
    lang                TEXT NOT NULL,
    msg                 TEXT NOT NULL,
    once_key            TEXT,
    status              TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'dead')),
    attempts            BIGINT NOT NULL DEFAULT 0,
    not_before          BIGINT NOT NULL,
    claimed_until       BIGINT,
    claimed_by          TEXT,
    last_error          TEXT,
    platform_message_id TEXT,
    created_at          BIGINT NOT NULL,
    sent_at             BIGINT
);
CREATE UNIQUE INDEX outbox_once ON outbox (participant_id, once_key) WHERE once_key IS NOT NULL;
CREATE INDEX outbox_due ON outbox (not_before, id) WHERE status = 'pending';

CREATE TABLE processed_updates (
    platform        TEXT NOT NULL,
    update_key      TEXT NOT NULL,
    processed_at    BIGINT NOT NULL,
    PRIMARY KEY (platform, update_key)
);
