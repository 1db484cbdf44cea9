//! Delivery and command registration against the fake Discord.

use bot_core::adapter::{Adapter, Recipient, SendError};
use bot_core::i18n::Catalog;
use bot_core::message::{File, Rendered, RenderedButton};
use mentorbot_discord::endpoint::Labels;
use mentorbot_discord::fake::{self, APPLICATION_ID, FakeDiscord, Fault, GUILD_ID, dm_channel};
use mentorbot_discord::rest::RestError;
use mentorbot_discord::{CommandSpec, Discord, Rest, WRITE, register_commands};
use std::sync::Arc;
use std::time::Duration;

fn adapter(fake: &FakeDiscord) -> Discord {
    Discord::new(
        Arc::new(Rest::new(&fake.config())),
        Arc::new(Labels::new(Catalog::builtin())),
    )
}

fn to(user: &str) -> Recipient {
    Recipient {
        platform: "discord".into(),
        address: user.into(),
    }
}

fn text(t: &str) -> Rendered {
    Rendered {
        text: t.into(),
        buttons: vec![],
    }
}

#[tokio::test]
async fn a_dm_opens_the_channel_once_and_carries_buttons_and_the_write_button() {
    let fake = FakeDiscord::start().await;
    let d = adapter(&fake);
    let msg = Rendered {
        text: "How did it go?".into(),
        buttons: vec![vec![
            RenderedButton {
                label: "Good".into(),
                payload: "p7|met:good:1".into(),
            },
            RenderedButton {
                label: "Missed".into(),
                payload: "p7|met:missed:1".into(),
            },
        ]],
    };
    let sent = d.send(&to("42"), &msg).await.unwrap();
    assert!(sent.platform_message_id.is_some());
    d.send(&to("42"), &text("again")).await.unwrap();
    assert_eq!(fake.calls_to("POST", "/users/@me/channels").len(), 1);
    let dms = fake.dms("42");
    assert_eq!(dms.len(), 2);
    let b = fake::buttons(&dms[0]);
    assert_eq!(b[0].1, "p7|met:good:1");
    assert_eq!(b.last().unwrap().1, WRITE, "every DM can be answered with free text");
    assert_eq!(dms[0]["allowed_mentions"]["parse"], serde_json::json!([]));
}

#[tokio::test]
async fn cannot_message_user_50007_is_blocked() {
    let fake = FakeDiscord::start().await;
    fake.close_dms("42");
    assert_eq!(
        adapter(&fake).send(&to("42"), &text("hi")).await,
        Err(SendError::Blocked)
    );
}

#[tokio::test]
async fn a_429_gives_its_retry_after_and_5xx_and_timeouts_are_transient() {
    let fake = FakeDiscord::start().await;
    let d = adapter(&fake);
    d.send(&to("42"), &text("open")).await.unwrap();
    fake.fail_next([Fault::RateLimited { retry_after: 3.5 }]);
    assert_eq!(
        d.send(&to("42"), &text("x")).await,
        Err(SendError::RetryAfter(chrono::Duration::milliseconds(3500)))
    );
    fake.fail_next([Fault::ServerError]);
    assert!(matches!(
        d.send(&to("42"), &text("x")).await,
        Err(SendError::Transient(_))
    ));
    fake.fail_next([Fault::Hang(Duration::from_secs(3))]);
    assert!(matches!(
        d.send(&to("42"), &text("x")).await,
        Err(SendError::Transient(_))
    ));
}

#[tokio::test]
async fn a_global_429_holds_every_route() {
    let fake = FakeDiscord::start().await;
    let d = adapter(&fake);
    d.send(&to("42"), &text("open")).await.unwrap();
    fake.fail_next([Fault::Global { retry_after: 30.0 }]);
    assert!(matches!(
        d.send(&to("42"), &text("x")).await,
        Err(SendError::RetryAfter(_))
    ));
    let before = fake.calls().len();
    // Another user, another route: held without asking Discord.
    assert!(matches!(
        d.send(&to("43"), &text("x")).await,
        Err(SendError::RetryAfter(_))
    ));
    assert_eq!(fake.calls().len(), before, "nothing was sent during the global hold");
}

