## The coordinator's broadcasts, events with RSVP, schedules and the weekly digest.

coordinator-only = Det er kun programmets koordinatorer, der kan gøre det.

## /broadcast
broadcast-ask-audience = Hvem skal have beskeden?
broadcast-audience-everyone = Alle
broadcast-audience-mentees = Mentees
broadcast-audience-mentors = Mentorer
broadcast-audience-unmatched = Endnu ikke matchet
broadcast-audience-at-risk = Par i risiko
broadcast-audience-survey = Har ikke svaret på en åben undersøgelse
broadcast-audience-event = Har ikke svaret: { $event }
broadcast-audience-profile = Efter et felt i profilen
broadcast-who-everyone = alle mentorer og mentees
broadcast-who-mentees = mentees
broadcast-who-mentors = mentorerne
broadcast-who-unmatched = dem, der endnu ikke er matchet
broadcast-who-at-risk = begge i hvert par i risiko
broadcast-who-survey = dem, der ikke har svaret på en åben undersøgelse
broadcast-who-event = dem, der ikke har svaret på invitationen
broadcast-who-profile = dem med det valgte felt i profilen
broadcast-profile-not-yet = Det er endnu ikke muligt at vælge modtagere efter et felt i profilen. Vælg en anden gruppe.
broadcast-ask-text = Skriv beskeden. Send én tekst til alle, eller tryk på knappen for at skrive en til hvert sprog.
broadcast-ask-text-in = Sprog: { $language }. Skriv beskeden til dem, der læser det.
broadcast-preview-text = Sådan kommer den til at se ud:
    { $text }
broadcast-preview-text-in = { $language }:
    { $text }
broadcast-preview = Den sendes til { $audience }: { $count ->
        [one] én person
       *[other] { $count } personer
    }. Skal den sendes?
broadcast-nobody = Der er ingen i den gruppe lige nu, så intet blev sendt.
broadcast-cancelled = Annulleret. Intet blev sendt.
broadcast-started = Sender til { $count ->
        [one] én person
       *[other] { $count } personer
    }. Jeg giver besked om, hvordan det går.
broadcast-progress = { $percent } % færdig: { $sent } af { $total } leveret{ $failed ->
        [0] .
       *[other] , { $failed } kunne ikke leveres.
    }
broadcast-stopped = Stoppet. { $sent } var allerede leveret; { $dropped } bliver ikke sendt.
broadcast-message = { $text }
broadcast-button-per-language = Én tekst pr. sprog
broadcast-button-send = ✅ Send
broadcast-button-cancel = Annullér
broadcast-button-stop = ⏹ Stop udsendelsen

## mentorbot broadcast
cli-broadcast-dry-run = Prøvekørsel: den ville gå til { $count } ({ $audience }). Intet blev sendt.
cli-broadcast-queued = Udsendelse { $id } er sat i kø til { $count } modtagere.

## The weekly digest
digest =
    Dit ugentlige overblik
    Par i risiko ({ $at-risk }): { $pairs }
    Åbne flag: { $flags }
    Besvarede undersøgelser indtil nu: { $surveys }
    Svar på kommende arrangementer: { $events }
    Beskeder, der ikke kunne leveres: { $dead }

## /event and mentorbot event show
event-none = Der er ingen kommende arrangementer.
event-overview =
    { $event } ({ $id }), { $starts }
    Kommer: { $yes } · Kommer ikke: { $no } · Har ikke svaret: { $open }
    Hvem kommer: { $coming }

## Coordinators' command menu
cmd-broadcast = send en besked til en gruppe deltagere
cmd-event = kommende arrangementer og hvem der kommer
