//! The proposal is optimal: equal to brute force on small random
//! instances, better than greedy where greedy goes wrong.

use super::*;
use crate::profile::{AgeBand, Format, Gender, Profile, Weights};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

fn random_profile(rng: &mut ChaCha8Rng) -> Profile {
    let pick = |rng: &mut ChaCha8Rng, opts: &[&str], p: f64| -> Vec<String> {
        opts.iter()
            .filter(|_| rng.random_bool(p))
            .map(|s| s.to_string())
            .collect()
    };
    Profile {
        field: Some(["f-bio", "f-law", "f-it"][rng.random_range(0..3)].to_string()),
        interests: pick(rng, &["i-a", "i-b", "i-c", "i-d"], 0.4),
        format: Some(Format::ALL[rng.random_range(0..3)]),
        languages: {
            let mut l = pick(rng, &["da", "en", "ar"], 0.5);
            if l.is_empty() {
                l.push("da".into());
            }
            l
        },
        capacity: None,
        gender: Some(Gender::ALL[rng.random_range(0..2)]),
        wish_gender: rng.random_bool(0.3).then(|| Gender::ALL[rng.random_range(0..2)]),
        age: Some(AgeBand::ALL[rng.random_range(0..3)]),
        wish_age: rng.random_bool(0.2).then(|| AgeBand::ALL[rng.random_range(0..3)]),
        email: None,
        phone: None,
        skipped: vec![],
    }
}

/// The best (pairs placed, total score) over every assignment.
fn brute_force(w: &Weights, es: &[Mentee], ms: &[Mentor], d: &Decisions) -> (usize, u64) {
    #[allow(clippy::too_many_arguments)]
    fn go(
        i: usize,
        w: &Weights,
        es: &[Mentee],
        ms: &[Mentor],
        d: &Decisions,
        free: &mut Vec<u32>,
        acc: (usize, u64),
        best: &mut (usize, u64),
    ) {
        if i == es.len() {
            *best = (*best).max(acc);
            return;
        }
        go(i + 1, w, es, ms, d, free, acc, best);
        for (j, m) in ms.iter().enumerate() {
            if free[j] == 0 || feasible(&es[i].profile, &m.profile).is_err() || d.forbids.contains(&(es[i].id, m.id)) {
                continue;
            }
            free[j] -= 1;
            let s = score(w, &es[i].profile, &m.profile).0;
            go(i + 1, w, es, ms, d, free, (acc.0 + 1, acc.1 + u64::from(s)), best);
            free[j] += 1;
        }
    }
    let mut free: Vec<u32> = ms.iter().map(|m| m.free).collect();
    let mut best = (0, 0);
    go(0, w, es, ms, d, &mut free, (0, 0), &mut best);
    best
}

fn check_valid(p: &Proposal, es: &[Mentee], ms: &[Mentor], d: &Decisions) {
    let mut seen = std::collections::BTreeSet::new();
    for pair in &p.pairs {
        assert!(seen.insert(pair.mentee), "mentee {} twice", pair.mentee);
        let m = ms.iter().find(|m| m.id == pair.mentor).unwrap();
        let e = es.iter().find(|e| e.id == pair.mentee).unwrap();
        assert!(feasible(&e.profile, &m.profile).is_ok());
        assert!(!d.forbids.contains(&(e.id, m.id)));
    }
    for m in ms {
        let n = p.pairs.iter().filter(|x| x.mentor == m.id).count();
        assert!(n as u32 <= m.free, "mentor {} over capacity", m.id);
    }
    assert_eq!(p.pairs.len() + p.waitlist.len(), es.len());
}

