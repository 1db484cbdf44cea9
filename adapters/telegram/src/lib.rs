//! mentorbot on Telegram, through teloxide.
//!
//! Outbound: rendered messages become `sendMessage` calls with inline
//! keyboards, split at 4096 characters, sent as plain text (no parse mode,
//! so names and answers with `_*[]()~>#+-=|{}.!` arrive as written), paced
//! to Telegram's limits by `governor` rate limiters (overall, per chat, per
//! group) and sent through the bare `Bot`, so calls to different chats go
//! at once. Errors map onto the
//! engine's retry policy: 429 → retry after, 403 blocked → unreachable.
//!
//! Inbound: long polling (`getUpdates` with offsets) or a webhook whose
//! secret-token header is checked on every request. Both turn updates into
//! [`Inbound`]s for the engine; a button press is answered at once
//! (`answerCallbackQuery`) and its keyboard removed, so nothing spins and an
//! old button cannot be pressed twice.

#[cfg(feature = "fake")]
pub mod fake;

use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode};
use bot_core::adapter::{
    Adapter, BoxFuture, Capabilities, Handler, Inbound, InboundKind, Recipient, SendError, Sent, split_text,
};
use bot_core::message::{File, Rendered};
use governor::{DefaultDirectRateLimiter, DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;
use teloxide::adaptors::throttle::Limits;
use teloxide::payloads::{GetUpdatesSetters, SendMessageSetters};
use teloxide::prelude::Requester;
use teloxide::types::{ChatId, InlineKeyboardButton, InlineKeyboardMarkup, InputFile, MessageId, Update, UpdateKind};
use teloxide::{ApiError, RequestError};

pub use teloxide::Bot;
pub use teloxide::adaptors::throttle::Limits as PaceLimits;

pub const PLATFORM: &str = "telegram";
/// Telegram's longest message.
pub const MAX_TEXT: usize = 4096;
/// The header Telegram sends with the webhook's secret token.
pub const SECRET_HEADER: &str = "X-Telegram-Bot-Api-Secret-Token";

/// How long a Bot API call may take (long polls get their poll timeout on
/// top, see [`poll_timeout`]).
pub const DEFAULT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(15);

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("telegram.api_url is not a URL: {0}")]
    ApiUrl(String),
    #[error("the HTTP client could not be built: {0}")]
    Client(String),
}

/// Builds the raw bot: the token, and another Bot API server when given
/// (self-hosted servers exist; the tests use a fake). Every call times out
/// after [`DEFAULT_TIMEOUT`].
pub fn bot(token: &str, api_url: Option<&str>) -> Result<Bot, ConfigError> {
    bot_with_timeout(token, api_url, DEFAULT_TIMEOUT)
}

fn client(timeout: std::time::Duration) -> Result<reqwest::Client, ConfigError> {
    teloxide::net::default_reqwest_settings()
        .connect_timeout(timeout.min(std::time::Duration::from_secs(5)))
        .timeout(timeout)
        .build()
        .map_err(|e| ConfigError::Client(e.to_string()))
}

/// As [`bot`], with every call timing out after `timeout`.
pub fn bot_with_timeout(token: &str, api_url: Option<&str>, timeout: std::time::Duration) -> Result<Bot, ConfigError> {
    let mut bot = Bot::with_client(token, client(timeout)?);
    if let Some(url) = api_url {
        let url = url.parse().map_err(|_| ConfigError::ApiUrl(url.to_string()))?;
        bot = bot.set_api_url(url);
    }
    Ok(bot)
}

/// The HTTP timeout of a long poll: the poll's own timeout and some more,
/// so an idle poll is answered before the client gives up. Pure.
pub fn poll_timeout(poll_secs: u32, call_timeout: std::time::Duration) -> std::time::Duration {
    std::time::Duration::from_secs(u64::from(poll_secs)) + call_timeout
}

/// The adapter the dispatcher sends through.
#[derive(Clone)]
pub struct Telegram {
    bot: Bot,
    pace: Arc<Pace>,
    limits: Limits,
}

