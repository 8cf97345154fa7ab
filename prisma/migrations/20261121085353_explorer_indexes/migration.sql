-- Indexes for the config log explorer on a million events (scripts/bench/explorer.ts): the
-- list's exact order, the rare-value filters, and trigram indexes for its "contains" filters.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- DropIndex
DROP INDEX "audit_events_event_time_idx";

-- CreateIndex
CREATE INDEX "audit_events_event_time_id_idx" ON "audit_events"("event_time" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "audit_events_actor_type_event_time_idx" ON "audit_events"("actor_type", "event_time" DESC);

-- CreateIndex
CREATE INDEX "audit_events_actor_id_idx" ON "audit_events"("actor_id");

-- CreateIndex
CREATE INDEX "audit_events_event_group_id_idx" ON "audit_events"("event_group_id");

-- CreateIndex
CREATE INDEX "audit_events_actor_login_trgm_idx" ON "audit_events" USING GIN ("actor_login" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "audit_events_actor_name_trgm_idx" ON "audit_events" USING GIN ("actor_name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "audit_events_target_name_trgm_idx" ON "audit_events" USING GIN ("target_name" gin_trgm_ops);

-- Not expressible in schema.prisma: failed changes (rare) newest first, and the free-text
-- search over every text the explorer's `q` looks in, joined by a separator no filter accepts.
CREATE INDEX "audit_events_failed_event_time_idx" ON "audit_events"("event_time" DESC) WHERE "error" IS NOT NULL;
CREATE INDEX "audit_events_search_trgm_idx" ON "audit_events" USING GIN ((
  coalesce("actor_login", '') || E'\x1f' || coalesce("actor_name", '') || E'\x1f' || coalesce("actor_id", '') || E'\x1f' ||
  coalesce("target_id", '') || E'\x1f' || coalesce("target_name", '') || E'\x1f' || coalesce("action_details", '') || E'\x1f' || coalesce("error", '')
) gin_trgm_ops);
