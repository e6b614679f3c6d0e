-- Rooms and bookings (issue 10): a room's capacity and protected therapy hours, the school's notice
-- for booking over them (room_settings, one row per school; none means 2 school days), room
-- bookings, and one lock row per room and date so that two bookings of the same room and time
-- cannot both be made.

ALTER TABLE "rooms" ADD COLUMN "capacity" INTEGER NULL;

CREATE TABLE "room_settings" (
    "school_id" TEXT NOT NULL CONSTRAINT "pk_room_settings" PRIMARY KEY,
    "booking_notice_days" INTEGER NOT NULL,
    CONSTRAINT "fk_room_settings_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE
);

CREATE TABLE "room_therapy_hours" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_room_therapy_hours" PRIMARY KEY AUTOINCREMENT,
    "day" TEXT NOT NULL,
    "starts_at" TEXT NOT NULL,
    "ends_at" TEXT NOT NULL,
    "room_id" TEXT NOT NULL,
    CONSTRAINT "fk_room_therapy_hours_rooms_room_id" FOREIGN KEY ("room_id") REFERENCES "rooms" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_room_therapy_hours_room_id" ON "room_therapy_hours" ("room_id");

CREATE TABLE "room_bookings" (
    "id" TEXT NOT NULL CONSTRAINT "pk_room_bookings" PRIMARY KEY,
    "school_id" TEXT NOT NULL,
    "room_id" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "starts_at" TEXT NOT NULL,
    "ends_at" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "reason" TEXT NULL,
    "over_therapy_hours" INTEGER NOT NULL,
    "is_emergency" INTEGER NOT NULL,
    "notice_school_days" INTEGER NOT NULL,
    "booked_by" TEXT NOT NULL,
    "booked_by_name" TEXT NOT NULL,
    "booked_at" TEXT NOT NULL,
    "cancelled_at" TEXT NULL,
    CONSTRAINT "fk_room_bookings_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_room_bookings_rooms_room_id" FOREIGN KEY ("room_id") REFERENCES "rooms" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_room_bookings_school_id_room_id_date" ON "room_bookings" ("school_id", "room_id", "date");

CREATE INDEX "ix_room_bookings_booked_by" ON "room_bookings" ("booked_by");

CREATE INDEX "ix_room_bookings_room_id" ON "room_bookings" ("room_id");

CREATE TABLE "room_day_locks" (
    "room_id" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "school_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "pk_room_day_locks" PRIMARY KEY ("room_id", "date"),
    CONSTRAINT "fk_room_day_locks_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_room_day_locks_rooms_room_id" FOREIGN KEY ("room_id") REFERENCES "rooms" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_room_day_locks_school_id" ON "room_day_locks" ("school_id");
