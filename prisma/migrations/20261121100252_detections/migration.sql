-- CreateEnum
CREATE TYPE "Severity" AS ENUM ('INFO', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL');

-- CreateEnum
CREATE TYPE "AlertStatus" AS ENUM ('OPEN', 'ACKNOWLEDGED', 'LINKED', 'DISMISSED');

-- CreateEnum
CREATE TYPE "AlertDismissal" AS ENUM ('FALSE_POSITIVE', 'BENIGN', 'EXPECTED');

-- CreateTable
CREATE TABLE "alerts" (
    "id" SERIAL NOT NULL,
    "rule_id" TEXT NOT NULL,
    "severity" "Severity" NOT NULL,
    "title" TEXT NOT NULL,
    "dedup_key" TEXT NOT NULL,
    "status" "AlertStatus" NOT NULL DEFAULT 'OPEN',
    "dismissal" "AlertDismissal",
    "dismiss_reason" TEXT,
    "assignee_id" TEXT,
    "first_seen_at" TIMESTAMPTZ(6) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(6) NOT NULL,
    "dedup_until" TIMESTAMPTZ(6) NOT NULL,
    "event_count" INTEGER NOT NULL DEFAULT 0,
    "context" JSONB NOT NULL DEFAULT '{}',
    "matched_fields" TEXT[],
    "entity_type" TEXT,
    "entity" TEXT,
    "device_node_id" TEXT,
    "user_login" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,
    "acknowledged_at" TIMESTAMPTZ(6),
    "dismissed_at" TIMESTAMPTZ(6),
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "alerts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_events" (
    "id" BIGSERIAL NOT NULL,
    "alert_id" INTEGER NOT NULL,
    "event_key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "event_time" TIMESTAMPTZ(6) NOT NULL,
    "is_related" BOOLEAN NOT NULL DEFAULT false,
    "matched_fields" TEXT[],
    "data" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alert_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "detection_matches" (
    "id" BIGSERIAL NOT NULL,
    "rule_id" TEXT NOT NULL,
    "severity" "Severity" NOT NULL,
    "title" TEXT NOT NULL,
    "dedup_key" TEXT NOT NULL,
    "dedup_minutes" INTEGER NOT NULL,
    "event_key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "event_time" TIMESTAMPTZ(6) NOT NULL,
    "is_related" BOOLEAN NOT NULL DEFAULT false,
    "matched_fields" TEXT[],
    "data" JSONB NOT NULL,
    "context" JSONB NOT NULL,
    "entity_type" TEXT,
    "entity" TEXT,
    "device_node_id" TEXT,
    "user_login" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "detection_matches_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_suppressions" (
    "id" SERIAL NOT NULL,
    "rule_id" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "created_by_id" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(6) NOT NULL,
    "revoked_at" TIMESTAMPTZ(6),
    "silenced_count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "alert_suppressions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "detection_watermarks" (
    "rule_id" TEXT NOT NULL,
    "evaluated_to" TIMESTAMPTZ(6) NOT NULL,
    "started_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_run_at" TIMESTAMPTZ(6),
    "last_duration_ms" INTEGER,
    "last_error" TEXT,

    CONSTRAINT "detection_watermarks_pkey" PRIMARY KEY ("rule_id")
);

-- CreateTable
CREATE TABLE "listening_ports" (
    "address" INET NOT NULL,
    "proto" SMALLINT NOT NULL,
    "port" INTEGER NOT NULL,
    "first_seen_at" TIMESTAMPTZ(6) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "listening_ports_pkey" PRIMARY KEY ("address","proto","port")
);

-- CreateTable
CREATE TABLE "flow_baselines" (
    "pair_key" TEXT NOT NULL,
    "avg_bytes" DOUBLE PRECISION NOT NULL,
    "windows" INTEGER NOT NULL,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "flow_baselines_pkey" PRIMARY KEY ("pair_key")
);

-- CreateIndex
CREATE INDEX "alerts_rule_id_dedup_key_dedup_until_idx" ON "alerts"("rule_id", "dedup_key", "dedup_until");

-- CreateIndex
CREATE INDEX "alerts_status_severity_last_seen_at_idx" ON "alerts"("status", "severity", "last_seen_at" DESC);

-- CreateIndex
CREATE INDEX "alerts_last_seen_at_id_idx" ON "alerts"("last_seen_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "alerts_created_at_idx" ON "alerts"("created_at");

-- CreateIndex
CREATE INDEX "alerts_device_node_id_idx" ON "alerts"("device_node_id");

-- CreateIndex
CREATE INDEX "alerts_user_login_idx" ON "alerts"("user_login");

-- CreateIndex
CREATE INDEX "alert_events_alert_id_event_time_idx" ON "alert_events"("alert_id", "event_time");

-- CreateIndex
CREATE UNIQUE INDEX "alert_events_alert_id_event_key_key" ON "alert_events"("alert_id", "event_key");

-- CreateIndex
CREATE INDEX "alert_suppressions_rule_id_entity_idx" ON "alert_suppressions"("rule_id", "entity");

-- AddForeignKey
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_assignee_id_fkey" FOREIGN KEY ("assignee_id") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_events" ADD CONSTRAINT "alert_events_alert_id_fkey" FOREIGN KEY ("alert_id") REFERENCES "alerts"("id") ON DELETE CASCADE ON UPDATE CASCADE;
