## Privacy: /forget, /mydata, /consent, retention.

cmd-consent = del kontaktinformasjonen din, eller slutt å dele den
consent-status-given = Du har sagt ja til at den du er matchet med, kan få kontaktinformasjonen din. Du kan trekke tilbake samtykket når som helst og fortsatt være med i programmet.
consent-status-withdrawn = Kontaktinformasjonen din blir ikke gitt videre til den du er matchet med. Du kan gi samtykke igjen når som helst.
button-consent-withdraw = Trekk tilbake samtykket
button-consent-give = Del kontaktinformasjonen min
consent-withdrawn = Sånn. Fra nå av blir kontaktinformasjonen din ikke lenger gitt videre til den du er matchet med. Du er fortsatt med i programmet.
consent-given = Takk. Fra nå av kan den du er matchet med, få kontaktinformasjonen din.

cli-purged = Alt om deltakerne i { $programme } er slettet:
cli-purge-dry-run = Prøvekjøring: ingenting er slettet. Sletting av { $programme } ville fjernet:
cli-purge-table = { $table }: { $count } rader

mydata-file = Her er alt jeg lagrer om deg i { $programme }, som en fil (JSON). Skriv /forget hvis du vil ha det slettet.
