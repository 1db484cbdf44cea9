//! The Bot Framework adapter against the fake connector.

use bot_core::adapter::{Adapter, Handler, Inbound, InboundKind, Recipient, SendError};
use bot_core::message::{Rendered, RenderedButton};
use mentorbot_botframework::fake::{FakeConnector, Fault, MAX_CARD_ACTIONS};
use mentorbot_botframework::{Auth, CAPABILITIES, Connector, address, router, to_activity};
use serde_json::{Value, json};
use std::sync::Arc;
use tokio::sync::mpsc;

async fn bot(fake: &FakeConnector) -> (String, mpsc::UnboundedReceiver<Inbound>) {
    let (tx, rx) = mpsc::unbounded_channel();
    let handler: Handler = Arc::new(move |u| {
        let tx = tx.clone();
        Box::pin(async move { tx.send(u).is_ok() })
    });
    let auth = Arc::new(Auth::new(fake.config(), reqwest::Client::new()));
    let app = router(auth, handler);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/api/messages", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, rx)
}

#[tokio::test]
async fn a_valid_token_lets_the_activity_in() {
    let fake = FakeConnector::start().await;
    let (url, mut rx) = bot(&fake).await;
    let token = fake.sign(&fake.good_token());
    let status = fake
        .deliver(&url, &fake.message("a1", "29:amira", "conv-1", "/status"), Some(&token))
        .await;
    assert_eq!(status, 200);
    let u = rx.recv().await.unwrap();
    assert_eq!(u.kind, InboundKind::Text("/status".into()));
    assert_eq!(u.user_id, "29:amira");
    assert_eq!(u.address, address(&fake.service_url(), "conv-1"));
    assert_eq!(u.lang_hint.as_deref(), Some("en"));
    // Five minutes of clock skew are accepted.
    let mut late = fake.good_token();
    late.expires_in = -120;
    assert_eq!(
        fake.deliver(
            &url,
            &fake.message("a2", "29:amira", "conv-1", "hi"),
            Some(&fake.sign(&late))
        )
        .await,
        200
    );
    rx.recv().await.unwrap();
}

#[tokio::test]
async fn missing_expired_wrong_audience_wrong_key_or_wrong_service_url_get_401_and_nothing_is_handled() {
    let fake = FakeConnector::start().await;
    let (url, mut rx) = bot(&fake).await;
    let activity = fake.message("b1", "29:eve", "conv-9", "/forget");
    assert_eq!(fake.deliver(&url, &activity, None).await, 401, "missing");
    let mut expired = fake.good_token();
    expired.expires_in = -600;
    assert_eq!(
        fake.deliver(&url, &activity, Some(&fake.sign(&expired))).await,
        401,
        "expired beyond the skew"
    );
    let mut audience = fake.good_token();
    audience.audience = "someone-else".into();
    assert_eq!(
        fake.deliver(&url, &activity, Some(&fake.sign(&audience))).await,
        401,
        "wrong audience"
    );
    let mut issuer = fake.good_token();
    issuer.issuer = "https://evil.example".into();
    assert_eq!(
        fake.deliver(&url, &activity, Some(&fake.sign(&issuer))).await,
        401,
        "wrong issuer"
    );
    let mut key = fake.good_token();
    key.wrong_key = true;
    assert_eq!(
        fake.deliver(&url, &activity, Some(&fake.sign(&key))).await,
        401,
        "signed with the wrong key"
    );
    let mut service = fake.good_token();
    service.service_url = "https://evil.example/".into();
    assert_eq!(
        fake.deliver(&url, &activity, Some(&fake.sign(&service))).await,
        401,
        "serviceurl claim differs"
    );
    assert_eq!(fake.deliver(&url, &activity, Some("not.a.jwt")).await, 401, "garbage");
    assert!(rx.try_recv().is_err(), "nothing reached the bot");
    // A valid token on something that is not an activity: 400.
    let token = fake.sign(&fake.good_token());
    let bad = json!({"serviceUrl": fake.service_url(), "channelId": "msteams", "nonsense": true});
    assert_eq!(fake.deliver(&url, &bad, Some(&token)).await, 400);
}

