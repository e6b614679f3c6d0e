-- Scheduled jobs run once per period across every application instance on the database.

CREATE TABLE "job_leases" (
    "name" TEXT NOT NULL CONSTRAINT "pk_job_leases" PRIMARY KEY,
    "period" TEXT NULL,
    "holder" TEXT NULL,
    "lease_until" TEXT NULL,
    "completed_period" TEXT NULL,
    "completed_at" TEXT NULL
);
