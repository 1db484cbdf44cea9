## Privacy: /forget, /mydata, /consent, retention.

cmd-consent = del dine kontaktoplysninger, eller stop med at dele dem
consent-status-given = Du har sagt ja til, at den, du er matchet med, må få dine kontaktoplysninger. Du kan trække dit samtykke tilbage når som helst og stadig være med i forløbet.
consent-status-withdrawn = Dine kontaktoplysninger bliver ikke givet videre til den, du er matchet med. Du kan give dit samtykke igen når som helst.
button-consent-withdraw = Træk samtykke tilbage
button-consent-give = Del mine kontaktoplysninger
consent-withdrawn = Sådan. Fra nu af bliver dine kontaktoplysninger ikke længere givet videre til den, du er matchet med. Du er stadig med i forløbet.
consent-given = Tak. Fra nu af må den, du er matchet med, få dine kontaktoplysninger.

cli-purged = Alt om deltagerne i { $programme } er slettet:
cli-purge-dry-run = Prøvekørsel: intet er slettet. Sletning af { $programme } ville fjerne:
cli-purge-table = { $table }: { $count } rækker

mydata-file = Her er alt, hvad jeg gemmer om dig i { $programme }, som en fil (JSON). Skriv /forget, hvis du vil have det slettet.
