## Running a cohort: flags, pair health, pair control, exercises, the report.

## Henvendelser
flag-reason-no-answer = Den andre svarer ikke
flag-note-ask = Hva vil du si til koordinatoren? Skriv det i én melding.
flag-note-empty = Skriv gjerne noen ord til koordinatoren.
flag-alert =
    🚩 { $by } ({ $role }) i paret { $mentee } – { $mentor } melder: { $reason }.
    { $held ->
        [0] Ingen møter er holdt ennå.
        [one] 1 møte holdt, den { $last }.
       *[other] { $held } møter holdt, det siste den { $last }.
    }
    Påminnelser siden da: { $nudges }. Åpne spørreskjemaer: { $surveys }.
    Den andre i paret har ikke fått beskjed.
flag-alert-note =
    🚩 { $by } ({ $role }) i paret { $mentee } – { $mentor } melder: { $reason }.
    Vedkommende skriver: «{ $note }»
    { $held ->
        [0] Ingen møter er holdt ennå.
        [one] 1 møte holdt, den { $last }.
       *[other] { $held } møter holdt, det siste den { $last }.
    }
    Påminnelser siden da: { $nudges }. Åpne spørreskjemaer: { $surveys }.
    Den andre i paret har ikke fått beskjed.
flag-button-ack = ✅ Sett
flag-button-resolve = ✔️ Løst
flag-button-call = 📞 Ring meg
flag-acknowledged = { $coordinator }, koordinatoren din, har sett henvendelsen din og tar kontakt.
flag-acknowledged-done = Markert som sett. Den som meldte fra, har fått beskjed.
flag-resolved-done = Henvendelsen er markert som løst.
flag-already-acknowledged = Henvendelsen er allerede markert som sett.
flag-already-resolved = Henvendelsen er allerede løst.
flag-unknown = Den henvendelsen hører ikke til programmet ditt.
flag-call-me = { $coordinator }, koordinatoren din, vil gjerne snakke med deg. Du når vedkommende på: { $contact }
flag-call-done = Kontaktopplysningene dine er sendt til den som meldte fra.
flag-call-no-contact = Du har ingen kontaktopplysninger lagret, så det er ingenting å sende. Ta kontakt på annen måte.
flag-flagger-gone = Den som meldte fra, har fått dataene sine slettet.
flag-reraise =
    🚩 Fortsatt ikke sett etter { $days } dager: { $by } i paret { $mentee } – { $mentor } meldte: { $reason }.
flag-reraise-note =
    🚩 Fortsatt ikke sett etter { $days } dager: { $by } i paret { $mentee } – { $mentor } meldte: { $reason }.
    Vedkommende skrev: «{ $note }»
## Parenes tilstand, /pairs og styring av par
pairs-line =
    #{ $id } { $mentee } – { $mentor }: { $phase } ({ $status }). Møter: { $held } av { $target }{ $met ->
        [0] .
       *[other] , det siste den { $last }.
    }
pairs-line-risk =
    ⚠️ #{ $id } { $mentee } – { $mentor }: { $phase } ({ $status }). Møter: { $held } av { $target }{ $met ->
        [0] .
       *[other] , det siste den { $last }.
    }
    I faresonen: { $risks }
pair-status-running = går
pair-status-paused = satt på pause
pair-status-ended = avsluttet før tiden
risk-no-first-meeting = ikke hatt første møte ennå
risk-no-meeting = ikke møttes på lenge
risk-unanswered-nudges = påminnelser blir ikke besvart
risk-survey-overdue = et spørreskjema er ikke besvart
risk-open-flag = en åpen henvendelse
risk-unreachable = den ene kan ikke nås
pairs-none = Det er ingen par i programmet ennå.
pairs-page = Par { $from }–{ $to } av { $total } ({ $at-risk } i faresonen).
pairs-button-pause = ⏸️ Sett på pause
pairs-button-resume = ▶️ Fortsett
pairs-button-end = ⏹️ Avslutt
pairs-button-previous = ◀️ Forrige
pairs-button-next = Neste ▶️
pair-unknown = Det paret hører ikke til programmet ditt.
pair-end-ask = Hvorfor avsluttes paret? Begge får beskjed.
pair-control-paused = Paret { $mentee } – { $mentor } er satt på pause. Begge har fått beskjed.
pair-control-resumed = Paret { $mentee } – { $mentor } er i gang igjen. Begge har fått beskjed.
pair-control-ended = Paret { $mentee } – { $mentor } er avsluttet ({ $reason }). Begge har fått beskjed.
pair-control-unchanged = Ingenting er endret: paret står allerede slik.

## Evalueringsrapporten
report-title = Evaluering: { $programme }
report-responses = Svarprosent
report-survey = Spørreskjema
report-survey-midterm = Midtveisevaluering
report-survey-final = Sluttevaluering
report-survey-follow_up = Oppfølging
report-mean = Gjennomsnitt (1–5)
report-count = Svar
report-figure = Tall
report-value = Verdi
report-option = Svar
report-ranking-head = Rangert
    topp 3 / gjennomsnittlig plass
