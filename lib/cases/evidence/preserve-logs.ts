import "server-only";
// "Preserve logs": the Tailscale audit events and flow records of a time range that concern a set
// of devices, copied into the case as one LOG_EXPORT item (gzip-compressed NDJSON) so they outlive
// log retention. Each line is `{"type":"audit"|"flow","record":{…}}` with the row as stored;
// the manifest lists every line's SHA-256, the count and the SHA-256 of all record lines together
// (the uncompressed NDJSON before the final manifest line). Streamed in pages; refused above a cap.
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { createGzip } from "node:zlib";
import { z } from "zod";
import { db } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { findVisibleCaseId } from "../case-records";
import { commitEvidence } from "./add-evidence";
import { evidenceConfig } from "./config";
import { discard, receiveToTemp } from "./store";

const PAGE = 2000;
const MAX_DEVICES = 50;
const NODE_ID = /^n[A-Za-z0-9]{4,40}CNTRL$/;

export const ZPreserveLogs = z
  .object({
    from: z.coerce.date({ error: "Give the start as a date and time." }),
    to: z.coerce.date({ error: "Give the end as a date and time." }),
    devices: z.array(z.string().trim().min(1).max(200)).min(1, "Pick at least one device.").max(MAX_DEVICES, `At most ${MAX_DEVICES} devices at once.`),
    include: z.array(z.enum(["audit", "flow"])).min(1, "Include audit events, flow records or both.").default(["audit", "flow"]),
    description: z.string().trim().max(2000).optional(),
  })
  .strict()
  .refine((v) => v.from.getTime() < v.to.getTime(), { message: "The end must be after the start.", path: ["to"] });
export type PreserveLogsInput = z.input<typeof ZPreserveLogs>;

type Device = { nodeId: string; name: string | null; addresses: string[] };

/** Node ids or names (full MagicDNS name or its first label) to known devices; unknown ones are named in the error. */
export async function resolveDevices(keys: string[]): Promise<Device[]> {
  const lowered = [...new Set(keys.map((k) => k.toLowerCase()))];
  const rows = await db.$queryRaw<Device[]>`
    SELECT node_id AS "nodeId", name, addresses FROM devices
    WHERE lower(node_id) = ANY(${lowered}) OR lower(name) = ANY(${lowered}) OR lower(split_part(name, '.', 1)) = ANY(${lowered})`;
  const known = (k: string) => rows.some((d) => d.nodeId.toLowerCase() === k || d.name?.toLowerCase() === k || d.name?.toLowerCase().split(".")[0] === k);
  // A stable node id the inventory has not seen (a device that only shows in the audit log) is taken as given.
  for (const key of keys) {
    if (NODE_ID.test(key) && !known(key.toLowerCase())) rows.push({ nodeId: key, name: null, addresses: [] });
  }
  const unknown = lowered.filter((k) => !known(k));
  if (unknown.length) {
    throw new AppError("INVALID_INPUT", `No device is known as ${unknown.map((k) => `"${k}"`).join(", ")}.`, { fieldErrors: { devices: [`Unknown: ${unknown.join(", ")}`] } });
  }
  return rows;
}

function conditions(devices: Device[], from: Date, to: Date) {
  const ids = devices.map((d) => d.nodeId);
  const names = devices.map((d) => d.name).filter((n): n is string => !!n);
  const addresses = [...new Set(devices.flatMap((d) => d.addresses.map((a) => a.replace(/\/\d+$/, ""))))];
  const audit = Prisma.sql`event_time >= ${from} AND event_time < ${to} AND (target_id = ANY(${ids}) OR actor_id = ANY(${ids}) OR target_name = ANY(${names}))`;
  const flow = Prisma.sql`window_start >= ${from} AND window_start < ${to} AND (node_id = ANY(${ids})${addresses.length ? Prisma.sql` OR host(src_ip) = ANY(${addresses}) OR host(dst_ip) = ANY(${addresses})` : Prisma.empty})`;
  return { audit, flow };
}

async function* recordLines(where: { audit: Prisma.Sql; flow: Prisma.Sql }, include: Set<string>) {
  if (include.has("audit")) {
    let cursor: { micros: bigint; id: bigint } | null = null;
    for (;;) {
      const after: Prisma.Sql = cursor ? Prisma.sql`AND (event_time, id) > (timestamptz 'epoch' + ${cursor.micros}::bigint * interval '1 microsecond', ${cursor.id}::bigint)` : Prisma.empty;
      const rows: { micros: bigint; id: bigint; json: string }[] = await db.$queryRaw`
        SELECT (extract(epoch from event_time) * 1000000)::bigint AS micros, id, row_to_json(a)::text AS json
        FROM audit_events a WHERE ${where.audit} ${after} ORDER BY event_time, id LIMIT ${PAGE}`;
      for (const r of rows) yield { type: "audit", line: `{"type":"audit","record":${r.json}}` };
      if (rows.length < PAGE) break;
      const last = rows.at(-1)!;
      cursor = { micros: last.micros, id: last.id };
    }
  }
  if (include.has("flow")) {
    let cursor: { micros: bigint; key: bigint } | null = null;
    for (;;) {
      const after: Prisma.Sql = cursor ? Prisma.sql`AND (window_start, entry_hash) > (timestamptz 'epoch' + ${cursor.micros}::bigint * interval '1 microsecond', ${cursor.key}::bigint)` : Prisma.empty;
      const rows: { micros: bigint; key: bigint; json: string }[] = await db.$queryRaw`
        SELECT (extract(epoch from window_start) * 1000000)::bigint AS micros, entry_hash AS key, row_to_json(f)::text AS json
        FROM flow_records f WHERE ${where.flow} ${after} ORDER BY window_start, entry_hash LIMIT ${PAGE}`;
      for (const r of rows) yield { type: "flow", line: `{"type":"flow","record":${r.json}}` };
      if (rows.length < PAGE) break;
      const last = rows.at(-1)!;
      cursor = { micros: last.micros, key: last.key };
    }
  }
}

