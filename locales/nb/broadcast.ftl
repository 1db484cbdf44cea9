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
    Kommer: { $yes } · Kommer ikke: { $no } · Har ikke svart: { $open }
    Hvem kommer: { $coming }

## Coordinators' command menu
cmd-broadcast = send en melding til en gruppe deltakere
cmd-event = kommende arrangementer og hvem som kommer
