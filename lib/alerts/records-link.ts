// Where the records behind an alert's event can be read: a windowed rule's event is a summary of
// a window (a scan, a spike, a new port, sign-in failures), so its page links to the log
// explorer filtered to that window and entity, when the viewer may open that explorer (what they
// may is asked of lib/auth by the caller). Pure.

type EventLike = { kind: string; data: unknown };
type AlertLike = { entityType: string | null; entity: string | null; deviceNodeId: string | null };
/** The rule as far as links go: what it reads, and whether it reads behind its window (then its window is not where its records are). */
type RuleLike = { logType: string; readsBehind: boolean } | null;
/** The explorers the viewer may open: the flow log (logs.read), Countersign's own trail (audit.view). */
export type MayOpen = { flowLog: boolean; trail: boolean };

const obj = (v: unknown): Record<string, unknown> | null => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null);
const str = (v: unknown): string | null => (typeof v === "string" && v ? v : null);

export type RecordsLink = { href: string; label: string };

/** The explorer link for an event's records, or null when there is none (audit events link by id). */
export function recordsLinkOf(event: EventLike, alert: AlertLike, rule: RuleLike, may: MayOpen): RecordsLink | null {
  const data = obj(event.data);
  if (!data) return null;
  if (event.kind === "flow" && may.flowLog) {
    const node = str(data.nodeId);
    const from = str(data.windowStart);
    if (!node || !from) return null;
    const to = str(data.windowEnd) ?? from;
    return { href: `/logs/flows?${new URLSearchParams({ node, from, to })}`, label: "In the flow log" };
  }
  const window = obj(data.window);
  const from = str(window?.from);
  const to = str(window?.to);
  if (!from || !to) return null;
  if (!rule || rule.readsBehind) return null;
  if (event.kind === "window" && rule.logType === "flow" && may.flowLog) {
    const params = new URLSearchParams({ from, to });
    if (alert.deviceNodeId) params.set("node", alert.deviceNodeId);
    else if (alert.entityType === "address" && alert.entity) params.set("ip", alert.entity);
    return { href: `/logs/flows?${params}`, label: "The window's flow records" };
  }
  if (event.kind === "app" && rule.logType === "app" && may.trail) return { href: `/admin/audit?${new URLSearchParams({ action: "auth.", from, to })}`, label: "The window's sign-in records" };
  return null;
}
