//! `[discord]`: the Discord application, its interactions endpoint and the
//! REST API it calls.

use anyhow::Result;
use serde::{Deserialize, Serialize};

#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiscordConfig {
    /// The application's id (Developer Portal → General Information).
    pub application_id: String,
    /// The application's public key (hex); `DISCORD_PUBLIC_KEY` also works.
    #[serde(default)]
    pub public_key: String,
    /// The bot's token (Developer Portal → Bot); `DISCORD_TOKEN` also works.
    #[serde(default)]
    pub token: String,
    /// The programme's server, where `/join` is registered.
    pub guild_id: String,
    /// Where the interactions endpoint (`POST /interactions`) listens.
    #[serde(default = "discord_listen")]
    pub listen: String,
    /// The REST API (a fake in tests).
    #[serde(default = "discord_api")]
    pub api_url: String,
    /// Timeout of every REST call, in milliseconds.
    #[serde(default = "discord_timeout_ms")]
    pub http_timeout_ms: u64,
}

fn discord_listen() -> String {
    "0.0.0.0:8090".into()
}
fn discord_api() -> String {
    mentorbot_discord::API_URL.into()
}
fn discord_timeout_ms() -> u64 {
    10_000
}

impl DiscordConfig {
    /// The token and public key from `DISCORD_TOKEN` and
    /// `DISCORD_PUBLIC_KEY` when the file leaves them out; both required.
    pub fn from_env(&mut self) -> Result<()> {
        let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        if self.token.is_empty() {
            self.token = env("DISCORD_TOKEN").unwrap_or_default();
        }
        if self.public_key.is_empty() {
            self.public_key = env("DISCORD_PUBLIC_KEY").unwrap_or_default();
        }
        if self.token.is_empty() {
            anyhow::bail!("[discord] is configured without a token: set discord.token or DISCORD_TOKEN");
        }
        if self.public_key.len() != 64 || !self.public_key.bytes().all(|b| b.is_ascii_hexdigit()) {
            anyhow::bail!(
                "discord.public_key (or DISCORD_PUBLIC_KEY) must be the application's public key: 64 hex digits"
            );
        }
        Ok(())
    }

    pub fn adapter_config(&self) -> mentorbot_discord::Config {
        mentorbot_discord::Config {
            application_id: self.application_id.clone(),
            public_key: self.public_key.clone(),
            token: self.token.clone(),
            guild_id: self.guild_id.clone(),
            api_url: self.api_url.clone(),
            http_timeout_ms: self.http_timeout_ms,
        }
    }
}

impl std::fmt::Debug for DiscordConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DiscordConfig")
            .field("application_id", &self.application_id)
            .field("public_key", &"***")
            .field("token", &"***")
            .field("guild_id", &self.guild_id)
            .field("listen", &self.listen)
            .field("api_url", &self.api_url)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_shows_no_secret() {
        let c = DiscordConfig {
            application_id: "1".into(),
            public_key: "a".repeat(64),
            token: "very-secret-token".into(),
            guild_id: "2".into(),
            listen: discord_listen(),
            api_url: discord_api(),
            http_timeout_ms: 1,
        };
        let shown = format!("{c:?}");
        assert!(!shown.contains("very-secret-token") && !shown.contains(&"a".repeat(64)));
    }
}
