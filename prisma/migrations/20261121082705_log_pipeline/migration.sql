-- Log pipeline. audit_events and flow_records are partitioned by day (declarative range
-- partitioning); lib/ingest/partitions.ts creates the daily partitions ahead of time and on
-- demand, and the retention job drops whole partitions.

-- CreateEnum
CREATE TYPE "IngestSourceKind" AS ENUM ('STREAM', 'IMPORT', 'POLLER');

-- CreateEnum
CREATE TYPE "FlowKind" AS ENUM ('VIRTUAL', 'SUBNET', 'EXIT', 'PHYSICAL');

-- CreateTable
CREATE TABLE "ingest_sources" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "IngestSourceKind" NOT NULL,
    "token_hash" TEXT,
    "token_prefix" TEXT,
    "created_by_id" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(6),
    "last_request_at" TIMESTAMPTZ(6),
    "last_record_at" TIMESTAMPTZ(6),
    "last_error_at" TIMESTAMPTZ(6),
    "last_error" TEXT,

    CONSTRAINT "ingest_sources_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ingest_minutes" (
    "source_id" INTEGER NOT NULL,
    "minute" TIMESTAMPTZ(6) NOT NULL,
    "requests" INTEGER NOT NULL DEFAULT 0,
    "records" INTEGER NOT NULL DEFAULT 0,
    "audit_stored" INTEGER NOT NULL DEFAULT 0,
    "flow_stored" INTEGER NOT NULL DEFAULT 0,
    "duplicates" INTEGER NOT NULL DEFAULT 0,
    "quarantined" INTEGER NOT NULL DEFAULT 0,
    "errors" INTEGER NOT NULL DEFAULT 0,
    "bytes" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "ingest_minutes_pkey" PRIMARY KEY ("source_id","minute")
);

-- CreateTable
CREATE TABLE "quarantined_records" (
    "id" BIGSERIAL NOT NULL,
    "source_id" INTEGER,
    "received_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reason" TEXT NOT NULL,
    "raw" TEXT NOT NULL,
    "raw_bytes" INTEGER NOT NULL,

    CONSTRAINT "quarantined_records_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_events" (
    "id" BIGSERIAL NOT NULL,
    "event_time" TIMESTAMPTZ(6) NOT NULL,
    "dedup_key" TEXT NOT NULL,
    "source_id" INTEGER NOT NULL,
    "received_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "logged_at" TIMESTAMPTZ(6),
    "deferred_at" TIMESTAMPTZ(6),
    "record_type" TEXT,
    "event_group_id" TEXT,
    "origin" TEXT,
    "actor_id" TEXT,
    "actor_type" TEXT,
    "actor_login" TEXT,
    "actor_name" TEXT,
    "actor_tags" TEXT[],
    "target_id" TEXT,
    "target_name" TEXT,
    "target_type" TEXT,
    "target_property" TEXT,
    "target_is_ephemeral" BOOLEAN,
    "action" TEXT NOT NULL,
    "old" JSONB,
    "new" JSONB,
    "action_details" TEXT,
    "error" TEXT,
    "extra" JSONB,

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id","event_time")
) PARTITION BY RANGE ("event_time");

-- CreateTable
CREATE TABLE "flow_records" (
    "window_start" TIMESTAMPTZ(6) NOT NULL,
    "entry_hash" BIGINT NOT NULL,
    "window_end" TIMESTAMPTZ(6) NOT NULL,
    "node_id" TEXT NOT NULL,
    "kind" "FlowKind" NOT NULL,
    "proto" SMALLINT,
    "proto_name" TEXT,
    "src_ip" INET,
    "src_port" INTEGER,
    "dst_ip" INET,
    "dst_port" INTEGER,
    "tx_pkts" BIGINT NOT NULL DEFAULT 0,
    "tx_bytes" BIGINT NOT NULL DEFAULT 0,
    "rx_pkts" BIGINT NOT NULL DEFAULT 0,
    "rx_bytes" BIGINT NOT NULL DEFAULT 0,
    "source_id" INTEGER NOT NULL,
    "received_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "flow_records_pkey" PRIMARY KEY ("window_start","entry_hash")
) PARTITION BY RANGE ("window_start");

-- CreateTable
CREATE TABLE "devices" (
    "node_id" TEXT NOT NULL,
    "name" TEXT,
    "addresses" TEXT[],
    "os" TEXT,
    "user_login" TEXT,
    "tags" TEXT[],
    "first_seen_at" TIMESTAMPTZ(6) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(6) NOT NULL,
    "last_record_at" TIMESTAMPTZ(6),
    "last_received_at" TIMESTAMPTZ(6),

    CONSTRAINT "devices_pkey" PRIMARY KEY ("node_id")
);

-- CreateTable
CREATE TABLE "poller_cursors" (
    "log_type" TEXT NOT NULL,
    "cursor" TIMESTAMPTZ(6) NOT NULL,
    "last_run_at" TIMESTAMPTZ(6),
    "last_count" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,

    CONSTRAINT "poller_cursors_pkey" PRIMARY KEY ("log_type")
);

-- CreateIndex
CREATE UNIQUE INDEX "ingest_sources_name_key" ON "ingest_sources"("name");

-- CreateIndex
CREATE UNIQUE INDEX "ingest_sources_token_hash_key" ON "ingest_sources"("token_hash");

-- CreateIndex
CREATE INDEX "ingest_minutes_minute_idx" ON "ingest_minutes"("minute");

-- CreateIndex
CREATE INDEX "quarantined_records_received_at_idx" ON "quarantined_records"("received_at");

-- CreateIndex
CREATE INDEX "quarantined_records_source_id_received_at_idx" ON "quarantined_records"("source_id", "received_at");

-- CreateIndex
CREATE INDEX "audit_events_event_time_idx" ON "audit_events"("event_time" DESC);

-- CreateIndex
CREATE INDEX "audit_events_actor_login_event_time_idx" ON "audit_events"("actor_login", "event_time" DESC);

-- CreateIndex
CREATE INDEX "audit_events_action_event_time_idx" ON "audit_events"("action", "event_time" DESC);

-- CreateIndex
CREATE INDEX "audit_events_target_type_event_time_idx" ON "audit_events"("target_type", "event_time" DESC);

-- CreateIndex
CREATE INDEX "audit_events_target_property_event_time_idx" ON "audit_events"("target_property", "event_time" DESC);

-- CreateIndex
CREATE INDEX "audit_events_origin_event_time_idx" ON "audit_events"("origin", "event_time" DESC);

-- CreateIndex
CREATE INDEX "audit_events_source_id_event_time_idx" ON "audit_events"("source_id", "event_time" DESC);

-- CreateIndex
CREATE INDEX "audit_events_target_id_idx" ON "audit_events"("target_id");

-- CreateIndex
CREATE UNIQUE INDEX "audit_events_dedup_key_event_time_key" ON "audit_events"("dedup_key", "event_time");

-- CreateIndex
CREATE INDEX "flow_records_node_id_window_start_idx" ON "flow_records"("node_id", "window_start");

-- CreateIndex
CREATE INDEX "flow_records_src_ip_idx" ON "flow_records"("src_ip");

-- CreateIndex
CREATE INDEX "flow_records_dst_ip_idx" ON "flow_records"("dst_ip");

-- CreateIndex
CREATE INDEX "devices_last_seen_at_idx" ON "devices"("last_seen_at");

-- AddForeignKey
ALTER TABLE "ingest_minutes" ADD CONSTRAINT "ingest_minutes_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "ingest_sources"("id") ON DELETE CASCADE ON UPDATE CASCADE;
