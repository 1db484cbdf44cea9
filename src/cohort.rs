//! Starting a cohort from the command line: `programme new` (a programme
//! with new dates) and `match --programme` (review, pin, forbid, publish). Every sentence comes from locales/*/cohort.ftl.

use crate::report::{Out, timeline_text};
use crate::store::DecisionKind;
use anyhow::{Context, Result, bail};
use bot_core::Programme;
use bot_core::i18n::Catalog;
use bot_core::matching::{Reason, WaitReason};
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

/// What `mentorbot match --programme ID` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct MatchArgs {
    pub programme: String,
    pub pins: Vec<String>,
    pub forbids: Vec<String>,
    pub clear: bool,
    pub csv: Option<std::path::PathBuf>,
    pub publish: bool,
}

fn pair_arg(s: &str) -> Result<(i64, i64)> {
    let parse = || {
        let (a, b) = s.split_once(':')?;
        Some((a.trim().parse().ok()?, b.trim().parse().ok()?))
    };
    parse().ok_or_else(|| anyhow::anyhow!("`{s}` is not MENTEE:MENTOR (two participant ids, e.g. 4:17)"))
}

/// The reasons of a proposed pair, in the reader's language.
pub fn reasons_text(o: &Out<'_>, reasons: &[Reason]) -> String {
    let keys = |ks: &[String], prefix: &str| {
        ks.iter()
            .map(|k| o.k(&format!("{prefix}{k}")))
            .collect::<Vec<_>>()
            .join(", ")
    };
    reasons
        .iter()
        .map(|r| match r {
            Reason::SameField(f) => o.t(Msg::new("cohort-reason-field").str("field", o.k(f))),
            Reason::SharedInterests(i) => o.t(Msg::new("cohort-reason-interests").str("interests", keys(i, ""))),
            Reason::WishMet => o.k("cohort-reason-wish"),
            Reason::AgeWishMet => o.k("cohort-reason-age-wish"),
            Reason::SameFormat => o.k("cohort-reason-format"),
            Reason::Languages(l) => o.t(Msg::new("cohort-reason-languages").str("languages", keys(l, "spoken-"))),
            Reason::Pinned => o.k("cohort-reason-pinned"),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Why a mentee waits, in the reader's language.
pub fn wait_text(o: &Out<'_>, w: WaitReason) -> String {
    o.k(match w {
        WaitReason::NoFormat => "cohort-wait-format",
        WaitReason::NoLanguage => "cohort-wait-language",
        WaitReason::Forbidden => "cohort-wait-forbidden",
        WaitReason::Full => "cohort-wait-full",
    })
}

/// `mentorbot match --programme ID [--pin A:B] [--forbid A:B] [--clear]
/// [--csv FILE] [--publish]`.
pub fn block_on_match_programme(config: Option<&Path>, args: MatchArgs) -> Result<()> {
    let cfg = crate::config::Config::load(config)?;
    crate::runtime::runtime()?.block_on(async {
        let engine = crate::runtime::open(&cfg).await?;
        let p = engine.programme(&args.programme)?.clone();
        let now = chrono::Utc::now();
        let pins = args.pins.iter().map(|s| pair_arg(s)).collect::<Result<Vec<_>>>()?;
        let forbids = args.forbids.iter().map(|s| pair_arg(s)).collect::<Result<Vec<_>>>()?;
        if args.clear {
            engine.store.clear_decisions(&p.id).await?;
        }
        for (a, b) in pins {
            engine.decide(&p.id, a, b, DecisionKind::Pin, now).await?;
        }
        for (a, b) in forbids {
            engine.decide(&p.id, a, b, DecisionKind::Forbid, now).await?;
        }
        let r = engine.propose(&p.id, now).await?;
        let o = Out {
            cat: Catalog::builtin(),
            lang: p.languages[0],
            tz: p.time_zone,
        };
        print!("{}", table(&o, &r));
        if let Some(path) = &args.csv {
            write_csv(path, &o, &r)?;
            println!(
                "{}",
                o.t(Msg::new("cohort-csv-written").str("file", path.display().to_string()))
            );
        }
        if args.publish {
            let (made, refused) = engine.publish(&r.proposal, now).await?;
            println!("{}", o.t(Msg::new("cohort-published").num("pairs", made.len() as i64)));
            for line in &refused {
                eprintln!("{line}");
            }
            if !refused.is_empty() {
                bail!("{} pairs were refused", refused.len());
            }
        }
        Ok(())
    })
}

fn name(r: &crate::engine::Reviewed, id: i64) -> String {
    r.names.get(&id).cloned().unwrap_or_else(|| id.to_string())
}

/// The proposal as a table: each pair with its score and reasons, then the
/// waitlist with why.
pub fn table(o: &Out<'_>, r: &crate::engine::Reviewed) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{}",
        o.t(Msg::new("cohort-summary")
            .num("pairs", r.proposal.pairs.len() as i64)
            .num("waiting", r.proposal.waitlist.len() as i64)
            .num("total", r.proposal.total() as i64))
    );
    for x in &r.proposal.pairs {
        let _ = writeln!(
            s,
            "{:>5}  {:<24} {:>5}  {:<24} {:>4}  {}",
            x.mentee,
            name(r, x.mentee),
            x.mentor,
            name(r, x.mentor),
            x.score,
            reasons_text(o, &x.reasons)
        );
    }
    for (id, why) in &r.proposal.waitlist {
        let _ = writeln!(
            s,
            "{:>5}  {:<24} {}",
            id,
            name(r, *id),
            o.t(Msg::new("cohort-waitlisted").str("reason", wait_text(o, *why)))
        );
    }
    s
}

fn write_csv(path: &Path, o: &Out<'_>, r: &crate::engine::Reviewed) -> Result<()> {
    let mut w = csv::Writer::from_path(path).with_context(|| path.display().to_string())?;
    w.write_record([
        "mentee_id",
        "mentee",
        "mentor_id",
        "mentor",
        "score",
        "reasons",
        "waitlist",
    ])?;
    for x in &r.proposal.pairs {
        w.write_record([
            x.mentee.to_string(),
            name(r, x.mentee),
            x.mentor.to_string(),
            name(r, x.mentor),
            x.score.to_string(),
            reasons_text(o, &x.reasons),
            String::new(),
        ])?;
    }
    for (id, why) in &r.proposal.waitlist {
        w.write_record([
            id.to_string(),
            name(r, *id),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            wait_text(o, *why),
        ])?;
    }
    w.flush()?;
    Ok(())
}

/// `mentorbot rematch --mentee ID`.
pub fn block_on_rematch(config: Option<&Path>, mentee: i64) -> Result<()> {
    let cfg = crate::config::Config::load(config)?;
    crate::runtime::runtime()?.block_on(async {
        let engine = crate::runtime::open(&cfg).await?;
        let (r, made) = engine.rematch(mentee, chrono::Utc::now()).await?;
        let lang = engine
            .order
            .first()
            .and_then(|id| engine.programme(id).ok())
            .map(|p| (p.languages[0], p.time_zone));
        let (lang, tz) = lang.unwrap_or((bot_core::Lang::En, chrono_tz::UTC));
        let o = Out {
            cat: Catalog::builtin(),
            lang,
            tz,
        };
        print!("{}", table(&o, &r));
        if let Some(pair) = made {
            println!("{}", o.t(Msg::new("cohort-rematched").num("pair", pair)));
        }
        Ok(())
    })
}

/// `mentorbot import --programme ID FILE.csv --map mapping.toml [--dry-run]
/// [--invites-out FILE]`: every bad cell reported (row, column, reason)
/// and nothing imported; otherwise a single-use personal invite per person,
/// carrying their imported profile, written to the invites CSV.
pub fn block_on_import(
    config: Option<&Path>,
    programme: &str,
    file: &Path,
    map: &Path,
    dry_run: bool,
    invites_out: Option<&Path>,
) -> Result<()> {
    use bot_core::{import, registration};
    let mapping: import::Mapping =
        toml::from_str(&std::fs::read_to_string(map).with_context(|| format!("cannot read {}", map.display()))?)
            .with_context(|| map.display().to_string())?;
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(file)
        .with_context(|| file.display().to_string())?;
    let headers: Vec<String> = reader.headers()?.iter().map(str::to_string).collect();
    let rows = reader
        .records()
        .map(|r| r.map(|r| r.iter().map(str::to_string).collect::<Vec<_>>()))
        .collect::<Result<Vec<_>, _>>()
        .with_context(|| file.display().to_string())?;
    let cfg = crate::config::Config::load(config)?;
    crate::runtime::runtime()?.block_on(async {
        let engine = crate::runtime::open(&cfg).await?;
        let p = engine.programme(programme)?.clone();
        let people = match import::read(&p.profile, &mapping, &headers, &rows) {
            Ok(people) => people,
            Err(bad) => {
                for b in &bad {
                    eprintln!("{}: row {}, column {:?}: {}", file.display(), b.row, b.column, b.reason);
                }
                bail!("{} bad cells: nothing was imported", bad.len());
            }
        };
        let o = Out {
            cat: Catalog::builtin(),
            lang: p.languages[0],
            tz: p.time_zone,
        };
        if dry_run {
            println!(
                "{}",
                o.t(Msg::new("cohort-import-dry-run").num("people", people.len() as i64))
            );
            return Ok(());
        }
        let now = chrono::Utc::now();
        let (expires, _) =
            registration::invite_limits(bot_core::Role::Mentee, Some(1), None, now).map_err(|e| anyhow::anyhow!(e))?;
        let coded: Vec<_> = people
            .into_iter()
            .map(|x| (registration::invite_code(rand::random()), x.role, x.imported))
            .collect();
        if let Some(out) = invites_out {
            let (telegram, webchat) = invite_link_bases(&cfg).await;
            let mut w = csv::Writer::from_path(out).with_context(|| out.display().to_string())?;
            w.write_record([
                "name",
                "role",
                "email",
                "phone",
                "code",
                "start",
                "link",
                "telegram_link",
                "webchat_link",
            ])?;
            for (code, role, person) in &coded {
                let telegram = telegram.as_ref().map(|t| format!("{t}{code}")).unwrap_or_default();
                let webchat = webchat.as_ref().map(|w| format!("{w}{code}")).unwrap_or_default();
                let link = if telegram.is_empty() { &webchat } else { &telegram };
                w.write_record([
                    person.name.as_str(),
                    role.code(),
                    person.profile.email.as_deref().unwrap_or(""),
                    person.profile.phone.as_deref().unwrap_or(""),
                    code.as_str(),
                    &format!("/start {code}"),
                    link,
                    &telegram,
                    &webchat,
                ])?;
            }
            w.flush()?;
        }
        engine
            .store
            .create_imported_invites(&p.id, &coded, expires, now)
            .await?;
        println!(
            "{}",
            o.t(Msg::new("cohort-import-done").num("people", coded.len() as i64))
        );
        Ok(())
    })
}

/// Where a personal invite link starts, for Telegram (`https://t.me/<bot>?start=`)
/// and the web chat (`<public_url>/?code=`); the code follows. Telegram's
/// bot name is `telegram.bot_username`, else asked of Telegram (getMe) when
/// a token is configured; the web chat's address is `webchat.public_url`,
/// else its loopback `listen` address.
async fn invite_link_bases(cfg: &crate::config::Config) -> (Option<String>, Option<String>) {
    let mut telegram = None;
    if let Some(t) = &cfg.telegram {
        let name = match (&t.bot_username, &t.token) {
            (Some(name), _) => Some(name.trim_start_matches('@').to_string()),
            (None, Some(token)) => match mentorbot_telegram::bot(token, t.api_url.as_deref()) {
                Ok(bot) => mentorbot_telegram::username(&bot)
                    .await
                    .map_err(|e| tracing::warn!("could not ask Telegram for the bot's name: {e}"))
                    .ok(),
                Err(e) => {
                    tracing::warn!("Telegram: {e}");
                    None
                }
            },
            (None, None) => None,
        };
        telegram = name
            .filter(|n| !n.is_empty())
            .map(|n| format!("https://t.me/{n}?start="));
    }
    let webchat = cfg.webchat.as_ref().map(|w| {
        let base = w.public_url.clone().unwrap_or_else(|| format!("http://{}", w.listen));
        format!("{}/?code=", base.trim_end_matches('/'))
    });
    (telegram, webchat)
}
