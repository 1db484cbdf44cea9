## Running a cohort: flags, pair health, pair control, exercises, the report.

## Henvendelser
flag-reason-no-answer = Den anden svarer ikke
flag-note-ask = Hvad vil du gerne fortælle koordinatoren? Skriv det i én besked.
flag-note-empty = Skriv gerne et par ord til koordinatoren.
flag-alert =
    🚩 { $by } ({ $role }) i parret { $mentee } – { $mentor } melder: { $reason }.
    { $held ->
        [0] Der er ikke holdt noget møde endnu.
        [one] 1 møde holdt, den { $last }.
       *[other] { $held } møder holdt, det seneste den { $last }.
    }
    Påmindelser siden da: { $nudges }. Åbne spørgeskemaer: { $surveys }.
    Den anden i parret har ikke fået besked.
flag-alert-note =
    🚩 { $by } ({ $role }) i parret { $mentee } – { $mentor } melder: { $reason }.
    Vedkommende skriver: »{ $note }«
    { $held ->
        [0] Der er ikke holdt noget møde endnu.
        [one] 1 møde holdt, den { $last }.
       *[other] { $held } møder holdt, det seneste den { $last }.
    }
    Påmindelser siden da: { $nudges }. Åbne spørgeskemaer: { $surveys }.
    Den anden i parret har ikke fået besked.
flag-button-ack = ✅ Set
flag-button-resolve = ✔️ Løst
flag-button-call = 📞 Ring til mig
flag-acknowledged = { $coordinator }, din koordinator, har set din henvendelse og vender tilbage.
flag-acknowledged-done = Markeret som set. Den, der skrev, har fået besked.
flag-resolved-done = Henvendelsen er markeret som løst.
flag-already-acknowledged = Henvendelsen er allerede markeret som set.
flag-already-resolved = Henvendelsen er allerede løst.
flag-unknown = Den henvendelse hører ikke til dit program.
flag-call-me = { $coordinator }, din koordinator, vil gerne tale med dig. Du kan fange vedkommende på: { $contact }
flag-call-done = Dine kontaktoplysninger er sendt til den, der skrev.
flag-call-no-contact = Du har ingen kontaktoplysninger gemt, så der er intet at sende. Kontakt vedkommende på anden vis.
flag-flagger-gone = Den, der skrev henvendelsen, har fået sine data slettet.
flag-reraise =
    🚩 Stadig ikke set efter { $days } dage: { $by } i parret { $mentee } – { $mentor } meldte: { $reason }.
flag-reraise-note =
    🚩 Stadig ikke set efter { $days } dage: { $by } i parret { $mentee } – { $mentor } meldte: { $reason }.
    Vedkommende skrev: »{ $note }«
## Parrenes tilstand, /pairs og styring af par
pairs-line =
    #{ $id } { $mentee } – { $mentor }: { $phase } ({ $status }). Møder: { $held } af { $target }{ $met ->
        [0] .
       *[other] , det seneste den { $last }.
    }
pairs-line-risk =
    ⚠️ #{ $id } { $mentee } – { $mentor }: { $phase } ({ $status }). Møder: { $held } af { $target }{ $met ->
        [0] .
       *[other] , det seneste den { $last }.
    }
    I risiko: { $risks }
pair-status-running = kører
pair-status-paused = sat på pause
pair-status-ended = afsluttet før tid
risk-no-first-meeting = intet første møde endnu
risk-no-meeting = intet møde i lang tid
risk-unanswered-nudges = påmindelser bliver ikke besvaret
risk-survey-overdue = et spørgeskema er ikke besvaret
risk-open-flag = en åben henvendelse
risk-unreachable = den ene kan ikke nås
pairs-none = Der er ingen par i forløbet endnu.
pairs-page = Par { $from }–{ $to } af { $total } ({ $at-risk } i risiko).
pairs-button-pause = ⏸️ Sæt på pause
pairs-button-resume = ▶️ Genoptag
pairs-button-end = ⏹️ Afslut
pairs-button-previous = ◀️ Forrige
pairs-button-next = Næste ▶️
pair-unknown = Det par hører ikke til dit forløb.
pair-end-ask = Hvorfor slutter parret? Begge får besked.
pair-control-paused = Parret { $mentee } – { $mentor } er sat på pause. Begge har fået besked.
pair-control-resumed = Parret { $mentee } – { $mentor } kører igen. Begge har fået besked.
pair-control-ended = Parret { $mentee } – { $mentor } er afsluttet ({ $reason }). Begge har fået besked.
pair-control-unchanged = Intet er ændret: parret står allerede sådan.

## Evalueringsrapporten
report-title = Evaluering: { $programme }
report-responses = Svarprocenter
report-survey = Spørgeskema
report-survey-midterm = Midtvejsevaluering
report-survey-final = Slutevaluering
report-survey-follow_up = Opfølgning
report-mean = Gennemsnit (1–5)
report-count = Svar
report-figure = Tal
report-value = Værdi
report-option = Svar
report-ranking-head = Rangeret
    top 3 / gennemsnitlig plads
