## Starting a cohort: profiles, matching, publishing, rematch, import.

## Tjek før hvert match
cohort-refused-twice = { $mentee } er allerede i par { $pair }. Afslut det par først, eller brug rematch.
cohort-refused-ended = { $programme } sluttede { $end }: et nyt par ville få sin introduktion og sin afslutning på samme tid. Lav en ny runde med `mentorbot programme new`.

## mentorbot programme new
cohort-programme-new = Skrev { $file }: forløbet starter { $start } (før { $from }); arrangementerne er flyttet { $weeks } uger og ligger på samme ugedag.
