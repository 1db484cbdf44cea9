//! Starting a cohort from the command line: `programme new` (a programme
//! with new dates). Every sentence comes from locales/*/cohort.ftl.

use crate::report::{Out, timeline_text};
use anyhow::{Context, Result, bail};
use bot_core::Programme;
use bot_core::i18n::Catalog;
use bot_core::message::Msg;
use bot_core::programme::template;
use chrono::NaiveDate;
use std::path::Path;

/// `mentorbot programme new --from FILE --start DATE --out FILE`: writes the
/// programme with every date shifted (events keep their weekday), checked
/// as `check-programme` checks it, and prints the new timeline.
pub fn programme_new(from: &Path, start: NaiveDate, out: &Path) -> Result<()> {
    if out.exists() && std::fs::canonicalize(out).ok() == std::fs::canonicalize(from).ok() {
        bail!(
            "--out {} is the --from file; write the new round to a new file",
            out.display()
        );
    }
    let (old, source) = crate::load_programme(from)?;
    let shifted = template::shift(&source, start).with_context(|| from.display().to_string())?;
    let header = format!(
        "# Made with `mentorbot programme new --from {} --start {start}`: every date moved\n# {} days, events {} days (whole weeks, so they keep their weekday).\n",
        from.display(),
        shifted.days,
        shifted.event_days
    );
    let text = header + &shifted.source;
    let name = out.display().to_string();
    let new = Programme::parse(&name, &text, Catalog::builtin())?;
    std::fs::write(out, &text).with_context(|| format!("cannot write {name}"))?;
    let o = Out {
        cat: Catalog::builtin(),
        lang: new.languages[0],
        tz: new.time_zone,
    };
    println!(
        "{}\n",
        o.t(Msg::new("cohort-programme-new")
            .str("file", name.clone())
            .str("from", old.start.to_string())
            .str("start", new.start.to_string())
            .num("weeks", shifted.event_days / 7))
    );
    print!("{}", timeline_text(&new, &o, &name));
    Ok(())
}
