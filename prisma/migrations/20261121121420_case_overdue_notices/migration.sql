-- CreateTable
CREATE TABLE "case_overdue_notices" (
    "case_id" TEXT NOT NULL,
    "due_at" TIMESTAMP(3) NOT NULL,
    "notified_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "case_overdue_notices_pkey" PRIMARY KEY ("case_id","due_at")
);
