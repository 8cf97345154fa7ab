import { describe, expect, it } from "vitest";
import { ZAlertPatch, ZIfMatch } from "./schemas";

describe("the API's PATCH body", () => {
  it("takes status or assignee without a version, and keeps refusing everything else it refused", () => {
    expect(ZAlertPatch.safeParse({ status: "ACKNOWLEDGED" }).success).toBe(true);
    expect(ZAlertPatch.safeParse({ assignee: null }).success).toBe(true);
    expect(ZAlertPatch.safeParse({ status: "ACKNOWLEDGED", version: 3 }).success).toBe(true);
    for (const body of [{}, { version: 1 }, { status: "LINKED" }, { status: 7 }, { assignee: 5 }, { status: "OPEN", extra: true }, { status: "OPEN", version: "1" }, { status: "OPEN", version: -1 }, { status: "OPEN", version: 1.5 }, { status: "OPEN", version: null }, { status: "DISMISSED", dismissal: "BENIGN" }]) {
      expect(ZAlertPatch.safeParse(body).success, JSON.stringify(body)).toBe(false);
    }
  });
});

describe("If-Match", () => {
  it("reads one version, quoted or bare, or * for any", () => {
    expect(ZIfMatch.parse('"3"')).toBe(3);
    expect(ZIfMatch.parse("3")).toBe(3);
    expect(ZIfMatch.parse(' "0" ')).toBe(0);
    expect(ZIfMatch.parse("*")).toBeNull();
  });

  it("refuses weak tags, lists and anything that is not a version", () => {
    for (const value of ["", " ", 'W/"3"', '"3", "4"', '"abc"', "abc", '"3', "-1", "1.5", "3e2", '""', "99999999999", "2147483648"]) {
      const result = ZIfMatch.safeParse(value);
      expect(result.success, value).toBe(false);
      expect(result.error?.issues[0]?.message, value).toMatch(/If-Match/);
    }
  });
});
