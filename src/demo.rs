//! The demo mode ([`Config::demo_mode`]): the demo programme built into
//! the binary, its invite codes bound to the web chat, and automatic
//! matching; outside the mode its codes are deleted.

use crate::config::Config;
use crate::engine::{Engine, Handled};
use crate::runtime::{After, Clock};
use anyhow::Result;
use std::sync::Arc;

/// The demo programme, built into the binary.
pub const DEMO_PROGRAMME: &str = include_str!("../programmes/demo.toml");
/// The demo starts this many days after the day the demo mode starts: its
/// intro and kickoff invitation are due at once, its end months away.
pub const DEMO_STARTS_IN_DAYS: i64 = 14;

/// The demo programme dated relative to `today` (the day the demo mode
/// starts), so it works on any day: `programme new` applied to the file
/// built into the binary.
pub fn demo_source(today: chrono::NaiveDate) -> Result<String> {
    let start = today + chrono::Duration::days(DEMO_STARTS_IN_DAYS);
    Ok(bot_core::programme::template::shift(DEMO_PROGRAMME, start)?.source)
}

/// Its id.
pub const DEMO_ID: &str = "demo";
/// The demo's invite codes, bound to the web chat.
pub const DEMO_CODES: [(&str, bot_core::Role); 3] = [
    ("demo-mentee", bot_core::Role::Mentee),
    ("demo-mentor", bot_core::Role::Mentor),
    ("demo-coordinator", bot_core::Role::Coordinator),
];

/// The demo mode ([`Config::demo_mode`]): makes the demo codes for the
/// demo programme, usable in the web chat only, and returns what matches
/// whoever registers there. Out of the demo mode it deletes the demo
/// codes (and registrations under way on them), so codes from an earlier
/// demo run open nothing.
pub async fn demo(cfg: &Config, engine: &Arc<Engine>, clock: &Arc<dyn Clock>) -> Result<Option<After>> {
    if !cfg.demo_mode() {
        let codes = DEMO_CODES.map(|(c, _)| c);
        let n = engine.store.delete_invites(&codes).await?;
        if n > 0 {
            tracing::info!("the demo is off: deleted its {n} invite codes");
        }
        return Ok(None);
    }
    if engine.order != [DEMO_ID] {
        anyhow::bail!(
            "the demo mode runs the demo programme alone, but {:?} are loaded",
            engine.order
        );
    }
    for (code, role) in DEMO_CODES {
        engine
            .store
            .ensure_platform_invite(code, DEMO_ID, role, mentorbot_webchat::PLATFORM, clock.now())
            .await?;
    }
    let engine = engine.clone();
    let clock = clock.clone();
    Ok(Some(Arc::new(move |_inbound, handled| {
        let engine = engine.clone();
        let clock = clock.clone();
        Box::pin(async move {
            if matches!(
                handled,
                Handled::Registered(bot_core::Role::Mentee | bot_core::Role::Mentor)
            ) && let Err(e) = engine.match_waiting(DEMO_ID, clock.now()).await
            {
                tracing::warn!("demo matching failed: {e:#}");
            }
        })
    })))
}
