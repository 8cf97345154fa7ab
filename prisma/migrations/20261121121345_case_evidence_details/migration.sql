-- AlterTable
ALTER TABLE "CaseEvidence" ADD COLUMN     "description" TEXT,
ADD COLUMN     "meta" JSONB;
