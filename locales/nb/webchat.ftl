## The built-in web chat: its own answers (limits, sessions).
webchat-too-long = Den meldingen er for lang: skriv høyst { $max } tegn. Ingenting ble sendt.
