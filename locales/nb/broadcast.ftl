## The coordinator's broadcasts, events with RSVP, schedules and the weekly digest.

coordinator-only = Det er bare koordinatorene i programmet som kan gjøre det.

## /broadcast
broadcast-ask-audience = Hvem skal få meldingen?
broadcast-audience-everyone = Alle
broadcast-audience-mentees = Mentees
broadcast-audience-mentors = Mentorer
broadcast-audience-unmatched = Ikke matchet ennå
broadcast-audience-at-risk = Par i faresonen
broadcast-audience-survey = Har ikke svart på en åpen undersøkelse
broadcast-audience-event = Har ikke svart: { $event }
broadcast-audience-profile = Etter et felt i profilen
broadcast-who-everyone = alle mentorer og mentees
broadcast-who-mentees = menteene
broadcast-who-mentors = mentorene
broadcast-who-unmatched = de som ikke er matchet ennå
broadcast-who-at-risk = begge i hvert par i faresonen
broadcast-who-survey = de som ikke har svart på en åpen undersøkelse
broadcast-who-event = de som ikke har svart på invitasjonen
broadcast-who-profile = de med det valgte feltet i profilen
broadcast-profile-not-yet = Det går ikke ennå å velge mottakere etter et felt i profilen. Velg en annen gruppe.
broadcast-ask-text = Skriv meldingen. Send én tekst til alle, eller trykk på knappen for å skrive en for hvert språk.
broadcast-ask-text-in = Språk: { $language }. Skriv meldingen til dem som leser det.
broadcast-preview-text = Slik kommer den til å se ut:
    { $text }
broadcast-preview-text-in = { $language }:
    { $text }
broadcast-preview = Den sendes til { $audience }: { $count ->
        [one] én person
       *[other] { $count } personer
    }. Skal den sendes?
broadcast-nobody = Det er ingen i den gruppen akkurat nå, så ingenting ble sendt.
broadcast-cancelled = Avbrutt. Ingenting ble sendt.
broadcast-started = Sender til { $count ->
        [one] én person
       *[other] { $count } personer
    }. Jeg sier fra om hvordan det går.
broadcast-progress = { $percent } % ferdig: { $sent } av { $total } levert{ $failed ->
        [0] .
       *[other] , { $failed } kunne ikke leveres.
    }
broadcast-stopped = Stoppet. { $sent } var allerede levert; { $dropped } blir ikke sendt.
broadcast-message = { $text }
broadcast-button-per-language = Én tekst per språk
broadcast-button-send = ✅ Send
broadcast-button-cancel = Avbryt
broadcast-button-stop = ⏹ Stopp utsendelsen

## mentorbot broadcast
cli-broadcast-dry-run = Prøvekjøring: den ville gått til { $count } ({ $audience }). Ingenting ble sendt.
cli-broadcast-queued = Utsendelse { $id } er lagt i kø til { $count } mottakere.

## mentorbot schedule
cli-schedule-added = Planen { $id } er lagt til.
cli-schedule-line = { $id }: { $job }, cron "{ $cron }", neste gang { $next } ({ $source })
cli-schedule-line-never = { $id }: { $job }, cron "{ $cron }", aldri igjen ({ $source })
cli-schedule-removed = Planen { $id } er fjernet.
schedule-job-broadcast = utsendelse
schedule-job-event = gjentakende arrangement
schedule-job-digest = ukentlig oversikt
schedule-set-by-file = fra programfilen
schedule-set-by-coordinator = satt av en koordinator

## The weekly digest
digest =
    Din ukentlige oversikt
    Par i faresonen ({ $at-risk }): { $pairs }
    Åpne flagg: { $flags }
    Besvarte undersøkelser så langt: { $surveys }
    Svar på kommende arrangementer: { $events }
    Meldinger som ikke kunne leveres: { $dead }

## /event and mentorbot event show
event-none = Det er ingen kommende arrangementer.
event-overview =
    { $event } ({ $id }), { $starts }
    Kommer: { $yes } · Kanskje: { $maybe } · Kommer ikke: { $no } · Har ikke svart: { $open }
    Hvem kommer: { $coming }

