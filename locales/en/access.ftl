## Who gets in: demo mode, invite codes (expiry, use limits, revocation), names.

invite-revoked = That invitation link has been withdrawn. Ask your coordinator for a new one.
invite-expired = That invitation link has expired. Ask your coordinator for a new one.
invite-used-up = That invitation link has already been used as many times as it allows. Ask your coordinator for a new one.
