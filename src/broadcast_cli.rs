//! `mentorbot broadcast`: a coordinator's announcement from the command
//! line. A dry run counts the audience; otherwise the broadcast is queued
//! (once per recipient) and a progress bar follows it while `serve` sends.

use crate::config::Config;
use crate::runtime::{open, runtime, say};
use anyhow::{Context, Result, bail};
use bot_core::coordinator::broadcast::Audience;
use bot_core::message::Msg;
use chrono::Utc;
use std::path::Path;
use std::time::Duration;

/// What `mentorbot broadcast` was asked.
#[derive(Debug, Clone)]
pub struct BroadcastArgs<'a> {
    pub config: Option<&'a Path>,
    pub programme: &'a str,
    pub audience: &'a str,
    pub text_file: &'a Path,
    pub lang: Option<&'a str>,
    pub dry_run: bool,
    /// Queue and exit without following the sending.
    pub no_wait: bool,
}

pub fn block_on_broadcast(a: &BroadcastArgs<'_>) -> Result<()> {
    let Some(audience) = Audience::parse(a.audience) else {
        bail!(
            "--audience {:?}: use everyone, mentors, mentees, unmatched, at-risk, survey, event:ID or profile:FIELD=VALUE",
            a.audience
        );
    };
    let lang = match a.lang {
        Some(l) => Some(bot_core::Lang::parse(l).with_context(|| format!("--lang {l:?}: use en, da or nb"))?),
        None => None,
    };
    let text = std::fs::read_to_string(a.text_file).with_context(|| format!("reading {}", a.text_file.display()))?;
    if text.trim().is_empty() {
        bail!("{} is empty: there is nothing to send", a.text_file.display());
    }
    let texts = crate::engine::broadcast_texts(text, lang);
    let cfg = Config::load(a.config)?;
    runtime()?.block_on(async {
        let engine = open(&cfg).await?;
        let programme = a.programme;
        let Some(q) = engine
            .broadcast(programme, &audience, &texts, a.dry_run, Utc::now())
            .await?
        else {
            println!(
                "{}",
                say(&engine, Some(programme), Msg::new("broadcast-profile-not-yet"))
            );
            return Ok(());
        };
        if a.dry_run {
            let line = Msg::new("cli-broadcast-dry-run")
                .num("count", q.recipients)
                .key("audience", audience.who_key());
            println!("{}", say(&engine, Some(programme), line));
            return Ok(());
        }
        let line = Msg::new("cli-broadcast-queued")
            .num("id", q.id)
            .num("count", q.recipients);
        println!("{}", say(&engine, Some(programme), line));
        if a.no_wait || q.recipients == 0 {
            return Ok(());
        }
        let bar = indicatif::ProgressBar::new(q.recipients as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {elapsed_precise} (ETA {eta})")
                .context("progress bar template")?,
        );
        loop {
            let (done, total) = engine.broadcast_done(q.id).await?;
            bar.set_position(done as u64);
            if done >= total {
                break;
            }
            tokio::time::sleep(Duration::from_millis(500)).await;
        }
        bar.finish();
        Ok(())
    })
}
