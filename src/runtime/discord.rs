//! Discord at start: the interactions endpoint, the slash commands, the
//! DM adapter.

use super::{Clock, engine_handler, listen_and_serve};
use crate::config::DiscordConfig;
use crate::engine::Engine;
use anyhow::{Context, Result};
use bot_core::adapter::Adapter;
use mentorbot_discord::endpoint::Labels;
use mentorbot_discord::{CommandSpec, Discord, Endpoint, Rest};
use std::sync::Arc;
use tokio::sync::watch;

/// The interactions endpoint, listening on `discord.listen`, handing
/// interactions to the engine; the slash commands registered; the adapter
/// that sends DMs.
pub async fn start(
    d: &DiscordConfig,
    engine: &Arc<Engine>,
    clock: Arc<dyn Clock>,
    stop: watch::Receiver<bool>,
) -> Result<Arc<dyn Adapter>> {
    let (rest, labels, app) = parts(d, engine, clock)?;
    listen_and_serve(
        &d.listen,
        "the Discord interactions endpoint; set discord.listen",
        app,
        stop,
    )
    .await?;
    tracing::info!(listen = %d.listen, "Discord: POST /interactions");
    mentorbot_discord::register_commands(&rest, &d.guild_id, engine.catalog, &CommandSpec::from_core())
        .await
        .map_err(|e| anyhow::anyhow!("{e:?}"))
        .context("Discord refused the slash commands; check discord.token, application_id and guild_id")?;
    Ok(Arc::new(Discord::new(rest, labels)))
}

/// The pieces, unstarted: the REST client, the labels, the endpoint's router.
pub fn parts(
    d: &DiscordConfig,
    engine: &Arc<Engine>,
    clock: Arc<dyn Clock>,
) -> Result<(Arc<Rest>, Arc<Labels>, axum::Router)> {
    let cfg = d.adapter_config();
    let rest = Arc::new(Rest::new(&cfg));
    let labels = Arc::new(Labels::new(engine.catalog));
    let endpoint = Endpoint::new(
        &cfg.public_key,
        &cfg.guild_id,
        engine_handler(engine.clone(), clock),
        rest.clone(),
        labels.clone(),
    )
    .map_err(anyhow::Error::msg)?;
    Ok((rest, labels, mentorbot_discord::router(Arc::new(endpoint))))
}
