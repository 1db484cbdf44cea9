## Discord: slash command descriptions and Discord-only answers.

discord-write = ✏️ Skriv…
discord-write-title = Skriv til mentorbot
discord-write-label = Din besked
discord-see-dm = Jeg har svaret dig i en privat besked.
discord-try-again = Noget gik galt hos mig. Prøv igen om lidt.
discord-stale = Den knap virker ikke længere. Brug knapperne i min seneste besked.
discord-join-here = Brug /tilmeld på jeres programs server med den invitationskode, du har fået.
discord-unknown-command = Den kommando kender jeg ikke. Prøv /hjælp.
discord-cmd-join = tilmeld dig mentorprogrammet med din invitationskode
discord-opt-code = den invitationskode, du har fået
discord-opt-when = dato og klokkeslæt, f.eks. 12.10 17:00
discord-opt-language = det sprog, jeg skal skrive på
discord-lang-en = English
discord-lang-da = Dansk
discord-lang-nb = Norsk
discord-name-join = tilmeld
discord-name-help = hjælp
discord-name-status = status
discord-name-booked = aftalt
discord-name-met = mødtes
discord-name-prompt = emne
discord-name-flag = problem
discord-name-pause = pause
discord-name-language = sprog
discord-name-profile = profil
discord-name-mydata = mine-data
discord-name-consent = samtykke
discord-name-forget = glem-mig

## The coordinators' own commands (Telegram's menu, Discord's server).
cmd-pairs = alle par og hvordan det går; sæt på pause, genoptag eller afslut
cmd-report = evalueringen kort, med en graf over det samlede udbytte
cmd-match = den bedste matchning af de ventende mentees
discord-name-pairs = par
discord-name-report = rapport
discord-name-match = match
discord-name-broadcast = rundsend
discord-name-event = arrangementer
