// A policy file change (target property ACL) read back from a real database: the event page's
// line diff of the two HuJSON texts, and no diff for other properties.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserViewer } from "@/lib/auth/viewer";
import { ingestStream } from "@/lib/ingest/ingest";
import { closeIngestPool } from "@/lib/ingest/pg-pool";
import { findOrCreateSource } from "@/lib/ingest/sources";
import { ZAuditEventFilter } from "@/lib/logs/filters";
import { getAuditEventOrThrow } from "@/lib/logs/get-audit-event";
import { listAuditEvents } from "@/lib/logs/list-audit-events";
import { auditRecord } from "../support/tailscale-records";

const security: UserViewer = { kind: "user", id: "test", email: "test@example.com", name: "Test", roles: ["EMPLOYEE", "SECURITY"] };
const run = randomBytes(4).toString("hex");
const actor = `policy-${run}@example.com`;

// Two small HuJSON policies: comments and trailing commas, one rule narrowed, one test added.
const POLICY_BEFORE = `// Example tailnet policy
{
  "groups": {
    "group:eng": ["alice@example.com", "bob@example.com"],
  },
  "tagOwners": {
    "tag:prod": ["group:eng"],
  },
  "acls": [
    // Everyone in eng reaches everything.
    {"action": "accept", "src": ["group:eng"], "dst": ["*:*"]},
  ],
  "ssh": [
    {"action": "check", "src": ["group:eng"], "dst": ["tag:prod"], "users": ["root"]},
  ],
}
`;
const POLICY_AFTER = POLICY_BEFORE.replace(
  `    // Everyone in eng reaches everything.\n    {"action": "accept", "src": ["group:eng"], "dst": ["*:*"]},`,
  `    // eng reaches production on HTTPS only.\n    {"action": "accept", "src": ["group:eng"], "dst": ["tag:prod:443"]},`,
).replace(/  \],\n\}\n$/, `  ],\n  "tests": [\n    {"src": "alice@example.com", "accept": ["tag:prod:443"], "deny": ["tag:prod:22"]},\n  ],\n}\n`);

const ids: Record<string, string> = {};

beforeAll(async () => {
  const { id: sourceId } = await findOrCreateSource(`policy-diff-test-${run}`, "IMPORT");
  const who = { id: `u${run}`, type: "USER", loginName: actor, displayName: "Policy Tester" };
  const tailnet = { id: "example.com", name: "example.com", type: "TAILNET" };
  const at = Date.now() - 10 * 60_000;
  const records = [
    auditRecord({ actor: who, action: "UPDATE", target: { ...tailnet, property: "ACL" }, old: POLICY_BEFORE, new: POLICY_AFTER }, at),
    auditRecord({ actor: who, action: "CREATE", target: { ...tailnet, property: "ACL" }, old: null, new: POLICY_BEFORE }, at + 1000),
    auditRecord({ actor: who, action: "DISABLE", target: { ...tailnet, property: "MAGIC_DNS" }, old: true, new: false }, at + 2000),
  ];
  await ingestStream([Buffer.from(records.map((r) => JSON.stringify(r)).join("\n"))], { sourceId });
  const { events } = await listAuditEvents({ viewer: security, filter: ZAuditEventFilter.parse({ actor }) });
  for (const e of events) ids[e.action] = e.id;
});
afterAll(() => closeIngestPool());

describe("policy file diff", () => {
  it("gives the changed lines of an ACL change with both line numbers, the rest folded around three lines of context", async () => {
    const { event, policyDiff } = await getAuditEventOrThrow({ viewer: security, id: ids.UPDATE! });
    expect(event.old).toBe(POLICY_BEFORE);
    if (!policyDiff || "tooDifferent" in policyDiff) throw new Error("expected a line diff");
    expect(policyDiff).toMatchObject({ added: 5, removed: 2 });
    const changed = policyDiff.blocks.flatMap((b) => b.lines).filter((l) => l.kind !== "same");
    expect(changed).toEqual([
      { kind: "removed", oldNo: 10, newNo: null, text: "    // Everyone in eng reaches everything." },
      { kind: "removed", oldNo: 11, newNo: null, text: `    {"action": "accept", "src": ["group:eng"], "dst": ["*:*"]},` },
      { kind: "added", oldNo: null, newNo: 10, text: "    // eng reaches production on HTTPS only." },
      { kind: "added", oldNo: null, newNo: 11, text: `    {"action": "accept", "src": ["group:eng"], "dst": ["tag:prod:443"]},` },
      { kind: "added", oldNo: null, newNo: 16, text: `  "tests": [` },
      { kind: "added", oldNo: null, newNo: 17, text: `    {"src": "alice@example.com", "accept": ["tag:prod:443"], "deny": ["tag:prod:22"]},` },
      { kind: "added", oldNo: null, newNo: 18, text: "  ]," },
    ]);
    // Lines 1-6 fold away; 7-9 are the context above the first change.
    expect(policyDiff.blocks.map((b) => [b.kind, b.lines[0]!.oldNo ?? b.lines[0]!.newNo])).toEqual([
      ["collapsed", 1],
      ["shown", 7],
    ]);
    expect(policyDiff.blocks[0]!.lines).toHaveLength(6);
  });

  it("shows a first policy as all added, and no diff for other properties", async () => {
    const first = await getAuditEventOrThrow({ viewer: security, id: ids.CREATE! });
    expect(first.policyDiff).toMatchObject({ added: POLICY_BEFORE.trimEnd().split("\n").length, removed: 0 });
    expect((await getAuditEventOrThrow({ viewer: security, id: ids.DISABLE! })).policyDiff).toBeNull();
  });
});
