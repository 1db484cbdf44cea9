## mentorbot — norsk bokmål. Alle setninger som en deltaker eller koordinator ser.
## Variablene må være de samme i en, da og nb (en test sjekker det).

## Datoer og klokkeslett. $weekday og $monthname kommer fra nøklene nedenfor.
fmt-datetime = { $weekday } { $day }. { $monthname } kl. { $time }
fmt-date = { $weekday } { $day }. { $monthname } { $year }
fmt-day = { $weekday } { $day }.{ $month }.
weekday-1 = mandag
weekday-2 = tirsdag
weekday-3 = onsdag
weekday-4 = torsdag
weekday-5 = fredag
weekday-6 = lørdag
weekday-7 = søndag
month-1 = januar
month-2 = februar
month-3 = mars
month-4 = april
month-5 = mai
month-6 = juni
month-7 = juli
month-8 = august
month-9 = september
month-10 = oktober
month-11 = november
month-12 = desember

## Roller og faser
role-mentee = adept
role-mentor = mentor
role-coordinator = koordinator
phase-matched = matchet, venter på introduksjonen
phase-introduced = introdusert, første møte er ikke avtalt ennå
phase-first-meeting = første møte er avtalt
phase-expectation-setting = forventningsavklaring
phase-active = møtes jevnlig
phase-midterm-check = midtveisstatus
phase-closing = avslutning
phase-closed = avsluttet
phase-follow-up = oppfølging

## Knapper
button-book = 📅 Avtal et møte
button-book-next = 📅 Avtal neste møte
button-rsvp-yes = ✅ Jeg kommer
button-rsvp-no = ❌ Jeg kan ikke komme
button-meeting-good = 👍 Det gikk bra
button-meeting-ok = 🙂 Det var OK
button-meeting-missed = ⚠️ Det ble ikke noe av
button-flag = 🚩 Si fra til koordinatoren
button-resume = ▶️ Fortsett
button-date = { $date }
button-time = { $time }
button-every-days = Hver { $days }. dag
button-agree = ✅ Vi er enige
button-done = Ferdig
button-skip = Hopp over
button-another-prompt = Et nytt forslag

## Introduksjonen
intro-mentee =
    Velkommen til { $programme }, { $mentee }! 🎉

    Mentoren din er { $mentor }. { $has-contact ->
        [yes] Du kan kontakte { $mentor } på { $mentor-contact }.
       *[no] { $relay ->
            [off] Koordinatoren din kan hjelpe dere med å få kontakt.
           *[on] Dere kan skrive til hverandre her gjennom meg.
        }
    }{ $relay ->
        [off] { "" }
       *[on] { " " }Alt du skriver til meg her som ikke er en kommando, sender jeg videre til { $mentor } med navnet ditt. Koordinatoren din ser det ikke.
    }

    Programmet varer fra { $start } til { $end }, og vi foreslår { $meetings } møter på 1–2 timer.

    Neste steg: Du tar kontakt med { $mentor } og avtaler det første møtet deres. Når det er avtalt, gi meg beskjed med knappen under eller med /booked.
intro-mentor =
    Velkommen til { $programme }, { $mentor }, og takk for at du stiller opp som frivillig mentor! 🙏

    Adepten din er { $mentee }. { $has-contact ->
        [yes] Du kan kontakte { $mentee } på { $mentee-contact }.
       *[no] { $relay ->
            [off] Koordinatoren din kan hjelpe dere med å få kontakt.
           *[on] Dere kan skrive til hverandre her gjennom meg.
        }
    }{ $relay ->
        [off] { "" }
       *[on] { " " }Alt du skriver til meg her som ikke er en kommando, sender jeg videre til { $mentee } med navnet ditt. Koordinatoren din ser det ikke.
    }

    Programmet varer fra { $start } til { $end }, med { $meetings } møter på 1–2 timer. Det er { $mentee } som har ansvaret for relasjonen og tar kontakt for å avtale det første møtet deres.
