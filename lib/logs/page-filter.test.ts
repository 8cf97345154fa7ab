import { describe, expect, it } from "vitest";
import { ZAuditEventFilter, ZFlowFilter } from "./filters";
import { parsePageFilter } from "./page-filter";

describe("parsePageFilter", () => {
  it("keeps the fields that parse and names the ones that do not", () => {
    const { filter, errors } = parsePageFilter(ZFlowFilter, { node: "laptop", ip: "999.1.1.1", port: "70000", kind: "virtual" });
    expect(filter).toEqual({ node: "laptop", kind: "VIRTUAL" });
    expect(Object.keys(errors).sort()).toEqual(["ip", "port"]);
    expect(errors.ip).toMatch(/IP address/);
  });

  it("drops a `to` before `from` after the fields themselves parsed", () => {
    const { filter, errors } = parsePageFilter(ZAuditEventFilter, { from: "2026-02-01", to: "2026-01-01", action: "delete" });
    expect(filter.action).toBe("DELETE");
    expect(filter.to).toBeUndefined();
    expect(filter.from?.at.toISOString()).toBe("2026-02-01T00:00:00.000Z");
    expect(errors).toEqual({ to: "`to` is before `from`." });
  });
});
