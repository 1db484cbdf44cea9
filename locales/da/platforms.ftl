## Platform events: blocking and unblocking the bot, platform limits.

# A person unblocked the bot after blocking it.
alert-reachable-again = ✅ { $name } ({ $role }) har fjernet blokeringen af botten og kan nås i chatten igen.