limits-of-the-role =
    Rammene for rollen:
    • Mentoren deler erfaringer fra arbeidslivet: karriereveier, arbeidsmarkedet, søknader, nettverk og arbeidskultur.
    • Mentoren gir ikke råd om studieregler eller psykisk helse; for slike spørsmål kan du kontakte studieveiledningen eller fastlegen.
    • Adepten har selv ansvaret for å få utbytte av møtene og kan ikke forvente å få jobb gjennom mentoren.

## Arrangementer
event-kind-kickoff = oppstartssamling
event-kind-closing = avslutningssamling
event-kind-midway = midtveismøte
event-kind-workshop = workshop
event-kind-seminar = seminar
event-kind-gathering = samling
event-invite =
    📣 Invitasjon til { $kind } i { $programme }: { $starts }–{ $ends }, { $place }.
    Kommer du?
rsvp-yes-thanks = Flott, vi ses på { $event }! ✅
rsvp-no-thanks = Takk for beskjed om at du ikke kan komme på { $event }.

## Avtale møter
book-ask-date = Når er møtet? Velg en dag, eller skriv den, for eksempel «/booked 12.10 17:00».
book-ask-time = Hvilket klokkeslett passer { $date }? Velg ett, eller skriv det, for eksempel «17:30».
book-invalid = Jeg klarte ikke å lese den datoen. Skriv den slik: «12.10 17:00» eller «2024-10-12 17:00».
book-in-past = Tidspunktet { $when } har allerede vært. Hvis møtet ble holdt, send /met.
book-after-end = Programmet slutter { $end }. Velg en dato før det.
book-not-now = Du kan avtale møter når dere er blitt introdusert for hverandre, og fram til programmet avsluttes.
booked-confirm = 📅 Avtalt: møtet ditt med { $other } { $when }. Jeg minner dere begge på det dagen før.
booked-moved = 📅 Flyttet: det neste møtet deres er nå { $when }.
booked-notify = 📅 { $by } har avtalt det neste møtet deres til { $when }.
meeting-reminder = ⏰ Påminnelse: { $mentee } og { $mentor } møtes i morgen, { $when }.
meeting-reminder-with-prompt =
    ⏰ Påminnelse: { $mentee } og { $mentor } møtes i morgen, { $when }.

    Et tema dere kan ta opp: { $prompt }
meeting-after-mentee =
    Hvordan gikk møte { $n } av { $target } med { $mentor }?

    Husk å avtale det neste, helst før dere skilles.
meeting-after-mentor =
    Hvordan gikk møte { $n } av { $target } med { $mentee }?

    Er neste møte avtalt? Hvis ikke, tar { $mentee } kontakt.
meeting-feedback-thanks = Takk! 🙏
meeting-missed-ack = Takk for at du sa fra. Jeg har tatt møtet ut av oversikten. Avtal et nytt tidspunkt når du kan.
meeting-missed-other = { $by } sier at møtet ikke ble noe av. { $mentee } avtaler et nytt tidspunkt.
meetings-target-reached = 🎉 { $mentee } og { $mentor } har hatt alle de { $target } møtene i programmet. Dere er velkomne til å fortsette å møtes til programmet avsluttes.
met-logged = ✅ Møte { $n } av { $target } er registrert.
met-logged-other = ✅ { $by } har registrert møte { $n } av { $target } mellom { $mentee } og { $mentor }.

## Påminnelser
nudge-mentee = Hei { $mentee }! Det har gått { $days } dager uten at noe møte med { $mentor } er avtalt. Kan du skrive til { $mentor } og finne et tidspunkt?
nudge-mentee-again = { $mentee }, det er fortsatt ikke avtalt noe møte med { $mentor } ({ $days } dager). Hvis noe står i veien, kan du si fra til koordinatoren.
nudge-mentor = Hei { $mentor }! { $mentee } har ikke avtalt noe møte på { $days } dager. En kort melding fra deg kan kanskje hjelpe. Hvis du er bekymret, si fra til koordinatoren.
alert-stalled = ⚠️ { $mentee } og { $mentor } har ikke hatt noe møte avtalt på { $days } dager ({ $held } møter holdt). Paret er merket som i fare for å stoppe opp.

