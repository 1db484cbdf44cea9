//! Where the web chat is reached, and its limits.

/// Where the web chat is reached: the public address people open, and the
/// `Host` names it answers to. Requests naming another host or coming from
/// another origin are refused (DNS rebinding).
#[derive(Debug, Clone)]
pub struct Settings {
    /// `http` or `https`: the scheme of the public address (the stream uses
    /// `wss` with `https`).
    pub scheme: String,
    /// `host[:port]` values of `Host` that are accepted; the first is the
    /// public address.
    pub hosts: Vec<String>,
    /// How long a conversation's token stays valid after it was last used
    /// to (re)connect.
    pub session_ttl: chrono::Duration,
    /// At most this many conversations are kept; beyond it the oldest go.
    pub max_conversations: usize,
    /// At most this many activities are kept per conversation; beyond it
    /// the oldest go (watermarks keep counting).
    pub max_activities: usize,
    /// At most this many bytes of activities (as JSON) are kept per
    /// conversation; beyond it the oldest go, the newest always stays.
    /// With `max_conversations` it bounds the memory the web chat holds.
    pub max_bytes_per_conversation: usize,
}

impl Settings {
    /// The loopback default: `http://127.0.0.1:<port>`, also as `localhost`
    /// and `[::1]`.
    pub fn loopback(port: u16) -> Settings {
        Settings {
            scheme: "http".into(),
            hosts: vec![
                format!("127.0.0.1:{port}"),
                format!("localhost:{port}"),
                format!("[::1]:{port}"),
            ],
            session_ttl: chrono::Duration::days(30),
            max_conversations: 10_000,
            max_activities: 500,
            max_bytes_per_conversation: 64 * 1024,
        }
    }

    pub(crate) fn host_ok(&self, host: &str) -> bool {
        self.hosts.iter().any(|h| h.eq_ignore_ascii_case(host))
    }

    pub(crate) fn origin_ok(&self, origin: &str) -> bool {
        self.hosts
            .iter()
            .any(|h| origin.eq_ignore_ascii_case(&format!("{}://{h}", self.scheme)))
    }

    pub(crate) fn ws_scheme(&self) -> &'static str {
        if self.scheme == "https" { "wss" } else { "ws" }
    }
}
