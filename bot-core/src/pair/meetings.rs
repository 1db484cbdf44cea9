//! Meetings: booking (typed or with date and time buttons), the reminder
//! the day before, a meeting held, and how each side says it went.

use super::*;
use crate::command::{self, When};
use crate::message::{Arg, Button};
use crate::payload::Rating;
use chrono::Duration;

impl Machine<'_> {
    pub(super) fn meeting_clock(&mut self) {
        let Some(b) = self.s.booked.clone() else {
            return;
        };
        let ends = b.at + Duration::minutes(self.p.meetings.duration_minutes.into());
        if self.now >= ends {
            self.s.booked = None;
            self.meeting_held(b.at, true);
        } else if !b.reminded && self.now >= b.at - Duration::days(1) {
            self.s.booked = Some(Booking {
                at: b.at,
                reminded: true,
            });
            let mut msg = Msg::new("meeting-reminder").time("when", b.at);
            let prompts = self.p.prompts_for(self.s.phase);
            if !prompts.is_empty() {
                let k = prompts[(self.s.prompt_index as usize) % prompts.len()].clone();
                self.s.prompt_index += 1;
                msg = Msg::new("meeting-reminder-with-prompt")
                    .time("when", b.at)
                    .key("prompt", k);
            }
            self.send(Role::Mentee, self.names(msg.clone()));
            self.send(Role::Mentor, self.names(msg));
        }
    }

    /// Logs a meeting, asks how it went, and moves the pair on.
    pub(super) fn meeting_held(&mut self, at: Ts, ask_feedback: bool) {
        self.s.meetings_held += 1;
        let n = self.s.meetings_held;
        self.s.last_meeting_at = Some(at);
        self.s.ladder_from = at.max(self.p.start_at());
        self.s.ladder_step = 0;
        self.s.at_risk = false;
        self.fx.push(Effect::Meeting {
            number: n,
            at,
            held: true,
        });
        // An exercise for the phase, at send time the next day.
        let next_day = at.with_timezone(&self.p.time_zone).date_naive() + chrono::Duration::days(1);
        self.s.exercise_at = Some(self.p.at_send_time(next_day));
        let target = self.p.meetings.target;
        let rating = |n: u32| {
            Rating::ALL
                .iter()
                .map(|&rating| Button::new(format!("button-meeting-{}", rating.code()), Payload::Met { rating, n }))
                .collect::<Vec<_>>()
        };
        let more = n < target;
        if ask_feedback {
            let mut mentee = self
                .names(Msg::new("meeting-after-mentee"))
                .num("n", n.into())
                .num("target", target.into())
                .row(rating(n));
            if more {
                mentee = mentee.row(vec![Button::new("button-book-next", Payload::Book(None))]);
            }
            let mentor = self
                .names(Msg::new("meeting-after-mentor"))
                .num("n", n.into())
                .num("target", target.into())
                .row(rating(n));
            self.send(Role::Mentee, mentee);
            self.send(Role::Mentor, mentor);
        }
        if self.s.phase == Phase::FirstMeeting || (self.s.phase == Phase::Introduced && n == 1) {
            self.s.phase = Phase::ExpectationSetting;
            self.ask_agreement();
        }
        if !more {
            self.both(
                self.names(Msg::new("meetings-target-reached"))
                    .num("target", target.into()),
            );
        }
    }

    /// `/booked` with what was typed after it (nothing: ask for the day).
    pub(super) fn booked_text(&mut self, from: Role, args: &str) {
        let tz = self.s.person(from).tz;
        let when = (!args.trim().is_empty()).then(|| command::parse_when(args, self.now, tz));
        self.booked(from, when)
    }

    /// A booking button: the day, or the day and time, picked.
    pub(super) fn booked_button(&mut self, from: Role, pick: Option<(chrono::NaiveDate, Option<chrono::NaiveTime>)>) {
        let tz = self.s.person(from).tz;
        let when = pick.map(|(date, time)| match time {
            Some(t) => command::when_at(date, t, tz),
            None => When::Day(date),
        });
        self.booked(from, when)
    }

    pub(super) fn booked(&mut self, from: Role, when: Option<When>) {
        if !self.s.phase.is_meeting_phase() || self.s.phase == Phase::Matched {
            self.s.awaiting.remove(&from);
            return self.send(from, Msg::new("book-not-now"));
        }
        let tz = self.s.person(from).tz;
        if when.is_none() {
            self.s.awaiting.insert(from, Awaiting::BookingDate);
            let today = self.now.with_timezone(&tz).date_naive();
            let days = [1i64, 2, 3, 5, 7, 10, 14, 21];
            let buttons: Vec<Button> = days
                .iter()
                .map(|d| {
                    let date = today + Duration::days(*d);
                    Button::with_label(
                        Msg::new("button-date").arg("date", Arg::Day(local_noon(date, tz))),
                        Payload::Book(Some((date, None))),
                    )
                })
                .collect();
            let mut msg = Msg::new("book-ask-date");
            for chunk in buttons.chunks(4) {
                msg = msg.row(chunk.to_vec());
            }
            return self.send(from, msg);
        }
        let Some(when) = when else { return };
        match when {
            When::Invalid => {
                self.s.awaiting.insert(from, Awaiting::BookingDate);
                self.send(from, Msg::new("book-invalid"));
            }
            When::Day(date) => {
                self.s.awaiting.insert(from, Awaiting::BookingDate);
                let times = ["09:00", "12:00", "15:00", "17:00", "19:00"];
                let msg = Msg::new("book-ask-time").date("date", local_noon(date, tz)).row(
                    times
                        .iter()
                        .filter_map(|t| {
                            let time = chrono::NaiveTime::parse_from_str(t, "%H:%M").ok()?;
                            Some(Button::with_label(
                                Msg::new("button-time").str("time", *t),
                                Payload::Book(Some((date, Some(time)))),
                            ))
                        })
                        .collect(),
                );
                self.send(from, msg);
            }
            When::At(at) if at <= self.now => {
                self.s.awaiting.insert(from, Awaiting::BookingDate);
                self.send(from, Msg::new("book-in-past").time("when", at));
            }
            When::At(at) if at >= self.p.end_at() => {
                self.s.awaiting.insert(from, Awaiting::BookingDate);
                self.send(from, Msg::new("book-after-end").date("end", self.p.end_at()));
            }
            When::At(at) => {
                self.s.awaiting.remove(&from);
                let replaced = self.s.booked.is_some();
                self.s.booked = Some(Booking {
                    at,
                    reminded: at - Duration::days(1) <= self.now,
                });
                self.s.ladder_step = 0;
                self.s.at_risk = false;
                if self.s.phase == Phase::Introduced {
                    self.s.phase = Phase::FirstMeeting;
                }
                let key = if replaced { "booked-moved" } else { "booked-confirm" };
                let other = self.s.person(from.other()).name.clone();
                self.send(from, self.names(Msg::new(key)).str("other", other).time("when", at));
                self.send(
                    from.other(),
                    self.names(Msg::new("booked-notify"))
                        .str("by", self.s.person(from).name.clone())
                        .time("when", at),
                );
            }
        }
    }

    pub(super) fn met(&mut self, from: Role) {
        if !self.s.phase.is_meeting_phase() || self.s.phase == Phase::Matched {
            return self.send(from, Msg::new("book-not-now"));
        }
        // A meeting booked for today is the one that was held.
        if let Some(b) = &self.s.booked
            && b.at <= self.now + Duration::hours(12)
        {
            self.s.booked = None;
        }
        self.meeting_held(self.now, false);
        let n = self.s.meetings_held;
        let target = self.p.meetings.target;
        let mut msg = Msg::new("met-logged").num("n", n.into()).num("target", target.into());
        if from == Role::Mentee && n < target {
            msg = msg.row(vec![Button::new("button-book-next", Payload::Book(None))]);
        }
        self.send(from, msg);
        self.send(
            from.other(),
            self.names(Msg::new("met-logged-other"))
                .str("by", self.s.person(from).name.clone())
                .num("n", n.into())
                .num("target", target.into()),
        );
    }

    pub(super) fn meeting_feedback(&mut self, from: Role, rating: Rating, n: u32) {
        if n == 0 || n > self.s.meetings_held {
            return self.send(from, Msg::new("button-expired"));
        }
        match rating {
            Rating::Missed if n == self.s.meetings_held => {
                self.s.meetings_held -= 1;
                let at = self.s.last_meeting_at.unwrap_or(self.now);
                self.fx.push(Effect::Meeting {
                    number: n,
                    at,
                    held: false,
                });
                let mut msg = Msg::new("meeting-missed-ack");
                if from == Role::Mentee {
                    msg = msg.row(vec![Button::new("button-book", Payload::Book(None))]);
                }
                self.send(from, msg);
                self.send(
                    from.other(),
                    self.names(Msg::new("meeting-missed-other"))
                        .str("by", self.s.person(from).name.clone()),
                );
            }
            Rating::Good | Rating::Ok => {
                self.fx.push(Effect::MeetingFeedback {
                    number: n,
                    role: from,
                    rating,
                });
                self.send(from, Msg::new("meeting-feedback-thanks"));
            }
            Rating::Missed => self.send(from, Msg::new("button-expired")),
        }
    }
}
