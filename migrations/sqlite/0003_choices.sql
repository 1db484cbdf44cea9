-- The numbered choices last shown at an address on a platform without
-- buttons: a typed number presses one of them.
CREATE TABLE choices (
    platform TEXT NOT NULL,
    address TEXT NOT NULL,
    payloads TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (platform, address)
);
