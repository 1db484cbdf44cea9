//! Attacker-chosen values never reach the log raw. In a binary of its own:
//! the log subscriber is process-wide.

use bot_core::adapter::{Handler, Inbound};
use mentorbot_botframework::Auth;
use mentorbot_botframework::fake::FakeConnector;
use std::sync::Arc;
use tokio::sync::mpsc;

async fn bot(fake: &FakeConnector) -> (String, mpsc::UnboundedReceiver<Inbound>) {
    let (tx, rx) = mpsc::unbounded_channel();
    let handler: Handler = Arc::new(move |u| {
        let tx = tx.clone();
        Box::pin(async move { tx.send(u).is_ok() })
    });
    let auth = Arc::new(Auth::new(fake.config(), reqwest::Client::new()));
    let app = mentorbot_botframework::router(auth, handler);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/api/messages", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, rx)
}

/// A writer into a shared buffer, for capturing log output.
#[derive(Clone, Default)]
struct Captured(Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_attacker_chosen_key_id_is_never_logged_raw() {
    let logs = Captured::default();
    let writer = logs.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_max_level(tracing::Level::DEBUG)
        .with_ansi(false)
        .finish();
    // The only test in this binary: the subscriber is global, so every
    // thread's events are captured.
    tracing::subscriber::set_global_default(subscriber).unwrap();
    let fake = FakeConnector::start().await;
    let (url, mut rx) = bot(&fake).await;
    let mut spec = fake.good_token();
    let kid = format!("x\nERROR mentorbot: database wiped\u{1b}[2J{}", "A".repeat(5_000));
    spec.kid = kid.clone();
    let token = fake.sign(&spec);
    assert_eq!(
        fake.deliver(&url, &fake.message("k1", "29:eve", "conv-1", "hi"), Some(&token))
            .await,
        401
    );
    assert!(rx.try_recv().is_err());
    let out = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
    assert!(out.contains("refused an activity"), "{out}");
    assert!(
        !out.contains("\nERROR mentorbot: database wiped"),
        "a forged log line: {out}"
    );
    assert!(!out.contains('\u{1b}'), "a raw escape sequence");
    assert!(!out.contains(&"A".repeat(300)), "the key id is cut");
}
