## The coordinator's broadcasts, events with RSVP, schedules and the weekly digest.

coordinator-only = Only the programme's coordinators can do that.

## /broadcast
broadcast-ask-audience = Who should get the message?
broadcast-audience-everyone = Everyone
broadcast-audience-mentees = Mentees
broadcast-audience-mentors = Mentors
broadcast-audience-unmatched = Not matched yet
broadcast-audience-at-risk = Pairs at risk
broadcast-audience-survey = Not answered an open survey
broadcast-audience-event = Not answered: { $event }
broadcast-audience-profile = By a profile field
broadcast-who-everyone = all mentors and mentees
broadcast-who-mentees = the mentees
broadcast-who-mentors = the mentors
broadcast-who-unmatched = those not matched yet
broadcast-who-at-risk = both people in each pair at risk
broadcast-who-survey = those who have not answered an open survey
broadcast-who-event = those who have not answered the event invitation
broadcast-who-profile = those with the chosen profile field
broadcast-profile-not-yet = Choosing people by a profile field is not available yet. Pick another group.
broadcast-ask-text = Write the message. Send one text for everyone, or press the button to write one for each language.
broadcast-ask-text-in = Language: { $language }. Write the message for those who read it.
broadcast-preview-text = This is what they will get:
    { $text }
broadcast-preview-text-in = { $language }:
    { $text }
broadcast-preview = It goes to { $audience }: { $count ->
        [one] one person
       *[other] { $count } people
    }. Send it?
broadcast-nobody = Nobody is in that group right now, so nothing was sent.
broadcast-cancelled = Cancelled. Nothing was sent.
broadcast-started = Sending to { $count ->
        [one] one person
       *[other] { $count } people
    }. I'll tell you how it goes.
broadcast-progress = { $percent }% done: { $sent } of { $total } delivered{ $failed ->
        [0] .
       *[other] , { $failed } could not be delivered.
    }
broadcast-stopped = Stopped. { $sent } had already been delivered; { $dropped } will not be sent.
broadcast-message = { $text }
broadcast-button-per-language = One text per language
broadcast-button-send = ✅ Send
broadcast-button-cancel = Cancel
broadcast-button-stop = ⏹ Stop sending

## mentorbot broadcast
cli-broadcast-dry-run = Dry run: it would go to { $count } ({ $audience }). Nothing was sent.
cli-broadcast-queued = Broadcast { $id } queued for { $count } recipients.

## The weekly digest
digest =
    Your weekly overview
    Pairs at risk ({ $at-risk }): { $pairs }
    Open flags: { $flags }
    Surveys answered so far: { $surveys }
    Answers to coming events: { $events }
    Messages that could not be delivered: { $dead }

## /event and mentorbot event show
event-none = There are no coming events.
event-overview =
    { $event } ({ $id }), { $starts }
    Coming: { $yes } · Not coming: { $no } · Not answered: { $open }
    Who is coming: { $coming }

## Coordinators' command menu
cmd-broadcast = send a message to a group of participants
cmd-event = coming events and who is coming
