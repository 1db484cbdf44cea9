## mentorbot — English. Every sentence a participant or coordinator sees.
## Variables must be the same in en, da and nb (a test checks).

## Dates and times. $weekday and $monthname come from the keys below.
fmt-datetime = { $weekday } { $day } { $monthname } at { $time }
fmt-date = { $weekday } { $day } { $monthname } { $year }
fmt-day = { $weekday } { $day }/{ $month }
weekday-1 = Monday
weekday-2 = Tuesday
weekday-3 = Wednesday
weekday-4 = Thursday
weekday-5 = Friday
weekday-6 = Saturday
weekday-7 = Sunday
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

## Roles and phases
role-mentee = mentee
role-mentor = mentor
role-coordinator = coordinator
phase-matched = matched, waiting for the introduction
phase-introduced = introduced, first meeting not booked yet
phase-first-meeting = first meeting booked
phase-expectation-setting = setting expectations
phase-active = meeting regularly
phase-midterm-check = mid-term check
phase-closing = closing
phase-closed = closed
phase-follow-up = follow-up

## Buttons
button-book = 📅 Book a meeting
button-book-next = 📅 Book the next meeting
button-rsvp-yes = ✅ I'll be there
button-rsvp-no = ❌ I can't come
button-meeting-good = 👍 It went well
button-meeting-ok = 🙂 It was OK
button-meeting-missed = ⚠️ It didn't happen
button-flag = 🚩 Tell the coordinator
button-resume = ▶️ Resume
button-date = { $date }
button-time = { $time }
button-every-days = Every { $days } days
button-agree = ✅ We agree
button-done = Done
button-skip = Skip
button-another-prompt = Another one

## The introduction
intro-mentee =
    Welcome to { $programme }, { $mentee }! 🎉

    Your mentor is { $mentor }. { $has-contact ->
        [yes] You can reach { $mentor } at { $mentor-contact }.
       *[no] { $relay ->
            [off] Your coordinator can help you get in touch.
           *[on] You can write to each other here through me.
        }
    }{ $relay ->
        [off] { "" }
       *[on] { " " }Anything you write to me here that is not a command, I pass on to { $mentor } with your name; your coordinator does not see it.
    }

    The programme runs from { $start } to { $end }, and we suggest { $meetings } meetings of 1–2 hours.

    Next step: you reach out to { $mentor } and book your first meeting. When it is booked, tell me with the button below or with /booked.
intro-mentor =
    Welcome to { $programme }, { $mentor }, and thank you for volunteering! 🙏

    Your mentee is { $mentee }. { $has-contact ->
        [yes] You can reach { $mentee } at { $mentee-contact }.
       *[no] { $relay ->
            [off] Your coordinator can help you get in touch.
           *[on] { $mentee } will write to you here through me.
        }
    }{ $relay ->
        [off] { "" }
       *[on] { " " }Anything you write to me here that is not a command, I pass on to { $mentee } with your name; your coordinator does not see it.
    }

    The programme runs from { $start } to { $end }, with { $meetings } meetings of 1–2 hours. { $mentee } owns the relationship and will reach out to book your first meeting.
limits-of-the-role =
    The frame of the role:
    • The mentor shares experience of work life: career paths, the job market, applications, networks and work culture.
    • The mentor does not advise on study rules or mental health; for those, contact your study guidance or a doctor.
    • The mentee is responsible for getting value from the meetings and cannot expect a job from the mentor.

## Events
event-kind-kickoff = kickoff
event-kind-closing = closing event
event-kind-midway = midway meeting
event-kind-workshop = workshop
event-kind-seminar = seminar
event-kind-gathering = gathering
event-invite =
    📣 You are invited to the { $kind } of { $programme }: { $starts }–{ $ends }, { $place }.
    Will you come?
rsvp-yes-thanks = Great, see you at the { $event }! ✅
rsvp-no-thanks = Thanks for letting us know that you can't come to the { $event }.

