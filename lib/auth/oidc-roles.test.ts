import { describe, expect, it } from "vitest";
import { parseRoleMap, rolesFromClaims } from "./oidc-roles";

describe("OIDC role mapping", () => {
  const map = parseRoleMap("security-team=SECURITY, execs=coo,it=ADMIN,it=SECURITY");

  it("maps group claims to roles, always including EMPLOYEE", () => {
    expect(rolesFromClaims({ groups: ["execs", "unrelated"] }, "groups", map)).toEqual(["EMPLOYEE", "COO"]);
    expect(rolesFromClaims({ groups: "it" }, "groups", map)).toEqual(["EMPLOYEE", "SECURITY", "ADMIN"]);
    expect(rolesFromClaims({}, "groups", map)).toEqual(["EMPLOYEE"]);
  });

  it("reads nested claims", () => {
    expect(rolesFromClaims({ realm_access: { roles: ["security-team"] } }, "realm_access.roles", map)).toEqual([
      "EMPLOYEE",
      "SECURITY",
    ]);
  });

  it("leaves roles to the app when no map is configured", () => {
    expect(rolesFromClaims({ groups: ["x"] }, "groups", parseRoleMap(""))).toBeNull();
  });

  it("rejects unknown roles with a message naming the pair", () => {
    expect(() => parseRoleMap("x=ROOT")).toThrow(/"x=ROOT"/);
  });
});
