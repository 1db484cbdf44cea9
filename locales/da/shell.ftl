## Skallens beskeder: registrering, sprog, data, advarsler til
## koordinatoren og CLI'ens check-programme og simulate.

not-registered = Hej! Jeg er mentorforløbets bot. Åbn invitationslinket fra din koordinator for at være med.
unpaired = Du er registreret. Din koordinator matcher dig snart, og så præsenterer jeg jer for hinanden her.
language-ask = Hvilket sprog vil du have?
language-name-en = English
language-name-da = Dansk
language-name-nb = Norsk
language-set = Fint, fra nu af skriver jeg til dig på { $language }.
forget-confirm = Vil du have, at jeg sletter dit navn, dine kontaktoplysninger og dine chatkonti? Dit mentorforløb slutter, og din koordinator får besked. Det, du selv har skrevet (mål, fritekstsvar), slettes; dine vurderinger og valg i spørgeskemaer gemmes uden dit navn.
forget-confirm-delete = Vil du have, at jeg sletter dit navn, dine kontaktoplysninger og dine chatkonti? Dit mentorforløb slutter, og din koordinator får besked. Dine svar på spørgeskemaer, dine vurderinger og dine svar på invitationer slettes også.
button-forget-yes = 🗑️ Ja, slet
button-forget-no = Fortryd
forget-cancelled = Intet er slettet.
forget-done = Dine data er slettet. Tak fordi du var med.
alert-forgotten = En { $role } har bedt om at få sine data slettet; forløbet er afsluttet.
alert-dead-letter = ⚠️ En besked til { $name } ({ $role }) kunne ikke leveres efter flere forsøg: { $error }. Kontakt vedkommende på anden vis.
alert-unreachable = ⚠️ { $name } ({ $role }) har blokeret botten og kan ikke længere nås i chatten. Kontakt vedkommende på anden vis.
coordinator-status =
    { $programme }: { $pairs } par, { $at-risk } i risiko, { $flags ->
        [one] 1 åben henvendelse
       *[other] { $flags } åbne henvendelser
    }.
help-coordinator =
    Du er koordinator. Jeg giver dig besked, når et par går i stå, når en deltager melder et problem, eller når en besked ikke kan leveres.
    /status – forløbet i overblik
    /pairs – alle par, og hvorfor et par er i risiko; sæt på pause, genoptag eller afslut
    /report – evalueringen kort, med en graf over det samlede udbytte
    /match – den bedste matchning af de ventende mentees, med point og venteliste
    /broadcast – en besked til alle, mentorerne, mentees eller en anden gruppe, med forhåndsvisning først
    /event – de kommende arrangementer: hvem kommer, og hvem har ikke svaret
    /language – skift sprog

## mentorbot check-programme
check-ok = ✓ { $file }: { $name } ({ $languages }; { $tz })
check-rhythm =
    { "  " }{ $target } møder, ét hver { $every }. dag, { $duration } minutter hver.
    { "  " }Påmindelser efter { $n1 }, { $n2 } og { $n3 } dage uden et aftalt møde; koordinatoren får besked efter { $n4 }.
    { "  " }Stille timer { $quiet-from }–{ $quiet-to } i hver modtagers tidszone.
timeline-intro = fælles introduktion til alle par
timeline-start = forløbet starter
timeline-end = forløbet slutter
timeline-event-invite = invitation til { $kind }
timeline-event = { $kind }, { $place }
timeline-survey-opens = { $survey } åbner ({ $questions } spørgsmål)
timeline-survey-reminder = påmindelse om { $survey }
timeline-survey-deadline = { $survey } lukker

## mentorbot simulate
sim-title = { $programme }: et simuleret forløb med { $pairs } par (seed { $seed })
sim-legend = Tider er i { $tz }. → en besked fra botten; ← hvad den simulerede deltager gjorde.
sim-day = { $date }
sim-who = { $role } { $name } (par { $pair })
sim-pressed = trykkede »{ $button }«
sim-pair = par { $pair }: { $mentee } – { $mentor }
sim-summary = ══ Opsummering ══
sim-summary-pairs = Par: { $pairs } ({ $prompt } hurtige, { $slow } langsomme, { $ghosting } der holder op med at svare)
sim-summary-meetings = Afholdte møder: { $held } af { $target } planlagte ({ $percent } %)
sim-summary-per-month = Beskeder pr. deltager pr. måned:
sim-summary-total = Beskeder i alt: { $messages }
sim-summary-nudges = Påmindelser: { $mentee } til mentees, { $again } andre påmindelser, { $mentor } til mentorer, { $coordinator } advarsler til koordinatoren
sim-summary-at-risk = Par markeret i risiko: { $count }
sim-summary-responses = Svar på spørgeskemaer:
sim-summary-response = { $survey }, { $role }: { $done } af { $asked } ({ $percent } %)

## Registrering fra et invitationslink
reg-welcome =
    Velkommen til { $programme }! Du er inviteret som { $role }.
    Hvilket sprog skal jeg skrive til dig på?
reg-ask-name = Hvad hedder du, sådan som din match skal se det?
reg-ask-consent = Må jeg dele dine kontaktoplysninger i denne chat-app med din { $role }, så I kan skrive direkte til hinanden?
button-consent-yes = ✅ Ja, del dem
button-consent-no = Nej, kun gennem botten
reg-invalid-choice = Vælg en af knapperne.
reg-invalid-name = Skriv dit navn (2 til 80 tegn).
reg-done = Tak, { $name }! Du er registreret til { $programme }. { $consent ->
        [yes] Dine kontaktoplysninger bliver delt med din match.
       *[no] Dine kontaktoplysninger bliver hos os; du og din match skriver gennem mig.
    }
invite-unknown = Det invitationslink er ikke (længere) gyldigt. Bed din koordinator om et nyt.
reg-already = Du er allerede registreret.

## mentorbot invite / participants / match
cli-invite = Invitationskode til en { $role }: { $code }
cli-invite-link = Link, der skal sendes: { $link }
cli-participant = { $id }  { $role }  { $name }{ $paired ->
        [yes] {"  "}(matchet)
       *[no] {""}
    }
cli-matched = Par { $pair }: mentee { $mentee } og mentor { $mentor } er matchet. Introduktionen sendes, når forløbet siger det.

## Telegrams kommandomenu
cmd-help = hvad jeg kan
cmd-status = hvor dit mentorforløb står
cmd-booked = det næste møde er aftalt
cmd-met = registrér et møde, der har fundet sted
cmd-prompt = et emne eller en øvelse til næste møde
cmd-flag = fortæl koordinatoren om et problem
cmd-pause = sæt påmindelserne på pause
cmd-language = skift sprog
cmd-mydata = hvad jeg gemmer om dig
cmd-forget = slet dine data

## Den indbyggede webchat
webchat-title = mentorbot – prøv den
webchat-intro = Prøv botten i din browser. Vælg, hvem du er:
webchat-try-mentee = Jeg er mentee
webchat-try-mentor = Jeg er mentor
webchat-try-coordinator = Jeg er koordinator
webchat-placeholder = Skriv en besked …
webchat-send = Send
