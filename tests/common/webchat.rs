//! A person in the built-in web chat, acting as its page does: opens a
//! conversation (Direct Line 3.0 subset), posts activities with its token,
//! reads what the bot wrote.

use serde_json::{Value, json};

pub struct WebChat {
    http: reqwest::Client,
    pub base: String,
    pub conv: String,
    pub token: String,
    /// The `from.id` the page sends (the server ignores it: the identity
    /// is bound to the token).
    user: String,
}

impl WebChat {
    /// A new conversation on the web chat at `base` (`http://host:port`).
    pub async fn open(base: &str, user: &str) -> WebChat {
        let http = reqwest::Client::new();
        let r: Value = http
            .post(format!("{base}/v3/directline/conversations"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        WebChat {
            http,
            base: base.into(),
            conv: r["conversationId"].as_str().unwrap().into(),
            token: r["token"].as_str().unwrap().into(),
            user: user.into(),
        }
    }

    /// Posts a message activity (text, or a card's `value`); the HTTP status.
    pub async fn post(&self, mut activity: Value) -> u16 {
        activity["type"] = json!("message");
        activity["from"] = json!({"id": self.user});
        activity["locale"] = json!("en-GB");
        let url = format!("{}/v3/directline/conversations/{}/activities", self.base, self.conv);
        self.http
            .post(url)
            .bearer_auth(&self.token)
            .json(&activity)
            .send()
            .await
            .unwrap()
            .status()
            .as_u16()
    }

    /// The activities after `watermark`, and the new watermark.
    pub async fn activities(&self, watermark: &str) -> (Vec<Value>, String) {
        let url = format!(
            "{}/v3/directline/conversations/{}/activities?watermark={watermark}",
            self.base, self.conv
        );
        let r: Value = self
            .http
            .get(url)
            .bearer_auth(&self.token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        (
            r["activities"].as_array().unwrap().clone(),
            r["watermark"].as_str().unwrap().to_string(),
        )
    }

    /// Everything the bot wrote in the conversation, oldest first.
    pub async fn bot_texts(&self) -> Vec<String> {
        self.activities("0")
            .await
            .0
            .iter()
            .filter(|a| a["from"]["role"] == "bot")
            .map(|a| a["text"].as_str().unwrap_or_default().to_string())
            .collect()
    }
}
