//! The outbox's retry policy: exponential backoff with jitter, honouring a
//! platform's retry-after. Pure: the caller supplies the randomness.

use chrono::Duration;

#[derive(Debug, Clone, Copy)]
pub struct RetryPolicy {
    /// Delay before the second try.
    pub base: Duration,
    /// No delay grows beyond this.
    pub cap: Duration,
    /// After this many failed tries the message is dead-lettered.
    pub max_attempts: u32,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            base: Duration::seconds(2),
            cap: Duration::minutes(30),
            max_attempts: 8,
        }
    }
}

impl RetryPolicy {
    /// The wait after `attempts` failed tries (1 = the first failed). `unit`
    /// is a random number in [0, 1): "full jitter" between half and the
    /// whole exponential delay. A platform's retry-after is a floor.
    pub fn delay(&self, attempts: u32, unit: f64, retry_after: Option<Duration>) -> Duration {
        let exp = self
            .base
            .num_milliseconds()
            .saturating_mul(1i64 << attempts.saturating_sub(1).min(30));
        let capped = exp.min(self.cap.num_milliseconds());
        let jittered = (capped as f64 * (0.5 + 0.5 * unit.clamp(0.0, 1.0))) as i64;
        let d = Duration::milliseconds(jittered);
        match retry_after {
            Some(ra) if ra > d => ra,
            _ => d,
        }
    }

    /// Whether a message that has failed `attempts` times goes to the dead letters.
    pub fn exhausted(&self, attempts: u32) -> bool {
        attempts >= self.max_attempts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_grow_exponentially_within_the_cap_and_jitter() {
        let p = RetryPolicy::default();
        assert_eq!(p.delay(1, 1.0, None), Duration::seconds(2));
        assert_eq!(p.delay(1, 0.0, None), Duration::seconds(1));
        assert_eq!(p.delay(3, 1.0, None), Duration::seconds(8));
        assert_eq!(p.delay(40, 1.0, None), Duration::minutes(30));
    }

    #[test]
    fn retry_after_is_honoured_when_longer() {
        let p = RetryPolicy::default();
        assert_eq!(p.delay(1, 0.5, Some(Duration::seconds(30))), Duration::seconds(30));
        assert_eq!(p.delay(5, 1.0, Some(Duration::seconds(1))), Duration::seconds(32));
    }
}
