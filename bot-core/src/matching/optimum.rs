//! The optimal proposal: every mentee with at most one mentor, every
//! mentor with at most their capacity, under the hard constraints
//! (compatible format, a shared language, capacity, the coordinator's
//! do-not-pair list), maximising first how many mentees get a mentor and
//! then the total score of the soft criteria. Exact and deterministic:
//! min-cost assignment with capacities (`flow.rs`).

use super::flow;
use crate::profile::{Profile, Weights};
use std::collections::BTreeSet;

/// A mentee to place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mentee {
    pub id: i64,
    pub profile: Profile,
}

/// A mentor with the places still free.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mentor {
    pub id: i64,
    pub profile: Profile,
    /// Places free: capacity minus pairs under way.
    pub free: u32,
}

/// Why a pair scores what it scores.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// The same field (its key).
    SameField(String),
    /// Shared interests (their keys).
    SharedInterests(Vec<String>),
    /// The mentee's wish for the mentor's gender is met.
    WishMet,
    /// The mentee's wish for the mentor's age band is met.
    AgeWishMet,
    /// The same format, not only compatible.
    SameFormat,
    /// The languages they share (codes).
    Languages(Vec<String>),
    /// The coordinator pinned the pair.
    Pinned,
}

/// One proposed pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposed {
    pub mentee: i64,
    pub mentor: i64,
    pub score: u32,
    pub reasons: Vec<Reason>,
}

/// Why a mentee waits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaitReason {
    /// No mentor meets in the same format.
    NoFormat,
    /// No mentor with a compatible format speaks a language they speak.
    NoLanguage,
    /// Every mentor who would fit is forbidden by the coordinator.
    Forbidden,
    /// Every mentor who would fit is full.
    Full,
}

/// The proposal: pairs (pinned first, then by mentee id) and the waitlist.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Proposal {
    pub pairs: Vec<Proposed>,
    pub waitlist: Vec<(i64, WaitReason)>,
}

impl Proposal {
    pub fn total(&self) -> u64 {
        self.pairs.iter().map(|p| u64::from(p.score)).sum()
    }
}

/// The coordinator's decisions: pairs to keep and pairs never to make.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Decisions {
    /// (mentee, mentor) pairs the proposal must contain.
    pub pins: Vec<(i64, i64)>,
    /// (mentee, mentor) pairs it must not contain.
    pub forbids: Vec<(i64, i64)>,
}

/// Whether two people can be paired at all, ignoring capacity and the
/// coordinator: a compatible format (unknown is compatible) and a shared
/// language (when both said which they speak).
pub fn feasible(a: &Profile, b: &Profile) -> Result<(), WaitReason> {
    if let (Some(x), Some(y)) = (a.format, b.format)
        && !x.compatible(y)
    {
        return Err(WaitReason::NoFormat);
    }
    if !a.languages.is_empty() && !b.languages.is_empty() && !a.languages.iter().any(|l| b.languages.contains(l)) {
        return Err(WaitReason::NoLanguage);
    }
    Ok(())
}

/// The soft score of a mentee with a mentor and its reasons.
pub fn score(w: &Weights, mentee: &Profile, mentor: &Profile) -> (u32, Vec<Reason>) {
    let mut s = 0u32;
    let mut why = vec![];
    if let (Some(a), Some(b)) = (&mentee.field, &mentor.field)
        && a == b
    {
        s += w.same_field;
        why.push(Reason::SameField(a.clone()));
    }
    let shared: Vec<String> = mentee
        .interests
        .iter()
        .filter(|i| mentor.interests.contains(i))
        .cloned()
        .collect();
    if !shared.is_empty() {
        s += w.shared_interest * shared.len() as u32;
        why.push(Reason::SharedInterests(shared));
    }
    if let (Some(wish), Some(g)) = (mentee.wish_gender, mentor.gender)
        && wish == g
    {
        s += w.mentee_wish;
        why.push(Reason::WishMet);
    }
    if let (Some(wish), Some(b)) = (mentee.wish_age, mentor.age)
        && wish == b
    {
        s += w.mentee_wish;
        why.push(Reason::AgeWishMet);
    }
    if let (Some(a), Some(b)) = (mentee.format, mentor.format)
        && a == b
    {
        s += w.same_format;
        why.push(Reason::SameFormat);
    }
    let langs: Vec<String> = mentee
        .languages
        .iter()
        .filter(|l| mentor.languages.contains(l))
        .cloned()
        .collect();
    if langs.len() > 1 {
        s += w.extra_language * (langs.len() as u32 - 1);
    }
    if !langs.is_empty() {
        why.push(Reason::Languages(langs));
    }
    (s, why)
}

