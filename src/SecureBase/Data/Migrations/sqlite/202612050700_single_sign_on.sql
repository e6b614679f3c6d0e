-- Single sign-on (issue 15, ADR 0017): one OpenID Connect provider per school. The client secret is stored protected
-- with the Data Protection key ring; allowed domains are lower-case, comma-separated. Which provider account signed in
-- as which user (issuer + subject) is kept in the existing user_logins table.

CREATE TABLE "school_sign_on" (
    "id" TEXT NOT NULL CONSTRAINT "pk_school_sign_on" PRIMARY KEY,
    "school_id" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "client_id" TEXT NOT NULL,
    "protected_secret" TEXT NOT NULL,
    "allowed_domains" TEXT NOT NULL,
    "enabled" INTEGER NOT NULL,
    "updated_at" TEXT NOT NULL,
    "updated_by" TEXT NOT NULL,
    CONSTRAINT "fk_school_sign_on_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_school_sign_on_school_id" ON "school_sign_on" ("school_id");
