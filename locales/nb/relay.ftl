## The relay between the two members of a pair.
relay-message =
    💬 { $name } skriver:
    { $text }
relay-off = I dette programmet sender jeg ikke meldinger videre mellom adept og mentor, så den meldingen kan jeg ikke gi videre. Spør koordinatoren din hvis du trenger å nå den andre. Skriv /help for å se hva jeg kan.
relay-paused = Mentorrelasjonen deres er satt på pause, så jeg sender ikke meldinger videre nå. Skriv /resume for å starte igjen, eller kontakt koordinatoren din.
relay-ended = Mentorrelasjonen deres er avsluttet, så jeg sender ikke lenger meldinger videre. Kontakt koordinatoren din hvis du trenger noe.
relay-which = Hvem er meldingen til?
relay-to = Til { $name }
relay-added = Jeg har lagt det til i meldingen din. Hvem skal den sendes til?
relay-sent = Sendt til { $name }.
relay-stale = Det spørsmålet er ikke lenger aktuelt, så ingenting ble sendt. Bare skriv meldingen din på nytt.
relay-too-long = Meldingen er for lang til at jeg kan sende den videre. Del den gjerne opp i kortere meldinger.
button-write-mentor = ✏️ Skriv til mentoren din
button-write-mentee = ✏️ Skriv til adepten din
relay-write-hint-mentee = Bare skriv meldingen din her, så sender jeg den videre til mentoren din { $name }.
relay-write-hint-mentor = Bare skriv meldingen din her, så sender jeg den videre til adepten din { $name }.
