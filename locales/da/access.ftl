## Who gets in: demo mode, invite codes (expiry, use limits, revocation), names.

invite-revoked = Det invitationslink er trukket tilbage. Bed din koordinator om et nyt.
invite-expired = Det invitationslink er udløbet. Bed din koordinator om et nyt.
invite-used-up = Det invitationslink er allerede brugt så mange gange, som det må. Bed din koordinator om et nyt.

cli-invite-row = { $code }  { $programme }  { $role }  brugt { $uses }/{ $limit }  udløber { $expires }  { $state }
cli-invite-revoked = Invitationskoden { $code } er trukket tilbage: ingen kan længere tilmelde sig med den.
invite-state-active = aktiv
invite-state-revoked = trukket tilbage
invite-state-expired = udløbet
invite-state-used-up = opbrugt
invite-state-unknown = ukendt

reg-name-invisible = Jeg kunne ikke læse et navn i det: der var kun usynlige eller særlige tegn. Skriv dit navn med bogstaver (2 til 80 tegn).

reg-ask-consent-coordinator = Må jeg dele dine kontaktoplysninger i denne chat-app med forløbets mentees og mentorer, så de kan skrive direkte til dig?