/// Telegram's limits as rate limiters: each send waits for its chat, its
/// group (chat ids below zero) and the bot as a whole. Sends are spaced
/// evenly (no bursts): to a chat or group a tenth slower than the limit,
/// so a message that leaves late and the next that leaves on time never
/// reach Telegram within the same second; overall 3% slower, with a tenth
/// of a spacing of slack (see [`OVERALL_CELLS`]), so that a broadcast runs
/// within 5% of Telegram's 30 a second.
struct Pace {
    overall: DefaultDirectRateLimiter,
    chat: DefaultKeyedRateLimiter<i64>,
    group: DefaultKeyedRateLimiter<i64>,
    /// No send before this (see [`Telegram::after_restart`]).
    not_before: Option<tokio::time::Instant>,
}

/// One send every `per / n`, plus a tenth for margin. Pure.
pub fn spacing(n: u32, per: Duration) -> Duration {
    per / n.max(1) * 11 / 10
}

/// The bot's overall pace: one send every `per / n`, plus 3%. Pure.
pub fn overall_spacing(n: u32, per: Duration) -> Duration {
    per / n.max(1) * 103 / 100
}

/// The overall limiter counts in tenths of a send and holds one tenth more
/// than a send: a send that leaves up to a tenth of a spacing late (a
/// timer's overshoot, a busy worker) lets the next leave that much sooner,
/// instead of pushing every later send back for good. Thirty sends still
/// span more than a second: 29 spacings less a tenth is 29.9 × 1.03 / 30 s.
pub const OVERALL_CELLS: u32 = 10;

impl Pace {
    fn new(l: &Limits) -> Pace {
        let quota = |d: Duration| {
            Quota::with_period(d)
                .expect("a positive period")
                .allow_burst(NonZeroU32::MIN)
        };
        let second = Duration::from_secs(1);
        let minute = Duration::from_secs(60);
        // A private chat: 1 a second; a group: 20 a minute as well.
        let chat = spacing(l.messages_per_sec_chat, second);
        let group =
            spacing(l.messages_per_min_channel_or_supergroup, minute).max(spacing(l.messages_per_min_chat, minute));
        Pace {
            overall: RateLimiter::direct(
                Quota::with_period(overall_spacing(l.messages_per_sec_overall, second) / OVERALL_CELLS)
                    .expect("a positive period")
                    .allow_burst(NonZeroU32::new(OVERALL_CELLS + 1).expect("positive")),
            ),
            chat: RateLimiter::keyed(quota(chat)),
            group: RateLimiter::keyed(quota(group)),
            not_before: None,
        }
    }

    /// Waits until a message to `chat` keeps within every limit.
    async fn wait(&self, chat: i64) {
        if let Some(t) = self.not_before {
            tokio::time::sleep_until(t).await;
        }
        self.chat.until_key_ready(&chat).await;
        if chat < 0 {
            self.group.until_key_ready(&chat).await;
        }
        self.overall
            .until_n_ready(NonZeroU32::new(OVERALL_CELLS).expect("positive"))
            .await
            .expect("a send's cells fit the burst");
        // Chats not written to for a while are forgotten.
        if self.chat.len() > 10_000 {
            self.chat.retain_recent();
            self.group.retain_recent();
        }
    }
}

impl Telegram {
    /// Pacing keeps below Telegram's limits; a 429 that still comes is not retried
    /// here but handed to the dispatcher, which stores the retry time and
    /// goes on with other messages.
    pub fn new(bot: Bot) -> Telegram {
        Telegram::with_limits(bot, Limits::default())
    }

    /// With other limits than Telegram's defaults (a bot whose limits
    /// Telegram raised, or a test against a fake that does not enforce them).
    pub fn with_limits(bot: Bot, limits: Limits) -> Telegram {
        Telegram {
            bot,
            pace: Arc::new(Pace::new(&limits)),
            limits,
        }
    }

    /// The first send waits until a second has passed: the process this
    /// one replaces (after a crash or a restart) may have sent up to
    /// Telegram's limit in its last second, and Telegram counts the bot's
    /// sends, not the process's. Telegram's limits are per second, so one
    /// second later the two never add up. For `serve`.
    pub fn after_restart(self) -> Telegram {
        let mut pace = Pace::new(&self.limits);
        pace.not_before = Some(tokio::time::Instant::now() + Duration::from_secs(1));
        Telegram {
            pace: Arc::new(pace),
            ..self
        }
    }