## Booking meetings
book-ask-date = When is the meeting? Pick a day, or write it, for example “/booked 12.10 17:00”.
book-ask-time = At what time on { $date }? Pick one, or write it, for example “17:30”.
book-invalid = I could not read that date. Write it like “12.10 17:00” or “2024-10-12 17:00”.
book-in-past = { $when } has already passed. If the meeting took place, send /met.
book-after-end = The programme ends { $end }. Pick a date before that.
book-not-now = Meetings can be booked once you have been introduced and until the programme closes.
booked-confirm = 📅 Booked: your meeting with { $other } on { $when }. I'll remind you both the day before.
booked-moved = 📅 Moved: your next meeting is now { $when }.
booked-notify = 📅 { $by } booked your next meeting for { $when }.
meeting-reminder = ⏰ Reminder: { $mentee } and { $mentor } meet tomorrow, { $when }.
meeting-reminder-with-prompt =
    ⏰ Reminder: { $mentee } and { $mentor } meet tomorrow, { $when }.

    A topic you could take up: { $prompt }
meeting-after-mentee =
    How did meeting { $n } of { $target } with { $mentor } go?

    Remember to book the next one, ideally before you part.
meeting-after-mentor =
    How did meeting { $n } of { $target } with { $mentee } go?

    Is the next one booked? If not, { $mentee } will reach out.
meeting-feedback-thanks = Thank you! 🙏
meeting-missed-ack = Thanks for telling me. I have taken the meeting off the log. Book a new time when you can.
meeting-missed-other = { $by } says the meeting did not happen. { $mentee } will book a new time.
meetings-target-reached = 🎉 { $mentee } and { $mentor } have held all { $target } meetings of the programme. You are welcome to keep meeting until it closes.
met-logged = ✅ Meeting { $n } of { $target } logged.
met-logged-other = ✅ { $by } logged meeting { $n } of { $target } between { $mentee } and { $mentor }.

## Nudges
nudge-mentee = Hi { $mentee }! It has been { $days } days without a meeting booked with { $mentor }. Could you write to { $mentor } and find a time?
nudge-mentee-again = { $mentee }, there is still no meeting booked with { $mentor } ({ $days } days). If something is in the way, you can tell the coordinator.
nudge-mentor = Hi { $mentor }! { $mentee } has not booked a meeting for { $days } days. A short message from you might help. If you are worried, tell the coordinator.
alert-stalled = ⚠️ { $mentee } and { $mentor } have had no meeting booked for { $days } days ({ $held } meetings held). The pair is marked at risk.

## Expectation setting
agree-goals =
    Now that you have met, let's write down your agreement with { $mentor }.
    First: what are your goals for the programme? Write them in one message.
agree-started-mentor = { $mentee } is writing down the agreement for your mentorship; you will both get it.
agree-goals-too-short = That was a little short. Write your goals in a sentence or two, please.
agree-rhythm = How often will you meet?
agree-format = How will you meet?
format-physical = In person
format-virtual = Online
format-mixed = Both
agree-limits =
    Finally, read the frame of the role and press the button when you agree.

    { $limits }
agreement-summary =
    📝 The agreement between { $mentee } and { $mentor }

    Goals: { $goals }
    Rhythm: a meeting every { $days } days, { $target } meetings in all, until { $end }
    Format: { $format }

    { $limits }

## Surveys
survey-name-midterm = mid-term evaluation
survey-name-final = final evaluation
survey-name-follow-up = follow-up survey
survey-intro = 📋 Time for the { $survey } of { $programme }: { $questions } short questions. Please answer by { $deadline }.
survey-reminder = 📋 A reminder: the { $survey } closes { $deadline }. It takes a few minutes.
survey-question =
    { $n }/{ $total }: { $question }
    { $hint }
survey-question-ranking-progress =
    { $n }/{ $total }: { $question }
    So far: { $ranked }
    { $hint }
