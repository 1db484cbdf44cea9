-- A person's dialogue under way with the bot (a coordinator's /broadcast,
-- a flag's free text, a profile question...): which one (`kind`) and its
-- state, as the core's conversation serialises it. One per person; the
-- shell loads it before routing and saves or clears it after the step.
CREATE TABLE dialogues (
    participant_id BIGINT PRIMARY KEY,
    kind TEXT NOT NULL,
    state TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);
