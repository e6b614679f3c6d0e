-- Single sign-on (issue 15, ADR 0017): one OpenID Connect provider per school. The client secret is stored protected
-- with the Data Protection key ring; allowed domains are lower-case, comma-separated. Which provider account signed in
-- as which user (issuer + subject) is kept in the existing user_logins table.

CREATE TABLE school_sign_on (
    id uuid NOT NULL,
    school_id uuid NOT NULL,
    provider character varying(32) NOT NULL,
    issuer character varying(300) NOT NULL,
    client_id character varying(200) NOT NULL,
    protected_secret character varying(4000) NOT NULL,
    allowed_domains character varying(500) NOT NULL,
    enabled boolean NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    updated_by uuid NOT NULL,
    CONSTRAINT pk_school_sign_on PRIMARY KEY (id),
    CONSTRAINT fk_school_sign_on_schools_school_id FOREIGN KEY (school_id) REFERENCES schools (id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX ix_school_sign_on_school_id ON school_sign_on (school_id);