## Forventningsavklaring
agree-goals =
    Nå som dere har møttes, skal vi skrive ned avtalen din med { $mentor }.
    Først: Hva er målene dine for programmet? Skriv dem i én melding.
agree-started-mentor = { $mentee } skriver ned avtalen for mentorrelasjonen deres; dere får den begge to.
agree-goals-too-short = Skriv gjerne målene dine med noen få ord.
agree-rhythm = Hvor ofte skal dere møtes?
agree-format = Hvordan skal dere møtes?
format-physical = Fysisk
format-virtual = Digitalt
format-mixed = Begge deler
agree-limits =
    Til slutt: Les gjennom rammene for rollen, og trykk på knappen når dere er enige.

    { $limits }
agreement-summary =
    📝 Avtalen mellom { $mentee } og { $mentor }

    Mål: { $goals }
    Rytme: ett møte hver { $days }. dag, { $target } møter totalt, fram til { $end }
    Form: { $format }

    { $limits }

## Evalueringer
survey-name-midterm = midtveisevaluering
survey-name-final = sluttevaluering
survey-name-follow-up = oppfølgingsundersøkelse
survey-intro = 📋 Nå er det tid for { $survey } i { $programme }: { $questions } korte spørsmål. Svar gjerne innen { $deadline }.
survey-reminder = 📋 Påminnelse om { $survey }: Du kan svare fram til { $deadline }. Det tar bare noen minutter.
survey-question =
    { $n }/{ $total }: { $question }
    { $hint }
survey-question-ranking-progress =
    { $n }/{ $total }: { $question }
    Så langt: { $ranked }
    { $hint }
survey-hint-scale = (1 = ikke i det hele tatt, 5 = i svært stor grad)
survey-hint-single = (velg ett)
survey-hint-multi = (velg alle som passer, og trykk så Ferdig)
survey-hint-ranking = (velg det viktigste først)
survey-hint-text = (skriv svaret ditt i en melding)
survey-scale-value = { $value }
survey-option-selected = ✅ { $option }
survey-invalid-scale = Svar gjerne med et tall fra 1 til 5.
survey-invalid-choice = Velg gjerne ett av alternativene.
survey-invalid-multi-empty = Velg minst ett alternativ før du trykker Ferdig.
survey-invalid-ranking = Ranger gjerne alle alternativene én gang hver, for eksempel «2 1 3».
survey-invalid-text = Skriv gjerne svaret ditt som en melding.
survey-invalid-required = Dette spørsmålet kan ikke hoppes over.
survey-thanks = Takk for svarene dine! 🙏
survey-already-answered = Du har allerede svart på det spørsmålet.
survey-already-closed = Den undersøkelsen er avsluttet.
nothing-to-skip = Det er ikke noe spørsmål å hoppe over akkurat nå.

## Avslutning
closed-mentee = 🎓 { $programme } er avsluttet. Takk for at du var med, { $mentee }: Du og { $mentor } hadde { $held } møter. Lykke til videre!
closed-mentor = 🎓 { $programme } er avsluttet. Takk, { $mentor }, for at du har gitt av tiden din til { $mentee }: Dere hadde { $held } møter. Vi håper å se deg som mentor igjen.

