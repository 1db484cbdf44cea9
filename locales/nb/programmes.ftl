## Spørsmål, svaralternativer, samtaletemaer og øvelser som
## programfilene viser til med nøkkel.
##
## Nøkler uten prefiks deles av flere programmer. Nøkler som hører til ett
## program, har programmets prefiks: km- (Karrierementor), lyngby- (Career
## Mentoring Programme, Lyngby-Taarbæk), hefn- (Hjælp en flygtning NU),
## gccp- (Greater Copenhagen Career Program), nho- (NHO Global Future).
## Den som får en mentor, kalles adept.

## Status ved oppfølgingen (svaralternativene er faste)
outcome-job = Jeg er i jobb
outcome-education = Jeg er under utdanning
outcome-self-employed = Jeg er selvstendig næringsdrivende
outcome-clarified = Jeg har avklart hva jeg vil videre
outcome-still-seeking = Jeg søker fortsatt
q-outcome = Hva er situasjonen din nå?

## Felles svaralternativer
opt-yes = Ja
opt-no = Nei
opt-maybe = Kanskje
opt-partly = Delvis
opt-format-physical = Fysisk
opt-format-virtual = Digitalt
opt-format-both = Begge deler

## Midtveisevaluering (felles)
q-benefit-so-far = Hvor stort utbytte har du hatt av mentorprogrammet så langt?
q-meetings-so-far = Hvor mange ganger har dere møttes så langt?
opt-meetings-0 = Ikke ennå
opt-meetings-1 = Én gang
opt-meetings-2 = To ganger
opt-meetings-3plus = Tre ganger eller flere
opt-meetings-1-2 = En til to ganger
opt-meetings-3-5 = 3 til 5 ganger
opt-meetings-6plus = 6 ganger eller flere
q-match-fit = Hvor godt passer matchen deres til fagfeltet og ønskene dine?
q-expectations-set = Har dere avklart forventninger og satt mål for mentorrelasjonen?
q-mentee-takes-lead = Tar adepten din ansvar for å avtale møtene og foreslå temaer?
q-topics-so-far = Hva har dere jobbet med så langt?
opt-topic-competences = Kompetanse
opt-topic-career-paths = Karriereveier og jobber
opt-topic-cv = CV og søknader
opt-topic-network = Nettverk
opt-topic-work-culture = Arbeidskultur
opt-topic-company-visit = Bedriftsbesøk eller hospitering
opt-topic-interview = Jobbintervjuer
opt-topic-study-to-work = Overgangen fra studier til jobb
opt-topic-education = Utdanning og kurs
opt-topic-language = Språk på arbeidsplassen
q-anything-to-change = Er det noe dere vil endre, eller noe dere trenger hjelp med?

## Sluttevaluering (felles)
q-overall-benefit = Hvor stort er det samlede utbyttet ditt av mentorprogrammet?
q-gain-competences = Har du blitt mer bevisst på din egen kompetanse?
q-gain-confidence = Har du blitt tryggere på overgangen fra studier til arbeidsliv?
q-gain-career-paths = Har du blitt mer bevisst på ulike karriereveier og relevante jobber?
q-gain-competences-dk = Vet du bedre hvordan du kan bruke kompetansen din på det danske arbeidsmarkedet?
q-gain-work-culture-dk = Har du fått mer innsikt i dansk arbeidskultur?
q-gain-clarity = Er du mer avklart om hvilken jobb eller utdanning du vil satse på?
q-gain-momentum = Har programmet hjulpet deg med å holde trykket oppe i jobbsøkingen?
q-gain-cv = Har CV-en din blitt bedre?
q-gain-interview = Er du bedre forberedt til jobbintervjuer?
q-network-stronger = Har det profesjonelle nettverket ditt blitt sterkere?
q-meeting-format = Hvordan har dere oftest møttes?
q-factors = Hva har betydd mest for en god mentorrelasjon? Sett dem i rekkefølge.
opt-factor-match = En match nær eget fagfelt
opt-factor-freedom = Frihet til å legge opp møtene selv
opt-factor-expectations = Strukturert forventningsavklaring
opt-factor-frame = Tydelige rammer: antall møter og sluttdato
opt-factor-mentee-lead = At adepten tar ansvar
opt-factor-events = De felles samlingene
opt-factor-tools = Verktøy og øvelser
opt-factor-network = Mentorens nettverk
opt-factor-workplace = Møter på mentorens arbeidsplass
opt-factor-volunteer = En frivillig mentor utenfor systemet
opt-factor-follow-up = Oppfølging fra koordinatoren
q-ideal-length = Hva ville vært den ideelle lengden på programmet?
opt-length-one-semester = Ett semester
opt-length-two-semesters = To semestre
opt-length-more = Lenger
q-length-right = Hva syntes du om lengden på programmet?
opt-length-too-short = For kort
opt-length-right = Passe
opt-length-too-long = For lang
q-mentor-gains = Hva har du selv fått ut av å være mentor?
opt-mentor-gain-difference = Å gjøre en forskjell for et annet menneske
opt-mentor-gain-network = Et større lokalt nettverk
opt-mentor-gain-cultures = Møtet med andre nasjonaliteter
opt-mentor-gain-insight = Ny innsikt i andres kompetanse
opt-mentor-gain-skills = Bedre til å veilede og lytte
opt-mentor-gain-reflection = Refleksjon over min egen karriere
q-mentor-again = Vil du være mentor igjen?
q-recommend = Vil du anbefale andre å delta?
q-wishes = Hva ønsker du deg av et framtidig mentorprogram?
q-comments = Er det noe annet du vil fortelle oss?

