## Starting a cohort: profiles, matching, publishing, rematch, import.

## Sjekk før hvert match
cohort-refused-twice = { $mentee } er allerede i par { $pair }. Avslutt det paret først, eller bruk rematch.
cohort-refused-ended = { $programme } ble avsluttet { $end }: et nytt par ville fått introduksjonen og avslutningen samtidig. Lag en ny runde med `mentorbot programme new`.

## mentorbot programme new
cohort-programme-new = Skrev { $file }: programmet starter { $start } (før { $from }); arrangementene er flyttet { $weeks } uker og ligger på samme ukedag.

## Profilvalg: fag og bransjer
field-natural-sciences = Naturvitenskap
field-humanities = Humaniora
field-social-sciences = Samfunnsvitenskap
field-it = IT og programvare
field-engineering = Ingeniørfag
field-health = Helse og omsorg
field-business = Næringsliv og økonomi
field-trades = Håndverk
field-education = Undervisning og pedagogikk

## Profilvalg: interesser
interest-career-paths = Karriereveier
interest-cv = CV og søknader
interest-network = Å bygge et nettverk
interest-work-culture = Kultur på arbeidsplassen
interest-entrepreneurship = Å starte egen bedrift
interest-language = Å øve på språket
interest-interview = Jobbintervjuer

## Profilvalg: språk
spoken-da = Dansk
spoken-nb = Norsk
spoken-en = Engelsk
spoken-ar = Arabisk
spoken-uk = Ukrainsk
spoken-fa = Persisk
spoken-so = Somali
spoken-ti = Tigrinja

## mentorbot match --programme
cohort-summary = Forslag: { $pairs } par, { $waiting } venter, samlet poengsum { $total }.
cohort-reason-field = samme fag ({ $field })
cohort-reason-interests = felles interesser: { $interests }
cohort-reason-wish = adeptens ønske er oppfylt
cohort-reason-format = samme møteform
cohort-reason-languages = snakker { $languages }
cohort-reason-pinned = låst av koordinatoren
cohort-waitlisted = venter: { $reason }
cohort-wait-format = ingen mentor kan møtes i en form som passer
cohort-wait-language = ingen mentor snakker et felles språk
cohort-wait-forbidden = alle mentorer som passer, står på listen over par som ikke skal dannes
cohort-wait-full = alle mentorer som passer, er fullt opptatt
cohort-csv-written = Forslaget er skrevet til { $file }.
cohort-published = Publisert: { $pairs } par er matchet og får sin felles introduksjon når programmet sier det.
cohort-rematched = Matchet som par { $pair }; den felles introduksjonen sendes når programmet sier det.

## /match i chatten (koordinatorer)
cohort-chat-summary = Forslag til matching: { $pairs ->
        [one] 1 par
       *[other] { $pairs } par
    }, samlet poengsum { $total }. { $waiting ->
        [0] Ingen venter.
        [one] 1 adept venter
       *[other] { $waiting } adepter venter
    }{ $waiting ->
        [0] {""}
       *[other] {""} ({ $full } fordi alle mentorer som passer, er opptatt, { $format } på grunn av møteformen, { $language } på grunn av språket, { $forbidden } på listen over par som ikke skal dannes).
    }
    Gå gjennom forslaget, lås eller utelukk par, og publiser med: mentorbot match --programme { $programme }
cohort-chat-error = { $error }

## Profilen i chatten (påmelding og /profile)
profile-intro = Noen spørsmål om deg, så vi kan finne en god match. Trykk på knappene; du kan alltid endre et svar senere med /profile.
profile-ask-field = Hvilket fag studerer eller jobber du innenfor?
profile-ask-interests = Hva vil du gjerne snakke om? Velg så mange du vil, og trykk så på Ferdig.
profile-ask-format = Hvordan vil du helst møtes?
profile-ask-languages = Hvilke språk snakker du? Velg alle som passer, og trykk så på Ferdig.
profile-ask-capacity = Hvor mange mentees kan du ta? (Høyst { $max }.)
profile-ask-gender = Hvilket kjønn identifiserer du deg med? Noen mentees ønsker seg en mentor av et bestemt kjønn.
profile-ask-wish = Vil du helst ha en mentor av et bestemt kjønn?
profile-ask-contact = Hvilken e-postadresse og/eller hvilket telefonnummer kan matchen din bruke? Skriv det her, eller trykk på Hopp over.
profile-format-virtual = Digitalt
profile-format-physical = Ansikt til ansikt
profile-format-both = Begge deler passer for meg
profile-capacity-option = { $n ->
        [one] 1 mentee
       *[other] { $n } mentees
    }
