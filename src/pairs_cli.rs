//! `mentorbot pairs` and `mentorbot pair`: pair health and control from
//! the command line (the same lines and rules as `/pairs` in chat).

use crate::config::Config;
use crate::runtime::{open, runtime, say};
use anyhow::{Result, bail};
use bot_core::coordinator::pairs;
use bot_core::message::Msg;
use bot_core::pair::EndReason;
use bot_core::payload::PairCtl;
use chrono::Utc;
use std::path::Path;

pub fn block_on_pairs(config: Option<&Path>, programme: &str, at_risk: bool) -> Result<()> {
    let cfg = Config::load(config)?;
    runtime()?.block_on(async {
        let engine = open(&cfg).await?;
        let p = engine.programme(programme)?.clone();
        let lines = engine.pair_lines(programme, at_risk, Utc::now()).await?;
        if lines.is_empty() {
            println!("{}", say(&engine, Some(programme), Msg::new("pairs-none")));
        }
        for l in &lines {
            println!("{}", say(&engine, Some(programme), pairs::line(&p, l)));
        }
        Ok(())
    })
}

/// `mentorbot surveys`: the open surveys' response rates so far, or
/// (`--remind`) the extra reminder to those who have not answered.
pub fn block_on_surveys(config: Option<&Path>, programme: &str, remind: Option<&str>) -> Result<()> {
    let cfg = Config::load(config)?;
    runtime()?.block_on(async {
        let engine = open(&cfg).await?;
        let now = Utc::now();
        if let Some(kind) = remind {
            let Some(kind) = bot_core::programme::SurveyKind::parse(kind) else {
                bail!("unknown survey `{kind}`: midterm, final or follow_up");
            };
            let msg = engine.remind_survey(programme, kind, now).await?;
            tracing::info!(survey = kind.code(), "survey reminder from the command line");
            println!("{}", say(&engine, Some(programme), msg));
            return Ok(());
        }
        let progress = engine.survey_progress(programme, now).await?;
        if progress.is_empty() {
            println!("{}", say(&engine, Some(programme), Msg::new("survey-progress-none")));
        }
        for msg in progress {
            println!("{}", say(&engine, Some(programme), msg));
        }
        Ok(())
    })
}

/// What `action` and `reason` ask for.
pub fn ctl(action: &str, reason: &str) -> Result<PairCtl> {
    Ok(match action {
        "pause" => PairCtl::Pause,
        "resume" => PairCtl::Resume,
        "end" => match EndReason::parse(reason) {
            Some(r) => PairCtl::End(r),
            None => bail!(
                "--reason `{reason}` is not a reason to end a pair; use one of: {}",
                EndReason::ALL.map(|r| r.code()).join(", ")
            ),
        },
        other => bail!("unknown action `{other}`: pause, resume or end"),
    })
}

pub fn block_on_pair(config: Option<&Path>, programme: &str, id: i64, action: &str, reason: &str) -> Result<()> {
    let ctl = ctl(action, reason)?;
    let cfg = Config::load(config)?;
    runtime()?.block_on(async {
        let engine = open(&cfg).await?;
        let msg = engine.control_pair(programme, id, ctl, Utc::now()).await?;
        tracing::info!(pair = id, action, reason, "pair control from the command line");
        println!("{}", say(&engine, Some(programme), msg));
        Ok(())
    })
}

/// The report in a format: `html`, `csv` or `md`.
pub fn render_report(
    p: &bot_core::Programme,
    figures: &[bot_core::evaluation::Figure],
    format: &str,
    lang: bot_core::Lang,
) -> Result<String> {
    use crate::evaluation_report as r;
    let catalog = bot_core::i18n::Catalog::builtin();
    Ok(match format {
        "csv" => r::csv(figures)?,
        "md" => r::markdown(p, figures, catalog, lang),
        "html" => r::html(p, figures, catalog, lang)?,
        other => bail!("unknown format `{other}`: html, csv or md"),
    })
}

pub fn block_on_report(
    config: Option<&Path>,
    programme: &str,
    format: &str,
    out: Option<&Path>,
    lang: Option<&str>,
) -> Result<()> {
    let cfg = Config::load(config)?;
    runtime()?.block_on(async {
        let engine = open(&cfg).await?;
        let p = engine.programme(programme)?.clone();
        let lang = match lang {
            Some(l) => {
                bot_core::Lang::parse(l).ok_or_else(|| anyhow::anyhow!("unknown language `{l}`: en, da or nb"))?
            }
            None => p.languages.first().copied().unwrap_or(bot_core::Lang::En),
        };
        let figures = engine.evaluation(programme).await?;
        let text = render_report(&p, &figures, format, lang)?;
        match out {
            Some(path) => {
                std::fs::write(path, text).map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?
            }
            None => print!("{text}"),
        }
        Ok(())
    })
}
