import "server-only";
// The device inventory as rules see it (owner, tags, addresses), refreshed at most once a minute:
// a rule asking "is this address a tagged server?" must not cost a query per event.
import { ingestPool } from "@/lib/ingest/pg-pool";
import type { KnownDevice } from "./define-rule";

const TTL_MS = 60_000;
const cache = globalThis as unknown as { countersignKnownDevices?: { at: number; value: Promise<KnownDevice[]> } };

export function cachedDevices(): Promise<KnownDevice[]> {
  const hit = cache.countersignKnownDevices;
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
  const value = ingestPool()
    .query<{ node_id: string; name: string | null; addresses: string[]; user_login: string | null; tags: string[] }>(
      "SELECT node_id, name, addresses, user_login, tags FROM devices ORDER BY last_seen_at DESC LIMIT 100000",
    )
    .then(({ rows }) => rows.map((r) => ({ nodeId: r.node_id, name: r.name, addresses: r.addresses, userLogin: r.user_login, tags: r.tags })))
    .catch(() => [] as KnownDevice[]);
  cache.countersignKnownDevices = { at: Date.now(), value };
  return value;
}
