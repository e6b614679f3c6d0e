-- API clients (issue 15): systems that call the API with OAuth 2.0 client credentials. The secret is stored as a SHA-256
-- hash; actions are the policy table's action names, comma-separated.

CREATE TABLE "api_clients" (
    "id" TEXT NOT NULL CONSTRAINT "pk_api_clients" PRIMARY KEY,
    "school_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "actions" TEXT NOT NULL,
    "secret_hash" BLOB NOT NULL,
    "secret_set_at" TEXT NOT NULL,
    "expires_on" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "revoked_at" TEXT NULL,
    CONSTRAINT "fk_api_clients_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_api_clients_school_id" ON "api_clients" ("school_id");
