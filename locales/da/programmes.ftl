## Spørgsmål, svarmuligheder, samtaleemner og øvelser, som
## programfilerne henviser til med nøgle.
##
## Nøgler uden præfiks deles af flere forløb. Nøgler, der hører til ét
## forløb, har dets præfiks: km- (Karrierementor), lyngby- (Career
## Mentoring Programme, Lyngby-Taarbæk), hefn- (Hjælp en flygtning NU),
## gccp- (Greater Copenhagen Career Program), nho- (NHO Global Future).

## Status ved opfølgningen (svarmulighederne er faste)
outcome-job = Jeg er i job
outcome-education = Jeg er i gang med en uddannelse
outcome-self-employed = Jeg er selvstændig
outcome-clarified = Jeg har afklaret, hvad jeg vil videre
outcome-still-seeking = Jeg søger stadig
q-outcome = Hvad er din situation nu?

## Fælles svarmuligheder
opt-yes = Ja
opt-no = Nej
opt-maybe = Måske
opt-partly = Delvist
opt-format-physical = Fysisk
opt-format-virtual = Virtuelt
opt-format-both = Begge dele

## Midtvejsevaluering (fælles)
q-benefit-so-far = Hvor stort et udbytte har du haft af mentorforløbet indtil nu?
q-meetings-so-far = Hvor mange gange har I mødtes indtil nu?
opt-meetings-0 = Endnu ikke
opt-meetings-1 = Én gang
opt-meetings-2 = To gange
opt-meetings-3plus = Tre gange eller flere
opt-meetings-1-2 = En til to gange
opt-meetings-3-5 = 3 til 5 gange
opt-meetings-6plus = 6 gange eller flere
q-match-fit = Hvor godt passer jeres match til dit fagområde og dine ønsker?
q-expectations-set = Har I forventningsafstemt og sat mål for forløbet?
q-mentee-takes-lead = Tager din mentee teten med at aftale møderne og foreslå emner?
q-topics-so-far = Hvad har I arbejdet med indtil nu?
opt-topic-competences = Kompetencer
opt-topic-career-paths = Karriereveje og job
opt-topic-cv = CV og ansøgninger
opt-topic-network = Netværk
opt-topic-work-culture = Arbejdskultur
opt-topic-company-visit = Virksomhedsbesøg eller en-dags-praktik
opt-topic-interview = Jobsamtaler
opt-topic-study-to-work = Overgangen fra studie til job
opt-topic-education = Uddannelse og kurser
opt-topic-language = Dansk på arbejdspladsen
q-anything-to-change = Er der noget, I gerne vil ændre, eller noget, I har brug for hjælp til?

## Slutevaluering (fælles)
q-overall-benefit = Hvor stort er dit samlede udbytte af mentorforløbet?
q-gain-competences = Er du blevet mere bevidst om dine egne kompetencer?
q-gain-confidence = Er du blevet mere tryg ved overgangen fra studieliv til arbejdsliv?
q-gain-career-paths = Er du blevet mere bevidst om forskellige karriereveje og relevante job?
q-gain-competences-dk = Ved du bedre, hvordan du kan bruge dine kompetencer på det danske arbejdsmarked?
q-gain-work-culture-dk = Har du fået større indsigt i dansk arbejdskultur?
q-gain-clarity = Er du mere afklaret om, hvilket job eller hvilken uddannelse du vil gå efter?
q-gain-momentum = Har forløbet hjulpet dig med at holde gang i eller få skub i jobsøgningen?
q-gain-cv = Er dit CV blevet bedre?
q-gain-interview = Er du bedre forberedt til jobsamtaler?
q-network-stronger = Er dit professionelle netværk blevet stærkere?
q-meeting-format = Hvordan har I oftest mødtes?
q-factors = Hvad har betydet mest for et godt mentorforløb? Sæt dem i rækkefølge.
opt-factor-match = Et fagnært match
opt-factor-freedom = Frihed til selv at tilrettelægge møderne
opt-factor-expectations = Rammesat forventningsafstemning
opt-factor-frame = En klar ramme: antal møder og slutdato
opt-factor-mentee-lead = At mentee tager teten
opt-factor-events = De fælles arrangementer
opt-factor-tools = Værktøjer og øvelser
opt-factor-network = Mentors netværk
opt-factor-workplace = Møder på mentors arbejdsplads
opt-factor-volunteer = En frivillig mentor uden for systemet
opt-factor-follow-up = Opfølgning fra tovholderen
q-ideal-length = Hvad ville være den ideelle længde på et mentorforløb?
opt-length-one-semester = Et semester
opt-length-two-semesters = To semestre
opt-length-more = Længere
q-length-right = Hvad synes du om forløbets længde?
opt-length-too-short = For kort
opt-length-right = Passende
opt-length-too-long = For lang
q-mentor-gains = Hvad har du selv fået ud af at være mentor?
opt-mentor-gain-difference = At gøre en forskel for et andet menneske
opt-mentor-gain-network = Et større lokalt netværk
opt-mentor-gain-cultures = Mødet med andre nationaliteter
opt-mentor-gain-insight = Ny indsigt i andres kompetencer
opt-mentor-gain-skills = Bedre til at vejlede og lytte
opt-mentor-gain-reflection = Refleksion over min egen karriere
q-mentor-again = Vil du gerne være mentor igen?
q-recommend = Vil du anbefale andre at deltage?
q-wishes = Hvad ønsker du dig af et fremtidigt mentorforløb?
q-comments = Er der andet, du vil fortælle os?

