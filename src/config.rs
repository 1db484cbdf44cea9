//! Configuration: a TOML file, overridden by `MENTORBOT_*` environment
//! variables (`MENTORBOT_DATABASE_URL`, `MENTORBOT_DISPATCHER__BATCH`, …).

use anyhow::{Context, Result};
use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// `sqlite://mentorbot.db` (the default, created on first start), a
    /// file path, or `postgres://user@host/db`.
    pub database_url: String,
    /// Programme files to run.
    pub programmes: Vec<PathBuf>,
    /// Log filter, as `RUST_LOG` takes it.
    pub log: String,
    pub dispatcher: DispatcherConfig,
    pub scheduler: SchedulerConfig,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DispatcherConfig {
    /// Messages claimed per pass.
    pub batch: i64,
    /// Tries before a message is dead-lettered and the coordinator told.
    pub max_attempts: u32,
    /// First retry delay, in milliseconds; it doubles each try, with jitter.
    pub backoff_base_ms: i64,
    /// Longest retry delay, in milliseconds.
    pub backoff_cap_ms: i64,
    /// How long a claim on a message lasts, in seconds.
    pub lease_secs: i64,
    /// How often the outbox is polled, in milliseconds.
    pub poll_ms: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchedulerConfig {
    /// How often due pairs are looked for, in milliseconds.
    pub poll_ms: u64,
    /// Pairs ticked per pass.
    pub batch: i64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            database_url: "sqlite://mentorbot.db".into(),
            programmes: vec![PathBuf::from("programmes/karrierementor.toml")],
            log: "info".into(),
            dispatcher: DispatcherConfig {
                batch: 100,
                max_attempts: 8,
                backoff_base_ms: 2_000,
                backoff_cap_ms: 30 * 60 * 1000,
                lease_secs: 60,
                poll_ms: 500,
            },
            scheduler: SchedulerConfig {
                poll_ms: 1_000,
                batch: 500,
            },
        }
    }
}

impl Config {
    /// Defaults, then the file (if given and present), then the environment.
    pub fn load(file: Option<&Path>) -> Result<Config> {
        let mut fig = Figment::from(Serialized::defaults(Config::default()));
        if let Some(f) = file {
            if !f.exists() {
                anyhow::bail!(
                    "config file {} does not exist; run without --config to use the defaults",
                    f.display()
                );
            }
            fig = fig.merge(Toml::file(f));
        }
        fig = fig.merge(Env::prefixed("MENTORBOT_").split("__"));
        fig.extract().context("invalid configuration")
    }
}
