//! The imperative shell's top: reads the clock, runs the loops.

use crate::config::Config;
pub use crate::demo::{DEMO_CODES, DEMO_ID, DEMO_PROGRAMME, demo};
use crate::dispatch::Dispatcher;
use crate::engine::{Engine, Handled};
use crate::store::Store;
use anyhow::{Context, Result};
use bot_core::adapter::Adapter;
use bot_core::adapter::{BoxFuture, Handler, Inbound};
use chrono::Utc;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;

pub mod discord;
pub mod telegram;
pub use telegram::{POLL_LOCK_EVERY, poll_telegram};

/// Where the shell gets `now`. The core never asks; the shell asks this,
/// and tests give it a clock they move by hand.
pub trait Clock: Send + Sync {
    fn now(&self) -> bot_core::Ts;
}

/// The wall clock.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> bot_core::Ts {
        Utc::now()
    }
}

/// Hands platform updates to the engine at the clock's `now`. A failure
/// (the database is away) is reported so the platform offers it again;
/// the update's key makes a second delivery harmless.
pub fn engine_handler(engine: Arc<Engine>, clock: Arc<dyn Clock>) -> Handler {
    engine_handler_then(engine, clock, None)
}

/// What a platform does after the engine took an update (Telegram: give a
/// newly registered coordinator their command menu).
pub type After = Arc<dyn Fn(Inbound, Handled) -> BoxFuture<'static, ()> + Send + Sync>;

pub fn engine_handler_then(engine: Arc<Engine>, clock: Arc<dyn Clock>, after: Option<After>) -> Handler {
    engine_handler_parking(engine, clock, after, PARK_AFTER)
}

/// Tries before a failing update is parked.
pub const PARK_AFTER: u32 = 5;

/// The shell's handler: an update that fails (or panics) `park_after`
/// times is parked in `parked_updates` for the operator, its coordinators
/// are told once, and it is answered as taken so the updates behind it go
/// on. Failures are counted per (platform, update key) in memory.
pub fn engine_handler_parking(
    engine: Arc<Engine>,
    clock: Arc<dyn Clock>,
    after: Option<After>,
    park_after: u32,
) -> Handler {
    let handler = engine_outcomes(engine, clock, after, park_after, false);
    Arc::new(move |inbound| {
        let handler = handler.clone();
        Box::pin(async move { handler(inbound).await.is_some() })
    })
}

/// What the engine made of an update: `None` when it was not handled (the
/// platform should offer it again), a parked update as `Processed`.
pub type Outcomes = Arc<dyn Fn(Inbound) -> BoxFuture<'static, Option<Handled>> + Send + Sync>;

/// The shell's handler with the engine's outcome. `answers_stale`: the
/// platform tells a person themselves that a button no longer works
/// (Discord, ephemerally), so the engine undoes such a press and says
/// [`Handled::Expired`] instead of sending the answer as a message.
pub fn engine_outcomes(
    engine: Arc<Engine>,
    clock: Arc<dyn Clock>,
    after: Option<After>,
    park_after: u32,
    answers_stale: bool,
) -> Outcomes {
    let failures: Arc<std::sync::Mutex<HashMap<(String, String), u32>>> = Arc::default();
    Arc::new(move |inbound| {
        let engine = engine.clone();
        let clock = clock.clone();
        let after = after.clone();
        let failures = failures.clone();
        Box::pin(async move {
            let key = (inbound.platform.clone(), inbound.update_key.clone());
            crate::ops::count(crate::ops::INBOUND, &inbound.platform);
            let now = clock.now();
            let handling = engine.handle_with(&inbound, now, answers_stale);
            match crate::caught(handling).await {
                Ok(handled) => {
                    failures.lock().unwrap_or_else(|p| p.into_inner()).remove(&key);
                    if let Some(after) = after {
                        after(inbound, handled).await;
                    }
                    Some(handled)
                }
                Err(e) => {
                    let error = format!("{e:#}");
                    let n = {
                        let mut f = failures.lock().unwrap_or_else(|p| p.into_inner());
                        if f.len() > 10_000 {
                            f.clear(); // bounded: a flood of bad keys only resets the counts
                        }
                        let n = f.entry(key.clone()).or_insert(0);
                        *n += 1;
                        *n
                    };
                    tracing::error!(platform = %inbound.platform, update = %inbound.update_key, failures = n, "update not handled: {error}");
                    if n < park_after {
                        return None;
                    }
                    match park(&engine, &inbound, &error, n, now).await {
                        Ok(()) => {
                            failures.lock().unwrap_or_else(|p| p.into_inner()).remove(&key);
                            Some(Handled::Processed)
                        }
                        Err(pe) => {
                            tracing::error!(update = %inbound.update_key, "could not park the update: {pe:#}");
                            None
                        }
                    }
                }
            }
        })
    })
}

