## Starting a cohort: profiles, matching, publishing, rematch, import.

## Tjek før hvert match
cohort-refused-twice = { $mentee } er allerede i par { $pair }. Afslut det par først, eller brug rematch.
cohort-refused-ended = { $programme } sluttede { $end }: et nyt par ville få sin introduktion og sin afslutning på samme tid. Lav en ny runde med `mentorbot programme new`.

## mentorbot programme new
cohort-programme-new = Skrev { $file }: forløbet starter { $start } (før { $from }); arrangementerne er flyttet { $weeks } uger og ligger på samme ugedag.

## Profilvalg: fag og brancher
field-natural-sciences = Naturvidenskab
field-humanities = Humaniora
field-social-sciences = Samfundsvidenskab
field-it = IT og software
field-engineering = Ingeniørfag
field-health = Sundhed og omsorg
field-business = Erhverv og økonomi
field-trades = Håndværk
field-education = Undervisning og pædagogik

## Profilvalg: interesser
interest-career-paths = Karriereveje
interest-cv = CV og ansøgninger
interest-network = At opbygge et netværk
interest-work-culture = Kultur på arbejdspladsen
interest-entrepreneurship = At starte egen virksomhed
interest-language = At øve sproget
interest-interview = Jobsamtaler

## Profilvalg: sprog
spoken-da = Dansk
spoken-nb = Norsk
spoken-en = Engelsk
spoken-ar = Arabisk
spoken-uk = Ukrainsk
spoken-fa = Persisk
spoken-so = Somali
spoken-ti = Tigrinya

## mentorbot match --programme
cohort-summary = Forslag: { $pairs } par, { $waiting } venter, samlet score { $total }.
cohort-reason-field = samme fag ({ $field })
cohort-reason-interests = fælles interesser: { $interests }
cohort-reason-wish = mentees ønske er opfyldt
cohort-reason-format = samme mødeform
cohort-reason-languages = taler { $languages }
cohort-reason-pinned = fastholdt af koordinatoren
cohort-waitlisted = venter: { $reason }
cohort-wait-format = ingen mentor kan mødes i en form, der passer
cohort-wait-language = ingen mentor taler et fælles sprog
cohort-wait-forbidden = alle mentorer, der passer, er på listen over par, der ikke må dannes
cohort-wait-full = alle mentorer, der passer, er fuldt optaget
cohort-csv-written = Forslaget er skrevet til { $file }.
cohort-published = Offentliggjort: { $pairs } par er matchet og får deres fælles introduktion, når forløbet siger det.
cohort-rematched = Matchet som par { $pair }; den fælles introduktion sendes, når forløbet siger det.

## /match i chatten (koordinatorer)
cohort-chat-summary = Forslag til match: { $pairs ->
        [one] 1 par
       *[other] { $pairs } par
    }, samlet score { $total }. { $waiting ->
        [0] Ingen venter.
        [one] 1 mentee venter
       *[other] { $waiting } mentees venter
    }{ $waiting ->
        [0] {""}
       *[other] {""} ({ $full } fordi alle mentorer, der passer, er optaget, { $format } på grund af mødeformen, { $language } på grund af sproget, { $forbidden } på listen over par, der ikke må dannes).
    }
    Se forslaget igennem, fasthold eller udeluk par, og offentliggør med: mentorbot match --programme { $programme }
cohort-chat-error = { $error }
