## The built-in web chat: its own answers (limits, sessions).
webchat-too-long = That message is too long for me: please keep it under { $max } characters. Nothing was sent.