    pub fn bot(&self) -> &Bot {
        &self.bot
    }
}

fn keyboard(msg: &Rendered) -> Option<InlineKeyboardMarkup> {
    if msg.buttons.is_empty() {
        return None;
    }
    Some(InlineKeyboardMarkup::new(msg.buttons.iter().map(|row| {
        row.iter()
            .map(|b| InlineKeyboardButton::callback(b.label.clone(), b.payload.clone()))
            .collect::<Vec<_>>()
    })))
}

/// How a Telegram error reads for the dispatcher.
pub fn classify(e: &RequestError) -> SendError {
    match e {
        RequestError::RetryAfter(s) => SendError::RetryAfter(chrono::Duration::seconds(s.seconds().into())),
        RequestError::Api(ApiError::BotBlocked | ApiError::UserDeactivated | ApiError::BotKicked) => SendError::Blocked,
        RequestError::Api(ApiError::Unknown(d)) if is_server_error(d) => SendError::Transient(d.clone()),
        RequestError::Api(other) => SendError::Permanent(other.to_string()),
        RequestError::MigrateToChatId(_) => SendError::Permanent(e.to_string()),
        RequestError::Network(_) | RequestError::Io(_) | RequestError::InvalidJson { .. } => {
            SendError::Transient(e.to_string())
        }
    }
}

fn is_server_error(description: &str) -> bool {
    [
        "Internal Server Error",
        "Bad Gateway",
        "Service Unavailable",
        "Gateway Timeout",
    ]
    .iter()
    .any(|s| description.contains(s))
}

impl Adapter for Telegram {
    fn platform(&self) -> &str {
        PLATFORM
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities {
            buttons: true,
            max_text_len: MAX_TEXT,
            // Telegram refuses an inline keyboard of more than 100 buttons.
            max_buttons: 100,
        }
    }

    fn send<'a>(&'a self, to: &'a Recipient, msg: &'a Rendered) -> BoxFuture<'a, Result<Sent, SendError>> {
        Box::pin(async move {
            let chat: i64 = to
                .address
                .parse()
                .map_err(|_| SendError::Permanent(format!("not a Telegram chat id: {}", to.address)))?;
            let parts = split_text(&msg.text, MAX_TEXT);
            let last = parts.len() - 1;
            let mut id = None;
            for (i, part) in parts.into_iter().enumerate() {
                self.pace.wait(chat).await;
                let mut req = self.bot.send_message(ChatId(chat), part);
                if i == last
                    && let Some(kb) = keyboard(msg)
                {
                    req = req.reply_markup(kb);
                }
                let sent = req.await.map_err(|e| classify(&e))?;
                id = Some(sent.id.0.to_string());
            }
            Ok(Sent {
                platform_message_id: id,
            })
        })
    }

    fn send_file<'a>(&'a self, to: &'a Recipient, file: &'a File) -> BoxFuture<'a, Result<Sent, SendError>> {
        Box::pin(self.document(to, file))
    }
}

impl Telegram {
    /// A file as a document (`sendDocument`, multipart), paced like messages.
    async fn document(&self, to: &Recipient, file: &File) -> Result<Sent, SendError> {
        let chat: i64 = to
            .address
            .parse()
            .map_err(|_| SendError::Permanent(format!("not a Telegram chat id: {}", to.address)))?;
        let doc = InputFile::memory(file.bytes.clone()).file_name(file.name.clone());
        self.pace.wait(chat).await;
        let sent = self
            .bot
            .send_document(ChatId(chat), doc)
            .await
            .map_err(|e| classify(&e))?;
        Ok(Sent {
            platform_message_id: Some(sent.id.0.to_string()),
        })
    }
}

/// Reads a webhook body as a Telegram update (what the webhook does before
/// anything else); an error for a body that is not one.
pub fn parse_update(body: &[u8]) -> Result<Update, serde_json::Error> {
    serde_json::from_slice(body)
}

