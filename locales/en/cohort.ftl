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

## The profile asked in chat (registration and /profile)
profile-intro = A few questions about you, so we can find a good match. Press the buttons; you can change any answer later with /profile.
profile-ask-field = Which field do you study or work in?
profile-ask-interests = What would you like to talk about? Pick as many as you like, then press Done.
profile-ask-format = How would you like to meet?
profile-ask-languages = Which languages do you speak? Pick all that apply, then press Done.
profile-ask-capacity = How many mentees can you take? (At most { $max }.)
profile-ask-gender = Which gender do you identify as? Some mentees wish for a mentor of a certain gender.
profile-ask-wish = Would you prefer a mentor of a certain gender?
profile-ask-contact = Which e-mail address and/or phone number may your match use? Write it here, or press Skip.
profile-format-virtual = Online
profile-format-physical = In person
profile-format-both = Either is fine
profile-capacity-option = { $n ->
        [one] 1 mentee
       *[other] { $n } mentees
    }
profile-gender-woman = Woman
profile-gender-man = Man
profile-gender-other = Other, or I'd rather not say
profile-wish-woman = A woman
profile-wish-man = A man
profile-wish-other = Someone of another gender
profile-wish-none = No preference
profile-pick-one = Please pick at least one.
profile-invalid-email = That e-mail address does not look right. Please write it like name@example.com.
profile-invalid-phone = That phone number does not look right. Please write 8 to 15 digits, with + and the country code if you like.
profile-invalid-contact = Please write an e-mail address or a phone number, or press Skip.
profile-not-given = not given
profile-none = This programme asks no profile questions of you.
profile-complete = Thank you! Your profile is complete. You can change it any time with /profile.
profile-saved = Saved.
profile-show =
    Your profile:
    • Field: { $field }
    • Interests: { $interests }
    • Meeting: { $format }
    • Languages: { $languages }{ $has-capacity ->
        [yes] {""}
            • Mentees: { $capacity }
       *[no] {""}
    }{ $has-gender ->
        [yes] {""}
            • Gender: { $gender }
       *[no] {""}
    }{ $has-age ->
        [yes] {""}
            • { $role ->
                [mentor] Age
               *[other] Preferred age of your mentor
            }: { $age }
       *[no] {""}
    }{ $has-contact ->
        [yes] {""}
            • Contact: { $contact }
       *[no] {""}
    }
    Press a button to change an answer.
profile-edit-field = Change field
profile-edit-interests = Change interests
profile-edit-format = Change meeting
profile-edit-languages = Change languages
profile-edit-capacity = Change number of mentees
profile-edit-gender = Change gender
profile-edit-contact = Change contact

## The joint intro: the other side, from their profile
intro-about =
    About your { $role }, { $name }:
    • Field: { $field }
    • Interests: { $interests }
    • Meeting: { $format }
    • Languages: { $languages }{ $has-age ->
        [yes] {""}
            • Age: { $age }
       *[no] {""}
    }

## mentorbot import
cohort-import-dry-run = Every row is good: { $people } people would be imported. Nothing was changed (dry run).
cohort-import-done = Imported { $people } people, each with a personal invite that joins them with their profile.

cmd-profile = see and edit your profile

## Age band (only where the programme asks `age`).
profile-ask-age = Which age group are you in? Some mentees wish for a mentor of a certain age.
profile-ask-wish-age = Would you prefer a mentor of a certain age?
profile-age-under-30 = Under 30
profile-age-30-49 = 30–49
profile-age-50-plus = 50 or older
profile-edit-age = Change age
cohort-reason-age-wish = the mentee's age wish met

## A coordinator finds a mentee a new mentor in chat (alert, /pairs, /match)
rematch-button-find = Find a mentor for { $mentee }
rematch-button-confirm = ✅ Match them
rematch-unknown = That mentee is not one of your programme's.
rematch-proposal = The best free mentor for { $mentee } is { $mentor }, with a score of { $score } ({ $reasons }). Match them? The joint intro goes out when the programme says.
rematch-stale = That proposal no longer holds for { $mentee }, so nothing was changed. This is how it stands now:
rematch-why-field = same field
rematch-why-interests = shared interests
rematch-why-language = a shared language
rematch-why-none = nothing in common beyond the rules
