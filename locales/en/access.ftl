## Who gets in: demo mode, invite codes (expiry, use limits, revocation), names.

invite-revoked = That invitation link has been withdrawn. Ask your coordinator for a new one.
invite-expired = That invitation link has expired. Ask your coordinator for a new one.
invite-used-up = That invitation link has already been used as many times as it allows. Ask your coordinator for a new one.

cli-invite-row = { $code }  { $programme }  { $role }  used { $uses }/{ $limit }  expires { $expires }  { $state }
cli-invite-revoked = Invite code { $code } is revoked: nobody can register with it any more.
invite-state-active = active
invite-state-revoked = revoked
invite-state-expired = expired
invite-state-used-up = used up
invite-state-unknown = unknown

reg-name-invisible = I could not read a name in that: it held only invisible or special characters. Please write your name in letters (2 to 80 characters).

reg-ask-consent-coordinator = May I share your contact details on this chat app with the mentees and mentors of the programme, so they can reach you directly?