/// An update as the engine takes it; `None` for kinds the bot ignores.
pub fn to_inbound(update: &Update) -> Option<Inbound> {
    let key = update.id.0.to_string();
    match &update.kind {
        UpdateKind::Message(m) => {
            let from = m.from.as_ref()?;
            Some(Inbound {
                platform: PLATFORM.into(),
                update_key: key,
                user_id: from.id.0.to_string(),
                address: m.chat.id.0.to_string(),
                lang_hint: from.language_code.clone(),
                contact: from.username.as_ref().map(|u| format!("@{u}")),
                kind: InboundKind::Text(m.text()?.to_string()),
            })
        }
        UpdateKind::CallbackQuery(q) => Some(Inbound {
            platform: PLATFORM.into(),
            update_key: key,
            user_id: q.from.id.0.to_string(),
            address: q
                .message
                .as_ref()
                .map(|m| m.chat().id.0)
                .unwrap_or(q.from.id.0 as i64)
                .to_string(),
            lang_hint: q.from.language_code.clone(),
            contact: q.from.username.as_ref().map(|u| format!("@{u}")),
            kind: InboundKind::Button(q.data.clone()?),
        }),
        // The bot's own membership of a private chat: "kicked" is the person
        // blocking the bot, "member" unblocking it.
        UpdateKind::MyChatMember(m) if m.chat.is_private() => {
            let kind = &m.new_chat_member.kind;
            let blocked = if kind.is_banned() {
                true
            } else if kind.is_member() {
                false
            } else {
                return None;
            };
            Some(Inbound {
                platform: PLATFORM.into(),
                update_key: key,
                user_id: m.from.id.0.to_string(),
                address: m.chat.id.0.to_string(),
                lang_hint: m.from.language_code.clone(),
                contact: None,
                kind: InboundKind::Membership { blocked },
            })
        }
        _ => None,
    }
}

/// The updates the bot asks Telegram for.
pub fn allowed_updates() -> Vec<teloxide::types::AllowedUpdate> {
    use teloxide::types::AllowedUpdate;
    vec![
        AllowedUpdate::Message,
        AllowedUpdate::CallbackQuery,
        AllowedUpdate::MyChatMember,
    ]
}

/// Answers a button press at once and removes the pressed keyboard, before
/// the engine sees it: no spinner is left, and the old buttons are gone.
pub async fn acknowledge(bot: &Bot, update: &Update) {
    if let UpdateKind::CallbackQuery(q) = &update.kind {
        if let Err(e) = bot.answer_callback_query(q.id.clone()).await {
            tracing::warn!("answerCallbackQuery failed: {e}");
        }
        if let Some(m) = &q.message
            && let Err(e) = bot.edit_message_reply_markup(m.chat().id, MessageId(m.id().0)).await
        {
            tracing::debug!("could not remove the keyboard: {e}");
        }
    }
}

async fn dispatch(bot: &Bot, update: &Update, handler: &Handler) -> bool {
    acknowledge(bot, update).await;
    match to_inbound(update) {
        Some(inbound) => handler(inbound).await,
        None => true,
    }
}

/// Long polling: `getUpdates` with Telegram's offsets until `stop` turns
/// true. Removes a webhook first (Telegram refuses polling beside one).
pub async fn poll(bot: Bot, handler: Handler, timeout_secs: u32, mut stop: tokio::sync::watch::Receiver<bool>) {
    if let Err(e) = bot.delete_webhook().await {
        tracing::warn!("deleteWebhook failed: {e}");
    }
    // The long poll's own client: its timeout covers the poll. The calls
    // made for an update (answering a press) keep the short one.
    let poller = match client(poll_timeout(timeout_secs, DEFAULT_TIMEOUT)) {
        Ok(c) => Bot::with_client(bot.token(), c).set_api_url(bot.api_url()),
        Err(e) => {
            tracing::warn!("{e}; polling with the default client");
            bot.clone()
        }
    };
    let mut offset: i32 = 0;
    let mut failures = 0u32;
    loop {
        let req = poller
            .get_updates()
            .offset(offset)
            .timeout(timeout_secs)
            .allowed_updates(allowed_updates());
        let updates = tokio::select! {
            r = req => r,
            _ = stop.changed() => return,
        };
        match updates {
            Ok(updates) => {
                failures = 0;
                for u in updates {
                    if !dispatch(&bot, &u, &handler).await {
                        // Not confirmed: it comes back with the next poll.
                        failures += 1;
                        break;
                    }
                    offset = offset.max(u.id.0 as i32 + 1);
                }
                if failures > 0 {
                    tokio::select! {
                        _ = tokio::time::sleep(std::time::Duration::from_millis(500)) => {}
                        _ = stop.changed() => return,
                    }
                }
            }
            Err(e) => {
                failures += 1;
                let wait = std::time::Duration::from_millis(200 * u64::from(failures.min(25)));
                tracing::warn!("getUpdates failed ({e}); trying again in {wait:?}");
                tokio::select! {
                    _ = tokio::time::sleep(wait) => {}
                    _ = stop.changed() => return,
                }
            }
        }
    }
}

