//! `mentorbot event show`: an event's answers, and the list as CSV;
//! `event create`, `edit` and `cancel`.

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
                w.write_record([
                    a.name.as_str(),
                    a.role.as_str(),
                    a.answer.code(),
                    &a.answered_at.to_rfc3339(),
                ])?;
            }
            w.flush()?;
        }
        Ok(())
    })
}

/// `mentorbot event create` (no `event`) or `event edit EVENT`.
pub fn block_on_event_create(
    config: Option<&Path>,
    programme: &str,
    event: Option<&str>,
    f: &crate::cli::EventFields,
) -> Result<()> {
    use bot_core::coordinator::event_dialogue::{Fields, from_fields};
    let cfg = Config::load(config)?;
    runtime()?.block_on(async {
        let engine = open(&cfg).await?;
        let now = chrono::Utc::now();
        let p = engine.programme(programme)?;
        let base = match event {
            Some(id) => Some(
                p.events
                    .iter()
                    .find(|e| e.id == id)
                    .with_context(|| format!("programme `{programme}` has no event `{id}`"))?,
            ),
            None => None,
        };
        let fields = Fields {
            kind: f.kind.clone(),
            title: f.title.clone(),
            start: f.start.clone(),
            end: f.end.clone(),
            place: f.place.clone(),
            audience: f.audience.clone(),
            rsvp_by: f.rsvp_by.clone(),
        };
        let e = from_fields(&p, base, &fields, now)
            .map_err(|why| anyhow::anyhow!(say(&engine, Some(programme), bot_core::message::Msg::new(why))))?;
        match event {
            None => {
                let msg = e.named(bot_core::message::Msg::new("event-created"), "event");
                let id = engine.create_event(programme, e, now).await?;
                println!("{} ({id})", say(&engine, Some(programme), msg));
            }
            Some(_) => {
                let msg = e.named(bot_core::message::Msg::new("event-change-done"), "event");
                let told = engine.change_event(programme, e, now).await?;
                println!("{}", say(&engine, Some(programme), msg.num("count", told as i64)));
            }
        }
        Ok(())
    })
}

/// `mentorbot event cancel EVENT`.
pub fn block_on_event_cancel(config: Option<&Path>, programme: &str, event: &str) -> Result<()> {
    let cfg = Config::load(config)?;
    runtime()?.block_on(async {
        let engine = open(&cfg).await?;
        let now = chrono::Utc::now();
        let p = engine.programme(programme)?;
        let e = p
            .events
            .iter()
            .find(|e| e.id == event)
            .with_context(|| format!("programme `{programme}` has no event `{event}`"))?;
        let msg = e.named(bot_core::message::Msg::new("event-dropped"), "event");
        let told = engine.cancel_event(programme, event, now).await?;
        println!("{}", say(&engine, Some(programme), msg.num("count", told as i64)));
        Ok(())
    })
}