#[test]
fn equals_brute_force_on_200_small_random_instances() {
    let mut rng = ChaCha8Rng::seed_from_u64(9);
    let w = Weights::default();
    for case in 0..200 {
        let ne = rng.random_range(0..=6);
        let nm = rng.random_range(0..=4);
        let es: Vec<Mentee> = (0..ne)
            .map(|i| Mentee {
                id: i + 1,
                profile: random_profile(&mut rng),
            })
            .collect();
        let ms: Vec<Mentor> = (0..nm)
            .map(|i| Mentor {
                id: 100 + i,
                profile: random_profile(&mut rng),
                free: rng.random_range(0..=2),
            })
            .collect();
        let mut d = Decisions::default();
        if ne > 0 && nm > 0 && rng.random_bool(0.3) {
            d.forbids
                .push((rng.random_range(1..=ne), 100 + rng.random_range(0..nm)));
        }
        let p = propose(&w, &es, &ms, &d);
        check_valid(&p, &es, &ms, &d);
        assert_eq!(
            (p.pairs.len(), p.total()),
            brute_force(&w, &es, &ms, &d),
            "case {case}: {es:?} {ms:?} {d:?} → {p:?}"
        );
        // Deterministic: the same people in another order, the same proposal.
        let mut es2 = es.clone();
        es2.reverse();
        assert_eq!(propose(&w, &es2, &ms, &d), p, "case {case}");
    }
}

fn person(field: &str, format: Format) -> Profile {
    Profile {
        field: Some(field.into()),
        format: Some(format),
        languages: vec!["da".into()],
        ..Profile::default()
    }
}

/// Greedy: each mentee in turn takes the best mentor with room.
fn greedy(w: &Weights, es: &[Mentee], ms: &[Mentor]) -> (usize, u64) {
    let mut free: Vec<u32> = ms.iter().map(|m| m.free).collect();
    let mut got = (0, 0);
    for e in es {
        let best = ms
            .iter()
            .enumerate()
            .filter(|(j, m)| free[*j] > 0 && feasible(&e.profile, &m.profile).is_ok())
            .max_by_key(|(_, m)| score(w, &e.profile, &m.profile).0);
        if let Some((j, m)) = best {
            free[j] -= 1;
            got = (got.0 + 1, got.1 + u64::from(score(w, &e.profile, &m.profile).0));
        }
    }
    got
}

#[test]
fn beats_greedy_where_the_first_mentee_takes_the_only_mentor_the_second_can_meet() {
    let w = Weights::default();
    // Mentee 1 (law, either format) fits mentor 10 best, but 10 is also the
    // only mentor mentee 2 (physical) can meet; 11 (virtual) is 1's second best.
    let es = vec![
        Mentee {
            id: 1,
            profile: person("law", Format::Both),
        },
        Mentee {
            id: 2,
            profile: person("law", Format::Physical),
        },
    ];
    let ms = vec![
        Mentor {
            id: 10,
            profile: person("law", Format::Both),
            free: 1,
        },
        Mentor {
            id: 11,
            profile: person("bio", Format::Virtual),
            free: 1,
        },
    ];
    let p = propose(&w, &es, &ms, &Decisions::default());
    assert_eq!(greedy(&w, &es, &ms).0, 1, "greedy places only one");
    assert_eq!(p.pairs.len(), 2, "{p:?}");
    assert!(p.pairs.iter().any(|x| x.mentee == 2 && x.mentor == 10));
    assert!(p.waitlist.is_empty());
}

#[test]
fn the_waitlist_says_why() {
    let w = Weights::default();
    let es = vec![
        Mentee {
            id: 1,
            profile: person("law", Format::Physical),
        },
        Mentee {
            id: 2,
            profile: Profile {
                languages: vec!["ar".into()],
                ..person("law", Format::Virtual)
            },
        },
        Mentee {
            id: 3,
            profile: person("law", Format::Virtual),
        },
        Mentee {
            id: 4,
            profile: person("law", Format::Virtual),
        },
    ];
    let ms = vec![Mentor {
        id: 10,
        profile: person("law", Format::Virtual),
        free: 1,
    }];
    let d = Decisions {
        pins: vec![],
        forbids: vec![(3, 10)],
    };
    let p = propose(&w, &es, &ms, &d);
    assert_eq!(p.pairs.len(), 1);
    assert_eq!(p.pairs[0].mentee, 4);
    assert_eq!(
        p.waitlist,
        vec![
            (1, WaitReason::NoFormat),
            (2, WaitReason::NoLanguage),
            (3, WaitReason::Forbidden)
        ]
    );
    // Mentee 4 placed; a fifth who fits waits because the mentor is full.
    let mut es5 = es.clone();
    es5.push(Mentee {
        id: 5,
        profile: person("law", Format::Virtual),
    });
    let p = propose(&w, &es5, &ms, &d);
    assert!(p.waitlist.contains(&(5, WaitReason::Full)) || p.waitlist.contains(&(4, WaitReason::Full)));
}