## Oppfølging (felles)
q-follow-up-helped = Hvor mye har mentorprogrammet hjulpet deg dit du er nå?
q-still-in-touch = Har du fortsatt kontakt med mentoren din?

## Karrierementor
km-q-study-timing = Når i studiet ville en mentor vært mest nyttig?
km-opt-timing-bachelor = Under bachelorgraden
km-opt-timing-master-first = Første år av mastergraden
km-opt-timing-master-last = Siste år av mastergraden
km-opt-timing-graduate = Rett etter fullført utdanning

## Career Mentoring Programme, Lyngby-Taarbæk
lyngby-opt-factor-workshops = Karriereworkshopen og mentorkurset
lyngby-opt-factor-speed-dating = Oppstarten med speed-dating
lyngby-opt-factor-interview-session = Jobbintervjuøkten
lyngby-q-network-helped = Har nettverket ditt i Danmark hjulpet deg etter programmet?

## Hjælp en flygtning NU
hefn-q-hours = Får dere til omtrent fire timer i måneden sammen?
hefn-opt-factor-trade = En mentor fra samme bransje
hefn-opt-factor-local = En mentor som kjenner det lokale arbeidsmarkedet
hefn-q-next-step = Hva passer best med situasjonen din?
hefn-opt-next-job = Ordinær jobb
hefn-opt-next-wage-subsidy = Jobb med lønnstilskudd
hefn-opt-next-internship = Praksisplass i en bedrift
hefn-opt-next-education = Utdanning eller kurs
hefn-opt-next-none = Ingen av delene ennå

## Greater Copenhagen Career Program
gccp-q-meeting-place = Hvor har dere oftest møttes?
gccp-opt-place-workplace = På mentorens arbeidsplass
gccp-opt-place-elsewhere = Et annet sted
gccp-opt-factor-seminars = Jobbsøkingsseminarene
gccp-q-stay = Har du tenkt å bli og jobbe i Danmark etter studiene?
gccp-q-graduated = Er du ferdig med graden din?
gccp-q-in-denmark = Er jobben eller utdanningen din i Danmark?

## NHO Global Future
nho-q-gain-work-culture = Har du fått mer innsikt i norsk arbeidskultur?
nho-q-learning-group = Hvor nyttig har læringsgruppen vært for deg?
nho-q-mentor-view = Har mentorrollen gitt deg et mer nyansert syn på innvandreres kompetanse og ressurser?
nho-q-career-change = Har karrieren din endret seg siden programmet startet?
nho-opt-career-new-job = Ny jobb
nho-opt-career-new-role = Ny rolle eller mer ansvar der jeg jobber
nho-opt-career-none = Ingen endring ennå
nho-opt-factor-learning-plan = Den individuelle læringsplanen

