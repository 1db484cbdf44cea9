## mentorbot — dansk. Alle sætninger, som en deltager eller koordinator ser.
## Variablerne skal være de samme i en, da og nb (en test tjekker det).

## Datoer og tidspunkter. $weekday og $monthname kommer fra nøglerne nedenfor.
fmt-datetime = { $weekday } d. { $day }. { $monthname } kl. { $time }
fmt-date = { $weekday } d. { $day }. { $monthname } { $year }
fmt-day = { $weekday } { $day }/{ $month }
weekday-1 = mandag
weekday-2 = tirsdag
weekday-3 = onsdag
weekday-4 = torsdag
weekday-5 = fredag
weekday-6 = lørdag
weekday-7 = søndag
month-1 = januar
month-2 = februar
month-3 = marts
month-4 = april
month-5 = maj
month-6 = juni
month-7 = juli
month-8 = august
month-9 = september
month-10 = oktober
month-11 = november
month-12 = december

## Roller og faser
role-mentee = mentee
role-mentor = mentor
role-coordinator = koordinator
phase-matched = matchet, venter på introduktionen
phase-introduced = introduceret, første møde er ikke aftalt endnu
phase-first-meeting = første møde er aftalt
phase-expectation-setting = forventningsafstemning
phase-active = mødes jævnligt
phase-midterm-check = midtvejsstatus
phase-closing = afslutning
phase-closed = afsluttet
phase-follow-up = opfølgning

## Knapper
button-book = 📅 Aftal et møde
button-book-next = 📅 Aftal næste møde
button-rsvp-yes = ✅ Jeg kommer
button-rsvp-no = ❌ Jeg kan ikke komme
button-meeting-good = 👍 Det gik godt
button-meeting-ok = 🙂 Det var OK
button-meeting-missed = ⚠️ Det blev ikke til noget
button-flag = 🚩 Giv koordinatoren besked
button-resume = ▶️ Genoptag
button-date = { $date }
button-time = { $time }
button-every-days = Hver { $days }. dag
button-agree = ✅ Vi er enige
button-done = Færdig
button-skip = Spring over
button-another-prompt = Et nyt forslag

## Introduktionen
intro-mentee =
    Velkommen til { $programme }, { $mentee }! 🎉

    Din mentor er { $mentor }. { $has-contact ->
        [yes] Du kan kontakte { $mentor } på { $mentor-contact }.
       *[no] { $relay ->
            [off] Din koordinator kan hjælpe jer med at få kontakt.
           *[on] I kan skrive sammen her gennem mig.
        }
    }{ $relay ->
        [off] { "" }
       *[on] { " " }Alt, hvad du skriver til mig her, som ikke er en kommando, sender jeg videre til { $mentor } med dit navn på. Din koordinator ser det ikke.
    }

    Forløbet løber fra { $start } til { $end }, og vi foreslår { $meetings } møder af 1–2 timers varighed.

    Næste skridt: Du tager kontakt til { $mentor } og aftaler jeres første møde. Når det er aftalt, så giv mig besked med knappen herunder eller med /booked.
intro-mentor =
    Velkommen til { $programme }, { $mentor }, og tak fordi du har meldt dig som frivillig mentor! 🙏

    Din mentee er { $mentee }. { $has-contact ->
        [yes] Du kan kontakte { $mentee } på { $mentee-contact }.
       *[no] { $relay ->
            [off] Din koordinator kan hjælpe jer med at få kontakt.
           *[on] I kan skrive sammen her gennem mig.
        }
    }{ $relay ->
        [off] { "" }
       *[on] { " " }Alt, hvad du skriver til mig her, som ikke er en kommando, sender jeg videre til { $mentee } med dit navn på. Din koordinator ser det ikke.
    }

    Forløbet løber fra { $start } til { $end } med { $meetings } møder af 1–2 timers varighed. Det er { $mentee }, der har ansvaret for relationen og tager kontakt for at aftale jeres første møde.
limits-of-the-role =
    Rammerne for rollen:
    • Mentor deler sine erfaringer fra arbejdslivet: karriereveje, arbejdsmarkedet, ansøgninger, netværk og arbejdskultur.
    • Mentor rådgiver ikke om studieordninger eller psykiske problemstillinger; her kan du i stedet kontakte studievejledningen eller din læge.
    • Mentee er selv ansvarlig for at få noget ud af møderne og kan ikke forvente, at mentor skaffer et job.

## Arrangementer
event-kind-kickoff = opstartsarrangement
event-kind-closing = afslutningsarrangement
event-kind-midway = midtvejsmøde
event-kind-workshop = workshop
event-kind-seminar = seminar
event-kind-gathering = fællesarrangement
event-invite =
    📣 Invitation til { $kind } i { $programme }: { $starts }–{ $ends }, { $place }.
    Kommer du?
rsvp-yes-thanks = Dejligt, vi ses til { $event }! ✅
rsvp-no-thanks = Tak for besked om, at du ikke kan komme til { $event }.

