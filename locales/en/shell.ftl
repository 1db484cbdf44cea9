## Messages of the shell: registration, language, data, coordinator
## alerts from the dispatcher, and the CLI's check-programme and simulate.

not-registered = Hi! I am the mentoring programme's bot. To join, open the invitation link your coordinator sent you.
unpaired = You are registered. Your coordinator will match you soon, and I will introduce you to your match here.
language-ask = Which language would you like?
language-name-en = English
language-name-da = Dansk
language-name-nb = Norsk
language-set = OK, I will write to you in { $language } from now on.
forget-confirm = Do you want me to delete your name, contact details and chat accounts? Your mentorship will end, and your coordinator will be told. What you wrote yourself (goals, free-text answers) is deleted; your ratings and choices in surveys are kept without your name.
forget-confirm-delete = Do you want me to delete your name, contact details and chat accounts? Your mentorship will end, and your coordinator will be told. Your survey answers, ratings and replies to invitations are deleted too.
button-forget-yes = 🗑️ Yes, delete
button-forget-no = Cancel
forget-cancelled = Nothing was deleted.
forget-done = Your data has been deleted. Thank you for taking part.
alert-forgotten = A { $role } asked to have their data deleted; their mentorship has ended.
alert-dead-letter = ⚠️ A message to { $name } ({ $role }) could not be delivered after several tries: { $error }. Please contact them another way.
alert-unreachable = ⚠️ { $name } ({ $role }) has blocked the bot and can no longer be reached in chat. Please contact them another way.
coordinator-status =
    { $programme }: { $pairs ->
        [one] 1 pair
       *[other] { $pairs } pairs
    }, { $at-risk } at risk, { $flags ->
        [one] 1 open flag
       *[other] { $flags } open flags
    }.
help-coordinator =
    You are a coordinator. I send you alerts when a pair stalls, a participant flags a problem, or a message cannot be delivered.
    /status – the programme at a glance
    /pairs – every pair, why one is at risk; pause, resume or end a pair
    /report – the evaluation in short, with the chart of the overall benefit
    /match – the best matching of the waiting mentees, with scores and the waitlist
    /broadcast – a message to everyone, the mentors, the mentees or another group, with a preview first
    /event – the coming events: who is coming, who has not answered
    /language – change language

## mentorbot check-programme
check-ok = ✓ { $file }: { $name } ({ $languages }; { $tz })
check-rhythm =
    { "  " }{ $target } meetings, one every { $every } days, { $duration } minutes each.
    { "  " }Nudges after { $n1 }, { $n2 } and { $n3 } days without a booked meeting; the coordinator is alerted after { $n4 }.
    { "  " }Quiet hours { $quiet-from }–{ $quiet-to } in each recipient's time zone.
timeline-intro = joint intro to every pair
timeline-start = the programme starts
timeline-end = the programme ends
timeline-event-invite = invitation to the { $kind }
timeline-event = { $kind }, { $place }
timeline-survey-opens = { $survey } opens ({ $questions } questions)
timeline-survey-reminder = reminder for the { $survey }
timeline-survey-deadline = { $survey } closes

## mentorbot simulate
sim-title = { $programme }: a simulated run with { $pairs } pairs (seed { $seed })
sim-legend = Times are in { $tz }. → a message from the bot; ← what the simulated participant did.
sim-day = { $date }
sim-who = { $role } { $name } (pair { $pair })
sim-pressed = pressed “{ $button }”
sim-pair = pair { $pair }: { $mentee } – { $mentor }
sim-summary = ══ Summary ══
sim-summary-pairs = Pairs: { $pairs } ({ $prompt } prompt, { $slow } slow, { $ghosting } who stop answering)
sim-summary-meetings = Meetings held: { $held } of { $target } planned ({ $percent }%)
sim-summary-per-month = Messages per participant per month:
sim-summary-total = Messages in all: { $messages }
sim-summary-nudges = Nudges sent: { $mentee } reminders to mentees, { $again } second reminders, { $mentor } to mentors, { $coordinator } alerts to the coordinator
sim-summary-at-risk = Pairs flagged at risk: { $count }
sim-summary-responses = Survey responses:
sim-summary-response = { $survey }, { $role }s: { $done } of { $asked } ({ $percent }%)

## Registration from an invite link
reg-welcome =
    Welcome to { $programme }! You are invited as a { $role }.
    Which language would you like me to write in?
reg-ask-name = What is your name, as your match will see it?
reg-ask-consent = May I share your contact details on this chat app with your { $role }, so you can reach each other directly?
button-consent-yes = ✅ Yes, share them
button-consent-no = No, only through the bot
reg-invalid-choice = Please pick one of the buttons.
reg-invalid-name = Please write your name (2 to 80 characters).
reg-done = Thank you, { $name }! You are registered for { $programme }. { $consent ->
        [yes] Your contact details will be shared with your match.
       *[no] Your contact details stay with us; you and your match write through me.
    }
invite-unknown = That invitation link is not valid (any more). Ask your coordinator for a new one.
reg-already = You are already registered.

## mentorbot invite / participants / match
cli-invite = Invite code for a { $role }: { $code }
cli-invite-link = Link to send: { $link }
cli-participant = { $id }  { $role }  { $name }{ $paired ->
        [yes] {"  "}(matched)
       *[no] {""}
    }
cli-matched = Pair { $pair }: mentee { $mentee } and mentor { $mentor } are matched. The intro goes out when the programme says.

## Telegram command menu
cmd-help = what I can do
cmd-status = where your mentorship stands
cmd-booked = the next meeting is booked
cmd-met = log a meeting that took place
cmd-prompt = a topic or exercise for the next meeting
cmd-flag = tell the coordinator about a problem
cmd-pause = pause the reminders
cmd-language = change language
cmd-mydata = what I store about you
cmd-forget = delete your data

## The built-in web chat page
webchat-title = mentorbot – try it
webchat-intro = Try the bot in your browser. Choose who you are:
webchat-try-mentee = I am a mentee
webchat-try-mentor = I am a mentor
webchat-try-coordinator = I am a coordinator
webchat-placeholder = Write a message…
webchat-send = Send
