import { describe, expect, it } from "vitest";
import { visibilityFor } from "./catalog";
import { formatReference } from "@/lib/db/next-reference";

describe("report catalog", () => {
  it("forces Code of Conduct reports to COO only, and allows COO only for nothing else", () => {
    expect(visibilityFor("CODE_OF_CONDUCT", "STANDARD")).toBe("COO_ONLY");
    expect(visibilityFor("CODE_OF_CONDUCT", undefined)).toBe("COO_ONLY");
    expect(visibilityFor("THEFT", "COO_ONLY")).toBe("STANDARD");
    expect(visibilityFor("THEFT", "SENSITIVE")).toBe("SENSITIVE");
    expect(visibilityFor("SECURITY_INCIDENT", undefined)).toBe("STANDARD");
  });

  it("formats short references", () => {
    expect(formatReference("RPT", 2026, 42)).toBe("RPT-2026-0042");
    expect(formatReference("RPT", 2026, 12345)).toBe("RPT-2026-12345");
  });
});
