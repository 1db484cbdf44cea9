//! The programme's calendar: its dates as instants in its time zone
//! (worked out once), survey plans, and the timeline `check-programme`
//! prints.

use super::*;
use chrono::{Duration, TimeZone};

#[derive(Debug, Clone)]
pub(super) struct Instants {
    intro: Ts,
    start: Ts,
    end: Ts,
    /// (invitation, start) of each event, in the order of `events`.
    events: Vec<(Ts, Ts)>,
    surveys: [Ts; 3],
}

impl Programme {
    fn instants(&self) -> &Instants {
        self.instants.get_or_init(|| {
            let follow_up = self
                .end
                .checked_add_months(chrono::Months::new(self.surveys.follow_up.months_after_end))
                .unwrap_or(self.end);
            Instants {
                intro: self.at_send_time(self.start - Duration::days(self.intro.days_before_start.into())),
                start: self.at_send_time(self.start),
                end: self.at_send_time(self.end),
                events: self
                    .events
                    .iter()
                    .map(|e| {
                        (
                            self.at_send_time(e.date - Duration::days(e.invite_days_before.into())),
                            self.local(e.date, e.starts),
                        )
                    })
                    .collect(),
                surveys: [
                    self.at_send_time(self.surveys.midterm.opens),
                    self.at_send_time(self.surveys.final_.opens),
                    self.at_send_time(follow_up),
                ],
            }
        })
    }

    fn event_instants(&self, e: &Event) -> (Ts, Ts) {
        // An event of this programme is found by its place in the list,
        // another (a copy) by its id.
        let start = self.events.as_ptr() as usize;
        let at = (e as *const Event as usize).wrapping_sub(start) / std::mem::size_of::<Event>().max(1);
        let index = if at < self.events.len() && std::ptr::eq(&self.events[at], e) {
            Some(at)
        } else {
            self.events.iter().position(|x| x.id == e.id)
        };
        match index {
            Some(i) => self.instants().events[i],
            None => (
                self.at_send_time(e.date - Duration::days(e.invite_days_before.into())),
                self.local(e.date, e.starts),
            ),
        }
    }

    pub fn survey(&self, kind: SurveyKind) -> SurveyPlan<'_> {
        let opens = self.instants().surveys[kind as usize];
        match kind {
            SurveyKind::Midterm => SurveyPlan::of(&self.surveys.midterm, opens),
            SurveyKind::Final => SurveyPlan::of(&self.surveys.final_, opens),
            SurveyKind::FollowUp => {
                let f = &self.surveys.follow_up;
                SurveyPlan {
                    opens,
                    deadline_days: f.deadline_days,
                    reminder_after_days: f.reminder_after_days,
                    roles: &f.roles,
                    questions: &f.questions,
                }
            }
        }
    }

    /// A local date at the programme's send time, as an instant.
    pub fn at_send_time(&self, date: NaiveDate) -> Ts {
        self.local(date, self.send_time)
    }

    /// A local date and time in the programme's zone, as an instant. A time
    /// that does not exist (spring forward) moves to the next hour.
    pub fn local(&self, date: NaiveDate, time: NaiveTime) -> Ts {
        let naive = date.and_time(time);
        match self.time_zone.from_local_datetime(&naive) {
            chrono::LocalResult::Single(t) => t.to_utc(),
            chrono::LocalResult::Ambiguous(a, _) => a.to_utc(),
            chrono::LocalResult::None => self
                .time_zone
                .from_local_datetime(&(naive + Duration::hours(1)))
                .earliest()
                .map(|t| t.to_utc())
                .unwrap_or_else(|| naive.and_utc()),
        }
    }

    /// When the joint intro goes to pairs matched before it.
    pub fn intro_at(&self) -> Ts {
        self.instants().intro
    }

    pub fn start_at(&self) -> Ts {
        self.instants().start
    }

    pub fn end_at(&self) -> Ts {
        self.instants().end
    }

    /// When everything of the programme is purged: `retention_days_after_end`
    /// after its end, but never before the follow-up survey's deadline.
    /// None: kept until purged by hand.
    pub fn purge_at(&self) -> Option<Ts> {
        let days = self.privacy.retention_days_after_end?;
        let after_end = self.end_at() + Duration::days(days.into());
        Some(after_end.max(self.survey(SurveyKind::FollowUp).deadline()))
    }

    /// Whether the programme's data is due to be purged at `now`.
    pub fn purge_due(&self, now: Ts) -> bool {
        self.purge_at().is_some_and(|at| now >= at)
    }

    pub fn event_starts_at(&self, e: &Event) -> Ts {
        self.event_instants(e).1
    }

    pub fn event_invite_at(&self, e: &Event) -> Ts {
        self.event_instants(e).0
    }

    pub fn event_ends_at(&self, e: &Event) -> Ts {
        self.local(e.date, e.ends)
    }

    /// When answers to an event's invitation are due: the end of its
    /// `rsvp_by` day, by default two days before the event's day.
    pub fn event_rsvp_deadline(&self, e: &Event) -> Ts {
        let by = e.rsvp_by.unwrap_or(e.date - Duration::days(2));
        self.local(by + Duration::days(1), NaiveTime::MIN)
    }

    /// The programme's dates in order, for `check-programme`.
    pub fn timeline(&self) -> Vec<(Ts, TimelineItem)> {
        let mut items = vec![
            (self.intro_at(), TimelineItem::Intro),
            (self.start_at(), TimelineItem::Start),
            (self.end_at(), TimelineItem::End),
        ];
        for e in &self.events {
            items.push((self.event_invite_at(e), TimelineItem::EventInvite(e.id.clone())));
            items.push((self.event_starts_at(e), TimelineItem::Event(e.id.clone(), e.kind)));
        }
        for kind in SurveyKind::ALL {
            let plan = self.survey(kind);
            items.push((plan.opens, TimelineItem::SurveyOpens(kind, plan.questions.len())));
            items.push((plan.reminder_at(), TimelineItem::SurveyReminder(kind)));
            items.push((plan.deadline(), TimelineItem::SurveyDeadline(kind)));
        }
        items.sort_by_key(|(t, _)| *t);
        items
    }
}

/// One line of a programme's timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimelineItem {
    Intro,
    Start,
    End,
    EventInvite(String),
    Event(String, EventKind),
    SurveyOpens(SurveyKind, usize),
    SurveyReminder(SurveyKind),
    SurveyDeadline(SurveyKind),
}

/// A survey's schedule, the same shape for all three surveys.
#[derive(Debug, Clone, Copy)]
pub struct SurveyPlan<'a> {
    pub opens: Ts,
    pub deadline_days: u32,
    pub reminder_after_days: u32,
    pub roles: &'a [Role],
    pub questions: &'a [Question],
}

impl<'a> SurveyPlan<'a> {
    fn of(s: &'a Survey, opens: Ts) -> Self {
        SurveyPlan {
            opens,
            deadline_days: s.deadline_days,
            reminder_after_days: s.reminder_after_days,
            roles: &s.roles,
            questions: &s.questions,
        }
    }
    pub fn reminder_at(&self) -> Ts {
        self.opens + Duration::days(self.reminder_after_days.into())
    }
    pub fn deadline(&self) -> Ts {
        self.opens + Duration::days(self.deadline_days.into())
    }
    /// The questions a role is asked, in order.
    pub fn questions_for(&self, role: Role) -> impl Iterator<Item = &'a Question> + 'a {
        self.questions.iter().filter(move |q| q.asks(role))
    }
}
