## The built-in web chat: its own answers (limits, sessions).
webchat-too-long = Den besked er for lang: skriv højst { $max } tegn. Intet blev sendt.