#[tokio::test]
async fn buckets_are_honoured_so_a_burst_never_meets_a_429() {
    let fake = FakeDiscord::start().await;
    let d = adapter(&fake);
    for n in 0..12 {
        d.send(&to("42"), &text(&format!("message {n}"))).await.unwrap();
    }
    assert_eq!(fake.texts("42").len(), 12);
    assert!(
        fake.calls().iter().all(|c| c.status != 429),
        "the client waited for its bucket"
    );
}

#[tokio::test]
async fn requests_stay_under_50_a_second() {
    let fake = FakeDiscord::start().await;
    fake.enforce_limits(false);
    let d = Arc::new(adapter(&fake));
    let mut tasks = vec![];
    for u in 0..40 {
        let d = d.clone();
        tasks.push(tokio::spawn(async move {
            d.send(&to(&format!("{}", 500 + u)), &text("hi")).await
        }));
    }
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    let at: Vec<_> = fake.calls().iter().map(|c| c.at).collect();
    assert_eq!(at.len(), 80);
    let most = at
        .iter()
        .map(|s| {
            at.iter()
                .filter(|t| **t >= *s && t.duration_since(*s) < Duration::from_secs(1))
                .count()
        })
        .max()
        .unwrap();
    assert!(most <= 50, "{most} requests in one second");
}

#[tokio::test]
async fn files_go_as_attachments() {
    let fake = FakeDiscord::start().await;
    let d = adapter(&fake);
    let file = File {
        name: "meeting.ics".into(),
        mime: "text/calendar".into(),
        // iCalendar lines end in CRLF, as the multipart boundaries do.
        bytes: b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n".to_vec(),
    };
    d.send_file(&to("42"), &file).await.unwrap();
    let dm = &fake.dms("42")[0];
    assert_eq!(dm["file"]["name"], "meeting.ics");
    assert_eq!(
        dm["file"]["bytes"],
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"
    );
    assert_eq!(dm["attachments"][0]["filename"], "meeting.ics");
}

#[tokio::test]
async fn the_fake_refuses_what_discord_refuses() {
    let fake = FakeDiscord::start().await;
    let d = adapter(&fake);
    // Too long: the adapter's capabilities split it; sent raw, refused.
    assert!(matches!(
        d.send(&to("42"), &text(&"x".repeat(2001))).await,
        Err(SendError::Permanent(e)) if e.contains("2000")
    ));
    // A custom_id over 100 characters never leaves the adapter.
    let long = Rendered {
        text: "x".into(),
        buttons: vec![vec![RenderedButton {
            label: "x".into(),
            payload: "y".repeat(101),
        }]],
    };
    let before = fake.calls().len();
    assert!(matches!(d.send(&to("42"), &long).await, Err(SendError::Permanent(_))));
    assert_eq!(fake.calls().len(), before);
    // The fake itself: 6 rows, 6 in a row, empty, a 6-input modal, no token.
    let rest = Rest::new(&fake.config());
    let row = |n: usize| {
        serde_json::json!({ "type": 1, "components": (0..n).map(|i| serde_json::json!({
            "type": 2, "style": 2, "label": "b", "custom_id": format!("c{i}") })).collect::<Vec<_>>() })
    };
    let path = format!("/channels/{}/messages", dm_channel("42"));
    for body in [
        serde_json::json!({ "content": "x", "components": (0..6).map(|_| row(1)).collect::<Vec<_>>() }),
        serde_json::json!({ "content": "x", "components": [row(6)] }),
        serde_json::json!({ "content": "" }),
    ] {
        let r = rest
            .call(
                reqwest::Method::POST,
                &path,
                mentorbot_discord::rest::Body::Json(body),
                true,
            )
            .await;
        assert!(matches!(r, Err(RestError::Api { status: 400, .. })), "{r:?}");
    }
    let modal = serde_json::json!({ "type": 9, "data": { "custom_id": WRITE, "title": "t", "components":
        (0..6).map(|i| serde_json::json!({ "type": 1, "components": [{ "type": 4, "custom_id": format!("i{i}"), "label": "l", "style": 1 }] })).collect::<Vec<_>>() } });
    assert!(matches!(
        rest.callback("1", "tok", modal).await,
        Err(RestError::Api { status: 400, .. })
    ));
    let mut cfg = fake.config();
    cfg.token = "wrong".into();
    let r = Rest::new(&cfg).open_dm("42").await;
    assert!(matches!(r, Err(RestError::Api { status: 401, .. })));
}

