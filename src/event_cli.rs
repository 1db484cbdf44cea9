//! `mentorbot event show`: an event's answers, and the list as CSV.

use crate::config::Config;
use crate::runtime::{open, runtime, say};
use anyhow::{Context, Result};
use bot_core::coordinator::events;
use std::path::Path;

pub fn block_on_event_show(config: Option<&Path>, programme: &str, event: &str, csv: Option<&Path>) -> Result<()> {
    let cfg = Config::load(config)?;
    runtime()?.block_on(async {
        let engine = open(&cfg).await?;
        let answers = engine.event_answers(programme, event).await?;
        for line in events::overview(std::slice::from_ref(&answers)) {
            println!("{}", say(&engine, Some(programme), line));
        }
        if let Some(file) = csv {
            let mut w = csv::Writer::from_path(file).with_context(|| format!("writing {}", file.display()))?;
            w.write_record(["name", "role", "answer", "answered_at"])?;
            for a in engine.store.event_answers(programme, event).await? {
                let answer = if a.going { "yes" } else { "no" };
                w.write_record([a.name.as_str(), a.role.as_str(), answer, &a.answered_at.to_rfc3339()])?;
            }
            w.flush()?;
        }
        Ok(())
    })
}
