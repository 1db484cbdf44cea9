## Who gets in: demo mode, invite codes (expiry, use limits, revocation), names.

invite-revoked = Det invitationslink er trukket tilbage. Bed din koordinator om et nyt.
invite-expired = Det invitationslink er udløbet. Bed din koordinator om et nyt.
invite-used-up = Det invitationslink er allerede brugt så mange gange, som det må. Bed din koordinator om et nyt.
