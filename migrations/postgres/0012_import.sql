-- People imported from a sign-up form (`mentorbot import`): a personal
-- invite carries the person's name and imported profile (the core's
-- registration::Imported as JSON) until the link is opened; cleared when
-- they join (the profile is then in `profiles`), purged with the invites.
ALTER TABLE invites ADD COLUMN imported TEXT;
