## Alerts to coordinators about items the bot set aside (poison rows, pairs, updates).
alert-set-aside = ⚠️ A message to { $name } could not be prepared or sent after several tries and has been set aside: { $error }. Please contact them another way.
alert-pair-set-aside = ⚠️ The bot could not move the pair { $mentee } and { $mentor } on, and has set it aside; it tries again later: { $error }. Please check on them and tell the operator.
alert-update-parked = ⚠️ Something { $name } wrote could not be handled after several tries and has been set aside for the operator: { $error }. Please check on them; they may be waiting for an answer.
cli-parked = { $at }  { $platform } { $key }: { $attempts } tries: { $error }
cli-parked-none = No parked updates.
