//! mentorbot over Discord, without the gateway: HTTP interactions in,
//! REST out (serenity 0.12 for the builders and the signature verifier).
//!
//! Inbound ([`endpoint`]): Discord POSTs every interaction — a slash
//! command, a button press, a modal's submission — to the interactions
//! endpoint. Each request's Ed25519 signature is verified (serenity's
//! `Verifier`) and its timestamp must be within [`MAX_AGE_SECS`] of now
//! (the verifier does not check it). PING gets PONG; everything else is
//! answered within Discord's 3 seconds, deferred when the work takes longer.
//! The interaction id is the update key, so a redelivery is a no-op.
//!
//! Free text comes through modals, since a bot without the gateway never
//! sees plain messages: every DM carries a "Write…" button ([`WRITE`])
//! that opens a modal with one text input, and its submission is the text.
//!
//! Outbound ([`rest`]): DMs over REST (open the DM channel, then send),
//! honouring the per-route `X-RateLimit-*` buckets, 429 `retry_after`
//! (global too) and staying under 50 requests a second.

pub mod commands;
pub mod components;
pub mod endpoint;
#[cfg(feature = "fake")]
pub mod fake;
pub mod rest;

pub use commands::{CommandSpec, register_commands};
pub use endpoint::{Endpoint, Outcome, router};
pub use rest::{Discord, Rest};

use bot_core::adapter::Capabilities;
use serde::{Deserialize, Serialize};

pub const PLATFORM: &str = "discord";

/// How old an interaction's `X-Signature-Timestamp` may be (or how far in
/// the future), in seconds.
pub const MAX_AGE_SECS: i64 = 300;

/// Discord's limits: 2,000 characters a message, 5 action rows of 5
/// buttons.
pub const MAX_CONTENT: usize = 2000;
pub const MAX_ROWS: usize = 5;
pub const MAX_ROW_BUTTONS: usize = 5;
pub const MAX_CUSTOM_ID: usize = 100;
pub const MAX_MODAL_INPUTS: usize = 5;

/// The custom id of the button that opens the free-text modal, and of the
/// modal itself. Not a core payload: the adapter answers it with a modal.
pub const WRITE: &str = "dc:write";

/// Whether a button's custom id is the core's own "Write to your mentor"
/// (or mentee) button: it opens the same modal, and a message that has
/// one needs no generic "Write…" button.
pub fn writes_to_pair(custom_id: &str) -> bool {
    bot_core::payload::Tagged::parse(custom_id).is_some_and(|t| t.payload == bot_core::payload::Payload::Write)
}

/// What a Discord DM can show. One button of the 25 is the adapter's own
/// "Write…" button.
pub const CAPABILITIES: Capabilities = Capabilities {
    buttons: true,
    max_text_len: MAX_CONTENT,
    max_buttons: MAX_ROWS * MAX_ROW_BUTTONS - 1,
};

/// How this bot is known to Discord. Debug shows the token as `***`.
#[derive(Clone, Serialize, Deserialize)]
pub struct Config {
    /// The application's id (Developer Portal → General Information).
    pub application_id: String,
    /// The application's public key, hex: interactions are signed with it.
    pub public_key: String,
    /// The bot's token, for REST calls.
    pub token: String,
    /// The programme's server: `/join` is registered there.
    pub guild_id: String,
    /// The REST API's base (`https://discord.com/api/v10`; a fake in tests).
    pub api_url: String,
    /// Timeout of every REST call, in milliseconds.
    pub http_timeout_ms: u64,
}

pub const API_URL: &str = "https://discord.com/api/v10";

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("application_id", &self.application_id)
            .field("public_key", &self.public_key)
            .field("token", &"***")
            .field("guild_id", &self.guild_id)
            .field("api_url", &self.api_url)
            .field("http_timeout_ms", &self.http_timeout_ms)
            .finish()
    }
}

/// A Discord locale (`da`, `no`, `en-US`) as mentorbot's language hint
/// (`da`, `nb`, `en`).
pub fn lang_hint(locale: &str) -> Option<String> {
    let base = locale.split('-').next().unwrap_or("").to_ascii_lowercase();
    match base.as_str() {
        "da" => Some("da".into()),
        "no" | "nb" | "nn" => Some("nb".into()),
        "en" => Some("en".into()),
        _ => None,
    }
}

/// An attacker-chosen value as it may appear in a log line: escaped and cut.
pub fn shown(value: &str) -> String {
    let cut: String = value.chars().take(64).collect();
    let more = value.chars().count() > 64;
    format!("{cut:?}{}", if more { "…" } else { "" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_the_token() {
        let c = Config {
            application_id: "1".into(),
            public_key: "ab".into(),
            token: "very-secret".into(),
            guild_id: "2".into(),
            api_url: API_URL.into(),
            http_timeout_ms: 1,
        };
        let shown = format!("{c:?}");
        assert!(!shown.contains("very-secret") && shown.contains("***"));
    }

    #[test]
    fn discord_locales_become_languages() {
        assert_eq!(lang_hint("no").as_deref(), Some("nb"));
        assert_eq!(lang_hint("da").as_deref(), Some("da"));
        assert_eq!(lang_hint("en-GB").as_deref(), Some("en"));
        assert_eq!(lang_hint("fr"), None);
    }
}
