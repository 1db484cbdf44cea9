use super::*;

fn spec() -> ProfileSpec {
    ProfileSpec {
        ask: vec![
            Ask::Field,
            Ask::Interests,
            Ask::Format,
            Ask::Languages,
            Ask::Capacity,
            Ask::Gender,
            Ask::Contact,
        ],
        fields: vec!["field-it".into(), "field-health".into()],
        interests: vec![
            "interest-cv".into(),
            "interest-network".into(),
            "interest-interview".into(),
        ],
        languages: vec!["da".into(), "en".into()],
        max_capacity: 2,
    }
}

fn pf(ask: Ask, press: Press) -> Said {
    Said::Press {
        pair: None,
        payload: Payload::Profile { ask, press },
    }
}

#[test]
fn a_mentee_is_asked_everything_but_capacity_and_contact_only_with_consent() {
    let s = spec();
    let with: Vec<Ask> = asks(&s, Role::Mentee, true).collect();
    assert!(!with.contains(&Ask::Capacity) && with.contains(&Ask::Contact));
    assert!(!asks(&s, Role::Mentee, false).any(|a| a == Ask::Contact));
    assert!(asks(&s, Role::Mentor, true).any(|a| a == Ask::Capacity));
    assert_eq!(asks(&s, Role::Coordinator, true).count(), 0);
}

#[test]
fn toggles_then_done_pick_several_interests_and_a_press_for_another_question_changes_nothing() {
    let s = spec();
    let mut p = Profile::default();
    let a = Asking::new(Ask::Interests);
    let Heard::Again(a, m) = answer(&s, Role::Mentee, &mut p, a, &pf(Ask::Interests, Press::Toggle(2))) else {
        panic!()
    };
    assert_eq!(m[0].buttons[2][0].label.key, "survey-option-selected");
    let Heard::Again(a, _) = answer(&s, Role::Mentee, &mut p, a, &pf(Ask::Interests, Press::Toggle(0))) else {
        panic!()
    };
    let Heard::Again(a, m) = answer(&s, Role::Mentee, &mut p, a, &pf(Ask::Field, Press::Value(0))) else {
        panic!()
    };
    assert_eq!(m[0].key, "reg-invalid-choice");
    assert_eq!(p, Profile::default());
    let h = answer(&s, Role::Mentee, &mut p, a, &pf(Ask::Interests, Press::Done));
    assert_eq!(h, Heard::Answered);
    assert_eq!(p.interests, vec!["interest-cv", "interest-interview"]);
}

#[test]
fn age_is_asked_only_where_the_programme_names_it_and_a_met_wish_counts_in_matching() {
    let mut s = spec();
    assert!(!asks(&s, Role::Mentee, true).any(|a| a == Ask::Age));
    s.ask.insert(s.ask.len() - 1, Ask::Age);
    let done = Profile {
        field: Some("field-it".into()),
        interests: vec!["interest-cv".into()],
        format: Some(Format::Both),
        languages: vec!["da".into()],
        capacity: Some(1),
        gender: Some(Gender::Woman),
        wish_gender: Some(Gender::Woman),
        ..Default::default()
    };
    // The mentor tells their age group; the mentee may wish for one or not.
    let a = next(&s, Role::Mentor, false, &done).unwrap();
    assert_eq!(question(&s, Role::Mentor, &a).key, "profile-ask-age");
    let q = question(&s, Role::Mentee, &a);
    assert_eq!(q.key, "profile-ask-wish-age");
    assert_eq!(q.buttons.last().unwrap()[0].label.key, "profile-wish-none");
    let mut mentor = done.clone();
    let h = answer(&s, Role::Mentor, &mut mentor, a.clone(), &pf(Ask::Age, Press::Value(1)));
    assert_eq!((h, mentor.age), (Heard::Answered, Some(AgeBand::From30To49)));
    let mut none = done.clone();
    answer(&s, Role::Mentee, &mut none, a.clone(), &pf(Ask::Age, Press::Skip));
    assert_eq!((none.wish_age, next(&s, Role::Mentee, false, &none)), (None, None));
    let mut mentee = done.clone();
    answer(&s, Role::Mentee, &mut mentee, a, &pf(Ask::Age, Press::Value(1)));
    assert_eq!(mentee.wish_age, Some(AgeBand::From30To49));
    // A soft criterion, weighed like the gender wish.
    let w = crate::profile::Weights::default();
    let (with, why) = crate::matching::score(&w, &mentee, &mentor);
    let (without, _) = crate::matching::score(&w, &none, &mentor);
    assert_eq!(with, without + w.mentee_wish);
    assert!(why.contains(&crate::matching::Reason::AgeWishMet));
}

