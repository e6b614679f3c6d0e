-- Scheduled jobs run once per period across every application instance on the database.

CREATE TABLE job_leases (
    name character varying(100) NOT NULL,
    period character varying(40),
    holder character varying(200),
    lease_until timestamp with time zone,
    completed_period character varying(40),
    completed_at timestamp with time zone,
    CONSTRAINT pk_job_leases PRIMARY KEY (name)
);