## Aftale møder
book-ask-date = Hvornår er mødet? Vælg en dag, eller skriv den, fx »/booked 12.10 17:00«.
book-ask-time = Hvad tid passer { $date }? Vælg et tidspunkt, eller skriv det, fx »17:30«.
book-invalid = Jeg kunne ikke læse den dato. Skriv den sådan her: »12.10 17:00« eller »2024-10-12 17:00«.
book-in-past = Tidspunktet { $when } er allerede passeret. Hvis mødet har fundet sted, så send /met.
book-after-end = Forløbet slutter { $end }. Vælg en dato før det.
book-not-now = Du kan aftale møder, når I er blevet introduceret for hinanden, og indtil forløbet slutter.
booked-confirm = 📅 Aftalt: dit møde med { $other } { $when }. Jeg minder jer begge om det dagen før.
booked-moved = 📅 Flyttet: jeres næste møde er nu { $when }.
booked-notify = 📅 { $by } har aftalt jeres næste møde til { $when }.
meeting-reminder = ⏰ Påmindelse: { $mentee } og { $mentor } mødes i morgen, { $when }.
meeting-reminder-with-prompt =
    ⏰ Påmindelse: { $mentee } og { $mentor } mødes i morgen, { $when }.

    Et emne, I kunne tage op: { $prompt }
meeting-after-mentee =
    Hvordan gik møde { $n } af { $target } med { $mentor }?

    Husk at aftale det næste, helst inden I går fra hinanden.
meeting-after-mentor =
    Hvordan gik møde { $n } af { $target } med { $mentee }?

    Er det næste møde aftalt? Hvis ikke, tager { $mentee } kontakt.
meeting-feedback-thanks = Tak! 🙏
meeting-missed-ack = Tak for besked. Jeg har taget mødet ud af oversigten. Aftal et nyt tidspunkt, når du kan.
meeting-missed-other = { $by } skriver, at mødet ikke blev til noget. { $mentee } aftaler et nyt tidspunkt.
meetings-target-reached = 🎉 { $mentee } og { $mentor } har holdt alle { $target } møder i forløbet. I er velkomne til at blive ved med at mødes, indtil forløbet slutter.
met-logged = ✅ Møde { $n } af { $target } er registreret.
met-logged-other = ✅ { $by } har registreret møde { $n } af { $target } mellem { $mentee } og { $mentor }.

## Påmindelser
nudge-mentee = Hej { $mentee }! Der er gået { $days } dage uden et aftalt møde med { $mentor }. Vil du skrive til { $mentor } og finde et tidspunkt?
nudge-mentee-again = { $mentee }, der er stadig ikke aftalt noget møde med { $mentor } ({ $days } dage). Hvis der er noget, der står i vejen, kan du give koordinatoren besked.
nudge-mentor = Hej { $mentor }! { $mentee } har ikke aftalt et møde i { $days } dage. En kort besked fra dig kan måske hjælpe. Hvis du er bekymret, så giv koordinatoren besked.
alert-stalled = ⚠️ { $mentee } og { $mentor } har ikke haft et møde aftalt i { $days } dage ({ $held } møder holdt). Parret er markeret som i risiko for at gå i stå.

## Forventningsafstemning
agree-goals =
    Nu hvor I har mødt hinanden, så lad os skrive din aftale med { $mentor } ned.
    Først: Hvad er dine mål med forløbet? Skriv dem i én besked.
agree-started-mentor = { $mentee } er ved at skrive jeres aftale for mentorforløbet ned; I får den begge to.
agree-goals-too-short = Skriv gerne dine mål med nogle få ord.
agree-rhythm = Hvor tit vil I mødes?
agree-format = Hvordan vil I mødes?
format-physical = Fysisk
format-virtual = Online
format-mixed = Begge dele
agree-limits =
    Til sidst: Læs rammerne for rollen igennem, og tryk på knappen, når I er enige.

    { $limits }
agreement-summary =
    📝 Aftalen mellem { $mentee } og { $mentor }

    Mål: { $goals }
    Rytme: et møde hver { $days }. dag, { $target } møder i alt, indtil { $end }
    Form: { $format }

    { $limits }

## Evalueringer
survey-name-midterm = midtvejsevaluering
survey-name-final = slutevaluering
survey-name-follow-up = opfølgningsundersøgelse
survey-intro = 📋 Så er det tid til { $survey } i { $programme }: { $questions } korte spørgsmål. Svar gerne senest { $deadline }.
survey-reminder = 📋 Påmindelse om { $survey }: Du kan svare indtil { $deadline }. Det tager kun et par minutter.
survey-question =
    { $n }/{ $total }: { $question }
    { $hint }
survey-question-ranking-progress =
    { $n }/{ $total }: { $question }
    Indtil videre: { $ranked }
    { $hint }
