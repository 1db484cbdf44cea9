## The relay between the two members of a pair.
relay-message =
    💬 { $name } writes:
    { $text }
relay-off = This programme does not pass messages on between mentee and mentor, so I can't send that. If you need to reach your match, ask your coordinator. Type /help to see what I can do.
relay-paused = Your mentorship is paused, so I am not passing messages on right now. Write /resume to start it again, or contact your coordinator.
relay-ended = Your mentorship has ended, so I no longer pass messages on. If you need anything, contact your coordinator.
relay-which = Who is this message for?
relay-to = To { $name }
relay-added = I have added that to your message. Who is it for?
relay-sent = Sent to { $name }.
relay-stale = That question is no longer open, so nothing was sent. Just write your message again.
relay-too-long = That message is too long for me to pass on. Please split it into shorter messages.
button-write-mentor = ✏️ Write to your mentor
button-write-mentee = ✏️ Write to your mentee
relay-write-hint-mentee = Just type your message here, and I will pass it on to your mentor { $name }.
relay-write-hint-mentor = Just type your message here, and I will pass it on to your mentee { $name }.
