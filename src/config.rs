//! Configuration: a TOML file, overridden by `MENTORBOT_*` environment
//! variables (`MENTORBOT_DATABASE_URL`, `MENTORBOT_DISPATCHER__BATCH`, …).

use anyhow::{Context, Result};
use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

mod discord;
pub use discord::DiscordConfig;

#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// `sqlite://mentorbot.db` (the default, created on first start), a
    /// file path, or `postgres://user@host/db`.
    pub database_url: String,
    /// Programme files to run. None (the default) with the web chat as
    /// the only platform runs the demo programme built into the binary.
    pub programmes: Vec<PathBuf>,
    /// Log filter, as `RUST_LOG` takes it.
    pub log: String,
    /// `text` (the default; without colours when stdout is not a terminal)
    /// or `json` (one object per line).
    pub log_format: LogFormat,
    /// The operator's endpoints, `/healthz` and `/metrics`.
    pub ops: OpsConfig,
    pub dispatcher: DispatcherConfig,
    pub scheduler: SchedulerConfig,
    /// Telegram; on when a token is given here or in `TELOXIDE_TOKEN`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub telegram: Option<TelegramConfig>,
    /// Microsoft Teams and other Bot Framework channels; on when present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub botframework: Option<BotFrameworkConfig>,
    /// The built-in web chat; on when present, and when no platform is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webchat: Option<WebChatConfig>,
    /// Discord (HTTP interactions and REST); on when present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discord: Option<DiscordConfig>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WebChatConfig {
    /// Where the page and the Direct Line endpoints listen.
    #[serde(default = "webchat_listen")]
    pub listen: String,
    /// The demo mode: the built-in demo programme alone, invite codes
    /// `demo-mentee`, `demo-mentor` and `demo-coordinator` that work in
    /// the web chat only, and automatic matching of whoever registers. It
    /// runs only when the web chat is the sole platform and no programmes
    /// are configured ([`Config::demo_mode`]); otherwise the demo codes
    /// are deleted at start. On by default: with no programme configured
    /// there is nothing else to run, and with one it has no effect.
    #[serde(default = "yes")]
    pub demo: bool,
    /// The address people open, `https://chat.example.org` (or with a
    /// port or path prefix-free host): `Host` and `Origin` must name it,
    /// and the streaming socket is `wss://` when it is https. Required when
    /// `listen` is not a loopback address; the default for a loopback
    /// listen is `http://127.0.0.1:<port>` (also as `localhost`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_url: Option<String>,
}

fn yes() -> bool {
    true
}

fn webchat_listen() -> String {
    "127.0.0.1:8080".into()
}

#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BotFrameworkConfig {
    /// The bot's Microsoft app id (the audience of incoming tokens).
    pub app_id: String,
    /// The app's client secret, for outgoing tokens.
    pub app_password: String,
    #[serde(default = "bf_metadata")]
    pub openid_metadata_url: String,
    #[serde(default = "bf_token_url")]
    pub token_url: String,
    #[serde(default = "bf_scope")]
    pub token_scope: String,
    /// serviceUrl hosts the bot may call; nothing else is ever called.
    #[serde(default = "bf_hosts")]
    pub service_hosts: Vec<String>,
    /// Where `POST /api/messages` listens.
    #[serde(default = "bf_listen")]
    pub listen: String,
    /// serviceUrl hosts (`host:port`) that may be called over plain http,
    /// for test fakes on 127.0.0.1; every other serviceUrl must be https.
    #[serde(default)]
    pub insecure_test_hosts: Vec<String>,
    /// Timeout of every outbound Bot Framework call, in milliseconds.
    #[serde(default = "bf_timeout_ms")]
    pub http_timeout_ms: u64,
}

fn bf_timeout_ms() -> u64 {
    mentorbot_botframework::DEFAULT_TIMEOUT_MS
}