#[tokio::test]
async fn commands_are_registered_with_danish_and_norwegian_names_and_descriptions() {
    let fake = FakeDiscord::start().await;
    let rest = Rest::new(&fake.config());
    let spec = CommandSpec::from_core();
    register_commands(&rest, GUILD_ID, Catalog::builtin(), &spec)
        .await
        .unwrap();
    let global = fake.calls_to("PUT", &format!("/applications/{APPLICATION_ID}/commands"));
    let guild = fake.calls_to(
        "PUT",
        &format!("/applications/{APPLICATION_ID}/guilds/{GUILD_ID}/commands"),
    );
    assert_eq!((global.len(), guild.len()), (1, 1));
    let cmds = global[0].body.as_array().unwrap();
    assert_eq!(cmds.len(), bot_core::command::Command::MENU.len());
    let help = cmds.iter().find(|c| c["name"] == "help").unwrap();
    assert_eq!(help["name_localizations"]["da"], "hjælp");
    assert_eq!(help["name_localizations"]["no"], "hjelp");
    assert_eq!(help["description"], "what I can do");
    assert_eq!(help["description_localizations"]["da"], "hvad jeg kan");
    assert!(
        help["description_localizations"]["no"]
            .as_str()
            .is_some_and(|d| !d.is_empty())
    );
    assert!(
        help["default_member_permissions"].is_null(),
        "everyone sees the participants' commands"
    );
    let profile = cmds.iter().find(|c| c["name"] == "profile").unwrap();
    assert_eq!(profile["name_localizations"]["da"], "profil");
    assert_eq!(profile["name_localizations"]["no"], "profil");
    assert_eq!(profile["description"], "see and edit your profile");
    let gcmds = guild[0].body.as_array().unwrap();
    let join = gcmds.iter().find(|c| c["name"] == "join").unwrap();
    assert_eq!(join["name_localizations"]["no"], "bli-med");
    assert_eq!(join["options"][0]["name"], "code");
    assert_eq!(join["options"][0]["required"], true);
    assert_eq!(
        join["options"][0]["description_localizations"]["da"],
        "den invitationskode, du har fået"
    );
    // The coordinators' own commands: in the programme's server only, shown
    // only to members who may manage it, each named and described in Danish
    // and Norwegian.
    let localized = [
        (
            "pairs",
            "par",
            "par",
            "alle par og hvordan det går; sæt på pause, genoptag eller afslut",
        ),
        (
            "report",
            "rapport",
            "rapport",
            "evalueringen kort, med en graf over det samlede udbytte",
        ),
        ("match", "match", "match", "den bedste matchning af de ventende mentees"),
        (
            "broadcast",
            "rundsend",
            "send-ut",
            "send en besked til en gruppe deltagere",
        ),
        (
            "event",
            "arrangementer",
            "arrangementer",
            "kommende arrangementer og hvem der kommer",
        ),
    ];
    for (cmd, da, no, da_description) in localized {
        let c = gcmds
            .iter()
            .find(|c| c["name"] == cmd)
            .unwrap_or_else(|| panic!("/{cmd} is registered in the server"));
        assert_eq!(
            c["default_member_permissions"], "32",
            "/{cmd}: coordinators' commands are for Manage Server only"
        );
        assert_eq!(c["name_localizations"]["da"], da, "/{cmd}");
        assert_eq!(c["name_localizations"]["no"], no, "/{cmd}");
        assert_eq!(c["description_localizations"]["da"], da_description, "/{cmd}");
        let no_description = c["description_localizations"]["no"].as_str().unwrap_or("");
        assert!(!no_description.is_empty() && no_description != da_description, "/{cmd}");
        assert!(
            !cmds.iter().any(|g| g["name"] == cmd),
            "/{cmd} is not among everyone's commands"
        );
    }
    assert_eq!(gcmds.len(), 1 + 5, "/join and the coordinators' five");
}
