import { describe, expect, it } from "vitest";
import { clientIp } from "./client-ip";

describe("client address", () => {
  it("takes the address the nearest trusted proxy saw", () => {
    expect(clientIp("203.0.113.9", 1)).toBe("203.0.113.9");
    expect(clientIp("6.6.6.6, 203.0.113.9", 1)).toBe("203.0.113.9");
    expect(clientIp("6.6.6.6, 203.0.113.9, 10.0.0.2", 2)).toBe("203.0.113.9");
    expect(clientIp("203.0.113.9", 3)).toBe("203.0.113.9");
    expect(clientIp("", 1)).toBeNull();
    expect(clientIp(null, 1)).toBeNull();
  });
});
