## Alerts to coordinators about items the bot set aside (poison rows, pairs, updates).
