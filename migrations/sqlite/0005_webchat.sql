-- The built-in web chat's conversations and their activities, so that a
-- restart loses neither. Keep in step with postgres/0005.
-- token_hash: SHA-256 of the token, hex (the token itself is never kept).
-- Times are epoch milliseconds.

CREATE TABLE webchat_conversations (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    expires_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX webchat_conversations_expires ON webchat_conversations (expires_at);

-- activity: the Direct Line activity, JSON; watermark: its place in the
-- conversation (the oldest are dropped beyond the cap).
CREATE TABLE webchat_activities (
    conversation_id TEXT NOT NULL,
    watermark BIGINT NOT NULL,
    activity TEXT NOT NULL,
    PRIMARY KEY (conversation_id, watermark)
);