report-pairs-title = Par, møter og henvendelser
report-pairs = Par
report-meetings-target = Planlagte møter per par
report-meetings-mean = Holdte møter per par (gjennomsnitt)
report-meetings-reached = Par som nådde planlagt antall
report-faded = Par der kontakten ebbet ut
report-flags = Henvendelser: { $reason }
report-summary =
    { $programme }: sluttevalueringen er besvart av { $mentees } % av adeptene og { $mentors } % av mentorene. Samlet utbytte { $benefit-mentee } (adepter) og { $benefit-mentor } (mentorer) på en skala fra 1 til 5. Grafen viser det samlede utbyttet; hele rapporten: mentorbot report --programme { $id } --format html.

## Øvelser
exercise-pushed =
    📝 En øvelse for { $mentee } og { $mentor } før neste møte:
    { $exercise }

## Når paret har nådd målet for antall møter
nudge-keep-going-mentee =
    Hei { $mentee }! Du og { $mentor } har hatt { $held } møter, og dere avtalte å møtes hver { $days }. dag. Det er ikke avtalt noe møte nå. Vil du finne et tidspunkt for et møte til før programmet slutter { $end }?
nudge-keep-going-mentor =
    Hei { $mentor }! Du og { $mentee } har hatt { $held } møter, og dere avtalte å møtes hver { $days }. dag. Det er ikke avtalt noe møte nå. En kort melding fra deg kan kanskje føre til et møte til før programmet slutter { $end }.

## Begge bekrefter avtalen; begge kan foreslå en endring
button-agreement-confirm = ✅ Bekreft
button-agreement-change = ✏️ Foreslå en endring
button-agreement-accept = ✅ Godta
button-agreement-decline = ❌ Behold den som den er
agreement-confirm-ask = { $mentee } har skrevet ned avtalen deres ovenfor. Passer den for deg? Bekreft den, eller foreslå en endring.
agreement-confirmed = Takk. Nå har dere begge bekreftet avtalen.
agreement-confirmed-other = { $mentor } har bekreftet avtalen deres.
agreement-change-ask = Hva vil du endre? Velg en annen rytme eller en annen måte å møtes på.
agreement-proposal-sent =
    { $what ->
        [rhythm] Du har foreslått å møtes hver { $days }. dag.
       *[format] Du har foreslått å møtes slik: { $format }.
    } { $other } blir spurt om det er i orden.
agreement-proposal =
    { $by } foreslår en endring i avtalen deres: { $what ->
        [rhythm] å møtes hver { $days }. dag.
       *[format] å møtes slik: { $format }.
    }
agreement-proposal-declined =
    { $by } vil heller beholde avtalen som den er ({ $what ->
        [rhythm] du foreslo ett møte hver { $days }. dag
       *[format] du foreslo: { $format }
    }). Dere kan snakke om det på neste møte.
agreement-kept = Avtalen blir som den er.
agreement-changed =
    📝 Avtalen mellom { $mentee } og { $mentor } er endret. Nå lyder den:

    Mål: { $goals }
    Rytme: ett møte hver { $days }. dag, { $target } møter totalt, fram til { $end }
    Form: { $format }

## Svarprosent underveis og koordinatorens ekstra påminnelse
survey-progress =
    📋 Det kan svares på { $survey } fram til { $deadline }.
    Mentees: { $mentees-answered } av { $mentees-asked } har svart ({ $mentees-percent } %).
    Mentorer: { $mentors-answered } av { $mentors-asked } har svart ({ $mentors-percent } %).
    { $waiting ->
        [0] Alle har svart.
        [one] 1 person har ikke svart ennå.
       *[other] { $waiting } personer har ikke svart ennå.
    }
survey-button-remind = 🔔 Minn dem på det nå ({ $waiting })
survey-remind-closed = Det er ikke åpent for { $survey } nå, så ingen påminnelse ble sendt.
survey-reminded =
    { $count ->
        [0] Ingen fikk påminnelse: alle som ikke har svart på { $survey }, har allerede fått den ekstra påminnelsen.
        [one] 1 person som ikke har svart på { $survey }, fikk en påminnelse nå.
       *[other] { $count } personer som ikke har svart på { $survey }, fikk en påminnelse nå.
    }
survey-reminder-extra = 📋 Koordinatoren din ber deg svare på { $survey } i { $programme } før den stenger { $deadline }. Svarene dine hjelper programmet. Her er spørsmålet du er kommet til.

survey-progress-none = Ingen evalueringer er åpne nå.

## Når et par avsluttes, tilbys en ny match
pairs-button-rematch = 🔁 Finn en ny mentor til mentee
pair-rematched = { $mentee } er matchet med { $mentor } (par { $pair }). Den felles introduksjonen sendes når programmet sier det.
pair-rematch-none = Ingen ledig mentor passer for { $mentee } nå, så { $mentee } venter. Du kan prøve igjen med /match når det blir plass.
pair-rematch-refused = Ingen ny mentor: { $error }
pair-cli-rematch-hint = Slik matcher du menteen med { $mentor }: mentorbot rematch --mentee { $id }

## simulate: rapporten kjøringen fører til
sim-summary-keep-going = Påminnelser etter målet for antall møter: { $mentee } til mentees, { $mentor } til mentorer
sim-report = ══ Evalueringsrapporten kjøringen fører til (slik `mentorbot report` skriver den) ══
sim-report-skipped = Ingen evalueringsrapport: den skrives bare for kjøringer med opptil { $max } par.