## Opfølgning (fælles)
q-follow-up-helped = Hvor meget har mentorforløbet hjulpet dig derhen, hvor du er nu?
q-still-in-touch = Har du stadig kontakt med din mentor?

## Karrierementor
km-q-study-timing = Hvornår på studiet vil en mentor være mest nyttig?
km-opt-timing-bachelor = På bacheloruddannelsen
km-opt-timing-master-first = På første år af kandidaten
km-opt-timing-master-last = På sidste år af kandidaten
km-opt-timing-graduate = Lige efter endt uddannelse

## Career Mentoring Programme, Lyngby-Taarbæk
lyngby-opt-factor-workshops = Karriereworkshoppen og mentorkurset
lyngby-opt-factor-speed-dating = Kickoff-mødet med speed-dating
lyngby-opt-factor-interview-session = Jobinterview-sessionen
lyngby-q-network-helped = Har dit netværk i Danmark hjulpet dig siden forløbet?

## Hjælp en flygtning NU
hefn-q-hours = Når I at bruge omkring fire timer om måneden sammen?
hefn-opt-factor-trade = En mentor fra samme branche
hefn-opt-factor-local = En mentor, der kender det lokale arbejdsmarked
hefn-q-next-step = Hvad passer bedst på din situation?
hefn-opt-next-job = Ordinært job
hefn-opt-next-wage-subsidy = Job med løntilskud
hefn-opt-next-internship = Praktik i en virksomhed
hefn-opt-next-education = Uddannelse eller kursus
hefn-opt-next-none = Ingen af delene endnu

## Greater Copenhagen Career Program
gccp-q-meeting-place = Hvor har I oftest mødtes?
gccp-opt-place-workplace = På mentors arbejdsplads
gccp-opt-place-elsewhere = Et andet sted
gccp-opt-factor-seminars = Jobsøgningsseminarerne
gccp-q-stay = Regner du med at blive og arbejde i Danmark efter studiet?
gccp-q-graduated = Er du færdiguddannet?
gccp-q-in-denmark = Er dit job eller din uddannelse i Danmark?

## NHO Global Future
nho-q-gain-work-culture = Har du fået større indsigt i norsk arbejdskultur?
nho-q-learning-group = Hvor nyttig har læringsgruppen været for dig?
nho-q-mentor-view = Har mentorrollen givet dig et mere nuanceret syn på indvandreres kompetencer og ressourcer?
nho-q-career-change = Har din karriere ændret sig, siden forløbet begyndte?
nho-opt-career-new-job = Nyt job
nho-opt-career-new-role = Ny rolle eller mere ansvar på min arbejdsplads
nho-opt-career-none = Ingen ændring endnu
nho-opt-factor-learning-plan = Den individuelle læringsplan

