## Skallets meldinger: registrering, språk, data, varsler til
## koordinatoren og CLI-ens check-programme og simulate.

not-registered = Hei! Jeg er mentorprogrammets bot. Åpne invitasjonslenken fra koordinatoren din for å bli med.
unpaired = Du er registrert. Koordinatoren din matcher deg snart, og da presenterer jeg dere for hverandre her.
language-ask = Hvilket språk vil du ha?
language-name-en = English
language-name-da = Dansk
language-name-nb = Norsk
language-set = Greit, fra nå av skriver jeg til deg på { $language }.
forget-confirm = Vil du at jeg skal slette navnet ditt, kontaktinformasjonen din og chattekontoene dine? Mentorrelasjonen avsluttes, og koordinatoren får beskjed. Det du selv har skrevet (mål, fritekstsvar), slettes; vurderingene og valgene dine i spørreskjemaer beholdes uten navnet ditt.
forget-confirm-delete = Vil du at jeg skal slette navnet ditt, kontaktinformasjonen din og chattekontoene dine? Mentorrelasjonen avsluttes, og koordinatoren får beskjed. Svarene dine på spørreskjemaer, vurderingene dine og svarene dine på invitasjoner slettes også.
button-forget-yes = 🗑️ Ja, slett
button-forget-no = Avbryt
forget-cancelled = Ingenting er slettet.
forget-done = Dataene dine er slettet. Takk for at du var med.
alert-forgotten = En { $role } har bedt om å få dataene sine slettet; mentorrelasjonen er avsluttet.
alert-dead-letter = ⚠️ En melding til { $name } ({ $role }) kunne ikke leveres etter flere forsøk: { $error }. Ta kontakt på annen måte.
alert-unreachable = ⚠️ { $name } ({ $role }) har blokkert boten og kan ikke lenger nås i chatten. Ta kontakt på annen måte.
coordinator-status =
    { $programme }: { $pairs } par, { $at-risk } i faresonen, { $flags ->
        [one] 1 åpen henvendelse
       *[other] { $flags } åpne henvendelser
    }.
help-coordinator =
    Du er koordinator. Jeg gir deg beskjed når et par stopper opp, når en deltaker melder et problem, eller når en melding ikke kan leveres.
    /status – programmet i oversikt
    /pairs – alle par, og hvorfor et par er i faresonen; sett på pause, fortsett eller avslutt
    /report – evalueringen kort, med en graf over det samlede utbyttet
    /match – den beste matchingen av adeptene som venter, med poeng og venteliste
    /broadcast – en melding til alle, mentorene, adeptene eller en annen gruppe, med forhåndsvisning først
    /event – arrangementene som kommer: hvem kommer, og hvem har ikke svart
    /language – bytt språk

## mentorbot check-programme
check-ok = ✓ { $file }: { $name } ({ $languages }; { $tz })
check-rhythm =
    { "  " }{ $target } møter, ett hver { $every }. dag, { $duration } minutter hvert.
    { "  " }Påminnelser etter { $n1 }, { $n2 } og { $n3 } dager uten avtalt møte; koordinatoren varsles etter { $n4 }.
    { "  " }Stille timer { $quiet-from }–{ $quiet-to } i hver mottakers tidssone.
timeline-intro = felles introduksjon til alle par
timeline-start = programmet starter
timeline-end = programmet slutter
timeline-event-invite = invitasjon til { $kind }
timeline-event = { $kind }, { $place }
timeline-survey-opens = { $survey } åpner ({ $questions } spørsmål)
timeline-survey-reminder = påminnelse om { $survey }
timeline-survey-deadline = { $survey } stenger

## mentorbot simulate
sim-title = { $programme }: en simulert gjennomføring med { $pairs } par (seed { $seed })
sim-legend = Tidene er i { $tz }. → en melding fra boten; ← hva den simulerte deltakeren gjorde.
sim-day = { $date }
sim-who = { $role } { $name } (par { $pair })
sim-pressed = trykket «{ $button }»
sim-pair = par { $pair }: { $mentee } – { $mentor }
sim-summary = ══ Oppsummering ══
sim-summary-pairs = Par: { $pairs } ({ $prompt } raske, { $slow } trege, { $ghosting } som slutter å svare)
sim-summary-meetings = Gjennomførte møter: { $held } av { $target } planlagte ({ $percent } %)
sim-summary-per-month = Meldinger per deltaker per måned:
sim-summary-total = Meldinger totalt: { $messages }
sim-summary-nudges = Påminnelser: { $mentee } til adepter, { $again } andre påminnelser, { $mentor } til mentorer, { $coordinator } varsler til koordinatoren
sim-summary-at-risk = Par markert i faresonen: { $count }
sim-summary-responses = Svar på spørreskjemaer:
sim-summary-response = { $survey }, { $role }: { $done } av { $asked } ({ $percent } %)

## Registrering fra en invitasjonslenke
reg-welcome =
    Velkommen til { $programme }! Du er invitert som { $role }.
    Hvilket språk vil du at jeg skal skrive på?
reg-ask-name = Hva heter du, slik matchen din skal se det?
reg-ask-consent = Kan jeg dele kontaktinformasjonen din i denne chatte-appen med din { $role }, så dere kan skrive direkte til hverandre?
button-consent-yes = ✅ Ja, del den
button-consent-no = Nei, bare gjennom boten
reg-invalid-choice = Velg en av knappene.
reg-invalid-name = Skriv navnet ditt (2 til 80 tegn).
reg-done = Takk, { $name }! Du er registrert i { $programme }. { $consent ->
        [yes] Kontaktinformasjonen din blir delt med matchen din.
       *[no] Kontaktinformasjonen din blir hos oss; du og matchen din skriver gjennom meg.
    }
invite-unknown = Den invitasjonslenken er ikke (lenger) gyldig. Be koordinatoren din om en ny.
reg-already = Du er allerede registrert.

## mentorbot invite / participants / match
cli-invite = Invitasjonskode for en { $role }: { $code }
cli-invite-link = Lenke som skal sendes: { $link }
cli-participant = { $id }  { $role }  { $name }{ $paired ->
        [yes] {"  "}(matchet)
       *[no] {""}
    }
cli-matched = Par { $pair }: adept { $mentee } og mentor { $mentor } er matchet. Introduksjonen sendes når programmet sier det.

## Telegrams kommandomeny
cmd-help = hva jeg kan
cmd-status = hvor mentorrelasjonen din står
cmd-booked = neste møte er avtalt
cmd-met = registrer et møte som har funnet sted
cmd-prompt = et tema eller en øvelse til neste møte
cmd-flag = si fra til koordinatoren om et problem
cmd-pause = sett påminnelsene på pause
cmd-language = bytt språk
cmd-mydata = hva jeg lagrer om deg
cmd-forget = slett dataene dine

## Den innebygde nettchatten
webchat-title = mentorbot – prøv den
webchat-intro = Prøv boten i nettleseren din. Velg hvem du er:
webchat-try-mentee = Jeg er adept
webchat-try-mentor = Jeg er mentor
webchat-try-coordinator = Jeg er koordinator
webchat-placeholder = Skriv en melding …
webchat-send = Send
