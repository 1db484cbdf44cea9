//! The evaluation report's data, gathered from the store for the core.

use super::Engine;
use anyhow::Result;
use bot_core::evaluation::{self, Data, Figure};
use bot_core::pair::{EndReason, PairState, Status};

impl Engine {
    /// What the report is made from.
    pub async fn evaluation_data(&self, programme: &str) -> Result<Data> {
        self.programme(programme)?;
        let mut d = Data {
            runs: self.store.survey_runs(programme).await?,
            answers: self.store.programme_answers(programme).await?,
            flags: self.store.flag_reasons(programme).await?,
            ..Data::default()
        };
        for (id, json, _, _) in self.store.programme_pairs(programme).await? {
            let Ok(s) = serde_json::from_str::<PairState>(&json) else {
                tracing::warn!(pair = id, "pair state unreadable; left out of the report");
                continue;
            };
            d.meetings.push(s.meetings_held);
            if let Status::EndedEarly {
                reason: EndReason::FadedOut,
                ..
            } = s.status
            {
                d.faded += 1;
            }
        }
        Ok(d)
    }

    /// The report's figures.
    pub async fn evaluation(&self, programme: &str) -> Result<Vec<Figure>> {
        let d = self.evaluation_data(programme).await?;
        let p = self.programme(programme)?;
        Ok(evaluation::figures(&p, &d))
    }
}
