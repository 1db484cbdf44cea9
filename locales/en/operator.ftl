## Alerts to coordinators about items the bot set aside (poison rows, pairs, updates).
alert-set-aside = ⚠️ A message to { $name } could not be prepared or sent after several tries and has been set aside: { $error }. Please contact them another way.
