-- AlterTable
ALTER TABLE "detection_matches" ADD COLUMN     "threshold" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "threshold_minutes" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "detection_held_matches" (
    "id" BIGSERIAL NOT NULL,
    "rule_id" TEXT NOT NULL,
    "dedup_key" TEXT NOT NULL,
    "event_key" TEXT NOT NULL,
    "event_time" TIMESTAMPTZ(6) NOT NULL,
    "match" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "detection_held_matches_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "detection_held_matches_rule_id_dedup_key_event_time_idx" ON "detection_held_matches"("rule_id", "dedup_key", "event_time");

-- CreateIndex
CREATE INDEX "detection_held_matches_created_at_idx" ON "detection_held_matches"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "detection_held_matches_rule_id_event_key_key" ON "detection_held_matches"("rule_id", "event_key");