/// Parks an update that keeps failing and, the first time, tells the
/// writer's coordinators (or, for a stranger, the log).
async fn park(engine: &Engine, inbound: &Inbound, error: &str, attempts: u32, now: bot_core::Ts) -> Result<()> {
    let store = &engine.store;
    let fresh = store
        .park_update(&crate::store::ParkedUpdate {
            platform: inbound.platform.clone(),
            update_key: inbound.update_key.clone(),
            update_json: serde_json::to_string(inbound)?,
            error: error.to_string(),
            attempts: attempts.into(),
            parked_at: now,
        })
        .await?;
    tracing::warn!(platform = %inbound.platform, update = %inbound.update_key, "update parked for the operator (mentorbot parked)");
    if !fresh {
        return Ok(());
    }
    let Some((pid, programme, name)) = store.writer_brief(&inbound.platform, &inbound.user_id).await? else {
        return Ok(());
    };
    let Ok(p) = engine.programme(&programme) else {
        return Ok(());
    };
    let msg = bot_core::message::Msg::new("alert-update-parked")
        .str("name", name)
        .str("error", error.to_string());
    let mut tx = store.begin().await?;
    engine
        .alert(&mut tx, &p, None, Some(pid), "update_parked", Some(error), &msg, now)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Binds `listen` and serves `app` on it until `stop` turns true.
pub(crate) async fn listen_and_serve(
    listen: &str,
    what: &str,
    app: axum::Router,
    mut stop: watch::Receiver<bool>,
) -> Result<()> {
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .with_context(|| format!("cannot listen on {listen} for {what}"))?;
    tokio::spawn(async move {
        let _ = axum::serve(listener, app)
            .with_graceful_shutdown(async move {
                let _ = stop.changed().await;
            })
            .await;
    });
    Ok(())
}

/// Where the web chat is reached: `webchat.public_url`, or for a loopback
/// `listen` the loopback addresses on its port. A listen address others
/// can reach without a public address is refused: the `Host` and `Origin`
/// checks need to know the name people use.
pub fn webchat_settings(wc: &crate::config::WebChatConfig) -> Result<mentorbot_webchat::Settings> {
    let (host, port) = wc
        .listen
        .rsplit_once(':')
        .and_then(|(h, p)| Some((h.trim_start_matches('[').trim_end_matches(']'), p.parse::<u16>().ok()?)))
        .with_context(|| format!("webchat.listen = {:?} is not host:port", wc.listen))?;
    let loopback =
        host.eq_ignore_ascii_case("localhost") || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback());
    let mut settings = mentorbot_webchat::Settings::loopback(port);
    match &wc.public_url {
        None if !loopback => anyhow::bail!(
            "webchat.listen = {:?} is reachable from other machines, but webchat.public_url is not set: \
             set webchat.public_url to the address people open (e.g. https://chat.example.org), \
             so that the web chat can refuse requests for other hosts and origins",
            wc.listen
        ),
        None => {}
        Some(public) => {
            let url =
                url::Url::parse(public).with_context(|| format!("webchat.public_url = {public:?} is not a URL"))?;
            let scheme = url.scheme();
            let Some(name) = url.host_str().filter(|_| scheme == "http" || scheme == "https") else {
                anyhow::bail!("webchat.public_url = {public:?} must be an http:// or https:// address");
            };
            let authority = match url.port() {
                Some(p) => format!("{name}:{p}"),
                None => name.to_string(),
            };
            settings.scheme = scheme.to_string();
            // The public name first; a loopback listen (behind a reverse
            // proxy) also answers to its loopback names.
            if loopback {
                settings.hosts.insert(0, authority);
            } else {
                settings.hosts = vec![authority];
            }
        }
    }
    Ok(settings)
}

