-- Invite limits. Keep in step with postgres/0004.
-- platform: NULL opens the code on any platform; 'webchat' binds the demo
-- codes to the built-in web chat. expires_at: NULL never (the demo codes);
-- codes made before this migration expire 30 days after they were made.
-- max_uses: NULL unlimited; uses counts finished registrations.

ALTER TABLE invites ADD COLUMN platform TEXT;
ALTER TABLE invites ADD COLUMN expires_at BIGINT;
ALTER TABLE invites ADD COLUMN max_uses BIGINT;
ALTER TABLE invites ADD COLUMN uses BIGINT NOT NULL DEFAULT 0;

UPDATE invites SET expires_at = created_at + 2592000000;
UPDATE invites SET max_uses = 1 WHERE role = 'coordinator';
