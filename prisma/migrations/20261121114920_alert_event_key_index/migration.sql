-- CreateIndex
CREATE INDEX "alert_events_event_key_idx" ON "alert_events"("event_key");
