-- CreateEnum
CREATE TYPE "IntegrityOutcome" AS ENUM ('COUNTERSIGNED', 'MISMATCHED', 'ONE_SIDED');

-- CreateTable
CREATE TABLE "integrity_buckets" (
    "bucket" TIMESTAMPTZ(6) NOT NULL,
    "minutes" INTEGER NOT NULL,
    "first_check_at" TIMESTAMPTZ(6) NOT NULL,
    "checked_at" TIMESTAMPTZ(6) NOT NULL,
    "checks" INTEGER NOT NULL DEFAULT 1,
    "entries" INTEGER NOT NULL DEFAULT 0,
    "connections" INTEGER NOT NULL DEFAULT 0,
    "countersigned" INTEGER NOT NULL DEFAULT 0,
    "mismatched" INTEGER NOT NULL DEFAULT 0,
    "one_sided" INTEGER NOT NULL DEFAULT 0,
    "single_sided" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "integrity_buckets_pkey" PRIMARY KEY ("bucket")
);

-- CreateTable
CREATE TABLE "integrity_device_buckets" (
    "node_id" TEXT NOT NULL,
    "bucket" TIMESTAMPTZ(6) NOT NULL,
    "countersigned" INTEGER NOT NULL DEFAULT 0,
    "mismatched" INTEGER NOT NULL DEFAULT 0,
    "silent" INTEGER NOT NULL DEFAULT 0,
    "peer_silent" INTEGER NOT NULL DEFAULT 0,
    "single_sided" INTEGER NOT NULL DEFAULT 0,
    "entries" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "integrity_device_buckets_pkey" PRIMARY KEY ("node_id","bucket")
);

-- CreateTable
CREATE TABLE "integrity_pair_results" (
    "id" BIGSERIAL NOT NULL,
    "bucket" TIMESTAMPTZ(6) NOT NULL,
    "outcome" "IntegrityOutcome" NOT NULL,
    "proto" SMALLINT NOT NULL,
    "low_ip" INET NOT NULL,
    "low_port" INTEGER NOT NULL,
    "high_ip" INET NOT NULL,
    "high_port" INTEGER NOT NULL,
    "low_node_id" TEXT,
    "high_node_id" TEXT,
    "silent_node_id" TEXT,
    "low_tx_pkts" DOUBLE PRECISION NOT NULL,
    "high_rx_pkts" DOUBLE PRECISION NOT NULL,
    "high_tx_pkts" DOUBLE PRECISION NOT NULL,
    "low_rx_pkts" DOUBLE PRECISION NOT NULL,
    "low_tx_bytes" DOUBLE PRECISION NOT NULL,
    "high_rx_bytes" DOUBLE PRECISION NOT NULL,
    "high_tx_bytes" DOUBLE PRECISION NOT NULL,
    "low_rx_bytes" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "integrity_pair_results_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "integrity_device_buckets_bucket_idx" ON "integrity_device_buckets"("bucket");

-- CreateIndex
CREATE INDEX "integrity_pair_results_bucket_idx" ON "integrity_pair_results"("bucket");

-- CreateIndex
CREATE INDEX "integrity_pair_results_low_node_id_bucket_idx" ON "integrity_pair_results"("low_node_id", "bucket");

-- CreateIndex
CREATE INDEX "integrity_pair_results_high_node_id_bucket_idx" ON "integrity_pair_results"("high_node_id", "bucket");