/// Starts the configured platforms' inbound side (polling or webhook) and
/// returns their outbound adapters.
pub async fn start_platforms(
    cfg: &Config,
    engine: Arc<Engine>,
    clock: Arc<dyn Clock>,
    stop: watch::Receiver<bool>,
) -> Result<Vec<Arc<dyn Adapter>>> {
    let mut adapters: Vec<Arc<dyn Adapter>> = vec![];
    // Before any platform takes an update: the demo codes exist only in
    // the demo mode.
    let demo_after = demo(cfg, &engine, &clock).await?;
    if let Some(t) = &cfg.telegram {
        adapters.push(telegram::start(t, &engine, clock.clone(), stop.clone()).await?);
    }
    if let Some(wc) = &cfg.webchat {
        // Conversations and their queued messages live in the database too,
        // so a restart loses neither.
        let storage = Arc::new(crate::store::WebChatStore(engine.store.clone()));
        let dl = mentorbot_webchat::DirectLine::with_storage(webchat_settings(wc)?, storage)
            .await
            .map_err(|e| anyhow::anyhow!("the web chat's conversations could not be loaded: {e}"))?;
        let after = demo_after.clone();
        let app = dl
            .clone()
            .router(engine_handler_then(engine.clone(), clock.clone(), after));
        listen_and_serve(&wc.listen, "the web chat; set webchat.listen", app, stop.clone()).await?;
        tracing::info!("web chat: http://{}", wc.listen);
        println!("mentorbot web chat: http://{}", wc.listen);
        // Someone forgotten is dropped from the conversations held in memory
        // too (the database forgets them in the same transaction).
        let held = dl.clone();
        engine.on_forget(Arc::new(move |f, _| {
            let own: Vec<String> = f
                .addresses
                .iter()
                .filter(|(platform, _)| platform == mentorbot_webchat::PLATFORM)
                .map(|(_, address)| address.clone())
                .collect();
            held.forget(&own, &f.secrets, chrono::Utc::now());
        }));
        // Expired conversations go, wherever they stand in the queue.
        tokio::spawn(dl.clone().sweep_every(std::time::Duration::from_secs(60), stop.clone()));
        adapters.push(Arc::new(mentorbot_webchat::WebChat(dl)));
    }
    if let Some(d) = &cfg.discord {
        adapters.push(discord::start(d, &engine, clock.clone(), stop.clone()).await?);
    }
    if let Some(b) = &cfg.botframework {
        let http = reqwest::Client::new();
        let auth = Arc::new(mentorbot_botframework::Auth::new(b.adapter_config(), http.clone()));
        let app = mentorbot_botframework::router(auth, engine_handler(engine.clone(), clock.clone()));
        listen_and_serve(&b.listen, "Bot Framework activities", app, stop.clone()).await?;
        tracing::info!(listen = %b.listen, "Bot Framework: POST /api/messages");
        adapters.push(Arc::new(mentorbot_botframework::Connector::new(
            b.adapter_config(),
            http,
        )));
    }
    Ok(adapters)
}

pub(crate) fn runtime() -> Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_multi_thread().enable_all().build()?)
}

fn init_tracing(filter: &str, format: crate::config::LogFormat) {
    use std::io::IsTerminal;
    let filter = tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| filter.into());
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    let _ = match format {
        crate::config::LogFormat::Json => builder.json().with_ansi(false).try_init(),
        crate::config::LogFormat::Text => builder.with_ansi(std::io::stdout().is_terminal()).try_init(),
    };
}

pub fn block_on_migrate(config: Option<&Path>, url: Option<String>) -> Result<()> {
    let mut cfg = Config::load(config)?;
    if let Some(u) = url {
        cfg.database_url = u;
    }
    runtime()?.block_on(async {
        let store = Store::connect(&cfg.database_url).await?;
        store.migrate().await?;
        println!("{}", crate::store::redact(&cfg.database_url));
        Ok(())
    })
}

/// The store (migrated) and the engine with the configured programmes.
pub(crate) async fn open(cfg: &Config) -> Result<Arc<Engine>> {
    let store = Store::connect(&cfg.database_url).await?;
    store.migrate().await?;
    let mut programmes = vec![];
    let mut sources = HashMap::new();
    if cfg.demo_mode() {
        let src = crate::demo::demo_source(Utc::now().date_naive())?;
        let p = bot_core::Programme::parse("programmes/demo.toml", &src, bot_core::i18n::Catalog::builtin())?;
        sources.insert(p.id.clone(), src);
        programmes.push(p);
    } else if cfg.programmes.is_empty() {
        tracing::warn!("no programme is configured: set `programmes` in the config");
    }
    for path in &cfg.programmes {
        let (p, src) = crate::load_programme(path)?;
        sources.insert(p.id.clone(), src);
        programmes.push(p);
    }
    let engine = Arc::new(Engine::new(store, programmes));
    engine.load_programmes(&sources, Utc::now()).await?;
    Ok(engine)
}

