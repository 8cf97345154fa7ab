// The audit trail: written with each change, readable only as far as visibility allows,
// append-only in the database, and `countersign audit verify` catches any edit made anyway.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { appendAudit } from "@/lib/audit/append-audit";
import { listAudit } from "@/lib/audit/list-audit";
import { verifyAuditTrail } from "@/lib/audit/verify-audit";
import { systemViewer, type UserViewer } from "@/lib/auth/viewer";
import type { Role } from "@/lib/generated/prisma/enums";
import { makeUser, runCli } from "../support/db-helpers";

let sql: pg.Client;
beforeAll(async () => {
  sql = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await sql.connect();
});
afterAll(() => sql.end());

const person = (roles: Role[]): UserViewer => ({ kind: "user", id: `v-${roles.join("-")}`, email: "v@example.com", name: "V", roles: ["EMPLOYEE", ...roles] });

describe("audit trail", () => {
  it("chains concurrent writers without gaps or forks", async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db.$transaction((tx) => appendAudit(tx, systemViewer(), { action: "test.concurrent", targetType: "Test", targetId: String(i) })),
      ),
    );
    const result = await verifyAuditTrail();
    expect(result).toMatchObject({ ok: true });
  });

  it("writes nothing when the change rolls back", async () => {
    const before = await db.auditLog.count();
    await expect(
      db.$transaction(async (tx) => {
        await appendAudit(tx, systemViewer(), { action: "test.rolled_back", targetType: "Test" });
        throw new Error("change failed");
      }),
    ).rejects.toThrow("change failed");
    expect(await db.auditLog.count()).toBe(before);
  });

  it("hides rows about sealed records from viewers who may not see their class", async () => {
    for (const visibility of ["STANDARD", "SENSITIVE", "COO_ONLY"] as const) {
      await db.$transaction((tx) =>
        appendAudit(tx, systemViewer(), { action: "test.sealed", targetType: "Report", targetId: `r-${visibility}`, targetVisibility: visibility }),
      );
    }
    const seen = async (roles: Role[]) =>
      (await listAudit({ viewer: person(roles), filter: { action: "test.sealed", page: 1 } })).rows.map((r) => r.targetVisibility).sort();
    expect(await seen(["ADMIN"])).toEqual([]);
    expect(await seen(["SECURITY"])).toEqual(["SENSITIVE", "STANDARD"]);
    expect(await seen(["COO", "ADMIN"])).toEqual(["COO_ONLY", "SENSITIVE", "STANDARD"]);
    await expect(listAudit({ viewer: person(["COO"]), filter: { page: 1 } })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("refuses UPDATE, DELETE and TRUNCATE in the database itself", async () => {
    await expect(sql.query(`UPDATE "AuditLog" SET action = 'x' WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(sql.query(`DELETE FROM "AuditLog" WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(sql.query(`TRUNCATE "AuditLog"`)).rejects.toThrow(/append-only/);
  });

  it("`audit verify` passes untouched, and names the first record edited by hand", async () => {
    await makeUser(["SECURITY"]);
    const ok = runCli(["audit", "verify"]);
    expect(ok.stderr).toBe("");
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/Audit trail OK: \d+ records, head #\d+ [0-9a-f]{64}/);

    const { rows } = await sql.query(`SELECT seq, "actorLabel" FROM "AuditLog" ORDER BY seq LIMIT 1 OFFSET 3`);
    const target = rows[0] as { seq: number; actorLabel: string };
    await sql.query(`ALTER TABLE "AuditLog" DISABLE TRIGGER "AuditLog_append_only"`);
    try {
      await sql.query(`UPDATE "AuditLog" SET "actorLabel" = 'someone-else' WHERE seq = $1`, [target.seq]);
      const broken = runCli(["audit", "verify"]);
      expect(broken.code).toBe(1);
      expect(broken.stderr).toContain(`Audit trail BROKEN at record #${target.seq}`);

      // Deleting a record is found too.
      await sql.query(`UPDATE "AuditLog" SET "actorLabel" = $2 WHERE seq = $1`, [target.seq, target.actorLabel]);
      expect(runCli(["audit", "verify"]).code).toBe(0);
      const saved = await sql.query(`SELECT * FROM "AuditLog" WHERE seq = $1`, [target.seq + 1]);
      await sql.query(`DELETE FROM "AuditLog" WHERE seq = $1`, [target.seq + 1]);
      const gap = runCli(["audit", "verify"]);
      expect(gap.code).toBe(1);
      expect(gap.stderr).toMatch(new RegExp(`BROKEN at record #${target.seq + 2}: records ${target.seq + 1}\\.\\.${target.seq + 1} are missing`));
      const row = saved.rows[0];
      const columns = Object.keys(row).map((c) => `"${c}"`).join(", ");
      const values = Object.keys(row).map((_, i) => `$${i + 1}`).join(", ");
      await sql.query(`INSERT INTO "AuditLog" (${columns}) VALUES (${values})`, Object.values(row).map((v) => (v && typeof v === "object" && !(v instanceof Date) ? JSON.stringify(v) : v)));
    } finally {
      await sql.query(`ALTER TABLE "AuditLog" ENABLE TRIGGER "AuditLog_append_only"`);
    }
    expect(runCli(["audit", "verify"]).code).toBe(0);
  });
});
