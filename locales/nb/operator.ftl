## Alerts to coordinators about items the bot set aside (poison rows, pairs, updates).
alert-set-aside = ⚠️ En melding til { $name } kunne ikke klargjøres eller sendes etter flere forsøk og er lagt til side: { $error }. Kontakt vedkommende på en annen måte.
alert-pair-set-aside = ⚠️ Boten kunne ikke føre paret { $mentee } og { $mentor } videre og har lagt det til side; den prøver igjen senere: { $error }. Hør hvordan det går, og gi driftsansvarlig beskjed.
alert-update-parked = ⚠️ Noe { $name } skrev, kunne ikke behandles etter flere forsøk og er lagt til side for driftsansvarlig: { $error }. Hør hvordan det går; vedkommende venter kanskje på svar.
cli-parked = { $at }  { $platform } { $key }: { $attempts } forsøk: { $error }
cli-parked-none = Ingen oppdateringer er lagt til side.