## Beskjeder til koordinatoren, pauser, avslutning før tiden
flag-ask = Hva vil du si fra om til koordinatoren?
flag-reason-illness = Sykdom eller en pause
flag-reason-communication = Vi sliter med kommunikasjonen
flag-reason-faded = Kontakten har ebbet ut
flag-reason-more-exercises = Vi ønsker flere øvelser
flag-reason-other = Noe annet
flag-thanks = Takk. Koordinatoren har fått beskjed: «{ $reason }». Du hører snart fra koordinatoren.
alert-flag = 🚩 { $by } ({ $role }) i paret { $mentee } – { $mentor } sier: { $reason }.
paused = ⏸️ Mentorrelasjonen mellom { $mentee } og { $mentor } er satt på pause. Ingen påminnelser før den er i gang igjen.
pause-already = Mentorrelasjonen er allerede satt på pause eller avsluttet.
alert-paused = ⏸️ Paret { $mentee } – { $mentor } er satt på pause (av { $by }).
resumed = ▶️ Mentorrelasjonen mellom { $mentee } og { $mentor } er i gang igjen.
resume-not-paused = Mentorrelasjonen er ikke satt på pause.
alert-resumed = ▶️ Paret { $mentee } – { $mentor } er i gang igjen.
end-reason-illness = sykdom
end-reason-communication-problems = kommunikasjonsproblemer
end-reason-faded-out = kontakten ebbet ut
end-reason-found-job = adepten fikk jobb
end-reason-moved = flytting
end-reason-other = en annen grunn
ended-early = Mentorrelasjonen mellom { $mentee } og { $mentor } er avsluttet før tiden ({ $reason }). Takk til dere begge for tiden dere har gitt.
alert-ended = Paret { $mentee } – { $mentor } er avsluttet før tiden: { $reason }.
pair-ended-reply = Mentorrelasjonen din er avsluttet. Hvis du trenger noe, ta kontakt med koordinatoren.

## Status og hjelp
status =
    { $mentee } og { $mentor }: { $phase }.
    Møter holdt: { $held } av { $target }. { $booked ->
        [yes] Neste møte: { $when }.
       *[no] Ingen møter avtalt.
    }
    Programmet slutter { $end }.
prompt = 💬 { $prompt }
prompt-none = Det finnes ingen samtaletemaer for denne fasen.
help-mentee =
    Jeg hjelper deg gjennom mentorprogrammet. Kommandoer:
    /status – hvor du er i programmet
    /booked – si fra at neste møte er avtalt
    /met – registrer et møte som er holdt
    /prompt – et tema eller en øvelse til neste møte
    /flag – si fra til koordinatoren om et problem
    /pause – sett påminnelsene på pause
    /language – bytt språk
    /mydata – se hva jeg har lagret om deg
    /forget – slett dataene dine{ $relay ->
        [on] { "\u000A\u000A" }Alt annet du skriver til meg, sender jeg videre til mentoren din med navnet ditt. Koordinatoren ser det ikke.
       *[off] { "" }
    }
help-mentor =
    Jeg hjelper deg gjennom mentorprogrammet. Kommandoer:
    /status – hvordan det går med dere
    /booked – si fra at neste møte er avtalt
    /met – registrer et møte som er holdt
    /prompt – et tema eller en øvelse til neste møte
    /flag – si fra til koordinatoren om et problem
    /pause – sett påminnelsene på pause
    /language – bytt språk
    /mydata – se hva jeg har lagret om deg
    /forget – slett dataene dine{ $relay ->
        [on] { "\u000A\u000A" }Alt annet du skriver til meg, sender jeg videre til adepten din med navnet ditt. Koordinatoren ser det ikke.
       *[off] { "" }
    }
unknown-command = Jeg kjenner ikke kommandoen /{ $command }.

    { $help }
unknown-text =
    Jeg skjønner ikke hva dette er svar på.

    { $help }
button-expired = Den knappen er ikke aktiv lenger.

## Fitting a message to a platform: numbered choices where there are no
## buttons, and a button that pages to the choices a platform cannot show.
choice-line = { $n }. { $label }
button-more = Flere …
choices-more = Flere valg:
