-- Coordinators' broadcasts (issue 10): who it was for, the texts as
-- written, how many recipients, and how far it got. Each recipient's
-- message is an outbox row with once_key 'bc:<id>' (one per recipient);
-- stopping a broadcast deletes its pending rows. `by_participant` is set
-- to NULL when the coordinator is forgotten.
CREATE TABLE broadcasts (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    programme_id    TEXT NOT NULL,
    by_participant  BIGINT,
    audience        TEXT NOT NULL,
    texts           TEXT NOT NULL,
    total           BIGINT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'sending' CHECK (status IN ('sending', 'done', 'stopped')),
    progress_shown  BIGINT NOT NULL DEFAULT 0,
    created_at      BIGINT NOT NULL,
    finished_at     BIGINT
);
CREATE INDEX broadcasts_sending ON broadcasts (status) WHERE status = 'sending';
CREATE INDEX outbox_once_key ON outbox (once_key) WHERE once_key IS NOT NULL;

-- Recurring schedules (cron, in the programme's zone): the weekly digest
-- for now. `next_at` is the next firing, stored like pairs.next_due_at;
-- firing moves it on in the same transaction, so a restart neither loses
-- nor repeats one.
CREATE TABLE schedules (
    programme_id    TEXT NOT NULL,
    kind            TEXT NOT NULL,
    cron            TEXT NOT NULL,
    next_at         BIGINT,
    last_fired_at   BIGINT,
    PRIMARY KEY (programme_id, kind)
);
CREATE INDEX schedules_next ON schedules (next_at) WHERE next_at IS NOT NULL;
