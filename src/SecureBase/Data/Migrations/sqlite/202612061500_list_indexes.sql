-- Indexes for two lists measured at authority scale (README, speed at authority scale).
-- A school's sessions between two dates, whoever delivered them: the whole team's sessions week.
CREATE INDEX "ix_therapy_sessions_school_id_date" ON "therapy_sessions" ("school_id", "date");

-- A school's pupils with an EHCP (the EHCP list): 120 of Hollybrook's 1,700 pupils, which were all read to find them.
CREATE INDEX "ix_pupils_school_id_sen_status" ON "pupils" ("school_id", "sen_status");
