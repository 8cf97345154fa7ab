// `npm run db:seed -- --demo` creates a user for every role and prints working credentials.
import { spawnSync } from "node:child_process";
import { stripVTControlCharacters } from "node:util";
import { describe, expect, it } from "vitest";
import { authenticatePassword } from "@/lib/auth/authenticate-password";
import { ROOT } from "../support/db-helpers";

describe("db:seed --demo", () => {
  it("creates demo users for every role and prints their passwords", async () => {
    const run = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "prisma/seed.ts", "--demo"], {
      cwd: ROOT,
      env: process.env,
      encoding: "utf8",
    });
    expect(run.status, run.stderr).toBe(0);
    const rows = [...stripVTControlCharacters(run.stdout).matchAll(/'([^']+@demo\.countersign\.local)'\s*│\s*'([A-Z,]+)'\s*│\s*'(\S+)'/g)];
    expect(rows.map((r) => r[2])).toEqual(["EMPLOYEE", "EMPLOYEE,SECURITY", "EMPLOYEE,COO", "EMPLOYEE,ADMIN", "EMPLOYEE,SECURITY,ADMIN"]);
    const [, email, , password] = rows[2]!;
    await expect(authenticatePassword({ email, password, context: {} })).resolves.toMatchObject({ roles: ["EMPLOYEE", "COO"] });
  });
});
