-- CreateEnum
CREATE TYPE "CaseStatus" AS ENUM ('NEW', 'TRIAGE', 'INVESTIGATING', 'CONTAINED', 'REMEDIATED', 'RESOLVED', 'CLOSED');

-- CreateEnum
CREATE TYPE "CaseOutcome" AS ENUM ('CONFIRMED_INCIDENT', 'FALSE_POSITIVE', 'BENIGN', 'DUPLICATE', 'NOT_SECURITY_RELATED');

-- CreateEnum
CREATE TYPE "ImpactLevel" AS ENUM ('NONE', 'LOW', 'HIGH');

-- CreateEnum
CREATE TYPE "ObservableType" AS ENUM ('IP', 'DEVICE_ID', 'DEVICE_NAME', 'USER', 'KEY_ID', 'DOMAIN', 'HASH', 'URL');

-- CreateEnum
CREATE TYPE "DisclosureAudience" AS ENUM ('CUSTOMERS', 'PUBLIC', 'REGULATOR', 'PARTNER');

-- CreateEnum
CREATE TYPE "ObligationStatus" AS ENUM ('DRAFT', 'APPROVED', 'SENT');

-- CreateEnum
CREATE TYPE "TimelineKind" AS ENUM ('AUTO', 'NOTE');

-- AlterTable
ALTER TABLE "Report" ADD COLUMN     "caseId" TEXT;

-- AlterTable
ALTER TABLE "alerts" ADD COLUMN     "case_id" TEXT;

