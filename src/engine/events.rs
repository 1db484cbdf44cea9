//! Events as coordinators see them: `/event` in chat and `mentorbot
//! event show`.

use super::Engine;
use anyhow::{Context, Result};
use bot_core::Ts;
use bot_core::coordinator::events::EventAnswers;

impl Engine {
    /// One event's answers so far.
    pub async fn event_answers(&self, programme: &str, event: &str) -> Result<EventAnswers> {
        let p = self.programme(programme)?.clone();
        let e = p
            .events
            .iter()
            .find(|e| e.id == event)
            .with_context(|| format!("programme `{programme}` has no event `{event}`"))?;
        let answers = self.store.event_answers(&p.id, &e.id).await?;
        Ok(EventAnswers {
            id: e.id.clone(),
            name_key: e.name_key(),
            starts: p.event_starts_at(e),
            coming: answers.iter().filter(|a| a.going).map(|a| a.name.clone()).collect(),
            not_coming: answers.iter().filter(|a| !a.going).count() as i64,
            invited: self.store.event_invited(&p.id, &e.id).await?,
        })
    }

    /// The programme's events still ahead at `now`, with their answers.
    pub async fn coming_events(&self, programme: &str, now: Ts) -> Result<Vec<EventAnswers>> {
        let p = self.programme(programme)?.clone();
        let mut out = vec![];
        for e in p.events.iter().filter(|e| p.event_starts_at(e) > now) {
            out.push(self.event_answers(&p.id, &e.id).await?);
        }
        Ok(out)
    }
}
