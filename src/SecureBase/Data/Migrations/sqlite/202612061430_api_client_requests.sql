-- API clients' requests per minute, counted in the database so that each client's limit holds across every application
-- instance behind a load balancer (it was counted in each instance's memory).

CREATE TABLE "api_client_requests" (
    "client_id" TEXT NOT NULL,
    "window_minute" INTEGER NOT NULL,
    "requests" INTEGER NOT NULL,
    CONSTRAINT "pk_api_client_requests" PRIMARY KEY ("client_id", "window_minute")
);

CREATE INDEX "ix_api_client_requests_window_minute" ON "api_client_requests" ("window_minute");
