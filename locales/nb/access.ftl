## Who gets in: demo mode, invite codes (expiry, use limits, revocation), names.

invite-revoked = Den invitasjonslenken er trukket tilbake. Be koordinatoren din om en ny.
invite-expired = Den invitasjonslenken har utløpt. Be koordinatoren din om en ny.
invite-used-up = Den invitasjonslenken er allerede brukt så mange ganger som den kan. Be koordinatoren din om en ny.

cli-invite-row = { $code }  { $programme }  { $role }  brukt { $uses }/{ $limit }  utløper { $expires }  { $state }
cli-invite-revoked = Invitasjonskoden { $code } er trukket tilbake: ingen kan lenger registrere seg med den.
invite-state-active = aktiv
invite-state-revoked = trukket tilbake
invite-state-expired = utløpt
invite-state-used-up = brukt opp
invite-state-unknown = ukjent

reg-name-invisible = Jeg kunne ikke lese et navn i det: det var bare usynlige eller spesielle tegn. Skriv navnet ditt med bokstaver (2 til 80 tegn).

reg-ask-consent-coordinator = Kan jeg dele kontaktinformasjonen din i denne chatte-appen med programmets mentees og mentorer, så de kan skrive direkte til deg?
