//! `serve` wires the store, the scheduler and the dispatcher together: on
//! the real clock, a freshly matched pair gets its intro.

use bot_core::adapter::{Adapter, InMemoryAdapter};
use bot_core::{Lang, Role};
use chrono::{Timelike, Utc};
use mentorbot::config::Config;
use mentorbot::{Engine, Registration, Store};
use std::sync::Arc;
use std::time::Duration;

/// A fixed-offset zone where it is daytime now, so quiet hours do not
/// hold the intro until morning.
/// Karrierementor made into a round that starts in two weeks
/// (`programme new`), written to `dir/karrierementor.toml`.
fn upcoming_karrierementor(dir: &std::path::Path) -> std::path::PathBuf {
    let src = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("programmes/karrierementor.toml"),
    )
    .unwrap();
    let start = Utc::now().date_naive() + chrono::Duration::days(14);
    let out = bot_core::programme::template::shift(&src, start).unwrap();
    let path = dir.join("karrierementor.toml");
    std::fs::write(&path, out.source).unwrap();
    path
}

fn daytime_zone() -> chrono_tz::Tz {
    let hour = Utc::now().hour() as i32;
    // Etc/GMT-N is N hours ahead of UTC.
    let ahead = (12 - hour).rem_euclid(24);
    let ahead = if ahead > 12 { ahead - 24 } else { ahead };
    let name = match ahead {
        0 => "Etc/GMT".to_string(),
        n if n > 0 => format!("Etc/GMT-{n}"),
        n => format!("Etc/GMT+{}", -n),
    };
    name.parse().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_creates_the_database_and_sends_a_new_pairs_intro() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("serve.db").display());
    let mut cfg = Config {
        ops: mentorbot::config::OpsConfig {
            listen: "127.0.0.1:0".into(),
        },
        database_url: url.clone(),
        ..Config::default()
    };
    // Karrierementor as shipped ran in 2023: a round starting in two weeks,
    // so its intro is due now.
    let km = upcoming_karrierementor(dir.path());
    cfg.programmes = vec![km.clone()];
    cfg.scheduler.poll_ms = 50;
    cfg.dispatcher.poll_ms = 50;
    let adapter = Arc::new(InMemoryAdapter::new());
    let (stop, stop_rx) = tokio::sync::watch::channel(false);
    let server = tokio::spawn(mentorbot::runtime::serve(
        cfg,
        vec![adapter.clone() as Arc<dyn Adapter>],
        stop_rx,
    ));

    // A second handle on the same database registers and matches a pair,
    // as the registration flow will; the server picks it up.
    let store = loop {
        if dir.path().join("serve.db").exists()
            && let Ok(s) = Store::connect(&url).await
            && s.migrate().await.is_ok()
        {
            break s;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    let (p, src) = mentorbot::load_programme(&km).unwrap();
    let engine = Engine::new(store, vec![p.clone()]);
    engine
        .load_programmes(&[(p.id.clone(), src)].into(), Utc::now())
        .await
        .unwrap();
    let tz = daytime_zone();
    let reg = |name: &'static str, role| Registration {
        programme_id: "karrierementor",
        role,
        name,
        lang: Lang::En,
        tz: Some(tz),
        contact: None,
        consent: false,
        platform: "memory",
        user_id: name,
        address: name,
    };
    let mentee = engine.register(&reg("Amira", Role::Mentee), Utc::now()).await.unwrap();
    let mentor = engine.register(&reg("Lars", Role::Mentor), Utc::now()).await.unwrap();
    engine.match_pair(mentee, mentor, Utc::now()).await.unwrap();

    let got_intro = tokio::time::timeout(Duration::from_secs(30), async {
        loop {
            let amira = adapter.sent_to("Amira");
            if amira.iter().any(|m| m.text.contains("Your mentor is Lars")) {
                return amira;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    })
    .await;
    let stopped = stop.send(true);
    let served = server.await.unwrap();
    assert!(stopped.is_ok(), "serve stopped by itself: {served:?}");
    served.unwrap();
    let amira = got_intro.unwrap_or_else(|_| panic!("no intro: {:?}", adapter.sent_to("Amira")));
    // No contact was shared without consent.
    assert!(amira.iter().all(|m| !m.text.contains('@')));
}

/// SIGTERM while the outbox is busy: the binary finishes the message in
/// flight, stops claiming, releases what it claimed but did not send, and
/// exits 0. Every message the (fake) platform received is marked sent.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_during_a_busy_outbox_exits_0_and_leaves_nothing_half_sent() {
    use mentorbot_telegram::fake::FakeTelegram;
    use sqlx::Row;
    const TOKEN: &str = "123456:sigterm";
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("busy.db");
    let url = format!("sqlite://{}", db.display());
    let fake = FakeTelegram::start(TOKEN).await;
    // A busy outbox: 400 messages to 400 chats, far more than Telegram's
    // 30 a second lets out before the signal.
    let store = Store::connect(&url).await.unwrap();
    store.migrate().await.unwrap();
    let msg = serde_json::to_string(&bot_core::message::Msg::new("help-mentee")).unwrap();
    let now = Utc::now().timestamp_millis();
    for chat in 5000..5400i64 {
        sqlx::query::<sqlx::Any>(
            "INSERT INTO outbox (participant_id, pair_id, platform, address, lang, msg, once_key, not_before, created_at)
             VALUES (NULL, NULL, 'telegram', $1, 'en', $2, NULL, $3, $3)",
        )
        .bind(chat.to_string())
        .bind(&msg)
        .bind(now)
        .execute(store.pool())
        .await
        .unwrap();
    }
    let config = dir.path().join("mentorbot.toml");
    std::fs::write(
        &config,
        format!(
            "database_url = {url:?}\nprogrammes = [{:?}]\n[dispatcher]\npoll_ms = 20\n[scheduler]\npoll_ms = 50\n[telegram]\ntoken = {TOKEN:?}\napi_url = {:?}\npoll_timeout_secs = 1\n",
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("programmes/karrierementor.toml")
                .display()
                .to_string(),
            fake.url(),
        ),
    )
    .unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_mentorbot"))
        .arg("serve")
        .arg("--config")
        .arg(&config)
        .env_remove("MENTORBOT_CONFIG")
        .env("RUST_LOG", "warn")
        .stdout(std::process::Stdio::null())
        .env("MENTORBOT_OPS__LISTEN", "127.0.0.1:0")
        .spawn()
        .unwrap();
    let received = |fake: &FakeTelegram| {
        fake.calls_to("sendMessage")
            .into_iter()
            .filter(|c| c.status == 200)
            .filter_map(|c| c.params["chat_id"].as_i64())
            .collect::<std::collections::BTreeSet<i64>>()
    };
    // A bounded poll for the external process: wait until it is sending.
    let started = std::time::Instant::now();
    while received(&fake).len() < 10 {
        assert!(started.elapsed() < Duration::from_secs(60), "serve never sent");
        assert!(child.try_wait().unwrap().is_none(), "serve exited early");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let kill = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if started.elapsed() > Duration::from_secs(30) {
            let _ = child.kill();
            panic!("serve did not exit within 30 s of SIGTERM");
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    assert!(status.success(), "exit status: {status:?}");

    let rows = sqlx::query::<sqlx::Any>("SELECT address, status, claimed_until FROM outbox ORDER BY id")
        .fetch_all(store.pool())
        .await
        .unwrap();
    let mut sent = std::collections::BTreeSet::new();
    let mut pending = 0;
    for r in &rows {
        let address: String = r.try_get(0).unwrap();
        let status: String = r.try_get(1).unwrap();
        let claimed: Option<i64> = r.try_get(2).unwrap();
        match status.as_str() {
            "sent" => {
                sent.insert(address.parse::<i64>().unwrap());
            }
            "pending" => {
                pending += 1;
                assert_eq!(claimed, None, "{address}: claimed but neither sent nor released");
            }
            other => panic!("{address}: {other}"),
        }
    }
    assert_eq!(
        sent,
        received(&fake),
        "what the platform received is exactly what is marked sent"
    );
    assert!(pending > 0, "it stopped claiming: the rest waits for the next start");
}
