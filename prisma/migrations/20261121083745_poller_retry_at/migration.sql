-- AlterTable
ALTER TABLE "poller_cursors" ADD COLUMN     "retry_at" TIMESTAMPTZ(6);
