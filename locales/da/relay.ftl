## The relay between the two members of a pair.
relay-message =
    💬 { $name } skriver:
    { $text }
relay-off = I dette forløb sender jeg ikke beskeder videre mellem mentee og mentor, så den besked kan jeg ikke give videre. Spørg din koordinator, hvis du har brug for at få fat i den anden. Skriv /help for at se, hvad jeg kan.
relay-paused = Jeres forløb er sat på pause, så jeg sender ikke beskeder videre lige nu. Skriv /resume for at starte igen, eller kontakt din koordinator.
relay-ended = Jeres forløb er slut, så jeg sender ikke længere beskeder videre. Kontakt din koordinator, hvis du har brug for noget.
relay-which = Hvem er beskeden til?
relay-to = Til { $name }
relay-added = Jeg har føjet det til din besked. Hvem skal den sendes til?
relay-sent = Sendt til { $name }.
relay-stale = Det spørgsmål er ikke længere aktuelt, så der blev ikke sendt noget. Skriv bare din besked igen.
relay-too-long = Beskeden er for lang til, at jeg kan sende den videre. Del den gerne op i kortere beskeder.
button-write-mentor = ✏️ Skriv til din mentor
button-write-mentee = ✏️ Skriv til din mentee
relay-write-hint-mentee = Skriv bare din besked her, så sender jeg den videre til din mentor { $name }.
relay-write-hint-mentor = Skriv bare din besked her, så sender jeg den videre til din mentee { $name }.