-- CreateTable
CREATE TABLE "Case" (
    "id" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "severity" "Severity" NOT NULL,
    "visibility" "Visibility" NOT NULL,
    "status" "CaseStatus" NOT NULL DEFAULT 'NEW',
    "outcome" "CaseOutcome",
    "resolutionNote" TEXT,
    "leadId" TEXT,
    "awareAt" TIMESTAMP(3) NOT NULL,
    "dueAt" TIMESTAMP(3),
    "acknowledgedAt" TIMESTAMP(3),
    "triagedAt" TIMESTAMP(3),
    "investigatingAt" TIMESTAMP(3),
    "containedAt" TIMESTAMP(3),
    "remediatedAt" TIMESTAMP(3),
    "resolvedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "templateId" TEXT,
    "mergedIntoId" TEXT,
    "confidentiality" "ImpactLevel",
    "integrity" "ImpactLevel",
    "availability" "ImpactLevel",
    "affectedSystems" TEXT[],
    "affectedDevices" TEXT[],
    "dataTypes" TEXT[],
    "customersAffected" INTEGER,
    "peopleAffected" INTEGER,
    "impactSummary" TEXT,
    "impactDeterminedAt" TIMESTAMP(3),
    "impactDeterminedById" TEXT,
    "disclose" BOOLEAN,
    "disclosureRationale" TEXT,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "approvedById" TEXT,
    "approvedAt" TIMESTAMP(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Case_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseCounter" (
    "year" INTEGER NOT NULL,
    "last" INTEGER NOT NULL,

    CONSTRAINT "CaseCounter_pkey" PRIMARY KEY ("year")
);

-- CreateTable
CREATE TABLE "CaseMember" (
    "caseId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseMember_pkey" PRIMARY KEY ("caseId","userId")
);

-- CreateTable
CREATE TABLE "CaseTimelineEntry" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "kind" "TimelineKind" NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "timeZone" TEXT,
    "source" TEXT,
    "body" TEXT NOT NULL,
    "data" JSONB,
    "actorId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseTimelineEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseTask" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "required" BOOLEAN NOT NULL DEFAULT false,
    "assigneeId" TEXT,
    "dueAt" TIMESTAMP(3),
    "doneAt" TIMESTAMP(3),
    "doneById" TEXT,
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseTask_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseTaskComment" (
    "id" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "authorId" TEXT,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseTaskComment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseTemplate" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "tasks" JSONB NOT NULL,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CaseTemplate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseObservable" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "type" "ObservableType" NOT NULL,
    "value" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseObservable_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseEvidence" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "storage" TEXT NOT NULL,
    "path" TEXT,
    "bytes" BYTEA,
    "kind" TEXT NOT NULL DEFAULT 'FILE',
    "text" TEXT,
    "addedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseEvidence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DisclosureObligation" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "audience" "DisclosureAudience" NOT NULL,
    "preset" TEXT NOT NULL,
    "deadline" TIMESTAMP(3) NOT NULL,
    "status" "ObligationStatus" NOT NULL DEFAULT 'DRAFT',
    "text" TEXT,
    "approvedById" TEXT,
    "approvedAt" TIMESTAMP(3),
    "sentAt" TIMESTAMP(3),
    "sentById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DisclosureObligation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseComment" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "authorId" TEXT,
    "body" TEXT NOT NULL,
    "mentions" TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseComment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Case_reference_key" ON "Case"("reference");

-- CreateIndex
CREATE INDEX "Case_visibility_status_updatedAt_idx" ON "Case"("visibility", "status", "updatedAt");

-- CreateIndex
CREATE INDEX "Case_status_dueAt_idx" ON "Case"("status", "dueAt");

-- CreateIndex
CREATE INDEX "Case_severity_idx" ON "Case"("severity");

-- CreateIndex
CREATE INDEX "Case_updatedAt_idx" ON "Case"("updatedAt");

-- CreateIndex
CREATE INDEX "Case_leadId_idx" ON "Case"("leadId");

-- CreateIndex
CREATE INDEX "Case_mergedIntoId_idx" ON "Case"("mergedIntoId");

-- CreateIndex
CREATE INDEX "CaseMember_userId_idx" ON "CaseMember"("userId");

-- CreateIndex
CREATE INDEX "CaseTimelineEntry_caseId_occurredAt_idx" ON "CaseTimelineEntry"("caseId", "occurredAt");

-- CreateIndex
CREATE INDEX "CaseTask_caseId_position_idx" ON "CaseTask"("caseId", "position");

-- CreateIndex
CREATE INDEX "CaseTask_assigneeId_idx" ON "CaseTask"("assigneeId");

-- CreateIndex
CREATE INDEX "CaseTaskComment_taskId_createdAt_idx" ON "CaseTaskComment"("taskId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "CaseTemplate_name_key" ON "CaseTemplate"("name");

-- CreateIndex
CREATE UNIQUE INDEX "CaseTemplate_kind_key" ON "CaseTemplate"("kind");

-- CreateIndex
CREATE INDEX "CaseObservable_type_value_idx" ON "CaseObservable"("type", "value");

-- CreateIndex
CREATE UNIQUE INDEX "CaseObservable_caseId_type_value_key" ON "CaseObservable"("caseId", "type", "value");

-- CreateIndex
CREATE INDEX "CaseEvidence_caseId_createdAt_idx" ON "CaseEvidence"("caseId", "createdAt");

-- CreateIndex
CREATE INDEX "CaseEvidence_sha256_idx" ON "CaseEvidence"("sha256");

-- CreateIndex
CREATE INDEX "DisclosureObligation_caseId_idx" ON "DisclosureObligation"("caseId");

-- CreateIndex
CREATE INDEX "DisclosureObligation_status_deadline_idx" ON "DisclosureObligation"("status", "deadline");

-- CreateIndex
CREATE INDEX "CaseComment_caseId_createdAt_idx" ON "CaseComment"("caseId", "createdAt");

-- CreateIndex
CREATE INDEX "Report_caseId_idx" ON "Report"("caseId");

-- CreateIndex
CREATE INDEX "alerts_case_id_idx" ON "alerts"("case_id");

-- AddForeignKey
ALTER TABLE "Report" ADD CONSTRAINT "Report_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "Case"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "CaseTemplate"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_mergedIntoId_fkey" FOREIGN KEY ("mergedIntoId") REFERENCES "Case"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseMember" ADD CONSTRAINT "CaseMember_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseMember" ADD CONSTRAINT "CaseMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseTimelineEntry" ADD CONSTRAINT "CaseTimelineEntry_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseTask" ADD CONSTRAINT "CaseTask_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseTaskComment" ADD CONSTRAINT "CaseTaskComment_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "CaseTask"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseObservable" ADD CONSTRAINT "CaseObservable_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseEvidence" ADD CONSTRAINT "CaseEvidence_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DisclosureObligation" ADD CONSTRAINT "DisclosureObligation_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseComment" ADD CONSTRAINT "CaseComment_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;
