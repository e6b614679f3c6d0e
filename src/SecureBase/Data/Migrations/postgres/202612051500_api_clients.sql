-- API clients (issue 15): systems that call the API with OAuth 2.0 client credentials. The secret is stored as a SHA-256
-- hash; actions are the policy table's action names, comma-separated.

CREATE TABLE api_clients (
    id uuid NOT NULL,
    school_id uuid NOT NULL,
    name character varying(100) NOT NULL,
    actions character varying(2000) NOT NULL,
    secret_hash bytea NOT NULL,
    secret_set_at timestamp with time zone NOT NULL,
    expires_on date NOT NULL,
    created_at timestamp with time zone NOT NULL,
    created_by uuid NOT NULL,
    revoked_at timestamp with time zone,
    CONSTRAINT pk_api_clients PRIMARY KEY (id),
    CONSTRAINT fk_api_clients_schools_school_id FOREIGN KEY (school_id) REFERENCES schools (id) ON DELETE CASCADE
);

CREATE INDEX ix_api_clients_school_id ON api_clients (school_id);
