import { describe, expect, it } from "vitest";
import type { Role } from "@/lib/generated/prisma/enums";
import { navigationFor } from "./navigation";

const labels = (...roles: Role[]) =>
  navigationFor({ kind: "user", id: "u", email: "u@example.com", name: "U", roles: ["EMPLOYEE", ...roles] }).map((i) => i.label);

describe("navigation", () => {
  it("shows each role only what it can use", () => {
    expect(labels()).toEqual(["Home", "My reports", "Account"]);
    expect(labels("SECURITY")).toEqual(["Home", "Alerts", "Cases", "Rules", "My reports", "Report inbox", "Config log", "Flow log", "Devices", "Log integrity", "Log review", "Ingest", "Audit trail", "Account"]);
    expect(labels("COO")).toEqual(["Home", "Alerts", "Cases", "COO review", "Rules", "My reports", "Report inbox", "Config log", "Flow log", "Devices", "Log integrity", "Log review", "Account"]);
    expect(labels("ADMIN")).toEqual(["Home", "My reports", "Ingest", "Users", "Notifications", "Log sources", "Audit trail", "Account"]);
  });
});