/// A CLI line in the programme's first language.
pub(crate) fn say(engine: &Engine, programme: Option<&str>, msg: bot_core::message::Msg) -> String {
    let (lang, tz) = programme
        .and_then(|id| engine.programme(id).ok())
        .map(|p| (p.languages[0], p.time_zone))
        .unwrap_or((bot_core::Lang::En, chrono_tz::UTC));
    engine.catalog.text(&msg, lang, tz)
}

pub fn block_on_invite(
    config: Option<&Path>,
    programme: &str,
    role: &str,
    uses: Option<i64>,
    expires_in_days: Option<i64>,
) -> Result<()> {
    use bot_core::message::Msg;
    let cfg = Config::load(config)?;
    runtime()?.block_on(async {
        let engine = open(&cfg).await?;
        let role = bot_core::Role::parse(role).context("role: mentee, mentor or coordinator")?;
        let code = engine
            .create_invite_with(programme, role, uses, expires_in_days, Utc::now())
            .await?;
        let line = Msg::new("cli-invite")
            .str("code", code.clone())
            .key("role", format!("role-{}", role.code()));
        println!("{}", say(&engine, Some(programme), line));
        if let Some(t) = &cfg.telegram {
            let bot = mentorbot_telegram::bot(t.token.as_deref().unwrap_or_default(), t.api_url.as_deref())?;
            match mentorbot_telegram::username(&bot).await {
                Ok(name) => {
                    let link = format!("https://t.me/{name}?start={code}");
                    println!(
                        "{}",
                        say(&engine, Some(programme), Msg::new("cli-invite-link").str("link", link))
                    );
                }
                Err(e) => tracing::warn!("could not ask Telegram for the bot's name: {e}"),
            }
        }
        Ok(())
    })
}

/// `invite --list`: the codes, newest first, with their state now.
pub fn block_on_invite_list(config: Option<&Path>, programme: Option<&str>) -> Result<()> {
    use bot_core::message::Msg;
    use bot_core::registration::{Invite, Refused};
    let cfg = Config::load(config)?;
    runtime()?.block_on(async {
        let engine = open(&cfg).await?;
        let now = Utc::now();
        for row in engine.store.invites(programme).await? {
            let invite = Invite {
                programme_id: row.programme_id.clone(),
                programme_name: String::new(),
                role: row.role,
                default_lang: bot_core::Lang::En,
                platform: None,
                expires_at: row.expires_at,
                uses: row.uses,
                max_uses: row.max_uses,
                revoked: row.revoked_at.is_some(),
                imported: None,
            };
            let state = match invite.usable("", now) {
                Ok(()) => "active",
                Err(Refused::Revoked) => "revoked",
                Err(Refused::Expired) => "expired",
                Err(Refused::UsedUp) => "used-up",
                Err(Refused::Unknown) => "unknown",
            };
            let line = Msg::new("cli-invite-row")
                .str("code", row.code.clone())
                .str("programme", row.programme_id.clone())
                .key("role", format!("role-{}", row.role.code()))
                .num("uses", row.uses)
                .str("limit", row.max_uses.map_or("∞".to_string(), |m| m.to_string()))
                .str(
                    "expires",
                    row.expires_at
                        .map_or("-".to_string(), |t| t.format("%Y-%m-%d %H:%M UTC").to_string()),
                )
                .key("state", format!("invite-state-{state}"));
            println!("{}", say(&engine, Some(&row.programme_id), line));
        }
        Ok(())
    })
}

/// `invite --revoke CODE`.
pub fn block_on_invite_revoke(config: Option<&Path>, code: &str) -> Result<()> {
    use bot_core::message::Msg;
    let cfg = Config::load(config)?;
    runtime()?.block_on(async {
        let engine = open(&cfg).await?;
        if !engine.store.revoke_invite(code, Utc::now()).await? {
            anyhow::bail!("there is no invite code {code}; `mentorbot invite --list` shows them");
        }
        println!(
            "{}",
            say(
                &engine,
                None,
                Msg::new("cli-invite-revoked").str("code", code.to_string())
            )
        );
        Ok(())
    })
}