survey-hint-scale = (1 = slet ikke, 5 = i meget høj grad)
survey-hint-single = (vælg én)
survey-hint-multi = (vælg alle, der passer, og tryk så Færdig)
survey-hint-ranking = (vælg det vigtigste først)
survey-hint-text = (skriv dit svar i en besked)
survey-scale-value = { $value }
survey-option-selected = ✅ { $option }
survey-invalid-scale = Svar gerne med et tal fra 1 til 5.
survey-invalid-choice = Vælg gerne en af mulighederne.
survey-invalid-multi-empty = Vælg mindst én mulighed, før du trykker Færdig.
survey-invalid-ranking = Rangér gerne alle muligheder én gang hver, fx »2 1 3«.
survey-invalid-text = Skriv gerne dit svar som en besked.
survey-invalid-required = Det her spørgsmål kan ikke springes over.
survey-thanks = Tak for dine svar! 🙏
survey-already-answered = Du har allerede svaret på det spørgsmål.
survey-already-closed = Det spørgeskema er lukket.
nothing-to-skip = Der er ikke noget spørgsmål at springe over lige nu.

## Afslutning
closed-mentee = 🎓 { $programme } er slut. Tak fordi du var med, { $mentee }: Du og { $mentor } holdt { $held } møder. Held og lykke med det næste skridt!
closed-mentor = 🎓 { $programme } er slut. Tak, { $mentor }, fordi du har givet din tid til { $mentee }: I holdt { $held } møder. Vi håber at se dig som mentor igen.

## Beskeder til koordinatoren, pauser, afslutning før tid
flag-ask = Hvad vil du gerne fortælle koordinatoren?
flag-reason-illness = Sygdom eller en pause
flag-reason-communication = Vi har svært ved at kommunikere
flag-reason-faded = Kontakten er gledet ud
flag-reason-more-exercises = Vi vil gerne have flere øvelser
flag-reason-other = Noget andet
flag-thanks = Tak. Koordinatoren har fået besked: »{ $reason }«. Du hører snart fra koordinatoren.
alert-flag = 🚩 { $by } ({ $role }) i parret { $mentee } – { $mentor } skriver: { $reason }.
paused = ⏸️ Mentorforløbet mellem { $mentee } og { $mentor } er sat på pause. Der kommer ingen påmindelser, før det bliver genoptaget.
pause-already = Mentorforløbet er allerede sat på pause eller afsluttet.
alert-paused = ⏸️ Parret { $mentee } – { $mentor } er sat på pause (af { $by }).
resumed = ▶️ Mentorforløbet mellem { $mentee } og { $mentor } kører igen.
resume-not-paused = Mentorforløbet er ikke sat på pause.
alert-resumed = ▶️ Parret { $mentee } – { $mentor } kører igen.
end-reason-illness = sygdom
end-reason-communication-problems = kommunikationsvanskeligheder
end-reason-faded-out = kontakten gled ud
end-reason-found-job = mentee har fået job
end-reason-moved = flytning
end-reason-other = en anden årsag
ended-early = Mentorforløbet mellem { $mentee } og { $mentor } er afsluttet før tid ({ $reason }). Tak til jer begge for jeres tid.
alert-ended = Parret { $mentee } – { $mentor } er afsluttet før tid: { $reason }.
pair-ended-reply = Dit mentorforløb er afsluttet. Hvis du har brug for noget, så kontakt koordinatoren.

## Status og hjælp
status =
    { $mentee } og { $mentor }: { $phase }.
    Møder holdt: { $held } af { $target }. { $booked ->
        [yes] Næste møde: { $when }.
       *[no] Intet møde aftalt.
    }
    Forløbet slutter { $end }.
prompt = 💬 { $prompt }
prompt-none = Der er ingen samtaleemner til denne fase.
help-mentee =
    Jeg hjælper dig gennem mentorforløbet. Kommandoer:
    /status – hvor du er i forløbet
    /booked – fortæl mig, at næste møde er aftalt
    /met – registrér et møde, der har fundet sted
    /prompt – et emne eller en øvelse til jeres næste møde
    /flag – giv koordinatoren besked om et problem
    /pause – sæt påmindelserne på pause
    /language – skift sprog
    /mydata – se, hvad jeg har gemt om dig
    /forget – slet dine data{ $relay ->
        [on] { "\u000A\u000A" }Alt andet, du skriver til mig, sender jeg videre til din mentor med dit navn på. Koordinatoren ser det ikke.
       *[off] { "" }
    }
help-mentor =
    Jeg hjælper dig gennem mentorforløbet. Kommandoer:
    /status – hvordan det går med jeres forløb
    /booked – fortæl mig, at næste møde er aftalt
    /met – registrér et møde, der har fundet sted
    /prompt – et emne eller en øvelse til jeres næste møde
    /flag – giv koordinatoren besked om et problem
    /pause – sæt påmindelserne på pause
    /language – skift sprog
    /mydata – se, hvad jeg har gemt om dig
    /forget – slet dine data{ $relay ->
        [on] { "\u000A\u000A" }Alt andet, du skriver til mig, sender jeg videre til din mentee med dit navn på. Koordinatoren ser det ikke.
       *[off] { "" }
    }
unknown-command = Jeg kender ikke kommandoen /{ $command }.

    { $help }
unknown-text =
    Jeg kan ikke se, hvad det er et svar på.

    { $help }
button-expired = Den knap virker ikke længere.

## Fitting a message to a platform: numbered choices where there are no
## buttons, and a button that pages to the choices a platform cannot show.
choice-line = { $n }. { $label }
button-more = Flere …
choices-more = Flere valg:
