## Alerts to coordinators about items the bot set aside (poison rows, pairs, updates).
alert-set-aside = ⚠️ En melding til { $name } kunne ikke klargjøres eller sendes etter flere forsøk og er lagt til side: { $error }. Kontakt vedkommende på en annen måte.