report-pairs-title = Par, møder og henvendelser
report-pairs = Par
report-meetings-target = Planlagte møder pr. par
report-meetings-mean = Afholdte møder pr. par (gennemsnit)
report-meetings-reached = Par, der nåede det planlagte antal
report-faded = Par, hvor kontakten gled ud
report-flags = Henvendelser: { $reason }
report-summary =
    { $programme }: slutevalueringen er besvaret af { $mentees } % af mentees og { $mentors } % af mentorer. Samlet udbytte { $benefit-mentee } (mentees) og { $benefit-mentor } (mentorer) på en skala fra 1 til 5. Grafen viser det samlede udbytte; hele rapporten: mentorbot report --programme { $id } --format html.

## Øvelser
exercise-pushed =
    📝 En øvelse til { $mentee } og { $mentor } inden jeres næste møde:
    { $exercise }

## Når parret har nået målet for antal møder
nudge-keep-going-mentee =
    Hej { $mentee }! Du og { $mentor } har holdt { $held } møder, og I aftalte at mødes hver { $days }. dag. Der er ikke aftalt noget møde lige nu. Har du lyst til at finde et tidspunkt til et møde mere, inden forløbet slutter den { $end }?
nudge-keep-going-mentor =
    Hej { $mentor }! Du og { $mentee } har holdt { $held } møder, og I aftalte at mødes hver { $days }. dag. Der er ikke aftalt noget møde lige nu. En kort besked fra dig kan måske føre til et møde mere, inden forløbet slutter den { $end }.

## Begge bekræfter aftalen; begge kan foreslå en ændring
button-agreement-confirm = ✅ Bekræft
button-agreement-change = ✏️ Foreslå en ændring
button-agreement-accept = ✅ Accepter
button-agreement-decline = ❌ Behold den som den er
agreement-confirm-ask = { $mentee } har skrevet jeres aftale ned ovenfor. Passer den dig? Bekræft den, eller foreslå en ændring.
agreement-confirmed = Tak. Nu har I begge bekræftet aftalen.
agreement-confirmed-other = { $mentor } har bekræftet jeres aftale.
agreement-change-ask = Hvad vil du gerne ændre? Vælg en anden rytme eller en anden måde at mødes på.
agreement-proposal-sent =
    { $what ->
        [rhythm] Du har foreslået at mødes hver { $days }. dag.
       *[format] Du har foreslået at mødes sådan: { $format }.
    } { $other } bliver spurgt, om det er i orden.
agreement-proposal =
    { $by } foreslår en ændring af jeres aftale: { $what ->
        [rhythm] at mødes hver { $days }. dag.
       *[format] at mødes sådan: { $format }.
    }
agreement-proposal-declined =
    { $by } vil hellere beholde aftalen, som den er ({ $what ->
        [rhythm] du foreslog et møde hver { $days }. dag
       *[format] du foreslog: { $format }
    }). I kan tale om det ved jeres næste møde.
agreement-kept = Aftalen forbliver, som den er.
agreement-changed =
    📝 Aftalen mellem { $mentee } og { $mentor } er ændret. Nu lyder den:

    Mål: { $goals }
    Rytme: et møde hver { $days }. dag, { $target } møder i alt, indtil { $end }
    Form: { $format }

## Svarprocent undervejs og koordinatorens ekstra påmindelse
survey-progress =
    📋 Der kan svares på { $survey } indtil { $deadline }.
    Mentees: { $mentees-answered } af { $mentees-asked } har svaret ({ $mentees-percent } %).
    Mentorer: { $mentors-answered } af { $mentors-asked } har svaret ({ $mentors-percent } %).
    { $waiting ->
        [0] Alle har svaret.
        [one] 1 person mangler at svare.
       *[other] { $waiting } personer mangler at svare.
    }
survey-button-remind = 🔔 Påmind dem nu ({ $waiting })
survey-remind-closed = Der er ikke åbent for { $survey } nu, så der blev ikke sendt nogen påmindelse.
survey-reminded =
    { $count ->
        [0] Ingen blev påmindet: alle, der mangler at svare på { $survey }, har allerede fået den ekstra påmindelse.
        [one] 1 person, der mangler at svare på { $survey }, er blevet påmindet nu.
       *[other] { $count } personer, der mangler at svare på { $survey }, er blevet påmindet nu.
    }
survey-reminder-extra = 📋 Din koordinator beder dig svare på { $survey } i { $programme }, inden den lukker { $deadline }. Dine svar hjælper forløbet. Her er det spørgsmål, du er nået til.

survey-progress-none = Der er ingen åbne evalueringer lige nu.

## Når et par afsluttes, tilbydes et nyt match
pairs-button-rematch = 🔁 Find en ny mentor til mentee
pair-rematched = { $mentee } er matchet med { $mentor } (par { $pair }). Den fælles introduktion sendes, når forløbet siger det.
pair-rematch-none = Ingen ledig mentor passer til { $mentee } lige nu, så { $mentee } venter. Du kan prøve igen med /match, når der bliver plads.
pair-rematch-refused = Ingen ny mentor: { $error }
pair-cli-rematch-hint = Sådan matcher du mentee'en med { $mentor }: mentorbot rematch --mentee { $id }

## simulate: den rapport, kørslen fører til
sim-summary-keep-going = Påmindelser efter målet for antal møder: { $mentee } til mentees, { $mentor } til mentorer
sim-report = ══ Den evalueringsrapport, kørslen fører til (som `mentorbot report` skriver den) ══
sim-report-skipped = Ingen evalueringsrapport: den skrives kun for kørsler med op til { $max } par.