/// The optimal proposal. Inputs are taken in id order, so the same people
/// always give the same proposal.
pub fn propose(w: &Weights, mentees: &[Mentee], mentors: &[Mentor], d: &Decisions) -> Proposal {
    let mut mentees: Vec<&Mentee> = mentees.iter().collect();
    mentees.sort_by_key(|m| m.id);
    mentees.dedup_by_key(|m| m.id);
    let mut mentors: Vec<&Mentor> = mentors.iter().collect();
    mentors.sort_by_key(|m| m.id);
    mentors.dedup_by_key(|m| m.id);
    let forbids: BTreeSet<(i64, i64)> = d.forbids.iter().copied().collect();
    let mut free: Vec<u32> = mentors.iter().map(|m| m.free).collect();
    let mut out = Proposal::default();

    // Pins first: the coordinator's word, as long as the mentor has room.
    let mut pinned = BTreeSet::new();
    for &(e, m) in &d.pins {
        let (Some(ei), Some(mi)) = (
            mentees.iter().position(|x| x.id == e),
            mentors.iter().position(|x| x.id == m),
        ) else {
            continue;
        };
        if pinned.contains(&e) || free[mi] == 0 || forbids.contains(&(e, m)) {
            continue;
        }
        free[mi] -= 1;
        pinned.insert(e);
        let (score, mut reasons) = score(w, &mentees[ei].profile, &mentors[mi].profile);
        reasons.insert(0, Reason::Pinned);
        out.pairs.push(Proposed {
            mentee: e,
            mentor: m,
            score,
            reasons,
        });
    }
    let rest: Vec<&Mentee> = mentees.into_iter().filter(|m| !pinned.contains(&m.id)).collect();

    // Scores (NOT: not allowed) per mentee × mentor, from the profiles
    // packed as bits: millions of pairs are scored without allocating.
    const NOT: u32 = u32::MAX;
    let n = rest.len();
    let k = mentors.len();
    let packed = Packed::all(
        rest.iter()
            .map(|e| &e.profile)
            .chain(mentors.iter().map(|m| &m.profile)),
    );
    let (pe, pm) = match &packed {
        Some(p) => (&p[..n], &p[n..]),
        None => (&[][..], &[][..]),
    };
    let mut cell: Vec<u32> = Vec::with_capacity(n * k);
    let mut why_not: Vec<Option<WaitReason>> = vec![None; n];
    for (i, e) in rest.iter().enumerate() {
        let mut best: Option<WaitReason> = None;
        let mut any = false;
        for (j, m) in mentors.iter().enumerate() {
            let fits = match packed {
                Some(_) => pe[i].feasible(&pm[j]),
                None => feasible(&e.profile, &m.profile),
            };
            let ok = match fits {
                Err(r) => Err(r),
                Ok(()) if !forbids.is_empty() && forbids.contains(&(e.id, m.id)) => Err(WaitReason::Forbidden),
                Ok(()) if free[j] == 0 => Err(WaitReason::Full),
                Ok(()) => Ok(()),
            };
            match ok {
                Ok(()) => {
                    any = true;
                    cell.push(match packed {
                        Some(_) => pe[i].score(w, &pm[j], &e.profile, &m.profile),
                        None => score(w, &e.profile, &m.profile).0,
                    });
                }
                Err(r) => {
                    // The reason that got furthest explains the wait.
                    best = Some(best.map_or(r, |b| rank_max(b, r)));
                    cell.push(NOT);
                }
            }
        }
        // With a mentor who would fit, only others taking them explains the wait.
        why_not[i] = if any { Some(WaitReason::Full) } else { best };
    }

    // One column per mentor with its places free, and a waitlist column
    // with room for everyone. Each match counts more than any total of
    // scores, so the most mentees are placed first; a pair that is not
    // allowed costs more than waiting, so it is never chosen.
    let cols = k + 1;
    let max_score = cell.iter().copied().filter(|&v| v != NOT).max().unwrap_or(0) as i64;
    let per_match = max_score * n as i64 + 1;
    let mut costs = vec![0i64; n * cols];
    for (row, cells) in costs.chunks_exact_mut(cols).zip(cell.chunks_exact(k.max(1))) {
        for (c, &v) in row.iter_mut().zip(cells) {
            *c = if v == NOT { 1 } else { -(per_match + v as i64) };
        }
    }
    let mut cap = free.clone();
    cap.push(n as u32);
    let assignment = flow::assign(n, cols, &costs, &cap);
    for (i, &s) in assignment.iter().enumerate() {
        let e = rest[i];
        match (s < k).then_some(s).filter(|&j| cell[i * k + j] != NOT) {
            Some(j) => {
                let (score, reasons) = score(w, &e.profile, &mentors[j].profile);
                out.pairs.push(Proposed {
                    mentee: e.id,
                    mentor: mentors[j].id,
                    score,
                    reasons,
                });
            }
            None => out.waitlist.push((e.id, why_not[i].unwrap_or(WaitReason::Full))),
        }
    }
    out
}

/// A profile as bits, for scoring many pairs fast: the field's number, and
/// the interests and languages as sets of up to 64.
pub(super) struct Packed {
    format: Option<crate::profile::Format>,
    field: Option<u32>,
    interests: u64,
    languages: u64,
}

impl Packed {
    /// Every profile packed, or none when a list holds a value twice or
    /// more than 64 different values are in use (then `score` and
    /// `feasible` are used as they are).
    pub(super) fn all<'a>(profiles: impl Iterator<Item = &'a Profile>) -> Option<Vec<Packed>> {
        use std::collections::BTreeMap;
        fn number<'a>(seen: &mut BTreeMap<&'a str, u32>, s: &'a str) -> u32 {
            let next = seen.len() as u32;
            *seen.entry(s).or_insert(next)
        }
        fn set<'a>(seen: &mut BTreeMap<&'a str, u32>, list: &'a [String]) -> Option<u64> {
            let mut bits = 0u64;
            for s in list {
                let bit = 1u64.checked_shl(number(seen, s))?;
                if bits & bit != 0 {
                    return None; // twice in one list: counted twice by `score`
                }
                bits |= bit;
            }
            Some(bits)
        }
        let (mut fields, mut interests, mut languages) = (BTreeMap::new(), BTreeMap::new(), BTreeMap::new());
        profiles
            .map(|p| {
                Some(Packed {
                    format: p.format,
                    field: p.field.as_deref().map(|f| number(&mut fields, f)),
                    interests: set(&mut interests, &p.interests)?,
                    languages: set(&mut languages, &p.languages)?,
                })
            })
            .collect()
    }

    /// [`feasible`], on bits.
    pub(super) fn feasible(&self, m: &Packed) -> Result<(), WaitReason> {
        if let (Some(x), Some(y)) = (self.format, m.format)
            && !x.compatible(y)
        {
            return Err(WaitReason::NoFormat);
        }
        if self.languages != 0 && m.languages != 0 && self.languages & m.languages == 0 {
            return Err(WaitReason::NoLanguage);
        }
        Ok(())
    }

    /// [`score`]'s number, on bits (`e`, `m`: the profiles, for the rest).
    pub(super) fn score(&self, w: &Weights, other: &Packed, e: &Profile, m: &Profile) -> u32 {
        debug_assert_eq!((e.format, m.format), (self.format, other.format));
        let mut s = 0;
        if self.field.is_some() && self.field == other.field {
            s += w.same_field;
        }
        s += w.shared_interest * (self.interests & other.interests).count_ones();
        if e.wish_gender.is_some() && e.wish_gender == m.gender {
            s += w.mentee_wish;
        }
        if e.wish_age.is_some() && e.wish_age == m.age {
            s += w.mentee_wish;
        }
        if self.format.is_some() && self.format == other.format {
            s += w.same_format;
        }
        let langs = (self.languages & other.languages).count_ones();
        if langs > 1 {
            s += w.extra_language * (langs - 1);
        }
        s
    }
}

/// Of two reasons a mentor did not fit, the one that got further: a full
/// mentor fit in every other way.
fn rank_max(a: WaitReason, b: WaitReason) -> WaitReason {
    let rank = |r| match r {
        WaitReason::NoFormat => 0,
        WaitReason::NoLanguage => 1,
        WaitReason::Forbidden => 2,
        WaitReason::Full => 3,
    };
    if rank(b) > rank(a) { b } else { a }
}