## Samtaletemaer (felles)
prompt-prepare = Før dere møtes: Hva håper du å få ut av mentorrelasjonen, og hva kan du selv bidra med?
prompt-reach-out = Adept: Ta det første steget. Skriv en kort melding med noen linjer om deg selv og to–tre tidspunkter som passer for et første møte.
prompt-get-to-know = Fortell hverandre om bakgrunnen deres, og hva dere håper å få ut av programmet.
prompt-expectations = Avtal hvor ofte dere møtes, hvordan dere holder kontakten, og hva mentoren kan og ikke kan hjelpe med.
prompt-goals = Avtal to–tre mål for programmet, formulert av adepten. Hva skal til for at programmet er en suksess når det er over?
prompt-book-before-parting = Før dere går: Avtal neste møte og temaet for det.
prompt-competences = Hvilken kompetanse hos deg er mest etterspurt her? Hvor møter erfaringen din behovene til en bedrift?
prompt-career-paths = Hvilke jobber og karriereveier havner folk med din utdanning i? Hvordan så mentorens egen vei ut?
prompt-cv = Gå gjennom CV-en din og en søknad sammen. Hva skal til for at en arbeidsgiver ringer deg?
prompt-network = Hvem i mentorens nettverk kunne du snakke med? Planlegg en samtale eller et bedriftsbesøk.
prompt-work-culture-dk = Hva er typisk for danske arbeidsplasser: møter, hierarki, lunsj, humor, e-post? Hva undrer adepten seg over?
prompt-company-visit = Kunne adepten besøke mentorens arbeidsplass eller hospitere der en dag? Avtal en dato og hva dere skal se på.
prompt-job-ads = Finn to–tre stillingsannonser som adepten er interessert i, og gå gjennom hva de egentlig ber om.
prompt-unsolicited = Hvordan skriver man en åpen søknad, og hvilken bedrift skal få den første?
prompt-midway = Halvveis: Hva har vært mest nyttig så langt, og hva vil dere ha ut av resten av programmet?
prompt-goals-check = Se på målene dere satte i starten. Hvilke har flyttet seg, og hvilke trenger et nytt delmål?
prompt-next-steps = Hva er de neste stegene dine etter programmet? Skriv ned ett som du tar innen en måned.
prompt-thanks = Fortell hverandre hva mentorrelasjonen har betydd, og avtal om og hvordan dere holder kontakten.
prompt-keep-in-touch = Programmet er over. Hvis dere har avtalt å holde kontakten, er en kort oppdatering om noen måneder velkommen.
prompt-follow-up-update = Fortell mentoren din hvor du er nå. Mentorer får sjelden vite hvordan det gikk, og de vil gjerne vite det.

## Samtaletemaer: Karrierementor
km-prompt-competences = Hvilken kompetanse hos deg er mest etterspurt utenfor universitetet? Hvor møter utdanningen din behovene til en bedrift?
km-prompt-sme = Hvordan er det å jobbe i en liten eller mellomstor bedrift? Hvordan ansetter de, og hvordan blir man lagt merke til?
km-prompt-student-job = Kunne en deltidsjobb ved siden av studiene, et praksisopphold eller en masteroppgave i samarbeid med en bedrift hjelpe? Hvor ville mentoren lete?
km-prompt-study-to-work = Hva gjør deg usikker på overgangen fra studier til jobb? Hva skulle mentoren gjerne ha visst den gangen?

## Samtaletemaer: Lyngby-Taarbæk
lyngby-prompt-spouse = Snakk om familiens situasjon: hvor lenge dere regner med å bli, karrieren din før Danmark, og hva som skal til for å starte den opp igjen her.
lyngby-prompt-local-companies = Hvilke bedrifter i og rundt Lyngby ansetter folk med adeptens bakgrunn? Kjenner mentoren noen der?
lyngby-prompt-interview-session = Jobbintervjuøkten: Hvilke spørsmål vil dere øve på før den, eller hva lærte du av den?

## Samtaletemaer: Hjælp en flygtning NU
hefn-prompt-trade = Hvordan fungerer bransjen i Danmark: sertifikater, fagforeninger, hvordan folk blir ansatt? Hva ligner på der adepten jobbet før?
hefn-prompt-local-contacts = Hvilke lokale bedrifter kunne bruke adeptens kompetanse? Hvem kunne mentoren ringe til eller introdusere?
hefn-prompt-plan = Hvilken plan har adepten med jobbsenteret i kommunen? Hvordan kan møtene deres støtte den?
hefn-prompt-language = Hvilke danske ord og uttrykk trenger adepten på jobb i bransjen? Øv på dem sammen.

## Samtaletemaer: Greater Copenhagen Career Program
gccp-prompt-workplace = Dere møtes på mentorens arbeidsplass: Kunne adepten møte en eller to kolleger og høre hvordan de fikk jobben sin?
gccp-prompt-student-job = En deltidsjobb ved siden av studiene, en praksisplass eller en masteroppgave i en bedrift er ofte veien til den første jobben i Danmark. Hvor kunne adepten finne en?
gccp-prompt-seminar = Hva tok adepten med seg fra det siste jobbsøkingsseminaret? Prøv én ting derfra sammen.
gccp-prompt-stay = Hva skal til for at adepten blir og jobber i Danmark etter studiene? Hva står i veien?