## Coordinators' command menu
cmd-broadcast = send en melding til en gruppe deltakere
cmd-event = kommende arrangementer og hvem som kommer

## /event: creating, changing and cancelling an event
event-kind-interviews = jobbintervjutrening
event-kind-other = arrangement
event-new = Vil du opprette et nytt arrangement?
event-none-new = Det er ingen kommende arrangementer. Vil du opprette et?
event-button-new = ➕ Nytt arrangement
event-button-edit = ✏️ Endre
event-button-cancel-event = 🗑 Avlys
event-button-save = ✅ Lagre
event-button-keep = Behold som det er
event-button-abort = Stopp
event-button-drop = Ja, avlys det
event-button-keep-event = Nei, behold det
event-ask-kind = Hva slags arrangement er det?
event-ask-title = Hva heter arrangementet? Skriv tittelen.
event-ask-start = Når begynner det? Skriv dato og klokkeslett, for eksempel «2030-09-05 17:00».
event-ask-end = Når slutter det? Skriv klokkeslettet, for eksempel «19:00».
event-ask-place = Hvor er det? Skriv stedet eller en lenke til møtet.
event-ask-audience = Hvem er invitert?
event-ask-deadline = Hvilken dag må deltakerne svare innen? Skriv en dato, for eksempel «2030-09-01».
event-ask-or-keep =
    { $question }
    Nå: { $now }
event-bad-title = Tittelen må være én linje tekst på høyst 200 tegn.
event-bad-place = Skriv stedet eller lenken som én linje tekst på høyst 200 tegn.
event-bad-start = Det klarte jeg ikke å lese. Skriv dato og klokkeslett slik: «2030-09-05 17:00».
event-bad-start-past = Det tidspunktet har allerede vært. Skriv et starttidspunkt fram i tid.
event-bad-end = Slutten må være etter starten og skrives slik: «19:00».
event-bad-deadline = Den datoen klarte jeg ikke å lese. Skriv den slik: «2030-09-01».
event-bad-deadline-after = Svarfristen må være senest samme dag som arrangementet.
event-bad-deadline-past = Den dagen har allerede vært. Skriv i dag eller en senere dag.
event-preview =
    { $event } ({ $kind })
    { $starts }–{ $ends }, { $place }
    Invitert: { $audience }. Svarfrist: { $deadline }.
    Vil du lagre det?
event-nothing-changed = Stoppet. Ingenting ble endret.
event-created = { $event } er opprettet. Invitasjonene sendes nå.
event-change-done = { $event } er endret. { $count ->
        [0] Ingen er invitert ennå.
        [one] Den ene inviterte får beskjed.
       *[other] De { $count } inviterte får beskjed.
    }
event-drop-confirm = Avlyse { $event } { $starts }? Alle inviterte får beskjed.
event-dropped = { $event } er avlyst. { $count ->
        [0] Ingen var invitert ennå.
        [one] Den ene inviterte får beskjed.
       *[other] De { $count } inviterte får beskjed.
    }
event-remind-answer = Kommer du på { $event } { $starts }? Svar gjerne innen { $deadline }.
event-remind-tomorrow = Vi ses i morgen på { $event }: { $starts }, { $place }.
event-changed =
    📣 { $event } er endret. Det er nå { $starts }–{ $ends }, { $place }.
    Kan du fortsatt komme?
event-cancelled = 📣 { $event } { $starts } er avlyst.
event-bad-kind = Typen må være en av: kickoff, workshop, midway, interviews, closing, seminar, gathering, other.
event-bad-audience = Et arrangement kan bare være for everyone, mentors, mentees, unmatched eller at-risk.
event-missing = Et nytt arrangement må ha en type, en tittel, en start, en slutt og et sted.

## RSVP "maybe"
button-rsvp-maybe = 🤔 Kanskje
rsvp-maybe-thanks = Takk! Vi har notert at du kanskje kommer på { $event }. Du kan når som helst endre svaret ditt med knappene.
