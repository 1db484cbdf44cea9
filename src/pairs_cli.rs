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
        let now = Utc::now();
        let msg = engine.control_pair(programme, id, ctl, now).await?;
        tracing::info!(pair = id, action, reason, "pair control from the command line");
        let ended = msg.key == "pair-control-ended";
        println!("{}", say(&engine, Some(programme), msg));
        if ended {
            offer_rematch(&engine, programme, id, now).await?;
        }
        Ok(())
    })
}

/// After `pair … end`: the best free mentor for the pair's mentee (as
/// `mentorbot rematch` would match), and the command that matches them.
/// Nothing is matched here: the operator decides.
async fn offer_rematch(engine: &crate::Engine, programme: &str, pair: i64, now: chrono::DateTime<Utc>) -> Result<()> {
    let mut tx = engine.store.begin().await?;
    let row = engine.store.load_pair(&mut tx, pair).await?;
    tx.commit().await?;
    let Some(row) = row else { return Ok(()) };
    let p = engine.programme(programme)?;
    let o = crate::report::Out {
        cat: engine.catalog,
        lang: p.languages[0],
        tz: p.time_zone,
    };
    match engine.rematch_proposal(row.mentee_id, now).await {
        Ok(r) => {
            print!("{}", crate::cohort::table(&o, &r));
            if let Some(x) = r.proposal.pairs.first() {
                let mentor = r.names.get(&x.mentor).cloned().unwrap_or_default();
                println!(
                    "{}",
                    o.t(Msg::new("pair-cli-rematch-hint")
                        .str("mentor", mentor)
                        .str("id", row.mentee_id.to_string()))
                );
            }
        }
        // The mentee may not have a new mentor (the programme ended, say):
        // the pair still ended, so this is said, not failed.
        Err(e) => println!(
            "{}",
            o.t(Msg::new("pair-rematch-refused").str("error", format!("{e:#}")))
        ),
    }
    Ok(())
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
