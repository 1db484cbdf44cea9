## Platform events: blocking and unblocking the bot, platform limits.

# A person unblocked the bot after blocking it.
alert-reachable-again = ✅ { $name } ({ $role }) has unblocked the bot and can be reached in chat again.
