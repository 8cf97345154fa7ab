-- CreateEnum
CREATE TYPE "ReportCategory" AS ENUM ('SECURITY_INCIDENT', 'SUSPICIOUS_ACTIVITY', 'PHYSICAL_INJURY', 'THEFT', 'PROPERTY_DAMAGE', 'DENIAL_OF_SERVICE', 'THREATS', 'HARASSMENT', 'ACCOUNT_ABUSE', 'FORGERY', 'MISREPRESENTATION', 'CODE_OF_CONDUCT', 'VULNERABILITY', 'OTHER');

-- CreateEnum
CREATE TYPE "ReportSign" AS ENUM ('ANTIVIRUS_WARNING', 'UNEXPECTED_REBOOT_OR_SLOWNESS', 'UNREQUESTED_PASSWORD_RESET', 'MODIFIED_OR_DEFACED_WEBSITE', 'NEW_OPEN_PORT', 'OTHER');

-- CreateEnum
CREATE TYPE "ReportUrgency" AS ENUM ('LOW', 'NORMAL', 'HIGH', 'URGENT');

-- CreateEnum
CREATE TYPE "ReportStatus" AS ENUM ('RECEIVED', 'IN_REVIEW', 'RESOLVED', 'CLOSED');

-- CreateEnum
CREATE TYPE "ReportSource" AS ENUM ('EMPLOYEE', 'EXTERNAL');

-- CreateEnum
CREATE TYPE "ReportMessageKind" AS ENUM ('FROM_REPORTER', 'TO_REPORTER', 'INTERNAL_NOTE');

-- CreateTable
CREATE TABLE "Report" (
    "id" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "source" "ReportSource" NOT NULL,
    "category" "ReportCategory" NOT NULL,
    "signs" "ReportSign"[],
    "description" TEXT NOT NULL,
    "noticedAt" TIMESTAMP(3),
    "noticedTimeZone" TEXT,
    "concerned" TEXT,
    "urgency" "ReportUrgency" NOT NULL DEFAULT 'NORMAL',
    "visibility" "Visibility" NOT NULL,
    "status" "ReportStatus" NOT NULL DEFAULT 'RECEIVED',
    "reporterId" TEXT,
    "externalName" TEXT,
    "externalEmail" TEXT,
    "affectedProduct" TEXT,
    "followUpTokenHash" TEXT,
    "acknowledgedAt" TIMESTAMP(3),
    "acknowledgedById" TEXT,
    "resolvedAt" TIMESTAMP(3),
    "outcome" TEXT,
    "closedAt" TIMESTAMP(3),
    "dismissReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Report_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportMessage" (
    "id" TEXT NOT NULL,
    "reportId" TEXT NOT NULL,
    "kind" "ReportMessageKind" NOT NULL,
    "authorId" TEXT,
    "authorLabel" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReportMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportAttachment" (
    "id" TEXT NOT NULL,
    "reportId" TEXT NOT NULL,
    "filename" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "data" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReportAttachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportCounter" (
    "year" INTEGER NOT NULL,
    "last" INTEGER NOT NULL,

    CONSTRAINT "ReportCounter_pkey" PRIMARY KEY ("year")
);

-- CreateIndex
CREATE UNIQUE INDEX "Report_reference_key" ON "Report"("reference");

-- CreateIndex
CREATE UNIQUE INDEX "Report_followUpTokenHash_key" ON "Report"("followUpTokenHash");

-- CreateIndex
CREATE INDEX "Report_visibility_status_createdAt_idx" ON "Report"("visibility", "status", "createdAt");

-- CreateIndex
CREATE INDEX "Report_reporterId_createdAt_idx" ON "Report"("reporterId", "createdAt");

-- CreateIndex
CREATE INDEX "Report_category_idx" ON "Report"("category");

-- CreateIndex
CREATE INDEX "ReportMessage_reportId_createdAt_idx" ON "ReportMessage"("reportId", "createdAt");

-- CreateIndex
CREATE INDEX "ReportAttachment_reportId_idx" ON "ReportAttachment"("reportId");

-- AddForeignKey
ALTER TABLE "Report" ADD CONSTRAINT "Report_reporterId_fkey" FOREIGN KEY ("reporterId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportMessage" ADD CONSTRAINT "ReportMessage_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportAttachment" ADD CONSTRAINT "ReportAttachment_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report"("id") ON DELETE CASCADE ON UPDATE CASCADE;
