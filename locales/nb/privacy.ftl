## Privacy: /forget, /mydata, /consent, retention.
