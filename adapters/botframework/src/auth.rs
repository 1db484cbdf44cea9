//! Inbound tokens: the JWT checks, the signing keys (fetched from the
//! OpenID metadata, refetched for an unknown `kid` at most once per
//! [`REFETCH_AFTER`], the cache never locked across a fetch) and their
//! endorsements.

use super::*;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum AuthError {
    #[error("no bearer token")]
    Missing,
    #[error("the token is not valid: {0}")]
    Invalid(String),
    #[error("the token's serviceurl claim does not match the activity")]
    ServiceUrl,
    #[error("the signing key is not endorsed for the activity's channel {0}")]
    Endorsement(String),
    #[error("the signing keys could not be fetched: {0}")]
    Keys(String),
}

#[derive(Debug, Deserialize)]
struct Claims {
    #[serde(default)]
    serviceurl: Option<String>,
}

/// Keys are fetched again at most this often when a token names a key the
/// bot does not know: forged tokens cannot make it fetch more.
pub const REFETCH_AFTER: Duration = Duration::from_secs(5 * 60);
/// Known keys are refreshed after a day.
pub const KEYS_FRESH_FOR: Duration = Duration::from_secs(24 * 3600);

/// A signing key and the channels it is endorsed for.
#[derive(Debug, Clone)]
pub struct SigningKey {
    pub jwk: jsonwebtoken::jwk::Jwk,
    /// `None` when the key lists no endorsements at all.
    pub endorsements: Option<Vec<String>>,
}

/// What the bot knows of the signing keys.
#[derive(Debug, Clone, Default)]
pub struct KeyCache {
    pub keys: std::collections::HashMap<String, SigningKey>,
    /// When the keys were last fetched successfully.
    pub fetched_at: Option<Instant>,
    /// When a fetch was last started (successful or not).
    pub attempted_at: Option<Instant>,
}

/// What to do about a token's key id.
#[derive(Debug, Clone)]
pub enum KeyDecision {
    Use(Box<SigningKey>),
    /// Fetch the keys (none are known, they are a day old, or the key is
    /// unknown and the last fetch is more than [`REFETCH_AFTER`] ago).
    Fetch,
    /// The key is unknown and the keys were fetched a moment ago.
    Refuse,
}

/// The key rule, pure: `now` is an input.
pub fn decide(cache: &KeyCache, kid: &str, now: Instant) -> KeyDecision {
    let known = cache.keys.get(kid).cloned();
    let fresh = cache
        .fetched_at
        .is_some_and(|at| now.saturating_duration_since(at) < KEYS_FRESH_FOR);
    let recently_tried = cache
        .attempted_at
        .is_some_and(|at| now.saturating_duration_since(at) < REFETCH_AFTER);
    match known {
        Some(k) if fresh || recently_tried => KeyDecision::Use(Box::new(k)),
        Some(_) => KeyDecision::Fetch,
        None if recently_tried => KeyDecision::Refuse,
        None => KeyDecision::Fetch,
    }
}

/// Reads a JWKS, keeping each key's `endorsements`.
fn parse_keys(v: &Value) -> Result<std::collections::HashMap<String, SigningKey>, AuthError> {
    let keys = v["keys"]
        .as_array()
        .ok_or_else(|| AuthError::Keys("no keys in the JWKS".into()))?;
    let mut out = std::collections::HashMap::new();
    for k in keys {
        let Ok(jwk) = serde_json::from_value::<jsonwebtoken::jwk::Jwk>(k.clone()) else {
            continue;
        };
        let Some(kid) = jwk.common.key_id.clone() else {
            continue;
        };
        let endorsements = k["endorsements"].as_array().map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect::<Vec<_>>()
        });
        out.insert(kid, SigningKey { jwk, endorsements });
    }
    Ok(out)
}

/// Validates incoming tokens against the JWKS the OpenID metadata names.
///
/// The key cache's lock is only held to read or write it, never across a
/// fetch: a slow key endpoint does not hold up tokens with known keys.
/// Fetches happen one at a time (`fetching`), and an unknown key id
/// causes one at most every [`REFETCH_AFTER`] ([`decide`]).
pub struct Auth {
    cfg: Config,
    http: reqwest::Client,
    keys: std::sync::Mutex<KeyCache>,
    fetching: Mutex<()>,
    refetch_after: Duration,
}

impl Auth {
    pub fn new(cfg: Config, http: reqwest::Client) -> Auth {
        Auth {
            cfg,
            http,
            keys: std::sync::Mutex::new(KeyCache::default()),
            fetching: Mutex::new(()),
            refetch_after: REFETCH_AFTER,
        }
    }

