## Privacy: /forget, /mydata, /consent, retention.

cmd-consent = share your contact details with your match, or stop
consent-status-given = You have agreed that the person you are matched with may have your contact details. You can withdraw your consent at any time and still stay in the programme.
consent-status-withdrawn = Your contact details are not passed on to the person you are matched with. You can give your consent again at any time.
button-consent-withdraw = Withdraw consent
button-consent-give = Share my contact details
consent-withdrawn = Done. From now on, your contact details are no longer passed on to the person you are matched with. You are still in the programme.
consent-given = Thank you. From now on, the person you are matched with may have your contact details.

cli-purged = Removed everything about the people of { $programme }:
cli-purge-dry-run = Dry run: nothing was removed. Purging { $programme } would remove:
cli-purge-table = { $table }: { $count } rows

mydata-file = Here is everything I store about you in { $programme }, as a file (JSON). Use /forget if you want it deleted.
