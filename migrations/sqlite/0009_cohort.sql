-- Starting a cohort. A person's profile (what matching needs: field,
-- interests, format, languages, capacity, contact) as the core's Profile
-- serialised; erased by /forget and purge.
CREATE TABLE profiles (
    participant_id BIGINT PRIMARY KEY,
    programme_id TEXT NOT NULL,
    profile TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);
-- The coordinator's decisions for the next proposal: a pair to keep (pin)
-- or never to make (forbid).
CREATE TABLE match_decisions (
    programme_id TEXT NOT NULL,
    mentee_id BIGINT NOT NULL,
    mentor_id BIGINT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('pin', 'forbid')),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (programme_id, mentee_id, mentor_id)
);
