import "server-only";
// What runs after a batch of audit events is committed. The detections engine hooks in here.
export async function runRealtimeDetections(auditIds: string[]): Promise<void> {
  void auditIds;
}
