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

## mentorbot schedule
cli-schedule-added = Planen { $id } er tilføjet.
cli-schedule-line = { $id }: { $job }, cron "{ $cron }", næste gang { $next } ({ $source })
cli-schedule-line-never = { $id }: { $job }, cron "{ $cron }", aldrig igen ({ $source })
cli-schedule-removed = Planen { $id } er fjernet.
schedule-job-broadcast = udsendelse
schedule-job-event = tilbagevendende arrangement
schedule-job-digest = ugentligt overblik
schedule-set-by-file = fra forløbsfilen
schedule-set-by-coordinator = sat af en koordinator

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
    Kommer: { $yes } · Måske: { $maybe } · Kommer ikke: { $no } · Har ikke svaret: { $open }
    Hvem kommer: { $coming }

## Coordinators' command menu
cmd-broadcast = send en besked til en gruppe deltagere
cmd-event = kommende arrangementer og hvem der kommer

## /event: creating, changing and cancelling an event
event-kind-interviews = jobsamtaletræning
event-kind-other = arrangement
event-new = Vil du oprette et nyt arrangement?
event-none-new = Der er ingen kommende arrangementer. Vil du oprette et?
event-button-new = ➕ Nyt arrangement
event-button-edit = ✏️ Ret
event-button-cancel-event = 🗑 Aflys
event-button-save = ✅ Gem
event-button-keep = Behold som det er
event-button-abort = Stop
event-button-drop = Ja, aflys det
event-button-keep-event = Nej, behold det
event-ask-kind = Hvilken slags arrangement er det?
event-ask-title = Hvad hedder arrangementet? Skriv titlen.
event-ask-start = Hvornår begynder det? Skriv dato og klokkeslæt, for eksempel “2030-09-05 17:00”.
event-ask-end = Hvornår slutter det? Skriv klokkeslættet, for eksempel “19:00”.
event-ask-place = Hvor foregår det? Skriv stedet eller et link til mødet.
event-ask-audience = Hvem er inviteret?
event-ask-deadline = Hvilken dag skal deltagerne senest svare? Skriv en dato, for eksempel “2030-09-01”.
event-ask-or-keep =
    { $question }
    Nu: { $now }
event-bad-title = Titlen skal være én linje tekst på højst 200 tegn.
event-bad-place = Skriv stedet eller linket som én linje tekst på højst 200 tegn.
event-bad-start = Det kunne jeg ikke læse. Skriv dato og klokkeslæt sådan her: “2030-09-05 17:00”.
event-bad-start-past = Det tidspunkt er allerede passeret. Skriv et starttidspunkt ude i fremtiden.
event-bad-end = Sluttidspunktet skal ligge efter starten og skrives sådan her: “19:00”.
event-bad-deadline = Den dato kunne jeg ikke læse. Skriv den sådan her: “2030-09-01”.
event-bad-deadline-after = Svarfristen skal senest være på dagen for arrangementet.
event-bad-deadline-past = Den dag er allerede gået. Skriv i dag eller en senere dag.
event-preview =
    { $event } ({ $kind })
    { $starts }–{ $ends }, { $place }
    Inviteret: { $audience }. Svarfrist: { $deadline }.
    Skal det gemmes?
event-nothing-changed = Stoppet. Intet blev ændret.
event-created = { $event } er oprettet. Invitationerne sendes nu.
event-change-done = { $event } er ændret. { $count ->
        [0] Ingen er inviteret endnu.
        [one] Den ene inviterede får besked.
       *[other] De { $count } inviterede får besked.
    }
event-drop-confirm = Aflys { $event } { $starts }? Alle inviterede får besked.
event-dropped = { $event } er aflyst. { $count ->
        [0] Ingen var inviteret endnu.
        [one] Den ene inviterede får besked.
       *[other] De { $count } inviterede får besked.
    }
event-remind-answer = Kommer du til { $event } { $starts }? Svar gerne senest { $deadline }.
event-remind-tomorrow = Vi ses i morgen til { $event }: { $starts }, { $place }.
event-changed =
    📣 { $event } er ændret. Det er nu { $starts }–{ $ends }, { $place }.
    Kan du stadig komme?
event-cancelled = 📣 { $event } { $starts } er aflyst.
event-bad-kind = Typen skal være en af: kickoff, workshop, midway, interviews, closing, seminar, gathering, other.
event-bad-audience = Et arrangement kan kun være for everyone, mentors, mentees, unmatched eller at-risk.
event-missing = Et nyt arrangement skal have en type, en titel, en start, en slutning og et sted.

## RSVP "maybe"
button-rsvp-maybe = 🤔 Måske
rsvp-maybe-thanks = Tak! Vi har noteret, at du måske kommer til { $event }. Du kan altid ændre dit svar med knapperne.
