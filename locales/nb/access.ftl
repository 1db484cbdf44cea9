## Who gets in: demo mode, invite codes (expiry, use limits, revocation), names.
