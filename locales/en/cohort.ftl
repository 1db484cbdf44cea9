## Starting a cohort: profiles, matching, publishing, rematch, import.

## Guards in front of every match
cohort-refused-twice = { $mentee } is already in pair { $pair }. End that pair first, or use rematch.
cohort-refused-ended = { $programme } ended on { $end }: a new pair would get its intro and its end at the same moment. Make a new round with `mentorbot programme new`.

## mentorbot programme new
cohort-programme-new = Wrote { $file }: it starts on { $start } (was { $from }); events moved { $weeks } weeks and keep their weekdays.

## Profile options: fields of study or trade
field-natural-sciences = Natural sciences
field-humanities = Arts and humanities
field-social-sciences = Social sciences
field-it = IT and software
field-engineering = Engineering
field-health = Health and care
field-business = Business and finance
field-trades = Crafts and trades
field-education = Teaching and education

## Profile options: interests
interest-career-paths = Career paths
interest-cv = CV and applications
interest-network = Building a network
interest-work-culture = Work culture
interest-entrepreneurship = Starting a business
interest-language = Practising the language
interest-interview = Job interviews

## Profile options: languages spoken
spoken-da = Danish
spoken-nb = Norwegian
spoken-en = English
spoken-ar = Arabic
spoken-uk = Ukrainian
spoken-fa = Persian
spoken-so = Somali
spoken-ti = Tigrinya

## mentorbot match --programme
cohort-summary = Proposal: { $pairs } pairs, { $waiting } waiting, total score { $total }.
cohort-reason-field = same field ({ $field })
cohort-reason-interests = shared interests: { $interests }
cohort-reason-wish = the mentee's wish met
cohort-reason-format = same format
cohort-reason-languages = speak { $languages }
cohort-reason-pinned = pinned by the coordinator
cohort-waitlisted = waiting: { $reason }
cohort-wait-format = no mentor meets in a format that suits
cohort-wait-language = no mentor speaks a shared language
cohort-wait-forbidden = every mentor who fits is on the do-not-pair list
cohort-wait-full = every mentor who fits is full
cohort-csv-written = The proposal is written to { $file }.
cohort-published = Published: { $pairs } pairs are matched and get their joint intro when the programme says.
cohort-rematched = Matched as pair { $pair }; the joint intro goes out when the programme says.

## /match in chat (coordinators)
cohort-chat-summary = Proposed matching: { $pairs ->
        [one] 1 pair
       *[other] { $pairs } pairs
    }, total score { $total }. { $waiting ->
        [0] Nobody waits.
        [one] 1 mentee waits
       *[other] { $waiting } mentees wait
    }{ $waiting ->
        [0] {""}
       *[other] {""} ({ $full } because every mentor who fits is full, { $format } for the format, { $language } for the language, { $forbidden } on the do-not-pair list).
    }
    Review it, pin or forbid pairs and publish with: mentorbot match --programme { $programme }
cohort-chat-error = { $error }
