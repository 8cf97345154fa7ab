import { describe, expect, it } from "vitest";
import { errorOf, settingsFromForm } from "./settings-form-data";

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};

describe("the detection settings form", () => {
  it("reads lists one per line or comma-separated, and numbers as numbers", () => {
    const { input, fieldErrors } = settingsFromForm(form({ notifyMinSeverity: "HIGH", companyDomains: "example.com\n example.org ,", sensitivePorts: "22, 3389\n22", "portScan.windowMinutes": "5", "portScan.distinctPorts": "50", "portScan.distinctHosts": "30", "volume.factor": "2.5" }));
    expect(input).toMatchObject({ companyDomains: ["example.com", "example.org"], sensitivePorts: [22, 3389], portScan: { windowMinutes: 5, distinctPorts: 50, distinctHosts: 30 }, volume: { factor: 2.5 } });
    expect(fieldErrors["volume.windowMinutes"]).toEqual(["A number."]);
    expect(fieldErrors.sensitivePorts).toBeUndefined();
  });

  it("names ports that are not numbers", () => {
    expect(settingsFromForm(form({ sensitivePorts: "22 ssh" })).fieldErrors.sensitivePorts![0]).toMatch(/Not a port number: ssh/);
  });

  it("finds a list entry's error under the list's field", () => {
    expect(errorOf({ "companyDomains.1": ["a domain such as example.com"] }, "companyDomains")).toBe("Entry 2: a domain such as example.com");
    expect(errorOf({ "portScan.windowMinutes": ["Too small"] }, "portScan.windowMinutes")).toBe("Too small");
    expect(errorOf({ "portScan.windowMinutes": ["Too small"] }, "portScan")).toBe("Too small");
  });
});