/// Whether the webhook's secret-token header carries the configured secret,
/// compared in constant time (`subtle`), so the answer's timing tells an
/// attacker nothing about how much of a guess was right. An empty secret
/// matches nothing.
pub fn secret_matches(given: Option<&[u8]>, secret: &str) -> bool {
    use subtle::ConstantTimeEq;
    match given {
        Some(g) if !secret.is_empty() => bool::from(g.ct_eq(secret.as_bytes())),
        _ => false,
    }
}

/// The webhook endpoint: checks the secret-token header on every request
/// (401 without it, and nothing is handled), reads the update (400 when it
/// is not one), hands it on, and answers 200.
pub fn webhook_router(bot: Bot, secret: String, handler: Handler) -> axum::Router {
    let handle = move |headers: HeaderMap, body: Bytes| {
        let bot = bot.clone();
        let secret = secret.clone();
        let handler = handler.clone();
        async move {
            let given = headers.get(SECRET_HEADER).map(|v| v.as_bytes());
            if !secret_matches(given, &secret) {
                return StatusCode::UNAUTHORIZED;
            }
            let Ok(update) = parse_update(&body) else {
                return StatusCode::BAD_REQUEST;
            };
            if dispatch(&bot, &update, &handler).await {
                StatusCode::OK
            } else {
                StatusCode::INTERNAL_SERVER_ERROR
            }
        }
    };
    axum::Router::new().route("/", axum::routing::post(handle))
}

/// A command menu: (command, description) pairs.
pub type Menu = Vec<(String, String)>;

/// Registers the command menus with `setMyCommands`: one per language for
/// everyone, and a coordinator's menu in each coordinator's own chat (a
/// command scope), so their commands show only to them.
pub async fn register_commands(
    bot: &Bot,
    per_language: &[(String, Menu)],
    coordinators: &[(i64, String, Menu)],
) -> Result<(), RequestError> {
    use teloxide::payloads::SetMyCommandsSetters;
    use teloxide::types::{BotCommand, BotCommandScope, Recipient as ChatRecipient};
    let commands = |m: &Menu| m.iter().map(|(c, d)| BotCommand::new(c, d)).collect::<Vec<_>>();
    for (lang, menu) in per_language {
        bot.set_my_commands(commands(menu)).language_code(lang.clone()).await?;
    }
    for (chat, lang, menu) in coordinators {
        bot.set_my_commands(commands(menu))
            .scope(BotCommandScope::Chat {
                chat_id: ChatRecipient::Id(ChatId(*chat)),
            })
            .language_code(lang.clone())
            .await?;
    }
    Ok(())
}

/// The bot's @username, for invite links (`https://t.me/<username>?start=<code>`).
pub async fn username(bot: &Bot) -> Result<String, RequestError> {
    Ok(bot.get_me().await?.username().to_string())
}

/// Registers the webhook with Telegram, with its secret token.
pub async fn set_webhook(bot: &Bot, url: &str, secret: &str) -> Result<(), RequestError> {
    use teloxide::payloads::SetWebhookSetters;
    let url = url
        .parse()
        .map_err(|_| RequestError::Api(ApiError::Unknown(format!("bad webhook url {url}"))))?;
    bot.set_webhook(url)
        .secret_token(secret.to_string())
        .allowed_updates(allowed_updates())
        .await?;
    Ok(())
}
