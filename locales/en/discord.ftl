## Discord: slash command descriptions and Discord-only answers.

discord-write = ✏️ Write…
discord-write-title = Write to mentorbot
discord-write-label = Your message
discord-see-dm = I've answered you in a direct message from me.
discord-try-again = Something went wrong on my side. Please try again in a moment.
discord-stale = That button no longer works. Use the buttons in my latest message.
discord-join-here = Use /join in your programme's server, with the invite code you were given.
discord-unknown-command = I don't know that command. Try /help.
discord-cmd-join = join the mentoring programme with your invite code
discord-opt-code = the invite code you were given
discord-opt-when = date and time, e.g. 12.10 17:00
discord-opt-language = the language I should write in
discord-lang-en = English
discord-lang-da = Dansk
discord-lang-nb = Norsk
discord-name-join = join
discord-name-help = help
discord-name-status = status
discord-name-booked = booked
discord-name-met = met
discord-name-prompt = prompt
discord-name-flag = flag
discord-name-pause = pause
discord-name-language = language
discord-name-profile = profile
discord-name-mydata = mydata
discord-name-consent = consent
discord-name-forget = forget

## The coordinators' own commands (Telegram's menu, Discord's server).
cmd-pairs = every pair and how it is doing; pause, resume or end one
cmd-report = the evaluation in short, with the overall-benefit chart
cmd-match = the best matching of the waiting mentees
discord-name-pairs = pairs
discord-name-report = report
discord-name-match = match
discord-name-broadcast = broadcast
discord-name-event = event