## Samtaletemaer: NHO Global Future
nho-prompt-learning-plan = Gå gjennom adeptens individuelle læringsplan. Hvilke mål jobber dere med nå?
nho-prompt-learning-group = Hva kom opp i den siste læringsgruppen? Ta med ett spørsmål derfra til mentoren.
nho-prompt-work-culture = Hva er typisk for norske arbeidsplasser: møter, beslutninger, hierarki, uformell prat? Hva undrer adepten seg over?
nho-prompt-career-step = Hva er adeptens neste steg i karrieren: en ny rolle, mer ansvar, en ny arbeidsgiver? Hva skal til?
nho-prompt-mentor-company = Kunne adepten besøke mentorens bedrift eller være med på et møte der, for å se hvordan beslutninger blir tatt?

## Øvelser (felles)
exercise-pitch = Øvelse: Forbered en presentasjon av deg selv på ett minutt, slik du ville gitt den til en arbeidsgiver. Prøv den på mentoren din, og be om én ting du kan gjøre bedre.
exercise-goals = Øvelse: Skriv tre mål for programmet. Skriv for hvert mål et første delmål du kan nå innen en måned, og hvordan du vet at du har nådd det.
exercise-competence-map = Øvelse: Skriv fem ting du kan, og for hver av dem en situasjon der du har vist det. Snakk med mentoren din om hvordan du sier det til en arbeidsgiver.
exercise-interview = Øvelse: Ha et jobbintervju på 15 minutter som rollespill. Mentoren spør, du svarer, og etterpå gir dere hverandre tilbakemeldinger.
exercise-job-ad = Øvelse: Ta en ekte stillingsannonse, og strek under det de ber om. Skriv for hvert punkt et eksempel fra din egen erfaring, og gå gjennom det med mentoren din.
exercise-cv-30-seconds = Øvelse: Mentoren din leser CV-en din i 30 sekunder og forteller så hva som ble sittende igjen. Er det det du vil at en arbeidsgiver skal huske?
exercise-network-map = Øvelse: Skriv ned ti personer du kjenner som jobber i eller nær fagfeltet ditt, eller som kjenner noen som gjør det. Velg sammen med mentoren to som du kontakter denne måneden.
exercise-goal-check = Øvelse: Gi hvert av målene dine en score fra 1 til 5 for hvor langt du har kommet. Avtal for det laveste én ting du gjør før neste møte.
exercise-plan-ahead = Øvelse: Skriv en plan for de tre månedene etter programmet: hva du skal gjøre, hvem du skal kontakte, og når.

## Øvelser: for det enkelte programmet
lyngby-exercise-danish-cv = Øvelse: Skriv om CV-en din på dansk vis: høyst to sider, en kort profil øverst og resultater framfor arbeidsoppgaver. Sammenlign før og etter med mentoren din.
hefn-exercise-competences-dk = Øvelse: Skriv ned jobbene og oppgavene du har hatt. Finn for hver av dem den danske stillingstittelen og en dansk stillingsannonse som ber om det samme.
hefn-exercise-phone-call = Øvelse: Forbered en kort telefonsamtale med en bedrift: hvem du er, hva du kan, og hva du ber om (et besøk, en praksisplass, en jobb). Øv på den med mentoren din, og ring så.
gccp-exercise-linkedin = Øvelse: Gå gjennom LinkedIn-profilen din sammen. Ville en dansk rekrutterer funnet deg med søkeordene som brukes i faget ditt?
nho-exercise-career-map = Øvelse: Tegn karrieren din så langt, og hvor du vil være om tre år. Marker hva du trenger for å komme dit: kompetanse, nettverk, språk, sertifikater.

## Navnene på arrangementene, i stedet for typen. Settes inn i "Invitasjon
## til { $kind } i { $programme }" og "invitasjon til { $kind }", så hvert
## navn er et substantivuttrykk som leses etter "til".
km-event-kickoff = oppstartssamling med forventningsavklaring
lyngby-event-career-workshop = karriereworkshop for adepter
lyngby-event-mentor-course = mentorkurs
lyngby-event-kickoff-speed-dating = felles oppstartssamling med speed-dating
lyngby-event-interview-session = jobbintervjuøkt
hefn-event-mentor-introduction = introduksjonsmøte for mentorer
gccp-event-mentor-training = mentoropplæring
gccp-event-seminar-cv = CV- og søknadsseminar
gccp-event-seminar-network = nettverksseminar med danske bedrifter
gccp-event-seminar-interview = jobbintervjuseminar
gccp-event-seminar-first-job = seminar om den første jobben i Danmark
nho-event-mentor-training = mentoropplæring
nho-event-learning-group = læringsgruppe for adepter
