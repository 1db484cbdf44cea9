## Platform events: blocking and unblocking the bot, platform limits.

# A person unblocked the bot after blocking it.
alert-reachable-again = ✅ { $name } ({ $role }) har opphevet blokkeringen av boten og kan nås i chatten igjen.