export type LogManifest = { count: number; audit: number; flow: number; sha256: string; from: string; to: string; devices: { nodeId: string; name: string | null }[] };

export async function preserveLogs({ viewer, reference, input, now = new Date() }: { viewer: Viewer; reference: string; input: unknown; now?: Date }) {
  await findVisibleCaseId(db, viewer, reference);
  assertCan(viewer, "logs.read");
  const parsed = parseInput(ZPreserveLogs, input);
  const devices = await resolveDevices(parsed.devices);
  const where = conditions(devices, parsed.from, parsed.to);
  const include = new Set(parsed.include);
  const config = evidenceConfig();

  const [auditCount, flowCount] = await Promise.all([
    include.has("audit") ? db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM audit_events WHERE ${where.audit}`.then((r) => Number(r[0]?.n ?? 0)) : 0,
    include.has("flow") ? db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM flow_records WHERE ${where.flow}`.then((r) => Number(r[0]?.n ?? 0)) : 0,
  ]);
  const total = auditCount + flowCount;
  if (total === 0) throw new AppError("INVALID_INPUT", "No audit events or flow records of these devices in that time range: nothing to preserve.");
  if (total > config.preserveMaxRecords) {
    throw new AppError("INVALID_INPUT", `That range holds ${total} records; one export takes at most ${config.preserveMaxRecords} (EVIDENCE_PRESERVE_MAX_RECORDS). Narrow the time range or the devices and preserve it in parts.`, { count: total, max: config.preserveMaxRecords });
  }

  const overall = createHash("sha256");
  const manifestLines: string[] = [];
  const counts = { audit: 0, flow: 0 };
  const header = { from: parsed.from.toISOString(), to: parsed.to.toISOString(), devices: devices.map((d) => ({ nodeId: d.nodeId, name: d.name })) };
  async function* ndjson() {
    for await (const { type, line } of recordLines(where, include)) {
      const text = `${line}\n`;
      overall.update(text);
      const sha = createHash("sha256").update(line).digest("hex");
      counts[type as "audit" | "flow"]++;
      manifestLines.push(`${sha}  ${type}  #${counts.audit + counts.flow}`);
      yield Buffer.from(text);
    }
    const manifest = { ...header, count: counts.audit + counts.flow, audit: counts.audit, flow: counts.flow, sha256: overall.copy().digest("hex") };
    yield Buffer.from(`${JSON.stringify({ type: "manifest", manifest })}\n`);
  }
  const gzip = createGzip();
  const source = Readable.from(ndjson());
  source.on("error", (error) => gzip.destroy(error));
  let received;
  try {
    received = await receiveToTemp(source.pipe(gzip), config);
  } catch (error) {
    if (error instanceof AppError && error.code === "PAYLOAD_TOO_LARGE") {
      throw new AppError("INVALID_INPUT", `The export would be larger than the evidence limit (EVIDENCE_MAX_BYTES). Narrow the time range or the devices.`);
    }
    throw error;
  }
  try {
    const manifest: LogManifest = { ...header, count: counts.audit + counts.flow, audit: counts.audit, flow: counts.flow, sha256: overall.digest("hex") };
    const names = devices.map((d) => d.name?.split(".")[0] ?? d.nodeId).join("-").replace(/[^\w.-]+/g, "_").slice(0, 80);
    const stamp = (d: Date) => d.toISOString().replace(/[:]/g, "").replace(/\.\d+Z$/, "Z");
    const text = [
      `Preserved Tailscale logs ${manifest.from} to ${manifest.to}`,
      `Devices: ${manifest.devices.map((d) => `${d.name ?? "?"} (${d.nodeId})`).join(", ")}`,
      `Records: ${manifest.count} (${manifest.audit} audit events, ${manifest.flow} flow records)`,
      `Overall SHA-256 of the record lines: ${manifest.sha256}`,
      ...manifestLines,
    ].join("\n");
    return await commitEvidence({
      viewer,
      reference,
      received,
      name: `logs-${names}-${stamp(parsed.from)}-${stamp(parsed.to)}.ndjson.gz`,
      description: parsed.description ?? null,
      kind: "LOG_EXPORT",
      contentType: "application/gzip",
      text,
      meta: { manifest },
      now,
    });
  } finally {
    await discard(received);
  }
}
