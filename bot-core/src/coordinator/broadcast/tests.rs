use super::*;
use chrono::TimeZone;

fn now() -> Ts {
    chrono::Utc.with_ymd_and_hms(2030, 9, 1, 10, 0, 0).unwrap()
}

fn ctx() -> Ctx {
    Ctx {
        langs: vec![Lang::Da, Lang::En],
        events: vec![("kickoff".into(), "Kickoff".into())],
    }
}

/// Steps and keeps the saved draft, as the shell does.
fn go(d: &mut Option<Draft>, input: Input) -> Vec<Effect> {
    let out = step(d.clone(), &ctx(), input, now());
    for fx in &out {
        match fx {
            Effect::Save(x) => *d = Some(x.clone()),
            Effect::Clear => *d = None,
            _ => {}
        }
    }
    out
}

fn replies(out: &[Effect]) -> Vec<&str> {
    out.iter()
        .filter_map(|e| match e {
            Effect::Reply(m) => Some(m.key.as_ref()),
            _ => None,
        })
        .collect()
}

#[test]
fn audience_then_text_then_preview_then_send() {
    let mut d = None;
    let out = go(&mut d, Input::Start);
    let Effect::Reply(ask) = &out[1] else { panic!() };
    let payloads: Vec<String> = ask.buttons.iter().flatten().map(|b| b.payload.encode()).collect();
    assert!(payloads.contains(&"bc:aud:mentees".to_string()));
    assert!(payloads.contains(&"bc:aud:event:kickoff".to_string()));
    go(&mut d, Input::Press(Bc::Audience(Audience::Mentees)));
    let out = go(&mut d, Input::Text("  Kickoff moved to 18:00  ".into()));
    assert_eq!(out.last(), Some(&Effect::Count(Audience::Mentees)));
    let out = go(&mut d, Input::Counted(12));
    assert_eq!(replies(&out), ["broadcast-preview-text", "broadcast-preview"]);
    let out = go(&mut d, Input::Press(Bc::Send));
    assert_eq!(
        out,
        vec![
            Effect::Clear,
            Effect::Send {
                audience: Audience::Mentees,
                texts: vec![(None, "Kickoff moved to 18:00".into())]
            }
        ]
    );
    assert_eq!(d, None);
}

#[test]
fn one_text_per_language_in_the_programmes_order() {
    let mut d = None;
    go(&mut d, Input::Start);
    go(&mut d, Input::Press(Bc::Audience(Audience::Everyone)));
    let out = go(&mut d, Input::Press(Bc::PerLanguage));
    assert_eq!(replies(&out), ["broadcast-ask-text-in"]);
    let out = go(&mut d, Input::Text("Hej".into()));
    assert!(matches!(out.last(), Some(Effect::Reply(m)) if m.key == "broadcast-ask-text-in"));
    let out = go(&mut d, Input::Text("Hi".into()));
    assert_eq!(out.last(), Some(&Effect::Count(Audience::Everyone)));
    go(&mut d, Input::Counted(3));
    let [_, Effect::Send { texts, .. }] = &go(&mut d, Input::Press(Bc::Send))[..] else {
        panic!()
    };
    assert_eq!(text_for(texts, Lang::Da), Some("Hej"));
    assert_eq!(text_for(texts, Lang::En), Some("Hi"));
    // Norwegian readers get Danish, the nearest in their chain.
    assert_eq!(text_for(texts, Lang::Nb), Some("Hej"));
}

#[test]
fn nothing_is_sent_before_the_preview_nor_after_a_cancel() {
    let mut d = None;
    // A send button pressed with nothing under way.
    assert_eq!(replies(&go(&mut d, Input::Press(Bc::Send))), ["button-expired"]);
    go(&mut d, Input::Start);
    // Text before an audience: the audience is asked again.
    let out = go(&mut d, Input::Text("hello".into()));
    assert_eq!(replies(&out), ["broadcast-ask-audience"]);
    go(&mut d, Input::Press(Bc::Audience(Audience::Mentors)));
    assert_eq!(replies(&go(&mut d, Input::Press(Bc::Send))), ["button-expired"]);
    // Empty text: asked again, nothing counted.
    assert_eq!(replies(&go(&mut d, Input::Text("   ".into()))), ["broadcast-ask-text"]);
    go(&mut d, Input::Text("hello".into()));
    go(&mut d, Input::Counted(4));
    let out = go(&mut d, Input::Press(Bc::Cancel));
    assert_eq!(out, vec![Effect::Clear, Effect::Reply(Msg::new("broadcast-cancelled"))]);
    assert_eq!(replies(&go(&mut d, Input::Press(Bc::Send))), ["button-expired"]);
}

#[test]
fn an_empty_audience_ends_the_dialogue_and_profiles_are_not_offered_yet() {
    let mut d = None;
    go(&mut d, Input::Start);
    let out = go(&mut d, Input::Press(Bc::Audience(Audience::parse("profile").unwrap())));
    assert_eq!(replies(&out), ["broadcast-profile-not-yet", "broadcast-ask-audience"]);
    assert_eq!(d.as_ref().unwrap().audience, None);
    go(&mut d, Input::Press(Bc::Audience(Audience::Unmatched)));
    go(&mut d, Input::Text("hello".into()));
    assert_eq!(
        go(&mut d, Input::Counted(0)),
        vec![Effect::Clear, Effect::Reply(Msg::new("broadcast-nobody"))]
    );
}

#[test]
fn stop_goes_to_the_shell_whatever_is_under_way() {
    assert_eq!(
        step(None, &ctx(), Input::Press(Bc::Stop(7)), now()),
        vec![Effect::Stop(7)]
    );
}

#[test]
fn audiences_and_presses_round_trip() {
    for a in [
        "everyone",
        "mentors",
        "mentees",
        "unmatched",
        "at-risk",
        "survey",
        "event:kickoff",
    ] {
        let aud = Audience::parse(a).unwrap();
        assert_eq!(aud.code(), a);
        let p = Payload::Broadcast(Bc::Audience(aud));
        assert_eq!(Payload::parse(&p.encode()), Some(p));
    }
    assert_eq!(
        Audience::parse("profile:city=Aarhus"),
        Some(Audience::Profile {
            field: "city".into(),
            value: "Aarhus".into()
        })
    );
    assert_eq!(Audience::parse("bosses"), None);
    assert_eq!(Payload::parse("bc:aud:all"), None, "only the canonical spelling");
    assert_eq!(Payload::parse("bc:stop:42"), Some(Payload::Broadcast(Bc::Stop(42))));
    assert_eq!(Payload::parse("bc:stop:-1"), None);
}

#[test]
fn progress_is_shown_at_a_quarter_half_and_the_end_once_each() {
    assert_eq!(progress(0, 0, 100), None);
    assert_eq!(progress(0, 25, 100), Some(25));
    assert_eq!(progress(25, 30, 100), None);
    // A jump past two marks shows only the newest.
    assert_eq!(progress(25, 80, 100), Some(50));
    assert_eq!(progress(50, 100, 100), Some(100));
    assert_eq!(progress(100, 100, 100), None);
    assert_eq!(progress(0, 3, 3), Some(100));
}
