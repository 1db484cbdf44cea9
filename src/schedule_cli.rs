//! `mentorbot schedule add|list|remove`: a coordinator's recurring
//! schedules. The core checks them (`coordinator::schedules`); they are
//! stored in the database (`schedules`), so they survive a restart, and
//! `serve` fires them on the scheduler's pass.

use crate::cli::ScheduleAction;
use crate::config::Config;
use crate::runtime::{open, runtime, say};
use anyhow::{Context, Result, bail};
use bot_core::coordinator::broadcast::Audience;
use bot_core::coordinator::schedules::Job;
use bot_core::message::Msg;
use chrono::Utc;

pub fn block_on_schedule(action: &ScheduleAction) -> Result<()> {
    match action {
        ScheduleAction::Add {
            config,
            programme,
            cron,
            broadcast,
            digest,
            event,
            kind,
            title,
            minutes,
            place,
            invite_days,
            audience,
            text_file,
            lang,
        } => {
            let job = if *digest {
                Job::Digest
            } else if *broadcast {
                let (Some(audience), Some(file)) = (audience, text_file) else {
                    bail!("--broadcast needs --audience and --text-file");
                };
                let Some(audience) = Audience::parse(audience) else {
                    bail!(
                        "--audience {audience:?}: use everyone, mentors, mentees, unmatched, at-risk, survey or event:ID"
                    );
                };
                let lang = match lang {
                    Some(l) => {
                        Some(bot_core::Lang::parse(l).with_context(|| format!("--lang {l:?}: use en, da or nb"))?)
                    }
                    None => None,
                };
                let text = std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
                Job::Broadcast {
                    audience,
                    texts: crate::engine::broadcast_texts(text, lang),
                }
            } else if *event {
                let Some(k) = kind else {
                    bail!("--event needs --kind and --place");
                };
                let Some(kind) = bot_core::programme::EventKind::parse(k) else {
                    bail!(
                        "--kind {k:?}: use one of {}",
                        bot_core::programme::EventKind::ALL.map(|k| k.code()).join(", ")
                    );
                };
                Job::Event {
                    // Its id and cron are the schedule's (coordinator::schedules::new).
                    event: bot_core::programme::Recurring {
                        id: String::new(),
                        cron: cron.clone(),
                        kind,
                        title: None,
                        duration_minutes: *minutes,
                        place: place.clone().unwrap_or_default(),
                        invite_days_before: *invite_days,
                        roles: vec![bot_core::Role::Mentee, bot_core::Role::Mentor],
                    },
                    label: title.clone(),
                }
            } else {
                bail!("say what the schedule does: --broadcast, --event or --digest");
            };
            let cfg = Config::load(config.as_deref())?;
            runtime()?.block_on(async {
                let engine = open(&cfg).await?;
                let id = engine
                    .add_schedule(programme, cron, job, Utc::now())
                    .await
                    .with_context(|| format!("--cron {cron:?}: nothing was stored"))?;
                let line = Msg::new("cli-schedule-added").str("id", id);
                println!("{}", say(&engine, Some(programme), line));
                list(&engine, programme).await
            })
        }
        ScheduleAction::List { config, programme } => {
            let cfg = Config::load(config.as_deref())?;
            runtime()?.block_on(async {
                let engine = open(&cfg).await?;
                list(&engine, programme).await
            })
        }
        ScheduleAction::Remove { config, programme, id } => {
            let cfg = Config::load(config.as_deref())?;
            runtime()?.block_on(async {
                let engine = open(&cfg).await?;
                let from = engine.remove_schedule(programme.as_deref(), id).await?;
                let line = Msg::new("cli-schedule-removed").str("id", id.clone());
                println!("{}", say(&engine, Some(&from), line));
                Ok(())
            })
        }
    }
}

/// Prints a programme's schedules, one a line, the next firing in the
/// programme's time zone.
async fn list(engine: &crate::engine::Engine, programme: &str) -> Result<()> {
    for s in engine.list_schedules(programme, Utc::now()).await? {
        let msg = match s.next_at {
            Some(t) => Msg::new("cli-schedule-line").time("next", t),
            None => Msg::new("cli-schedule-line-never"),
        }
        .str("id", s.kind)
        .key("job", format!("schedule-job-{}", s.job))
        .str("cron", s.cron)
        .key(
            "source",
            if s.by_coordinator {
                "schedule-set-by-coordinator"
            } else {
                "schedule-set-by-file"
            },
        );
        println!("{}", say(engine, Some(programme), msg));
    }
    Ok(())
}