#[tokio::test]
async fn buttons_invokes_and_new_members_become_updates() {
    let fake = FakeConnector::start().await;
    let (url, mut rx) = bot(&fake).await;
    let token = fake.sign(&fake.good_token());
    fake.deliver(&url, &fake.submit("c1", "29:amira", "conv-1", "p1|book"), Some(&token))
        .await;
    assert_eq!(rx.recv().await.unwrap().kind, InboundKind::Button("p1|book".into()));
    let invoke = json!({
        "type": "invoke", "name": "adaptiveCard/action", "id": "c2", "channelId": "msteams", "serviceUrl": fake.service_url(),
        "from": {"id": "29:amira"}, "recipient": {"id": "28:mentorbot"}, "conversation": {"id": "conv-1"},
        "value": {"action": {"type": "Action.Execute", "data": {"payload": "p1|met:good:1"}}}
    });
    assert_eq!(fake.deliver(&url, &invoke, Some(&token)).await, 200);
    assert_eq!(
        rx.recv().await.unwrap().kind,
        InboundKind::Button("p1|met:good:1".into())
    );
    let added = json!({
        "type": "conversationUpdate", "id": "c3", "channelId": "msteams", "serviceUrl": fake.service_url(),
        "recipient": {"id": "28:mentorbot"}, "conversation": {"id": "conv-2"},
        "membersAdded": [{"id": "28:mentorbot"}, {"id": "29:lars", "name": "Lars"}]
    });
    assert_eq!(fake.deliver(&url, &added, Some(&token)).await, 200);
    let greet = rx.recv().await.unwrap();
    assert_eq!(
        (greet.user_id.as_str(), greet.kind),
        ("29:lars", InboundKind::Text("/start".into()))
    );
    assert!(rx.try_recv().is_err(), "the bot itself is not greeted");
}

fn msg_with_buttons() -> Rendered {
    Rendered {
        text: "How did it go?".into(),
        buttons: vec![vec![
            RenderedButton {
                label: "👍 Well".into(),
                payload: "p1|met:good:1".into(),
            },
            RenderedButton {
                label: "⚠️ It didn't happen".into(),
                payload: "p1|met:missed:1".into(),
            },
        ]],
    }
}

/// `n` buttons in rows of three.
fn msg_with(n: usize) -> Rendered {
    let all: Vec<RenderedButton> = (1..=n)
        .map(|i| RenderedButton {
            label: format!("Choice {i}"),
            payload: format!("p1|ans:midterm:benefit:{i}"),
        })
        .collect();
    Rendered {
        text: "Pick one".into(),
        buttons: all.chunks(3).map(<[RenderedButton]>::to_vec).collect(),
    }
}

