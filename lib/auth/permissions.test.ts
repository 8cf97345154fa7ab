// The authorization matrix: every permission and visibility class against every role and the
// combinations that matter. Grows with each feature.
import { describe, expect, it } from "vitest";
import type { Role, Visibility } from "@/lib/generated/prisma/enums";
import { can, PERMISSIONS, userCan, usersWithPermissionWhere, type Permission } from "./permissions";
import { canSeeClass, caseWhere, isTightening, mayWorkCaseClass, mayTriageClass, reportReporterWhere, reportTriageWhere, visibleClasses } from "./visibility";
import { systemViewer, type UserViewer } from "./viewer";

const viewer = (...roles: Role[]): UserViewer => ({ kind: "user", id: "u1", email: "u@example.com", name: "U", roles: ["EMPLOYEE", ...roles] });

const PEOPLE = {
  employee: viewer(),
  security: viewer("SECURITY"),
  coo: viewer("COO"),
  admin: viewer("ADMIN"),
  "security+admin": viewer("SECURITY", "ADMIN"),
  "coo+admin": viewer("COO", "ADMIN"),
} as const;
type Person = keyof typeof PEOPLE;

// ✓ = allowed. Read across: which people may do each thing.
const PERMISSION_MATRIX: Record<Permission, Person[]> = {
  "reports.create": ["employee", "security", "coo", "admin", "security+admin", "coo+admin"],
  "reports.triage": ["security", "coo", "security+admin", "coo+admin"],
  "cases.access": ["security", "coo", "security+admin", "coo+admin"],
  "cases.work": ["security", "security+admin"],
  "alerts.read": ["security", "coo", "security+admin", "coo+admin"],
  "alerts.work": ["security", "security+admin"],
  "detections.manage": ["security", "security+admin"],
  "disclosure.approve": ["coo", "coo+admin"],
  "audit.view": ["security", "admin", "security+admin", "coo+admin"],
  "logs.read": ["security", "coo", "security+admin", "coo+admin"],
  "logs.import": ["security", "admin", "security+admin", "coo+admin"],
  "ingest.status": ["security", "admin", "security+admin", "coo+admin"],
  "users.manage": ["admin", "security+admin", "coo+admin"],
  "settings.manage": ["admin", "security+admin", "coo+admin"],
  "tokens.own": ["employee", "security", "coo", "admin", "security+admin", "coo+admin"],
};

const VISIBILITY_MATRIX: Record<Visibility, Person[]> = {
  STANDARD: ["security", "coo", "security+admin", "coo+admin"],
  SENSITIVE: ["security", "coo", "security+admin", "coo+admin"],
  COO_ONLY: ["coo", "coo+admin"],
};