fn bf_metadata() -> String {
    "https://login.botframework.com/v1/.well-known/openidconfiguration".into()
}
fn bf_token_url() -> String {
    "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token".into()
}
fn bf_scope() -> String {
    "https://api.botframework.com/.default".into()
}
fn bf_hosts() -> Vec<String> {
    vec!["smba.trafficmanager.net".into()]
}
fn bf_listen() -> String {
    "0.0.0.0:3978".into()
}

impl BotFrameworkConfig {
    pub fn adapter_config(&self) -> mentorbot_botframework::Config {
        mentorbot_botframework::Config {
            app_id: self.app_id.clone(),
            app_password: self.app_password.clone(),
            openid_metadata_url: self.openid_metadata_url.clone(),
            token_url: self.token_url.clone(),
            token_scope: self.token_scope.clone(),
            service_hosts: self.service_hosts.clone(),
            insecure_test_hosts: self.insecure_test_hosts.clone(),
            http_timeout_ms: self.http_timeout_ms,
        }
    }
}

#[derive(Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TelegramConfig {
    /// The bot's token from @BotFather; `TELOXIDE_TOKEN` also works.
    pub token: Option<String>,
    /// Another Bot API server (self-hosted, or a fake in tests).
    pub api_url: Option<String>,
    /// Public HTTPS URL Telegram posts updates to; without it, long polling.
    pub webhook_url: Option<String>,
    /// The secret Telegram sends with each webhook request.
    pub webhook_secret: Option<String>,
    /// Where the webhook server listens (default 0.0.0.0:8443).
    pub listen: Option<String>,
    /// Long-poll timeout in seconds (default 25).
    pub poll_timeout_secs: Option<u32>,
    /// Messages a second over all chats (default 30, Telegram's limit; a
    /// bot whose limit Telegram raised, or a test's fake, may set more).
    pub messages_per_second: Option<u32>,
    /// The bot's @username, for invite links `https://t.me/<name>?start=<code>`
    /// (`mentorbot import` writes them); without it, asked of Telegram
    /// (getMe) when a token is configured.
    pub bot_username: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpsConfig {
    /// Where `/healthz` and `/metrics` listen: their own address, never
    /// the public one. Keep it on loopback or a private network.
    pub listen: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DispatcherConfig {
    /// Messages claimed per pass.
    pub batch: i64,
    /// Tries before a message is dead-lettered and the coordinator told.
    pub max_attempts: u32,
    /// First retry delay, in milliseconds; it doubles each try, with jitter.
    pub backoff_base_ms: i64,
    /// Longest retry delay, in milliseconds.
    pub backoff_cap_ms: i64,
    /// How long a claim on a message lasts, in seconds.
    pub lease_secs: i64,
    /// How often the outbox is polled, in milliseconds.
    pub poll_ms: u64,
    /// How many recipients are sent to at once; each one's messages still
    /// go in order, and the adapters pace them to the platforms' limits.
    pub concurrency: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchedulerConfig {
    /// How often due pairs are looked for, in milliseconds.
    pub poll_ms: u64,
    /// Pairs ticked per pass.
    pub batch: i64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            database_url: "sqlite://mentorbot.db".into(),
            programmes: vec![],
            log: "info".into(),
            log_format: LogFormat::Text,
            ops: OpsConfig {
                listen: "127.0.0.1:9184".into(),
            },
            dispatcher: DispatcherConfig {
                batch: 100,
                max_attempts: 8,
                backoff_base_ms: 2_000,
                backoff_cap_ms: 30 * 60 * 1000,
                lease_secs: 60,
                poll_ms: 500,
                concurrency: 32,
            },
            scheduler: SchedulerConfig {
                poll_ms: 1_000,
                batch: 500,
            },
            telegram: None,
            botframework: None,
            webchat: None,
            discord: None,
        }
    }
}