survey-hint-scale = (1 = not at all, 5 = very much)
survey-hint-single = (pick one)
survey-hint-multi = (pick all that fit, then Done)
survey-hint-ranking = (pick the most important first)
survey-hint-text = (write your answer in a message)
survey-scale-value = { $value }
survey-option-selected = ✅ { $option }
survey-invalid-scale = Please answer with a number from 1 to 5.
survey-invalid-choice = Please pick one of the options.
survey-invalid-multi-empty = Pick at least one option before you press Done.
survey-invalid-ranking = Please rank every option once, for example “2 1 3”.
survey-invalid-text = Please write your answer as a message.
survey-invalid-required = This question cannot be skipped.
survey-thanks = Thank you for answering! 🙏
survey-already-answered = You have already answered that question.
survey-already-closed = That survey is closed.
nothing-to-skip = There is no question to skip right now.

## Closing
closed-mentee = 🎓 { $programme } has ended. Thank you, { $mentee }, for taking part: you and { $mentor } held { $held } meetings. Good luck with the next step!
closed-mentor = 🎓 { $programme } has ended. Thank you, { $mentor }, for giving your time to { $mentee }: you held { $held } meetings. We hope to see you as a mentor again.

## Flags, pauses, endings
flag-ask = What would you like to tell the coordinator?
flag-reason-illness = Illness or a break
flag-reason-communication = We have trouble communicating
flag-reason-faded = The contact has faded out
flag-reason-more-exercises = We would like more exercises
flag-reason-other = Something else
flag-thanks = Thanks. The coordinator has been told: “{ $reason }”. They will get in touch.
alert-flag = 🚩 { $by } ({ $role }) in the pair { $mentee } – { $mentor } says: { $reason }.
paused = ⏸️ The mentorship between { $mentee } and { $mentor } is paused. No reminders until it resumes.
pause-already = The mentorship is already paused or has ended.
alert-paused = ⏸️ The pair { $mentee } – { $mentor } is paused (by the { $by }).
resumed = ▶️ The mentorship between { $mentee } and { $mentor } is running again.
resume-not-paused = The mentorship is not paused.
alert-resumed = ▶️ The pair { $mentee } – { $mentor } is running again.
end-reason-illness = illness
end-reason-communication-problems = communication problems
end-reason-faded-out = the contact faded out
end-reason-found-job = the mentee found a job
end-reason-moved = a move
end-reason-other = another reason
ended-early = The mentorship between { $mentee } and { $mentor } has ended early ({ $reason }). Thank you both for your time.
alert-ended = The pair { $mentee } – { $mentor } has ended early: { $reason }.
pair-ended-reply = Your mentorship has ended. If you need anything, contact the coordinator.

## Status and help
status =
    { $mentee } and { $mentor }: { $phase }.
    Meetings held: { $held } of { $target }. { $booked ->
        [yes] Next meeting: { $when }.
       *[no] No meeting booked.
    }
    The programme ends { $end }.
prompt = 💬 { $prompt }
prompt-none = There are no conversation prompts for this phase.
help-mentee =
    I help you through the mentoring programme. Commands:
    /status – where you are
    /booked – tell me the next meeting is booked
    /met – log a meeting that took place
    /prompt – a topic or exercise for your next meeting
    /flag – tell the coordinator about a problem
    /pause – pause the reminders
    /language – change language
    /mydata – see what I store about you
    /forget – delete your data{ $relay ->
        [on] { "\u000A\u000A" }Anything else you write to me, I pass on to your mentor with your name; the coordinator does not see it.
       *[off] { "" }
    }
help-mentor =
    I help you through the mentoring programme. Commands:
    /status – where your pair is
    /booked – tell me the next meeting is booked
    /met – log a meeting that took place
    /prompt – a topic or exercise for your next meeting
    /flag – tell the coordinator about a problem
    /pause – pause the reminders
    /language – change language
    /mydata – see what I store about you
    /forget – delete your data{ $relay ->
        [on] { "\u000A\u000A" }Anything else you write to me, I pass on to your mentee with your name; the coordinator does not see it.
       *[off] { "" }
    }
unknown-command = I don't know the command /{ $command }.

    { $help }
unknown-text =
    I can't read that as an answer to anything.

    { $help }
button-expired = That button is no longer active.

## Fitting a message to a platform: numbered choices where there are no
## buttons, and a button that pages to the choices a platform cannot show.
choice-line = { $n }. { $label }
button-more = More…
choices-more = More choices:
