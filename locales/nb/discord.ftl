## Discord: slash command descriptions and Discord-only answers.

discord-write = ✏️ Skriv…
discord-write-title = Skriv til mentorbot
discord-write-label = Meldingen din
discord-see-dm = Jeg har svart deg i en privat melding.
discord-try-again = Noe gikk galt hos meg. Prøv igjen om litt.
discord-stale = Den knappen virker ikke lenger. Bruk knappene i den siste meldingen min.
discord-join-here = Bruk /bli-med på programmets server, med invitasjonskoden du har fått.
discord-unknown-command = Den kommandoen kjenner jeg ikke. Prøv /hjelp.
discord-cmd-join = bli med i mentorprogrammet med invitasjonskoden din
discord-opt-code = invitasjonskoden du har fått
discord-opt-when = dato og klokkeslett, f.eks. 12.10 17:00
discord-opt-language = språket jeg skal skrive på
discord-lang-en = English
discord-lang-da = Dansk
discord-lang-nb = Norsk
discord-name-join = bli-med
discord-name-help = hjelp
discord-name-status = status
discord-name-booked = avtalt
discord-name-met = møttes
discord-name-prompt = tema
discord-name-flag = problem
discord-name-pause = pause
discord-name-language = språk
discord-name-profile = profil
discord-name-mydata = mine-data
discord-name-consent = samtykke
discord-name-forget = glem-meg

## The coordinators' own commands (Telegram's menu, Discord's server).
cmd-pairs = alle par og hvordan det går; sett på pause, fortsett eller avslutt
cmd-report = evalueringen kort, med en graf over det samlede utbyttet
cmd-match = den beste matchingen av adeptene som venter
discord-name-pairs = par
discord-name-report = rapport
discord-name-match = match
discord-name-broadcast = send-ut
discord-name-event = arrangementer
