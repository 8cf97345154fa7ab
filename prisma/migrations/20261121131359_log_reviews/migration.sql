-- CreateEnum
CREATE TYPE "LogReviewStatus" AS ENUM ('OPEN', 'SIGNED_OFF');

-- CreateTable
CREATE TABLE "log_reviews" (
    "id" TEXT NOT NULL,
    "period_start" TIMESTAMPTZ(6) NOT NULL,
    "period_end" TIMESTAMPTZ(6) NOT NULL,
    "due_at" TIMESTAMPTZ(6) NOT NULL,
    "status" "LogReviewStatus" NOT NULL DEFAULT 'OPEN',
    "items" JSONB NOT NULL DEFAULT '{}',
    "snapshot" JSONB,
    "notes" TEXT,
    "signed_off_by_id" TEXT,
    "signed_off_by_label" TEXT,
    "signed_off_at" TIMESTAMPTZ(6),
    "overdue_notified_at" TIMESTAMPTZ(6),
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "log_reviews_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "log_reviews_period_start_key" ON "log_reviews"("period_start");

-- CreateIndex
CREATE INDEX "log_reviews_status_due_at_idx" ON "log_reviews"("status", "due_at");
