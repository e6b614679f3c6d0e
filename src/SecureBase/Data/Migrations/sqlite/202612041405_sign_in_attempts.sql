-- Sign-in attempts per network address per minute, counted in the database so that the limit holds
-- across every application instance behind a load balancer.

CREATE TABLE "sign_in_attempts" (
    "address" TEXT NOT NULL,
    "window_minute" INTEGER NOT NULL,
    "attempts" INTEGER NOT NULL,
    CONSTRAINT "pk_sign_in_attempts" PRIMARY KEY ("address", "window_minute")
);

CREATE INDEX "ix_sign_in_attempts_window_minute" ON "sign_in_attempts" ("window_minute");
