//! Telegram at start: the webhook or the long poll (one replica at a
//! time), the command menus, the paced adapter.

use super::{After, Clock, engine_handler_then, listen_and_serve, supervise};
use crate::config::TelegramConfig;
use crate::engine::{Engine, Handled};
use crate::store::Store;
use anyhow::{Context, Result};
use bot_core::adapter::{Adapter, Handler};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;

/// The webhook (on `telegram.listen`) or the long poll, handing updates to
/// the engine; the command menus set; the adapter that sends.
pub async fn start(
    t: &TelegramConfig,
    engine: &Arc<Engine>,
    clock: Arc<dyn Clock>,
    stop: watch::Receiver<bool>,
) -> Result<Arc<dyn Adapter>> {
    let token = t.token.as_deref().context("telegram needs a token")?;
    let bot = mentorbot_telegram::bot(token, t.api_url.as_deref())?;
    let after: After = {
        let engine = engine.clone();
        let bot = bot.clone();
        Arc::new(move |_inbound, handled| {
            let engine = engine.clone();
            let bot = bot.clone();
            Box::pin(async move {
                if handled == Handled::Registered(bot_core::Role::Coordinator)
                    && let Err(e) = register_commands(&engine, &bot).await
                {
                    tracing::warn!("could not update the coordinators' command menus: {e:#}");
                }
            })
        })
    };
    let handler = engine_handler_then(engine.clone(), clock.clone(), Some(after));
    match &t.webhook_url {
        Some(url) => {
            let secret = t.webhook_secret.clone().unwrap_or_default();
            let listen = t.listen.clone().unwrap_or_else(|| "0.0.0.0:8443".into());
            let app = mentorbot_telegram::webhook_router(bot.clone(), secret.clone(), handler);
            listen_and_serve(&listen, "the Telegram webhook", app, stop.clone()).await?;
            mentorbot_telegram::set_webhook(&bot, url, &secret)
                .await
                .context("Telegram refused the webhook; check telegram.webhook_url and the token")?;
            tracing::info!(%url, %listen, "Telegram: webhook");
        }
        None => {
            let timeout = t.poll_timeout_secs.unwrap_or(25);
            let (bot, stop_poll) = (bot.clone(), stop.clone());
            let store = engine.store.clone();
            tokio::spawn(supervise("the Telegram poller", stop.clone(), move || {
                poll_telegram(store.clone(), bot.clone(), handler.clone(), timeout, stop_poll.clone())
            }));
            tracing::info!("Telegram: long polling");
        }
    }
    register_commands(engine, &bot).await?;
    let telegram = match t.messages_per_second {
        Some(n) => mentorbot_telegram::Telegram::with_limits(
            bot,
            mentorbot_telegram::PaceLimits {
                messages_per_sec_overall: n,
                ..Default::default()
            },
        ),
        None => mentorbot_telegram::Telegram::new(bot),
    };
    Ok(Arc::new(telegram.after_restart()))
}

/// The participants' commands, and the coordinators' in their own chats,
/// described in each language.
async fn register_commands(engine: &Engine, bot: &mentorbot_telegram::Bot) -> Result<()> {
    use bot_core::message::Msg;
    let describe = |lang: bot_core::Lang, cmds: &[&str]| -> mentorbot_telegram::Menu {
        cmds.iter()
            .map(|c| {
                (
                    c.to_string(),
                    engine.catalog.text(&Msg::new(format!("cmd-{c}")), lang, chrono_tz::UTC),
                )
            })
            .collect()
    };
    use bot_core::command::Command;
    let (participants, coordinators) = (Command::MENU, Command::COORDINATOR_MENU);
    let per_language: Vec<_> = bot_core::Lang::ALL
        .iter()
        .map(|l| (l.code().to_string(), describe(*l, &participants)))
        .collect();
    let mut coord = vec![];
    for (address, lang) in engine
        .store
        .addresses_of_role(mentorbot_telegram::PLATFORM, bot_core::Role::Coordinator)
        .await?
    {
        let Ok(chat) = address.parse::<i64>() else {
            continue;
        };
        coord.push((chat, lang.code().to_string(), describe(lang, &coordinators)));
    }
    mentorbot_telegram::register_commands(bot, &per_language, &coord)
        .await
        .context("Telegram refused the command menus (setMyCommands)")
}

/// How often a replica that does not poll Telegram tries to take the
/// poller's lock, and how often the holder checks it still has it.
pub const POLL_LOCK_EVERY: Duration = Duration::from_secs(1);

/// Telegram's long poll, by one replica at a time (Telegram answers a
/// second `getUpdates` on the same token with 409 Conflict). On
/// PostgreSQL the poller first takes a session-level advisory lock named
/// after the bot, on a connection of its own; the other replicas try again
/// every [`POLL_LOCK_EVERY`] and take over within about that long once the
/// holder's process dies (PostgreSQL ends its session and frees the lock).
/// A holder that loses its connection stops polling. SQLite serves one
/// process: it polls at once. Webhook mode needs no lock.
pub async fn poll_telegram(
    store: Store,
    bot: mentorbot_telegram::Bot,
    handler: Handler,
    timeout_secs: u32,
    mut stop: watch::Receiver<bool>,
) {
    if store.backend() != crate::store::Backend::Postgres {
        return mentorbot_telegram::poll(bot, handler, timeout_secs, stop).await;
    }
    let key = crate::store::lock_key(&format!("mentorbot telegram poller {}", bot.token()));
    let mut waiting = false;
    loop {
        let mut lock = match store.try_session_lock(key).await {
            Ok(Some(lock)) => lock,
            outcome => {
                match outcome {
                    Err(e) => tracing::warn!("the Telegram poller's lock: {e:#}"),
                    _ if !waiting => tracing::info!("another replica polls Telegram; this one waits to take over"),
                    _ => {}
                }
                waiting = true;
                tokio::select! {
                    _ = tokio::time::sleep(POLL_LOCK_EVERY) => continue,
                    _ = stop.changed() => return,
                }
            }
        };
        waiting = false;
        tracing::info!("this replica polls Telegram");
        let stopped = {
            let lost = async {
                loop {
                    tokio::time::sleep(POLL_LOCK_EVERY).await;
                    if !lock.held().await {
                        return;
                    }
                }
            };
            tokio::select! {
                () = mentorbot_telegram::poll(bot.clone(), handler.clone(), timeout_secs, stop.clone()) => true,
                () = lost => false,
            }
        };
        if stopped {
            if let Err(e) = lock.release().await {
                tracing::warn!("releasing the Telegram poller's lock: {e:#}");
            }
            return;
        }
        tracing::warn!(
            "the Telegram poller's lock was lost with its database connection; polling stopped until it is taken again"
        );
    }
}
