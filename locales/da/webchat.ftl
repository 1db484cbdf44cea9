## The built-in web chat: its own answers (limits, sessions).