impl Config {
    /// Whether `serve` runs the demo: the web chat is the only platform,
    /// `webchat.demo` is on and no programme is configured.
    pub fn demo_mode(&self) -> bool {
        self.telegram.is_none()
            && self.botframework.is_none()
            && self.discord.is_none()
            && self.programmes.is_empty()
            && self.webchat.as_ref().is_some_and(|w| w.demo)
    }

    /// Defaults, then the file (if given and present), then the environment.
    pub fn load(file: Option<&Path>) -> Result<Config> {
        let mut fig = Figment::from(Serialized::defaults(Config::default()));
        if let Some(f) = file {
            if !f.exists() {
                anyhow::bail!(
                    "config file {} does not exist; run without --config to use the defaults",
                    f.display()
                );
            }
            fig = fig.merge(Toml::file(f));
        }
        fig = fig.merge(Env::prefixed("MENTORBOT_").split("__"));
        let mut cfg: Config = fig.extract().context("invalid configuration")?;
        let env_token = std::env::var("TELOXIDE_TOKEN").ok().filter(|t| !t.is_empty());
        match (&mut cfg.telegram, env_token) {
            (Some(t), Some(env)) if t.token.is_none() => t.token = Some(env),
            (None, Some(env)) => {
                cfg.telegram = Some(TelegramConfig {
                    token: Some(env),
                    ..Default::default()
                })
            }
            _ => {}
        }
        if let Some(d) = &mut cfg.discord {
            d.from_env()?;
        }
        if cfg.telegram.is_none() && cfg.botframework.is_none() && cfg.webchat.is_none() && cfg.discord.is_none() {
            // No platform: the built-in web chat is the embedded default.
            cfg.webchat = Some(WebChatConfig {
                listen: webchat_listen(),
                demo: true,
                public_url: None,
            });
        }
        if let Some(t) = &cfg.telegram {
            if t.token.is_none() {
                anyhow::bail!("[telegram] is configured without a token: set telegram.token or TELOXIDE_TOKEN");
            }
            if t.webhook_url.is_some() && t.webhook_secret.as_deref().is_none_or(str::is_empty) {
                anyhow::bail!(
                    "telegram.webhook_url needs telegram.webhook_secret (1–256 characters of A-Z, a-z, 0-9, _ and -)"
                );
            }
        }
        Ok(cfg)
    }
}

// Debug output (logs, error reports) never carries a secret: tokens and
// passwords print as ***, the database URL without user and password.

const HIDDEN: &str = "***";

fn hidden(secret: &Option<String>) -> Option<&'static str> {
    secret.as_ref().map(|_| HIDDEN)
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("database_url", &crate::store::redact(&self.database_url))
            .field("programmes", &self.programmes)
            .field("log", &self.log)
            .field("log_format", &self.log_format)
            .field("ops", &self.ops)
            .field("dispatcher", &self.dispatcher)
            .field("scheduler", &self.scheduler)
            .field("telegram", &self.telegram)
            .field("botframework", &self.botframework)
            .field("webchat", &self.webchat)
            .field("discord", &self.discord)
            .finish_non_exhaustive()
    }
}

impl std::fmt::Debug for TelegramConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TelegramConfig")
            .field("token", &hidden(&self.token))
            .field("api_url", &self.api_url)
            .field("webhook_url", &self.webhook_url)
            .field("webhook_secret", &hidden(&self.webhook_secret))
            .field("listen", &self.listen)
            .field("poll_timeout_secs", &self.poll_timeout_secs)
            .field("messages_per_second", &self.messages_per_second)
            .field("bot_username", &self.bot_username)
            .finish_non_exhaustive()
    }
}

impl std::fmt::Debug for BotFrameworkConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BotFrameworkConfig")
            .field("app_id", &self.app_id)
            .field("app_password", &HIDDEN)
            .field("openid_metadata_url", &self.openid_metadata_url)
            .field("token_url", &self.token_url)
            .field("token_scope", &self.token_scope)
            .field("service_hosts", &self.service_hosts)
            .field("listen", &self.listen)
            .finish_non_exhaustive()
    }
}
