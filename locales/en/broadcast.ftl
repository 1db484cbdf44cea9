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

## mentorbot schedule
cli-schedule-added = Schedule { $id } added.
cli-schedule-line = { $id }: { $job }, cron "{ $cron }", next { $next } ({ $source })
cli-schedule-line-never = { $id }: { $job }, cron "{ $cron }", never again ({ $source })
cli-schedule-removed = Schedule { $id } removed.
schedule-job-broadcast = broadcast
schedule-job-event = recurring event
schedule-job-digest = weekly digest
schedule-set-by-file = from the programme file
schedule-set-by-coordinator = set by a coordinator

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
    Coming: { $yes } · Maybe: { $maybe } · Not coming: { $no } · Not answered: { $open }
    Who is coming: { $coming }

## Coordinators' command menu
cmd-broadcast = send a message to a group of participants
cmd-event = coming events and who is coming

## /event: creating, changing and cancelling an event
event-kind-interviews = job-interview session
event-kind-other = event
event-new = Create another event?
event-none-new = There are no coming events. Create one?
event-button-new = ➕ New event
event-button-edit = ✏️ Change
event-button-cancel-event = 🗑 Cancel event
event-button-save = ✅ Save
event-button-keep = Keep as it is
event-button-abort = Stop
event-button-drop = Yes, cancel it
event-button-keep-event = No, keep it
event-ask-kind = What kind of event is it?
event-ask-title = What is the event called? Write its title.
event-ask-start = When does it start? Write the date and time, for example “2030-09-05 17:00”.
event-ask-end = When does it end? Write the time, for example “19:00”.
event-ask-place = Where is it? Write the place or a link to the meeting.
event-ask-audience = Who is invited?
event-ask-deadline = By which day should people answer? Write a date, for example “2030-09-01”.
event-ask-or-keep =
    { $question }
    Now: { $now }
event-bad-title = The title must be a line of text of at most 200 characters.
event-bad-place = Write the place or link as a line of text of at most 200 characters.
event-bad-start = I could not read that. Write the date and time like “2030-09-05 17:00”.
event-bad-start-past = That time has already passed. Write a start in the future.
event-bad-end = The end must be a time after the start, written like “19:00”.
event-bad-deadline = I could not read that date. Write it like “2030-09-01”.
event-bad-deadline-after = The answers must be due on or before the day of the event.
event-bad-deadline-past = That day has already passed. Write today or a later day.
event-preview =
    { $event } ({ $kind })
    { $starts }–{ $ends }, { $place }
    Invited: { $audience }. Answers by { $deadline }.
    Save it?
event-nothing-changed = Stopped. Nothing was changed.
event-created = { $event } is created. The invitations go out now.
event-change-done = { $event } is changed. { $count ->
        [0] Nobody has been invited yet.
        [one] The one person invited is told.
       *[other] The { $count } people invited are told.
    }
event-drop-confirm = Cancel { $event } on { $starts }? Everyone invited will be told.
event-dropped = { $event } is cancelled. { $count ->
        [0] Nobody had been invited yet.
        [one] The one person invited is told.
       *[other] The { $count } people invited are told.
    }
event-remind-answer = Will you come to { $event } on { $starts }? Please answer by { $deadline }.
event-remind-tomorrow = See you tomorrow at { $event }: { $starts }, { $place }.
event-changed =
    📣 { $event } has changed. It is now { $starts }–{ $ends }, { $place }.
    Can you still come?
event-cancelled = 📣 { $event } on { $starts } is cancelled.
event-bad-kind = The kind must be one of: kickoff, workshop, midway, interviews, closing, seminar, gathering, other.
event-bad-audience = The audience of an event must be everyone, mentors, mentees, unmatched or at-risk.
event-missing = A new event needs a kind, a title, a start, an end and a place.

## RSVP "maybe"
button-rsvp-maybe = 🤔 Maybe
rsvp-maybe-thanks = Thanks! We've noted that you might come to the { $event }. You can change your answer with the buttons at any time.