profile-gender-woman = Kvinne
profile-gender-man = Mann
profile-gender-other = Annet, eller vil helst ikke si det
profile-wish-woman = En kvinne
profile-wish-man = En mann
profile-wish-other = En av et annet kjønn
profile-wish-none = Ingen preferanse
profile-pick-one = Velg minst ett.
profile-invalid-email = Den e-postadressen ser ikke riktig ut. Skriv den slik: navn@eksempel.no.
profile-invalid-phone = Det telefonnummeret ser ikke riktig ut. Skriv 8 til 15 sifre, gjerne med + og landskode.
profile-invalid-contact = Skriv en e-postadresse eller et telefonnummer, eller trykk på Hopp over.
profile-not-given = ikke oppgitt
profile-none = Dette programmet stiller deg ingen profilspørsmål.
profile-complete = Takk! Profilen din er fullført. Du kan alltid endre den med /profile.
profile-saved = Lagret.
profile-show =
    Profilen din:
    • Fag: { $field }
    • Interesser: { $interests }
    • Møter: { $format }
    • Språk: { $languages }{ $has-capacity ->
        [yes] {""}
            • Mentees: { $capacity }
       *[no] {""}
    }{ $has-gender ->
        [yes] {""}
            • Kjønn: { $gender }
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
    Trykk på en knapp for å endre et svar.
profile-edit-field = Endre fag
profile-edit-interests = Endre interesser
profile-edit-format = Endre møteform
profile-edit-languages = Endre språk
profile-edit-capacity = Endre antall mentees
profile-edit-gender = Endre kjønn
profile-edit-contact = Endre kontakt

## Den felles introduksjonen: den andre parten, ut fra profilen
intro-about =
    Om { $role }en din, { $name }:
    • Fag: { $field }
    • Interesser: { $interests }
    • Møter: { $format }
    • Språk: { $languages }{ $has-age ->
        [yes] {""}
            • Alder: { $age }
       *[no] {""}
    }

## mentorbot import
cohort-import-dry-run = Alle radene er i orden: { $people } personer ville blitt importert. Ingenting er endret (prøvekjøring).
cohort-import-done = Importerte { $people } personer, hver med en personlig invitasjon som melder dem på med profilen sin.

cmd-profile = se og endre profilen din

## Aldersgruppe (bare der programmet spør om `age`).
profile-ask-age = Hvilken aldersgruppe er du i? Noen mentees ønsker seg en mentor i en bestemt alder.
profile-ask-wish-age = Vil du helst ha en mentor i en bestemt alder?
profile-age-under-30 = Under 30
profile-age-30-49 = 30–49
profile-age-50-plus = 50 eller eldre
profile-edit-age = Endre alder
cohort-reason-age-wish = adeptens ønske om alder er oppfylt

## A coordinator finds a mentee a new mentor in chat (alert, /pairs, /match)
rematch-button-find = Finn en mentor til { $mentee }
rematch-button-confirm = ✅ Match dem
rematch-unknown = Den menteen hører ikke til programmet ditt.
rematch-proposal = Den beste ledige mentoren for { $mentee } er { $mentor } med { $score } poeng ({ $reasons }). Skal de matches? Den felles introduksjonen sendes når programmet sier det.
rematch-stale = Det forslaget gjelder ikke lenger for { $mentee }, så ingenting er endret. Slik står det nå:
rematch-why-field = samme fag
rematch-why-interests = felles interesser
rematch-why-language = et felles språk
rematch-why-none = ingenting felles utover reglene