#[test]
fn a_pin_holds_and_reasons_name_what_fits() {
    let w = Weights::default();
    let es = vec![
        Mentee {
            id: 1,
            profile: Profile {
                interests: vec!["i-a".into(), "i-b".into()],
                ..person("law", Format::Virtual)
            },
        },
        Mentee {
            id: 2,
            profile: person("law", Format::Virtual),
        },
    ];
    let ms = vec![Mentor {
        id: 10,
        profile: Profile {
            interests: vec!["i-b".into()],
            ..person("law", Format::Virtual)
        },
        free: 1,
    }];
    let free_choice = propose(&w, &es, &ms, &Decisions::default());
    assert_eq!(free_choice.pairs[0].mentee, 1);
    assert_eq!(free_choice.pairs[0].score, 40 + 10 + 5);
    assert_eq!(
        free_choice.pairs[0].reasons,
        vec![
            Reason::SameField("law".into()),
            Reason::SharedInterests(vec!["i-b".into()]),
            Reason::SameFormat,
            Reason::Languages(vec!["da".into()]),
        ]
    );
    let pinned = propose(
        &w,
        &es,
        &ms,
        &Decisions {
            pins: vec![(2, 10)],
            forbids: vec![],
        },
    );
    assert_eq!(pinned.pairs.len(), 1);
    assert_eq!(
        (pinned.pairs[0].mentee, pinned.pairs[0].reasons[0].clone()),
        (2, Reason::Pinned)
    );
    assert_eq!(pinned.waitlist, vec![(1, WaitReason::Full)]);
}

#[test]
fn the_packed_scores_equal_the_scores_and_a_list_with_a_repeat_is_not_packed() {
    use super::optimum::Packed;
    let mut rng = ChaCha8Rng::seed_from_u64(11);
    let w = Weights::default();
    let mut people: Vec<Profile> = (0..60).map(|_| random_profile(&mut rng)).collect();
    people[3].field = None;
    people[4].languages.clear();
    people[5].format = None;
    let packed = Packed::all(people.iter()).expect("no list repeats a value");
    for (a, pa) in people.iter().zip(&packed) {
        for (b, pb) in people.iter().zip(&packed) {
            assert_eq!(pa.feasible(pb), feasible(a, b), "{a:?} {b:?}");
            assert_eq!(pa.score(&w, pb, a, b), score(&w, a, b).0, "{a:?} {b:?}");
        }
    }
    // `score` counts a repeated interest twice: such profiles are scored as they are.
    people[0].interests = vec!["i-a".into(), "i-a".into()];
    assert!(Packed::all(people.iter()).is_none());
    let many: Vec<Profile> = (0..65)
        .map(|i| Profile {
            interests: vec![format!("i-{i}")],
            ..Profile::default()
        })
        .collect();
    assert!(Packed::all(many.iter()).is_none());
}

#[test]
fn a_repeated_interest_still_gives_the_optimum() {
    let mut rng = ChaCha8Rng::seed_from_u64(12);
    let w = Weights::default();
    for _ in 0..20 {
        let es: Vec<Mentee> = (0..5)
            .map(|i| Mentee {
                id: i + 1,
                profile: random_profile(&mut rng),
            })
            .collect();
        let mut ms: Vec<Mentor> = (0..3)
            .map(|i| Mentor {
                id: 100 + i,
                profile: random_profile(&mut rng),
                free: 2,
            })
            .collect();
        ms[0].profile.interests = vec!["i-a".into(), "i-a".into()];
        let d = Decisions::default();
        let p = propose(&w, &es, &ms, &d);
        check_valid(&p, &es, &ms, &d);
        assert_eq!((p.pairs.len(), p.total()), brute_force(&w, &es, &ms, &d));
    }
}