## Samtaleemner (fælles)
prompt-prepare = Inden I mødes: Hvad håber du at få ud af mentorforløbet, og hvad kan du selv bidrage med?
prompt-reach-out = Mentee: Tag det første skridt. Skriv en kort besked med et par linjer om dig selv og to-tre tidspunkter, der passer dig til et første møde.
prompt-get-to-know = Fortæl hinanden om jeres baggrund, og hvad I håber at få ud af forløbet.
prompt-expectations = Aftal, hvor ofte I mødes, hvordan I holder kontakten, og hvad mentor kan og ikke kan hjælpe med.
prompt-goals = Aftal to-tre mål for forløbet, som mentee formulerer. Hvad skal der til, for at forløbet er en succes, når det slutter?
prompt-book-before-parting = Inden I går fra hinanden: Aftal det næste møde og emnet for det.
prompt-competences = Hvilke af dine kompetencer er mest efterspurgte her? Hvor møder din erfaring en virksomheds behov?
prompt-career-paths = Hvilke job og karriereveje ender folk med din uddannelse i? Hvordan så mentors egen vej ud?
prompt-cv = Gå dit CV og en ansøgning igennem sammen. Hvad skal der til, for at en arbejdsgiver ringer dig op?
prompt-network = Hvem i din mentors netværk kunne du tale med? Planlæg en samtale eller et virksomhedsbesøg.
prompt-work-culture-dk = Hvad er typisk for danske arbejdspladser: møder, hierarki, frokost, humor, mails? Hvad undrer mentee sig over?
prompt-company-visit = Kunne mentee besøge mentors arbejdsplads eller komme i en-dags-praktik der? Aftal en dato, og hvad der skal ses på.
prompt-job-ads = Find to-tre jobopslag, som mentee er interesseret i, og gennemgå, hvad de egentlig efterspørger.
prompt-unsolicited = Hvordan skriver man en uopfordret ansøgning, og hvilken virksomhed skal have den første?
prompt-midway = Halvvejs: Hvad har været mest nyttigt indtil nu, og hvad vil I have ud af resten af forløbet?
prompt-goals-check = Se på de mål, I satte i starten. Hvilke har rykket sig, og hvilke har brug for et nyt delmål?
prompt-next-steps = Hvad er dine næste skridt efter forløbet? Skriv ét ned, som du tager inden for en måned.
prompt-thanks = Fortæl hinanden, hvad mentorforløbet har betydet, og aftal, om og hvordan I holder kontakten.
prompt-keep-in-touch = Forløbet er slut. Hvis I har aftalt at holde kontakten, er en kort opdatering om et par måneder velkommen.
prompt-follow-up-update = Fortæl din mentor, hvor du er nu. Mentorer hører sjældent, hvordan det gik, og de vil gerne vide det.

## Samtaleemner: Karrierementor
km-prompt-competences = Hvilke af dine kompetencer er mest efterspurgte uden for universitetet? Hvor møder din uddannelse en virksomheds behov?
km-prompt-sme = Hvordan er det at arbejde i en lille eller mellemstor virksomhed? Hvordan ansætter de, og hvordan bliver man set?
km-prompt-student-job = Kunne et studiejob, et projektorienteret forløb eller et speciale i samarbejde med en virksomhed hjælpe? Hvor ville mentor lede?
km-prompt-study-to-work = Hvad gør dig utryg ved overgangen fra studie til job? Hvad ville mentor gerne selv have vidst dengang?

## Samtaleemner: Lyngby-Taarbæk
lyngby-prompt-spouse = Tal om familiens situation: hvor længe I regner med at blive, din karriere før Danmark, og hvad der skal til for at genstarte den her.
lyngby-prompt-local-companies = Hvilke virksomheder i og omkring Lyngby ansætter folk med mentees baggrund? Kender mentor nogen der?
lyngby-prompt-interview-session = Jobinterview-sessionen: Hvilke spørgsmål vil I øve inden, eller hvad lærte du af den?

## Samtaleemner: Hjælp en flygtning NU
hefn-prompt-trade = Hvordan fungerer branchen i Danmark: certifikater, fagforeninger, hvordan folk bliver ansat? Hvad minder om der, hvor mentee arbejdede før?
hefn-prompt-local-contacts = Hvilke lokale virksomheder kunne bruge mentees kompetencer? Hvem kunne mentor ringe til eller introducere?
hefn-prompt-plan = Hvilken plan har mentee med jobcentret? Hvordan kan jeres møder støtte den?
hefn-prompt-language = Hvilke danske ord og vendinger har mentee brug for på arbejdet i branchen? Øv dem sammen.

## Samtaleemner: Greater Copenhagen Career Program
gccp-prompt-workplace = I mødes på mentors arbejdsplads: Kunne mentee møde en eller to kolleger og høre, hvordan de fik deres job?
gccp-prompt-student-job = Et studiejob, en praktikplads eller et speciale i en virksomhed er ofte vejen til det første job i Danmark. Hvor kunne mentee finde et?
gccp-prompt-seminar = Hvad fik mentee med fra det seneste jobsøgningsseminar? Prøv én ting fra det sammen.
gccp-prompt-stay = Hvad skal der til, for at mentee bliver og arbejder i Danmark efter studiet? Hvad står i vejen?

