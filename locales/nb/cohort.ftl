## Starting a cohort: profiles, matching, publishing, rematch, import.

## Sjekk før hvert match
cohort-refused-twice = { $mentee } er allerede i par { $pair }. Avslutt det paret først, eller bruk rematch.
cohort-refused-ended = { $programme } ble avsluttet { $end }: et nytt par ville fått introduksjonen og avslutningen samtidig. Lag en ny runde med `mentorbot programme new`.

## mentorbot programme new
cohort-programme-new = Skrev { $file }: programmet starter { $start } (før { $from }); arrangementene er flyttet { $weeks } uker og ligger på samme ukedag.
