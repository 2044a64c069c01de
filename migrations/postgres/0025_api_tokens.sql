-- API tokens (issue 22): stored only as the SHA-256 of the token; `shown` keeps its first
-- characters to tell tokens apart in lists. `scopes` is space-separated (`campaigns:read
-- reports:read`); a token does no more than its creator's current role allows.
CREATE TABLE api_tokens (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id        BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('member', 'public_read')),
    scopes        TEXT NOT NULL,
    digest        TEXT NOT NULL UNIQUE,
    shown         TEXT NOT NULL,
    created_by    BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at    BIGINT NOT NULL,
    last_used_at  BIGINT,
    expires_at    BIGINT,
    revoked_at    BIGINT
);
CREATE INDEX api_tokens_by_org ON api_tokens (org_id, created_at);
