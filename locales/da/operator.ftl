## Alerts to coordinators about items the bot set aside (poison rows, pairs, updates).
alert-set-aside = ⚠️ En besked til { $name } kunne ikke klargøres eller sendes efter flere forsøg og er lagt til side: { $error }. Kontakt vedkommende på en anden måde.