    fn cache(&self) -> std::sync::MutexGuard<'_, KeyCache> {
        self.keys.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    async fn fetch_keys(&self) -> Result<std::collections::HashMap<String, SigningKey>, AuthError> {
        let k = |e: reqwest::Error| AuthError::Keys(e.to_string());
        let timeout = self.cfg.timeout();
        let meta: Value = self
            .http
            .get(&self.cfg.openid_metadata_url)
            .timeout(timeout)
            .send()
            .await
            .map_err(k)?
            .json()
            .await
            .map_err(k)?;
        let uri = meta["jwks_uri"]
            .as_str()
            .ok_or_else(|| AuthError::Keys("no jwks_uri in the OpenID metadata".into()))?;
        let set: Value = self
            .http
            .get(uri)
            .timeout(timeout)
            .send()
            .await
            .map_err(k)?
            .json()
            .await
            .map_err(k)?;
        parse_keys(&set)
    }

    fn decide_now(&self, kid: &str, start_fetch: bool) -> KeyDecision {
        let now = Instant::now();
        let mut cache = self.cache();
        // With a shorter refetch interval (tests), an older attempt counts
        // as none.
        if cache
            .attempted_at
            .is_some_and(|at| now.saturating_duration_since(at) >= self.refetch_after)
        {
            cache.attempted_at = None;
        }
        let d = decide(&cache, kid, now);
        if start_fetch && matches!(d, KeyDecision::Fetch) {
            cache.attempted_at = Some(now);
        }
        d
    }

    /// The key a token names.
    async fn key(&self, kid: &str) -> Result<SigningKey, AuthError> {
        let unknown = || AuthError::Invalid(format!("unknown signing key {}", shown(kid)));
        match self.decide_now(kid, false) {
            KeyDecision::Use(k) => return Ok(*k),
            KeyDecision::Refuse => return Err(unknown()),
            KeyDecision::Fetch => {}
        }
        // One fetch at a time; whoever waited here decides again, so a burst
        // of unknown key ids causes one fetch.
        let _one = self.fetching.lock().await;
        match self.decide_now(kid, true) {
            KeyDecision::Use(k) => return Ok(*k),
            KeyDecision::Refuse => return Err(unknown()),
            KeyDecision::Fetch => {}
        }
        match self.fetch_keys().await {
            Ok(keys) => {
                let mut cache = self.cache();
                cache.keys = keys;
                cache.fetched_at = Some(Instant::now());
                cache.keys.get(kid).cloned().ok_or_else(unknown)
            }
            Err(e) => {
                // Keys known before still serve until the next try.
                self.cache().keys.get(kid).cloned().ok_or(e)
            }
        }
    }

    /// Checks a request's `Authorization` header for an activity from
    /// `channel_id` with `service_url`.
    pub async fn check(
        &self,
        headers: &HeaderMap,
        service_url: Option<&str>,
        channel_id: Option<&str>,
    ) -> Result<(), AuthError> {
        let token = headers
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .ok_or(AuthError::Missing)?;
        let header = decode_header(token).map_err(|e| AuthError::Invalid(e.to_string()))?;
        if header.alg != Algorithm::RS256 {
            return Err(AuthError::Invalid(format!("algorithm {:?} is not RS256", header.alg)));
        }
        let kid = header.kid.ok_or_else(|| AuthError::Invalid("no key id".into()))?;
        let key = self.key(&kid).await?;
        let decoding = DecodingKey::from_jwk(&key.jwk).map_err(|e| AuthError::Invalid(e.to_string()))?;
        let mut v = Validation::new(Algorithm::RS256);
        v.set_issuer(&[ISSUER]);
        v.set_audience(&[&self.cfg.app_id]);
        v.leeway = LEEWAY_SECS;
        v.validate_nbf = true;
        v.set_required_spec_claims(&["exp", "iss", "aud"]);
        let data = decode::<Claims>(token, &decoding, &v).map_err(|e| AuthError::Invalid(e.to_string()))?;
        match (data.claims.serviceurl.as_deref(), service_url) {
            (Some(claim), Some(activity)) if claim == activity => {}
            _ => return Err(AuthError::ServiceUrl),
        }
        // The key must be endorsed for the channel the activity says it
        // comes from.
        let channel = channel_id.unwrap_or_default();
        let endorsed = key
            .endorsements
            .as_ref()
            .is_some_and(|e| !channel.is_empty() && e.iter().any(|c| c == channel));
        if !endorsed {
            return Err(AuthError::Endorsement(shown(channel)));
        }
        Ok(())
    }
}

impl Auth {
    /// With another refetch interval than [`REFETCH_AFTER`] (tests).
    pub fn with_refetch_after(mut self, d: Duration) -> Auth {
        self.refetch_after = d;
        self
    }
}
