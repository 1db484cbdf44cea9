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

## Profilen i chatten (tilmelding og /profile)
profile-intro = Et par spørgsmål om dig, så vi kan finde et godt match. Tryk på knapperne; du kan altid ændre et svar senere med /profile.
profile-ask-field = Hvilket fag studerer eller arbejder du inden for?
profile-ask-interests = Hvad vil du gerne tale om? Vælg så mange, du vil, og tryk så på Færdig.
profile-ask-format = Hvordan vil du helst mødes?
profile-ask-languages = Hvilke sprog taler du? Vælg alle, der passer, og tryk så på Færdig.
profile-ask-capacity = Hvor mange mentees kan du tage? (Højst { $max }.)
profile-ask-gender = Hvilket køn identificerer du dig med? Nogle mentees ønsker en mentor af et bestemt køn.
profile-ask-wish = Vil du helst have en mentor af et bestemt køn?
profile-ask-contact = Hvilken e-mailadresse og/eller hvilket telefonnummer må dit match bruge? Skriv det her, eller tryk på Spring over.
profile-format-virtual = Online
profile-format-physical = Ansigt til ansigt
profile-format-both = Begge dele passer mig
profile-capacity-option = { $n ->
        [one] 1 mentee
       *[other] { $n } mentees
    }
profile-gender-woman = Kvinde
profile-gender-man = Mand
profile-gender-other = Andet, eller vil helst ikke sige det
profile-wish-woman = En kvinde
profile-wish-man = En mand
profile-wish-other = En af et andet køn
profile-wish-none = Ingen præference
profile-pick-one = Vælg mindst ét.
profile-invalid-email = Den e-mailadresse ser ikke rigtig ud. Skriv den sådan her: navn@eksempel.dk.
profile-invalid-phone = Det telefonnummer ser ikke rigtigt ud. Skriv 8 til 15 cifre, gerne med + og landekode.
profile-invalid-contact = Skriv en e-mailadresse eller et telefonnummer, eller tryk på Spring over.
profile-not-given = ikke oplyst
profile-none = Dette forløb stiller dig ingen profilspørgsmål.
profile-complete = Tak! Din profil er udfyldt. Du kan altid ændre den med /profile.
profile-saved = Gemt.
profile-show =
    Din profil:
    • Fag: { $field }
    • Interesser: { $interests }
    • Møder: { $format }
    • Sprog: { $languages }{ $has-capacity ->
        [yes] {""}
            • Mentees: { $capacity }
       *[no] {""}
    }{ $has-gender ->
        [yes] {""}
            • Køn: { $gender }
       *[no] {""}
    }{ $has-age ->
        [yes] {""}
            • { $role ->
                [mentor] Alder
               *[other] Ønsket alder på mentoren
            }: { $age }
       *[no] {""}
    }{ $has-contact ->
        [yes] {""}
            • Kontakt: { $contact }
       *[no] {""}
    }
    Tryk på en knap for at ændre et svar.
profile-edit-field = Ret fag
profile-edit-interests = Ret interesser
profile-edit-format = Ret mødeform
profile-edit-languages = Ret sprog
profile-edit-capacity = Ret antal mentees
profile-edit-gender = Ret køn
profile-edit-contact = Ret kontakt

## Den fælles introduktion: den anden part, ud fra profilen
intro-about =
    Om din { $role }, { $name }:
    • Fag: { $field }
    • Interesser: { $interests }
    • Møder: { $format }
    • Sprog: { $languages }{ $has-age ->
        [yes] {""}
            • Alder: { $age }
       *[no] {""}
    }

## mentorbot import
cohort-import-dry-run = Alle rækker er i orden: { $people } personer ville blive importeret. Intet er ændret (prøvekørsel).
cohort-import-done = Importerede { $people } personer, hver med en personlig invitation, der tilmelder dem med deres profil.

cmd-profile = se og ret din profil

## Aldersgruppe (kun hvor programmet spørger om `age`).
profile-ask-age = Hvilken aldersgruppe er du i? Nogle mentees ønsker en mentor i en bestemt alder.
profile-ask-wish-age = Vil du helst have en mentor i en bestemt alder?
profile-age-under-30 = Under 30
profile-age-30-49 = 30–49
profile-age-50-plus = 50 eller ældre
profile-edit-age = Ret alder
cohort-reason-age-wish = mentees ønske om alder er opfyldt

## A coordinator finds a mentee a new mentor in chat (alert, /pairs, /match)
rematch-button-find = Find en mentor til { $mentee }
rematch-button-confirm = ✅ Match dem
rematch-unknown = Den mentee hører ikke til dit forløb.
rematch-proposal = Den bedste ledige mentor til { $mentee } er { $mentor } med { $score } point ({ $reasons }). Skal de matches? Den fælles introduktion sendes, når forløbet siger det.
rematch-stale = Det forslag gælder ikke længere for { $mentee }, så intet er ændret. Sådan ser det ud nu:
rematch-why-field = samme fag
rematch-why-interests = fælles interesser
rematch-why-language = et fælles sprog
rematch-why-none = intet til fælles ud over reglerne