#[test]
fn profile_shows_the_age_band_in_each_language_only_where_the_programme_asks_it() {
    let cat = crate::i18n::Catalog::builtin();
    let text = |s: &ProfileSpec, role, p: &Profile, lang| cat.text(&show(s, role, true, p), lang, chrono_tz::UTC);
    let mentor = Profile {
        age: Some(AgeBand::From50),
        ..Profile::default()
    };
    let mentee = Profile {
        wish_age: Some(AgeBand::Under30),
        ..Profile::default()
    };
    // Without `age` in the programme, a stored band shows nowhere.
    let s = spec();
    for lang in crate::Lang::ALL {
        let t = text(&s, Role::Mentor, &mentor, lang);
        assert!(!t.contains("50") && !t.contains("Age") && !t.contains("Alder"), "{t}");
        let t = text(&s, Role::Mentee, &mentee, lang);
        assert!(!t.contains("Under 30"), "{t}");
    }
    let mut s = spec();
    s.ask.insert(0, Ask::Age);
    let cases = [
        (
            crate::Lang::En,
            "• Age: 50 or older",
            "• Preferred age of your mentor: Under 30",
        ),
        (
            crate::Lang::Da,
            "• Alder: 50 eller ældre",
            "• Ønsket alder på mentoren: Under 30",
        ),
        (
            crate::Lang::Nb,
            "• Alder: 50 eller eldre",
            "• Ønsket alder på mentoren: Under 30",
        ),
    ];
    for (lang, mine, wish) in cases {
        let t = text(&s, Role::Mentor, &mentor, lang);
        assert!(t.contains(mine), "{t}");
        let t = text(&s, Role::Mentee, &mentee, lang);
        assert!(t.contains(wish), "{t}");
    }
    // And it can be changed from there.
    let buttons: Vec<Payload> = show(&s, Role::Mentor, true, &mentor)
        .buttons
        .concat()
        .into_iter()
        .map(|b| b.payload)
        .collect();
    assert!(buttons.contains(&Payload::ProfileEdit(Ask::Age)));
    let e = edit(
        &s,
        Role::Mentor,
        true,
        &mentor,
        None,
        &Said::Press {
            pair: None,
            payload: Payload::ProfileEdit(Ask::Age),
        },
    );
    let e = edit(
        &s,
        Role::Mentor,
        true,
        &mentor,
        e.asking,
        &pf(Ask::Age, Press::Value(0)),
    );
    assert_eq!(e.profile.unwrap().age, Some(AgeBand::Under30));
    assert!(
        cat.text(&e.replies[1], crate::Lang::En, chrono_tz::UTC)
            .contains("• Age: Under 30")
    );
}

#[test]
fn an_out_of_range_option_is_refused() {
    let s = spec();
    let mut p = Profile::default();
    let Heard::Again(_, m) = answer(
        &s,
        Role::Mentor,
        &mut p,
        Asking::new(Ask::Capacity),
        &pf(Ask::Capacity, Press::Value(2)),
    ) else {
        panic!()
    };
    assert_eq!(m[0].key, "reg-invalid-choice");
    assert_eq!(p.capacity, None);
    let h = answer(
        &s,
        Role::Mentor,
        &mut p,
        Asking::new(Ask::Capacity),
        &pf(Ask::Capacity, Press::Value(1)),
    );
    assert_eq!((h, p.capacity), (Heard::Answered, Some(2)));
}

