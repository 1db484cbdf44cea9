## Starting a cohort: profiles, matching, publishing, rematch, import.

## Guards in front of every match
cohort-refused-twice = { $mentee } is already in pair { $pair }. End that pair first, or use rematch.
cohort-refused-ended = { $programme } ended on { $end }: a new pair would get its intro and its end at the same moment. Make a new round with `mentorbot programme new`.

## mentorbot programme new
cohort-programme-new = Wrote { $file }: it starts on { $start } (was { $from }); events moved { $weeks } weeks and keep their weekdays.
