## Platform events: blocking and unblocking the bot, platform limits.
