## Who gets in: demo mode, invite codes (expiry, use limits, revocation), names.

invite-revoked = Den invitasjonslenken er trukket tilbake. Be koordinatoren din om en ny.
invite-expired = Den invitasjonslenken har utløpt. Be koordinatoren din om en ny.
invite-used-up = Den invitasjonslenken er allerede brukt så mange ganger som den kan. Be koordinatoren din om en ny.