fn actions(activity: &Value) -> Vec<Value> {
    activity["attachments"][0]["content"]["actions"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

#[test]
fn a_message_with_buttons_has_its_plain_text_and_one_card_action_per_button() {
    let msg = msg_with_buttons();
    let a = serde_json::to_value(to_activity(&msg)).unwrap();
    assert_eq!(a["text"], "How did it go?", "the choices are not written into the text");
    assert_eq!(a["textFormat"], "plain");
    let acts = actions(&a);
    assert_eq!(acts.len(), 2, "one action per button");
    for (action, button) in acts.iter().zip(msg.buttons.iter().flatten()) {
        assert_eq!(action["type"], "Action.Submit");
        assert_eq!(action["title"], button.label.as_str());
        assert_eq!(action["data"]["payload"], button.payload.as_str());
    }
    // Buttons in several rows are all on the card, once each.
    let a = serde_json::to_value(to_activity(&msg_with(5))).unwrap();
    assert_eq!(a["text"], "Pick one");
    assert_eq!(actions(&a).len(), 5);
    // Without buttons, no card.
    let plain = to_activity(&Rendered {
        text: "Hello".into(),
        buttons: vec![],
    });
    assert!(plain.attachments.is_empty());
}

#[tokio::test]
async fn the_fake_refuses_a_card_with_more_than_six_actions() {
    assert_eq!(MAX_CARD_ACTIONS, 6);
    assert_eq!(
        CAPABILITIES.max_buttons, MAX_CARD_ACTIONS,
        "the adapter asks for no more buttons than Teams shows"
    );
    let fake = FakeConnector::start().await;
    let c = Connector::new(fake.config(), reqwest::Client::new());
    let to = Recipient {
        platform: "botframework".into(),
        address: address(&fake.service_url(), "conv-1"),
    };
    assert!(
        matches!(c.send(&to, &msg_with(7)).await, Err(SendError::Permanent(_))),
        "7 actions are refused, and not worth retrying"
    );
    assert!(c.send(&to, &msg_with(6)).await.is_ok(), "6 actions are accepted");
    let statuses: Vec<u16> = fake.posted().iter().map(|p| p.status).collect();
    assert_eq!(statuses, [400, 200]);
    assert_eq!(fake.texts_to("conv-1"), ["Pick one"], "only the accepted one counts");

    // The refusal reads as the Bot Framework's do.
    let http = reqwest::Client::new();
    let url = format!("{}/v3/conversations/conv-2/activities", fake.base());
    let r = http
        .post(&url)
        .bearer_auth("fake-access-1")
        .json(&to_activity(&msg_with(7)))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["error"]["code"], "BadArgument");
    assert!(body["error"]["message"].as_str().unwrap().contains('7'));
    let r = http
        .post(&url)
        .bearer_auth("fake-access-1")
        .json(&to_activity(&msg_with(6)))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
}

#[tokio::test]
async fn replies_carry_an_adaptive_card_and_a_cached_token() {
    let fake = FakeConnector::start().await;
    let c = Connector::new(fake.config(), reqwest::Client::new());
    let to = Recipient {
        platform: "botframework".into(),
        address: address(&fake.service_url(), "conv-1"),
    };
    c.send(&to, &msg_with_buttons()).await.unwrap();
    c.send(
        &to,
        &Rendered {
            text: "Second".into(),
            buttons: vec![],
        },
    )
    .await
    .unwrap();
    assert_eq!(fake.tokens_issued(), 1, "the token is cached");
    let posted = fake.posted();
    assert_eq!(posted.len(), 2);
    assert_eq!(posted[0].authorization.as_deref(), Some("Bearer fake-access-1"));
    let a = &posted[0].activity;
    assert_eq!(a["type"], "message");
    // The choices are on the card, once: not in the text as well.
    assert_eq!(a["text"], "How did it go?");
    let card = &a["attachments"][0];
    assert_eq!(card["contentType"], "application/vnd.microsoft.card.adaptive");
    assert_eq!(card["content"]["version"], "1.4");
    let acts = actions(a);
    let titles: Vec<&str> = acts.iter().map(|x| x["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["👍 Well", "⚠️ It didn't happen"]);
    assert_eq!(card["content"]["actions"][1]["data"]["payload"], "p1|met:missed:1");
    assert!(posted[1].activity["attachments"].is_null());
}

#[tokio::test]
async fn only_configured_service_hosts_are_called_and_errors_map_onto_the_retry_policy() {
    let fake = FakeConnector::start().await;
    let c = Connector::new(fake.config(), reqwest::Client::new());
    let evil = Recipient {
        platform: "botframework".into(),
        address: address("https://evil.example/", "conv-1"),
    };
    assert!(matches!(
        c.send(&evil, &msg_with_buttons()).await,
        Err(SendError::Permanent(_))
    ));
    assert_eq!(fake.tokens_issued(), 0, "no token was even asked for");
    assert!(fake.posted().is_empty());
    let to = Recipient {
        platform: "botframework".into(),
        address: address(&fake.service_url(), "conv-1"),
    };
    fake.inject([Fault::TooManyRequests(7)]);
    assert_eq!(
        c.send(&to, &msg_with_buttons()).await,
        Err(SendError::RetryAfter(chrono::Duration::seconds(7)))
    );
    fake.inject([Fault::ServerError(503)]);
    assert!(matches!(
        c.send(&to, &msg_with_buttons()).await,
        Err(SendError::Transient(_))
    ));
    assert!(c.send(&to, &msg_with_buttons()).await.is_ok());
}

#[tokio::test]
async fn the_fake_enforces_teams_limit_of_seven_a_second_per_conversation() {
    let fake = FakeConnector::start().await;
    let http = reqwest::Client::new();
    let post = |conv: &str, i: usize| {
        http.post(format!("{}/v3/conversations/{conv}/activities", fake.base()))
            .bearer_auth("fake-access-1")
            .json(&to_activity(&Rendered {
                text: format!("m{i}"),
                buttons: vec![],
            }))
            .send()
    };
    let mut statuses = vec![];
    for i in 0..8 {
        statuses.push(post("busy", i).await.unwrap().status().as_u16());
    }
    assert_eq!(statuses, [200, 200, 200, 200, 200, 200, 200, 429]);
    let r = post("busy", 9).await.unwrap();
    assert_eq!(r.headers()["retry-after"], "1");
    // Another conversation is not affected.
    assert_eq!(post("quiet", 0).await.unwrap().status(), 200);
    // The adapter paces itself: eight sends in a row all go through.
    let fake = FakeConnector::start().await;
    let c = Connector::new(fake.config(), reqwest::Client::new());
    let to = Recipient {
        platform: "botframework".into(),
        address: address(&fake.service_url(), "busy"),
    };
    for i in 0..8 {
        let r = c
            .send(
                &to,
                &Rendered {
                    text: format!("m{i}"),
                    buttons: vec![],
                },
            )
            .await;
        assert!(r.is_ok(), "{i}: {r:?}");
    }
}
