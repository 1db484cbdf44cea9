## Alerts to coordinators about items the bot set aside (poison rows, pairs, updates).
alert-set-aside = ⚠️ En besked til { $name } kunne ikke klargøres eller sendes efter flere forsøg og er lagt til side: { $error }. Kontakt vedkommende på en anden måde.
alert-pair-set-aside = ⚠️ Botten kunne ikke føre parret { $mentee } og { $mentor } videre og har lagt det til side; den prøver igen senere: { $error }. Hør, hvordan det går, og giv driftsansvarlig besked.
alert-update-parked = ⚠️ Noget, { $name } skrev, kunne ikke behandles efter flere forsøg og er lagt til side til driftsansvarlig: { $error }. Hør, hvordan det går; vedkommende venter måske på svar.
cli-parked = { $at }  { $platform } { $key }: { $attempts } forsøg: { $error }
cli-parked-none = Ingen opdateringer er lagt til side.
