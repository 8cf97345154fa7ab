// The operations behind PATCH /api/v1/alerts/{id} on a real database (the route itself is
// tested over HTTP in tests/e2e/alerts-patch.test.ts): patchAlert takes the version from the body
// or If-Match, or none; the pages' updateAlert still needs the version it showed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { UserViewer } from "@/lib/auth/viewer";
import { patchAlert, updateAlert } from "@/lib/alerts/update-alerts";
import { stopBoss } from "@/lib/jobs/boss";
import { closeIngestPool } from "@/lib/ingest/pg-pool";
import { makeAlert, makeViewer } from "../support/db-helpers";

let security: UserViewer;

beforeAll(async () => {
  security = await makeViewer(["SECURITY"]);
});
afterAll(async () => {
  await stopBoss();
  await closeIngestPool();
});

const stored = (id: number) => db.alert.findUniqueOrThrow({ where: { id } });

describe("the operations behind it", () => {
  it("patchAlert takes If-Match when the body has no version", async () => {
    const alert = await makeAlert();
    expect((await patchAlert({ viewer: security, id: alert.id, input: { status: "ACKNOWLEDGED" }, ifMatch: '"0"' })).version).toBe(1);
    await expect(patchAlert({ viewer: security, id: alert.id, input: { status: "OPEN" }, ifMatch: '"0"' })).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    await expect(patchAlert({ viewer: security, id: alert.id, input: { status: "OPEN" }, ifMatch: "nope" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect((await patchAlert({ viewer: security, id: alert.id, input: { status: "OPEN" } })).version).toBe(2);
  });

  it("the pages' updateAlert still needs the version it showed", async () => {
    const alert = await makeAlert();
    for (const version of [undefined, "abc"]) {
      await expect(updateAlert({ viewer: security, id: alert.id, version, input: { action: "acknowledge" } }), String(version)).rejects.toMatchObject({ code: "INVALID_INPUT" });
    }
    await expect(updateAlert({ viewer: security, id: alert.id, version: "1", input: { action: "acknowledge" } })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await stored(alert.id)).toMatchObject({ status: "OPEN", version: 0 });
  });
});