pub fn block_on_participants(config: Option<&Path>, programme: &str) -> Result<()> {
    use bot_core::message::Msg;
    let cfg = Config::load(config)?;
    runtime()?.block_on(async {
        let engine = open(&cfg).await?;
        engine.programme(programme)?;
        for (id, role, name, paired) in engine.store.participants(programme).await? {
            let line = Msg::new("cli-participant")
                .num("id", id)
                .key("role", format!("role-{role}"))
                .str("name", name)
                .str("paired", if paired { "yes" } else { "no" });
            println!("{}", say(&engine, Some(programme), line));
        }
        Ok(())
    })
}

pub fn block_on_match(config: Option<&Path>, mentee: i64, mentor: i64) -> Result<()> {
    use bot_core::message::Msg;
    let cfg = Config::load(config)?;
    runtime()?.block_on(async {
        let engine = open(&cfg).await?;
        let pair = engine.match_pair(mentee, mentor, Utc::now()).await?;
        let line = Msg::new("cli-matched")
            .num("pair", pair)
            .num("mentee", mentee)
            .num("mentor", mentor);
        println!("{}", say(&engine, None, line));
        Ok(())
    })
}

pub fn block_on_parked(config: Option<&Path>) -> Result<()> {
    use bot_core::message::Msg;
    let cfg = Config::load(config)?;
    runtime()?.block_on(async {
        let engine = open(&cfg).await?;
        let parked = engine.store.parked_updates().await?;
        let first = engine.order.first().map(String::as_str);
        if parked.is_empty() {
            println!("{}", say(&engine, first, Msg::new("cli-parked-none")));
        }
        for u in parked {
            let line = Msg::new("cli-parked")
                .str("at", u.parked_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
                .str("platform", u.platform)
                .str("key", u.update_key)
                .num("attempts", u.attempts)
                .str("error", u.error);
            println!("{}", say(&engine, first, line));
        }
        Ok(())
    })
}

pub fn block_on_purge(config: Option<&Path>, programme: &str, dry_run: bool) -> Result<()> {
    use bot_core::message::Msg;
    let cfg = Config::load(config)?;
    runtime()?.block_on(async {
        let engine = open(&cfg).await?;
        engine.programme(programme)?;
        let removed = engine.store.purge_programme(programme, dry_run).await?;
        let head = if dry_run { "cli-purge-dry-run" } else { "cli-purged" };
        println!(
            "{}",
            say(&engine, Some(programme), Msg::new(head).str("programme", programme))
        );
        for (table, n) in removed {
            let line = Msg::new("cli-purge-table").str("table", table).num("count", n as i64);
            println!("{}", say(&engine, Some(programme), line));
        }
        Ok(())
    })
}

pub fn block_on_serve(config: Option<&Path>) -> Result<()> {
    let cfg = Config::load(config)?;
    init_tracing(&cfg.log, cfg.log_format);
    runtime()?.block_on(async {
        let (stop_tx, stop_rx) = watch::channel(false);
        // Ctrl-C or SIGTERM: finish what is in flight, stop claiming, exit 0.
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
        tokio::spawn(async move {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            tracing::info!("shutting down: finishing what is in flight");
            let _ = stop_tx.send(true);
        });
        serve(cfg, vec![], stop_rx).await
    })
}

/// Opens the store, loads the programmes, starts the configured platforms,
/// and runs the scheduler and the dispatcher until `stop` turns true.
/// `extra` adapters (tests) are added to the configured ones.
pub async fn serve(cfg: Config, extra: Vec<Arc<dyn Adapter>>, stop: watch::Receiver<bool>) -> Result<()> {
    let engine = open(&cfg).await?;
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let mut adapters = start_platforms(&cfg, engine.clone(), clock, stop.clone()).await?;
    adapters.extend(extra);
    if adapters.is_empty() {
        tracing::warn!("no chat platform is configured: messages wait in the outbox until one is");
    }
    let mut dispatcher = Dispatcher::new(engine.clone(), adapters);
    dispatcher.stop = Some(stop.clone());
    dispatcher.batch = cfg.dispatcher.batch;
    dispatcher.concurrency = cfg.dispatcher.concurrency;
    dispatcher.lease = chrono::Duration::seconds(cfg.dispatcher.lease_secs);
    dispatcher.policy.max_attempts = cfg.dispatcher.max_attempts;
    dispatcher.policy.base = chrono::Duration::milliseconds(cfg.dispatcher.backoff_base_ms);
    dispatcher.policy.cap = chrono::Duration::milliseconds(cfg.dispatcher.backoff_cap_ms);
    let beats = Arc::new(crate::ops::Heartbeats::default());
    // The operator's endpoints on their own listener; a loop that has not
    // gone round for a minute (or ten of its polls) is reported dead.
    let stale =
        Duration::from_millis(cfg.scheduler.poll_ms.max(cfg.dispatcher.poll_ms) * 10).max(Duration::from_secs(60));
    listen_and_serve(
        &cfg.ops.listen,
        "the operator's endpoints (ops.listen)",
        crate::ops::router(engine.clone(), beats.clone(), stale, Arc::new(SystemClock)),
        stop.clone(),
    )
    .await?;
    tracing::info!(database = %crate::store::redact(&cfg.database_url), programmes = engine.order.len(), ops = %cfg.ops.listen, "mentorbot is running");

    let sched = {
        let every = Duration::from_millis(cfg.scheduler.poll_ms);
        let batch = cfg.scheduler.batch;
        let stop = stop.clone();
        let beats = beats.clone();
        tokio::spawn(supervise("the scheduler", stop.clone(), move || {
            let engine = engine.clone();
            let beats = beats.clone();
            let mut stop = stop.clone();
            async move {
                // Retention: checked at start and hourly; the core says when.
                let mut purge_checked: Option<bot_core::Ts> = None;
                loop {
                    if let Err(e) = engine.tick_due(Utc::now(), batch).await {
                        tracing::error!("scheduler: {e:#}");
                    } else {
                        crate::ops::Heartbeats::beat(&beats.scheduler, Utc::now());
                    }
                    let now = Utc::now();
                    if purge_checked.is_none_or(|t| now - t >= chrono::Duration::hours(1)) {
                        purge_checked = Some(now);
                        // Unacknowledged flags, raised again as the core says.
                        if let Err(e) = engine.reraise_flags(now).await {
                            tracing::error!("raising flags again: {e:#}");
                        }
                        match engine.forget_old_updates(now).await {
                            Ok(0) => {}
                            Ok(n) => tracing::debug!(keys = n, "old update keys dropped"),
                            Err(e) => tracing::error!("dropping old update keys: {e:#}"),
                        }
                        match engine.purge_due(now).await {
                            Ok(done) => {
                                for (programme, removed) in done {
                                    tracing::info!(programme, ?removed, "retention passed: purged");
                                }
                            }
                            Err(e) => tracing::error!("retention purge: {e:#}"),
                        }
                    }
                    tokio::select! {
                        _ = tokio::time::sleep(every) => {}
                        _ = stop.changed() => return,
                    }
                }
            }
        }))
    };
    let dispatch = {
        let every = Duration::from_millis(cfg.dispatcher.poll_ms);
        let dispatcher = Arc::new(dispatcher);
        let stop = stop.clone();
        let beats = beats.clone();
        tokio::spawn(supervise("the dispatcher", stop.clone(), move || {
            let dispatcher = dispatcher.clone();
            let beats = beats.clone();
            let mut stop = stop.clone();
            async move {
                loop {
                    if let Err(e) = dispatcher.run_once(Utc::now()).await {
                        tracing::error!("dispatcher: {e:#}");
                    } else {
                        crate::ops::Heartbeats::beat(&beats.dispatcher, Utc::now());
                    }
                    if *stop.borrow() {
                        return;
                    }
                    tokio::select! {
                        _ = tokio::time::sleep(every) => {}
                        _ = stop.changed() => return,
                    }
                }
            }
        }))
    };
    dispatch.await.context("dispatcher task")?;
    sched.await.context("scheduler task")?;
    Ok(())
}

/// Runs a loop as a task and starts it again if it panics or ends while
/// the bot is not stopping (after 1 s, doubling to a minute). Returns once
/// the loop ends with `stop` true.
pub async fn supervise<F, Fut>(name: &'static str, mut stop: watch::Receiver<bool>, make: F)
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let mut backoff = Duration::from_secs(1);
    loop {
        let outcome = tokio::spawn(make()).await;
        if *stop.borrow() {
            return;
        }
        match outcome {
            Err(e) if e.is_panic() => {
                let why = crate::panic_message(&*e.into_panic());
                tracing::error!("{name} panicked: {why}; restarting in {backoff:?}");
            }
            Err(e) => tracing::error!("{name} stopped: {e}; restarting in {backoff:?}"),
            Ok(()) => tracing::error!("{name} ended unexpectedly; restarting in {backoff:?}"),
        }
        tokio::select! {
            _ = tokio::time::sleep(backoff) => {}
            _ = stop.changed() => return,
        }
        backoff = (backoff * 2).min(Duration::from_secs(60));
    }
}
