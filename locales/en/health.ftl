## Running a cohort: flags, pair health, pair control, exercises, the report.

## Flags
flag-reason-no-answer = No answer from the other
flag-note-ask = What would you like to tell the coordinator? Write it in one message.
flag-note-empty = Please write a few words for the coordinator.
flag-alert =
    🚩 { $by } ({ $role }) in the pair { $mentee } – { $mentor } reports: { $reason }.
    { $held ->
        [0] No meeting held yet.
        [one] 1 meeting held, on { $last }.
       *[other] { $held } meetings held, the last on { $last }.
    }
    Reminders since then: { $nudges }. Surveys still open: { $surveys }.
    The other side of the pair has not been told.
flag-alert-note =
    🚩 { $by } ({ $role }) in the pair { $mentee } – { $mentor } reports: { $reason }.
    They wrote: “{ $note }”
    { $held ->
        [0] No meeting held yet.
        [one] 1 meeting held, on { $last }.
       *[other] { $held } meetings held, the last on { $last }.
    }
    Reminders since then: { $nudges }. Surveys still open: { $surveys }.
    The other side of the pair has not been told.
flag-button-ack = ✅ Acknowledge
flag-button-resolve = ✔️ Resolved
flag-button-call = 📞 Call me
flag-acknowledged = { $coordinator }, your coordinator, has seen your message and will follow up.
flag-acknowledged-done = Acknowledged. The person who raised it has been told.
flag-resolved-done = The flag is marked as resolved.
flag-already-acknowledged = This flag has already been acknowledged.
flag-already-resolved = This flag has already been resolved.
flag-unknown = That flag is not one of your programme's.
flag-call-me = { $coordinator }, your coordinator, would like to talk with you. You can reach them at: { $contact }
flag-call-done = Your contact details have been sent to the person who raised it.
flag-call-no-contact = You have no contact details stored, so there is nothing to send. Please contact them another way.
flag-flagger-gone = The person who raised this flag has had their data deleted.
flag-reraise =
    🚩 Still not acknowledged after { $days } days: { $by } in the pair { $mentee } – { $mentor } reported: { $reason }.
flag-reraise-note =
    🚩 Still not acknowledged after { $days } days: { $by } in the pair { $mentee } – { $mentor } reported: { $reason }.
    They wrote: “{ $note }”
## Pair health, /pairs and pair control
pairs-line =
    #{ $id } { $mentee } – { $mentor }: { $phase } ({ $status }). Meetings: { $held } of { $target }{ $met ->
        [0] .
       *[other] , the last on { $last }.
    }
pairs-line-risk =
    ⚠️ #{ $id } { $mentee } – { $mentor }: { $phase } ({ $status }). Meetings: { $held } of { $target }{ $met ->
        [0] .
       *[other] , the last on { $last }.
    }
    At risk: { $risks }
pair-status-running = running
pair-status-paused = paused
pair-status-ended = ended early
risk-no-first-meeting = no first meeting yet
risk-no-meeting = no meeting for a long time
risk-unanswered-nudges = reminders go unanswered
risk-survey-overdue = a survey is overdue
risk-open-flag = an open flag
risk-unreachable = one side cannot be reached
pairs-none = There are no pairs in the programme yet.
pairs-page = Pairs { $from }–{ $to } of { $total } ({ $at-risk } at risk).
pairs-button-pause = ⏸️ Pause
pairs-button-resume = ▶️ Resume
pairs-button-end = ⏹️ End
pairs-button-previous = ◀️ Previous
pairs-button-next = Next ▶️
pair-unknown = That pair is not one of your programme's.
pair-end-ask = Why is the pair ending? Both of them will be told.
pair-control-paused = The pair { $mentee } – { $mentor } is paused. Both have been told.
pair-control-resumed = The pair { $mentee } – { $mentor } is running again. Both have been told.
pair-control-ended = The pair { $mentee } – { $mentor } has ended ({ $reason }). Both have been told.
pair-control-unchanged = Nothing changed: the pair is already like that.

## The evaluation report
report-title = Evaluation: { $programme }
report-responses = Response rates
report-survey = Survey
report-survey-midterm = Mid-term evaluation
report-survey-final = Final evaluation
report-survey-follow_up = Follow-up
report-mean = Mean (1–5)
report-count = Answers
report-figure = Figure
report-value = Value
report-option = Answer
report-ranking-head = Ranked
    top 3 / mean rank
