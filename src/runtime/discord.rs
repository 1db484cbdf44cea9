//! Discord at start: the interactions endpoint, the slash commands, the
//! DM adapter.

use super::{Clock, PARK_AFTER, engine_outcomes, listen_and_serve};
use crate::config::DiscordConfig;
use crate::engine::{Engine, Handled};
use anyhow::{Context, Result};
use bot_core::adapter::Adapter;
use mentorbot_discord::endpoint::{Labels, Outcomes};
use mentorbot_discord::{CommandSpec, Discord, Endpoint, Outcome, Rest};
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
    // A stale press is answered ephemerally by the endpoint, not by a DM.
    let handled = engine_outcomes(engine.clone(), clock, None, PARK_AFTER, true);
    let outcomes: Outcomes = Arc::new(move |inbound| {
        let handled = handled.clone();
        Box::pin(async move {
            match handled(inbound).await {
                Some(Handled::Expired) => Outcome::Stale,
                Some(_) => Outcome::Taken,
                None => Outcome::Failed,
            }
        })
    });
    let endpoint = Endpoint::with_outcomes(&cfg.public_key, &cfg.guild_id, outcomes, rest.clone(), labels.clone())
        .map_err(anyhow::Error::msg)?;
    Ok((rest, labels, mentorbot_discord::router(Arc::new(endpoint))))
}
