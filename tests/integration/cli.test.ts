// The administration CLI, run as a person runs it: exit codes, output, and bad input.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { compress as zstdCompress, init as zstdInit } from "@bokuweb/zstd-wasm";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { viewerFromToken } from "@/lib/tokens/api-tokens";
import { makeUser, runCli, uniqueEmail } from "../support/db-helpers";
import { auditRecord, flowRecord } from "../support/tailscale-records";

describe("countersign CLI", () => {
  it("creates, lists, re-roles and disables users, and creates tokens", async () => {
    await makeUser(["ADMIN"]); // so that the user below is not the last administrator
    const email = uniqueEmail("cli");
    const created = runCli(["user", "create", "--email", email, "--name", "Cli User", "--roles", "security,coo"]);
    expect(created.code).toBe(0);
    expect(created.stdout).toContain(`Created ${email} (EMPLOYEE, SECURITY, COO)`);
    expect(created.stdout).toMatch(/One-time password: \S{24}/);

    const list = runCli(["user", "list", "--json"]);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual(expect.arrayContaining([expect.objectContaining({ email, roles: ["EMPLOYEE", "SECURITY", "COO"] })]));

    const roles = runCli(["user", "set-roles", "--email", email, "--roles", "ADMIN"]);
    expect(roles.stdout).toContain(`${email}: EMPLOYEE, ADMIN`);

    const token = runCli(["token", "create", "--user", email, "--name", "ci"]);
    expect(token.code).toBe(0);
    expect(token.stdout.trim()).toMatch(/^cs_[A-Za-z0-9_-]{43}$/);

    expect(runCli(["user", "disable", "--email", email]).stdout).toContain(`${email} is disabled.`);
    await expect(viewerFromToken(token.stdout.trim(), {})).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("answers bad input with a message and a non-zero exit, never a stack trace", async () => {
    const cases = [
      { args: ["user", "create", "--email", "nope", "--name", "x"], message: /Error: email: Enter a valid email address/ },
      { args: ["user", "create", "--email", uniqueEmail(), "--name", "x", "--roles", "GOD"], message: /"GOD" is not a role/ },
      { args: ["user", "set-roles", "--email", "ghost@example.com", "--roles", "COO"], message: /No such user/ },
      { args: ["token", "create", "--user", "ghost@example.com", "--name", "x"], message: /No such user/ },
      { args: ["user", "create", "--email", uniqueEmail(), "--name", "x", "--password", "short"], message: /at least 12 characters/ },
    ];
    for (const { args, message } of cases) {
      const run = runCli(args);
      expect(run.code, args.join(" ")).toBe(1);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toMatch(/\bat .*\.ts:\d+/);
    }
    const usage = runCli(["user", "frobnicate"]);
    expect(usage.code).toBe(2);
    const badUrl = runCli(["user", "list"], { DATABASE_URL: "mysql://nope" });
    expect(badUrl.code).toBe(1);
    expect(badUrl.stderr).toMatch(/DATABASE_URL: must be a PostgreSQL URL/);
    const unreachable = runCli(["user", "list"], { DATABASE_URL: "postgresql://u:secret@127.0.0.1:1/x" });
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toMatch(/Cannot connect to the database at postgresql:\/\/u:\*\*\*@127\.0\.0\.1:1\/x/);
    expect(await db.user.count({ where: { email: "nope" } })).toBe(0);
  });

  it("imports a folder laid out as Tailscale's S3 export (.ndjson, .gz, .zst) with a summary, and again as duplicates", async () => {
    await zstdInit();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "countersign-import-"));
    const day = path.join(dir, "2026", "06", "01");
    fs.mkdirSync(day, { recursive: true });
    const audits = [auditRecord(), auditRecord()];
    const flow = flowRecord({ node: `nImport${Date.now()}CNTRL`, entries: 2 });
    fs.writeFileSync(path.join(day, "2026-06-01-00-00-00.ndjson"), `${JSON.stringify(audits[0])}\n{broken\n`);
    fs.writeFileSync(path.join(day, "2026-06-01-00-01-00.ndjson.gz"), gzipSync(JSON.stringify(audits[1])));
    fs.writeFileSync(path.join(day, "2026-06-01-00-02-00.ndjson.zst"), Buffer.from(zstdCompress(Buffer.from(JSON.stringify(flow)), 3)));
    fs.writeFileSync(path.join(day, "notes.md"), "not imported");
    const source = `s3-${Date.now()}`;
    try {
      const first = runCli(["import", dir, "--source", source]);
      expect(first.code, first.stderr).toBe(0);
      expect(first.stdout).toContain("read 4 records · stored 5 (2 audit events, 3 flow entries) · duplicates 0 · quarantined 1");
      expect(first.stderr).toMatch(/100% \| .* \| 4 records \| 3\/3 files/);
      const stored = await db.auditEvent.count({ where: { eventGroupId: { in: audits.map((a) => a.eventGroupID) }, sourceId: (await db.ingestSource.findUniqueOrThrow({ where: { name: source } })).id } });
      expect(stored).toBe(2);
      const again = runCli(["import", dir, "--source", source]);
      expect(again.stdout).toContain("stored 0 (0 audit events, 0 flow entries) · duplicates 5 · quarantined 1");
      const missing = runCli(["import", path.join(dir, "nope")]);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toMatch(/No such file or folder/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