report-pairs-title = Pairs, meetings and flags
report-pairs = Pairs
report-meetings-target = Meetings planned per pair
report-meetings-mean = Meetings held per pair (mean)
report-meetings-reached = Pairs that reached the planned number
report-faded = Pairs that faded out
report-flags = Flags: { $reason }
report-summary =
    { $programme }: final evaluation answered by { $mentees }% of mentees and { $mentors }% of mentors. Overall benefit { $benefit-mentee } (mentees) and { $benefit-mentor } (mentors) on 1–5. The chart shows the overall benefit; the full report: mentorbot report --programme { $id } --format html.

## Exercises
exercise-pushed =
    📝 An exercise for { $mentee } and { $mentor } before your next meeting:
    { $exercise }

## Keeping pairs going after the meeting target
nudge-keep-going-mentee =
    Hi { $mentee }! You and { $mentor } have held { $held } meetings, and you agreed to meet every { $days } days. Nothing is booked now: would you like to find a time for another meeting before the programme ends on { $end }?
nudge-keep-going-mentor =
    Hi { $mentor }! You and { $mentee } have held { $held } meetings, and you agreed to meet every { $days } days. Nothing is booked now; a short message from you could lead to another meeting before the programme ends on { $end }.

## Both sides confirm the agreement; either can propose a change
button-agreement-confirm = ✅ Confirm
button-agreement-change = ✏️ Propose a change
button-agreement-accept = ✅ Accept
button-agreement-decline = ❌ Keep as it is
agreement-confirm-ask = { $mentee } wrote down your agreement above. Does it suit you? Confirm it, or propose a change.
agreement-confirmed = Thank you. The agreement is confirmed by both of you.
agreement-confirmed-other = { $mentor } has confirmed your agreement.
agreement-change-ask = What would you like to change? Pick another rhythm or another way of meeting.
agreement-proposal-sent =
    { $what ->
        [rhythm] You proposed to meet every { $days } days.
       *[format] You proposed to meet this way: { $format }.
    } { $other } will be asked to accept it.
agreement-proposal =
    { $by } proposes a change to your agreement: { $what ->
        [rhythm] to meet every { $days } days.
       *[format] to meet this way: { $format }.
    }
agreement-proposal-declined =
    { $by } would rather keep the agreement as it is ({ $what ->
        [rhythm] a meeting every { $days } days was proposed
       *[format] { $format } was proposed
    }). You can talk about it at your next meeting.
agreement-kept = The agreement stays as it is.
agreement-changed =
    📝 The agreement between { $mentee } and { $mentor } is changed. It now says:

    Goals: { $goals }
    Rhythm: a meeting every { $days } days, { $target } meetings in all, until { $end }
    Format: { $format }

## Survey progress and the coordinator's extra reminder
survey-progress =
    📋 The { $survey } is open until { $deadline }.
    Mentees: { $mentees-answered } of { $mentees-asked } have answered ({ $mentees-percent } %).
    Mentors: { $mentors-answered } of { $mentors-asked } have answered ({ $mentors-percent } %).
    { $waiting ->
        [0] Everyone has answered.
        [one] 1 person has not answered yet.
       *[other] { $waiting } people have not answered yet.
    }
survey-button-remind = 🔔 Remind them now ({ $waiting })
survey-remind-closed = The { $survey } is not open now, so no reminder was sent.
survey-reminded =
    { $count ->
        [0] Nobody was reminded: everyone who has not answered of the { $survey } has had the extra reminder already.
        [one] 1 person who has not answered the { $survey } was reminded now.
       *[other] { $count } people who have not answered the { $survey } were reminded now.
    }
survey-reminder-extra = 📋 Your coordinator asks you to answer the { $survey } of { $programme } before it closes { $deadline }. Your answers help the programme. The question you are at follows.

survey-progress-none = No survey is open now.

## Ending a pair offers a rematch
pairs-button-rematch = 🔁 Find the mentee a new mentor
pair-rematched = { $mentee } is matched with { $mentor } (pair { $pair }). The joint intro goes out when the programme says.
pair-rematch-none = No free mentor fits { $mentee } now, so { $mentee } waits. You can try again with /match when places free up.
pair-rematch-refused = No new mentor: { $error }
pair-cli-rematch-hint = To match the mentee with { $mentor }: mentorbot rematch --mentee { $id }

## simulate: the report it leads to
sim-summary-keep-going = Reminders after the meeting target: { $mentee } to mentees, { $mentor } to mentors
sim-report = ══ The evaluation report this run leads to (as `mentorbot report` prints it) ══
sim-report-skipped = No evaluation report: it is printed for runs of up to { $max } pairs.
