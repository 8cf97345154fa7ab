import { describe, expect, it } from "vitest";
import { formatAgo, formatBytes, formatMinutes } from "./format";

const NOW = new Date("2026-06-01T12:00:00Z");
const before = (ms: number) => new Date(NOW.getTime() - ms);

describe("ingest formats", () => {
  it("says how long ago", () => {
    expect(formatAgo(null, NOW)).toBe("never");
    expect(formatAgo(before(10_000), NOW)).toBe("just now");
    expect(formatAgo(before(5 * 60_000 + 5_000), NOW)).toBe("5 min ago");
    expect(formatAgo(before(3 * 3_600_000), NOW)).toBe("3 h ago");
    expect(formatAgo(before(3 * 86_400_000), NOW)).toBe("3 days ago");
  });
  it("says how long and how large", () => {
    expect(formatMinutes(45)).toBe("45 min");
    expect(formatMinutes(200)).toBe("3 h 20 min");
    expect(formatMinutes(120)).toBe("2 h");
    expect(formatMinutes(3 * 1440)).toBe("3 days");
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(2048)).toBe("2.0 KiB");
    expect(formatBytes(5 * 1024 * 1024)).toBe("5.0 MiB");
  });
});