describe("authorization matrix", () => {
  it("covers every permission in the table", () => {
    expect(Object.keys(PERMISSION_MATRIX).sort()).toEqual(Object.keys(PERMISSIONS).sort());
  });

  for (const [permission, allowed] of Object.entries(PERMISSION_MATRIX) as [Permission, Person[]][]) {
    for (const person of Object.keys(PEOPLE) as Person[]) {
      const expected = allowed.includes(person);
      it(`${person} ${expected ? "may" : "may not"} ${permission}`, () => {
        expect(can(PEOPLE[person], permission)).toBe(expected);
      });
    }
  }

  for (const [visibility, allowed] of Object.entries(VISIBILITY_MATRIX) as [Visibility, Person[]][]) {
    for (const person of Object.keys(PEOPLE) as Person[]) {
      const expected = allowed.includes(person);
      it(`${person} ${expected ? "sees" : "does not see"} ${visibility} records`, () => {
        expect(canSeeClass(PEOPLE[person], visibility)).toBe(expected);
        expect(visibleClasses(PEOPLE[person]).includes(visibility)).toBe(expected);
      });
    }
  }

  it("grants nothing to nobody", () => {
    expect(can(null, "reports.create")).toBe(false);
    expect(visibleClasses(null)).toEqual([]);
  });

  it("lets the system (CLI, first run) do administration, and an external reporter nothing", () => {
    expect(can(systemViewer("cli"), "users.manage")).toBe(true);
    const external = systemViewer("external reporter");
    for (const permission of Object.keys(PERMISSIONS) as Permission[]) expect(can(external, permission)).toBe(false);
    expect(visibleClasses(external)).toEqual([]);
  });

  it("gives ADMIN alone no triage access, and a reporter their own reports", () => {
    expect(reportTriageWhere(PEOPLE.admin)).toEqual({ id: { in: [] } });
    expect(reportTriageWhere(PEOPLE["security+admin"])).toEqual({ visibility: { in: ["STANDARD", "SENSITIVE"] } });
    expect(reportReporterWhere(PEOPLE.employee)).toEqual({ reporterId: "u1" });
    expect(reportReporterWhere(null)).toEqual({ id: { in: [] } });
  });

  it("agrees, row by row, with the triage filter", () => {
    for (const person of Object.keys(PEOPLE) as Person[]) {
      for (const visibility of ["STANDARD", "SENSITIVE", "COO_ONLY"] as const) {
        const where = reportTriageWhere(PEOPLE[person]) as { visibility?: { in: string[] } };
        expect(mayTriageClass(PEOPLE[person], visibility), `${person} ${visibility}`).toBe(where.visibility?.in.includes(visibility) ?? false);
      }
    }
  });

  it("only tightens visibility", () => {
    expect(isTightening("STANDARD", "SENSITIVE")).toBe(true);
    expect(isTightening("SENSITIVE", "COO_ONLY")).toBe(true);
    expect(isTightening("COO_ONLY", "SENSITIVE")).toBe(false);
    expect(isTightening("SENSITIVE", "STANDARD")).toBe(false);
  });
});

describe("cases", () => {
  const CASES: Record<Visibility, Person[]> = {
    STANDARD: ["security", "coo", "security+admin", "coo+admin"],
    SENSITIVE: ["security", "coo", "security+admin", "coo+admin"],
    COO_ONLY: ["coo", "coo+admin"],
  };
  for (const [visibility, allowed] of Object.entries(CASES) as [Visibility, Person[]][]) {
    for (const person of Object.keys(PEOPLE) as Person[]) {
      const expected = allowed.includes(person);
      it(`${person} ${expected ? "sees" : "does not see"} ${visibility} cases`, () => {
        expect(mayWorkCaseClass(PEOPLE[person], visibility)).toBe(expected);
        const where = caseWhere(PEOPLE[person]) as { visibility?: { in: Visibility[] } };
        expect(where.visibility?.in.includes(visibility) ?? false).toBe(expected);
      });
    }
  }
  it("an admin alone and an employee get a where that matches nothing", () => {
    expect(caseWhere(PEOPLE.admin)).toEqual({ id: { in: [] } });
    expect(caseWhere(PEOPLE.employee)).toEqual({ id: { in: [] } });
    expect(caseWhere(null)).toEqual({ id: { in: [] } });
  });
});

describe("permissions of stored users", () => {
  const user = { id: "u1", email: "s@example.com", name: "S", roles: ["EMPLOYEE", "SECURITY"] as Role[] };
  it("follow the same table, and a disabled account holds none", () => {
    expect(userCan(user, "alerts.work")).toBe(true);
    expect(userCan({ ...user, roles: ["EMPLOYEE", "COO"] }, "alerts.work")).toBe(false);
    expect(userCan({ ...user, disabledAt: new Date() }, "alerts.work")).toBe(false);
    expect(usersWithPermissionWhere("alerts.work")).toEqual({ disabledAt: null, roles: { hasSome: ["SECURITY"] } });
    expect(usersWithPermissionWhere("reports.triage").roles.hasSome.sort()).toEqual(["COO", "SECURITY"]);
  });
});
