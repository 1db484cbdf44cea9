## Discord: slash command descriptions and Discord-only answers.
