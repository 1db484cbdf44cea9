-- Invite links and registrations in progress. Keep in step with sqlite/0002.

CREATE TABLE invites (
    code            TEXT PRIMARY KEY,
    programme_id    TEXT NOT NULL REFERENCES programmes(id),
    role            TEXT NOT NULL CHECK (role IN ('mentee', 'mentor', 'coordinator')),
    created_at      BIGINT NOT NULL,
    revoked_at      BIGINT
);

CREATE TABLE registrations (
    platform            TEXT NOT NULL,
    platform_user_id    TEXT NOT NULL,
    address             TEXT NOT NULL,
    invite_code         TEXT NOT NULL REFERENCES invites(code),
    state               TEXT NOT NULL,
    updated_at          BIGINT NOT NULL,
    PRIMARY KEY (platform, platform_user_id)
);