## Samtaleemner: NHO Global Future
nho-prompt-learning-plan = Gå adeptens individuelle læringsplan igennem. Hvilke mål arbejder I med nu?
nho-prompt-learning-group = Hvad kom op i den seneste læringsgruppe? Tag ét spørgsmål derfra med til mentor.
nho-prompt-work-culture = Hvad er typisk for norske arbejdspladser: møder, beslutninger, hierarki, uformel snak? Hvad undrer adepten sig over?
nho-prompt-career-step = Hvad er adeptens næste skridt i karrieren: en ny rolle, mere ansvar, en ny arbejdsgiver? Hvad skal der til?
nho-prompt-mentor-company = Kunne adepten besøge mentors virksomhed eller sidde med på et møde der for at se, hvordan beslutninger bliver truffet?

## Øvelser (fælles)
exercise-pitch = Øvelse: Forbered en præsentation af dig selv på ét minut, som du ville give den til en arbejdsgiver. Prøv den af på din mentor, og bed om én ting, du kan gøre bedre.
exercise-goals = Øvelse: Skriv tre mål for forløbet. Skriv for hvert mål et første delmål, du kan nå inden for en måned, og hvordan du ved, at du har nået det.
exercise-competence-map = Øvelse: Skriv fem ting, du kan, og for hver en situation, hvor du har vist det. Tal med din mentor om, hvordan du siger det til en arbejdsgiver.
exercise-interview = Øvelse: Hold en jobsamtale på 15 minutter som rollespil. Mentor spørger, du svarer, og bagefter giver I hinanden feedback.
exercise-job-ad = Øvelse: Tag et rigtigt jobopslag, og understreg, hvad de efterspørger. Skriv for hvert punkt et eksempel fra din egen erfaring, og gennemgå det med din mentor.
exercise-cv-30-seconds = Øvelse: Din mentor læser dit CV i 30 sekunder og fortæller så, hvad der hang fast. Er det dét, du vil have, at en arbejdsgiver husker?
exercise-network-map = Øvelse: Skriv ti personer ned, som du kender, og som arbejder i eller tæt på dit felt eller kender nogen, der gør. Vælg sammen med din mentor to, du kontakter i denne måned.
exercise-goal-check = Øvelse: Giv hvert af dine mål en score fra 1 til 5 for, hvor langt du er nået. Aftal for det laveste én ting, du gør inden næste møde.
exercise-plan-ahead = Øvelse: Skriv en plan for de tre måneder efter forløbet: hvad du vil gøre, hvem du vil kontakte, og hvornår.

## Øvelser: for det enkelte forløb
lyngby-exercise-danish-cv = Øvelse: Skriv dit CV om på dansk manér: højst to sider, en kort profil øverst og resultater frem for arbejdsopgaver. Sammenlign før og efter med din mentor.
hefn-exercise-competences-dk = Øvelse: Skriv de job og opgaver ned, du har haft. Find for hvert den danske jobtitel og et dansk jobopslag, der efterspørger det samme.
hefn-exercise-phone-call = Øvelse: Forbered en kort telefonsamtale med en virksomhed: hvem du er, hvad du kan, og hvad du beder om (et besøg, en praktik, et job). Øv den med din mentor, og ring så.
gccp-exercise-linkedin = Øvelse: Gå din LinkedIn-profil igennem sammen. Ville en dansk rekrutteringskonsulent finde dig med de søgeord, der bruges i dit fag?
nho-exercise-career-map = Øvelse: Tegn din karriere indtil nu, og hvor du vil være om tre år. Markér, hvad du har brug for for at nå dertil: kompetencer, netværk, sprog, certifikater.

## Arrangementernes navne, i stedet for arten. Indsættes i "Invitation til
## { $kind } i { $programme }" og "invitation til { $kind }", så hvert navn
## er en navneordsforbindelse, der læses efter "til".
km-event-kickoff = opstartsarrangement med forventningsafstemning
lyngby-event-career-workshop = karriereworkshop for mentees
lyngby-event-mentor-course = mentorkursus
lyngby-event-kickoff-speed-dating = fælles kickoff-møde med speed-dating
lyngby-event-interview-session = jobinterview-session
hefn-event-mentor-introduction = introduktionsmøde for mentorer
gccp-event-mentor-training = mentorkursus
gccp-event-seminar-cv = CV- og ansøgningsseminar
gccp-event-seminar-network = netværksseminar med danske virksomheder
gccp-event-seminar-interview = jobsamtaleseminar
gccp-event-seminar-first-job = seminar om det første job i Danmark
nho-event-mentor-training = mentorkursus
nho-event-learning-group = læringsgruppe for adepter
