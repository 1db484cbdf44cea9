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
        database_url: url.clone(),
        ..Config::default()
    };
    cfg.programmes = vec![std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("programmes/karrierementor.toml")];
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
    let (p, src) = mentorbot::load_programme(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("programmes/karrierementor.toml"),
    )
    .unwrap();
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
    stop.send(true).unwrap();
    server.await.unwrap().unwrap();
    let amira = got_intro.expect("the intro arrives while serving");
    // No contact was shared without consent.
    assert!(amira.iter().all(|m| !m.text.contains('@')));
}