#[test]
fn contact_is_an_email_and_or_a_phone_number_validated() {
    assert_eq!(
        read_contact("amira@example.dk +45 12 34 56 78"),
        Ok((Some("amira@example.dk".into()), Some("+4512345678".into())))
    );
    assert_eq!(read_contact("22 33 44 55"), Ok((None, Some("22334455".into()))));
    assert_eq!(
        read_contact("lars@example.no"),
        Ok((Some("lars@example.no".into()), None))
    );
    assert_eq!(read_contact("lars@"), Err("profile-invalid-email"));
    assert_eq!(read_contact("lars@localhost"), Err("profile-invalid-email"));
    assert_eq!(read_contact("call me maybe"), Err("profile-invalid-phone"));
    assert_eq!(read_contact("1234"), Err("profile-invalid-phone"));
    assert_eq!(read_contact("   "), Err("profile-invalid-contact"));
    let s = spec();
    let mut p = Profile::default();
    let Heard::Again(_, m) = answer(
        &s,
        Role::Mentee,
        &mut p,
        Asking::new(Ask::Contact),
        &Said::Text("not a contact".into()),
    ) else {
        panic!()
    };
    assert_eq!((m[0].key.as_ref(), p.email.clone()), ("profile-invalid-phone", None));
}

#[test]
fn next_skips_what_an_import_already_answered() {
    let s = spec();
    let p = Profile {
        field: Some("field-it".into()),
        interests: vec!["interest-cv".into()],
        ..Profile::default()
    };
    assert_eq!(next(&s, Role::Mentee, true, &p).map(|a| a.ask), Some(Ask::Format));
    let mut p = p;
    p.skipped.push(Ask::Format);
    assert_eq!(next(&s, Role::Mentee, true, &p).map(|a| a.ask), Some(Ask::Languages));
}

#[test]
fn after_registration_each_answer_leads_to_the_next_open_question_then_done() {
    let s = ProfileSpec {
        ask: vec![Ask::Field, Ask::Format, Ask::Contact],
        ..spec()
    };
    let p = Profile::default();
    let (a, m) = after_registration(&s, Role::Mentee, false, &p).unwrap();
    assert_eq!(
        m.iter().map(|m| &*m.key).collect::<Vec<_>>(),
        vec!["profile-intro", "profile-ask-field"]
    );
    assert!(!a.takes_text());
    let e = edit(&s, Role::Mentee, false, &p, Some(a), &pf(Ask::Field, Press::Value(1)));
    assert_eq!(e.replies[0].key, "profile-ask-format");
    let p = e.profile.unwrap();
    // No consent: contact is never asked, so the format is the last.
    let e = edit(&s, Role::Mentee, false, &p, e.asking, &pf(Ask::Format, Press::Value(2)));
    assert_eq!((e.asking, &*e.replies[0].key), (None, "profile-complete"));
    let p = e.profile.unwrap();
    assert_eq!(
        (p.field.as_deref(), p.format),
        (Some("field-health"), Some(Format::Both))
    );
    assert!(after_registration(&s, Role::Mentee, false, &p).is_none());
}

#[test]
fn profile_edit_shows_then_answers_one_question() {
    let s = spec();
    let p = Profile::default();
    let e = edit(
        &s,
        Role::Mentee,
        true,
        &p,
        None,
        &Said::Command(crate::command::Command::Profile),
    );
    assert_eq!(e.replies[0].key, "profile-show");
    assert_eq!(e.asking, None);
    let e = edit(
        &s,
        Role::Mentee,
        true,
        &p,
        None,
        &Said::Press {
            pair: None,
            payload: Payload::ProfileEdit(Ask::Format),
        },
    );
    assert_eq!(e.asking, Some(Asking::new(Ask::Format)));
    let e = edit(&s, Role::Mentee, true, &p, e.asking, &pf(Ask::Format, Press::Value(0)));
    assert_eq!(e.profile.unwrap().format, Some(Format::Virtual));
    assert_eq!(e.asking, None);
    // A mentee cannot reach the mentors' capacity question.
    let e = edit(
        &s,
        Role::Mentee,
        true,
        &p,
        None,
        &Said::Press {
            pair: None,
            payload: Payload::ProfileEdit(Ask::Capacity),
        },
    );
    assert_eq!(
        (e.asking, e.profile, &*e.replies[0].key),
        (None, None, "button-expired")
    );
}
