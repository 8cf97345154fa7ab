import { describe, expect, it } from "vitest";
import { addressKey, cidrContains, compileAllowList, isPublicAddress, parseCidr, parseIPv4, parseIPv6 } from "./network";

describe("parseIPv4", () => {
  it("reads dotted quads", () => {
    expect(parseIPv4("100.64.0.1")).toBe(100 * 2 ** 24 + 64 * 2 ** 16 + 1);
    expect(parseIPv4("255.255.255.255")).toBe(2 ** 32 - 1);
    expect(parseIPv4("0.0.0.0")).toBe(0);
  });
  it("refuses what is not one", () => {
    for (const bad of ["", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.04", "1..2.3", "a.b.c.d", "1.2.3.4 ", "::1"]) expect(parseIPv4(bad), bad).toBeNull();
  });
});

describe("parseIPv6", () => {
  it("reads compressed, full, embedded-IPv4 and zoned forms", () => {
    expect(parseIPv6("::1")).toBe(1n);
    expect(parseIPv6("::")).toBe(0n);
    expect(parseIPv6("fd7a:115c:a1e0::1")).toBe(parseIPv6("FD7A:115C:A1E0:0:0:0:0:0001"));
    expect(parseIPv6("::ffff:1.2.3.4")).toBe((0xffffn << 32n) | 0x01020304n);
    expect(parseIPv6("fe80::1%eth0")).toBe((0xfe80n << 112n) | 1n);
  });
  it("refuses what is not one", () => {
    for (const bad of ["1.2.3.4", "1::2::3", "12345::", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "g::1", ":"]) expect(parseIPv6(bad), bad).toBeNull();
  });
});

describe("CIDR ranges", () => {
  it("contain their addresses and nothing else", () => {
    const v4 = parseCidr("100.64.0.0/10")!;
    expect(cidrContains(v4, "100.64.0.1")).toBe(true);
    expect(cidrContains(v4, "100.127.255.255")).toBe(true);
    expect(cidrContains(v4, "100.128.0.0")).toBe(false);
    expect(cidrContains(v4, "fd7a:115c:a1e0::1")).toBe(false);
    const v6 = parseCidr("fd7a:115c:a1e0::/48")!;
    expect(cidrContains(v6, "fd7a:115c:a1e0:ab12::1")).toBe(true);
    expect(cidrContains(v6, "fd7a:115c:a1e1::1")).toBe(false);
    expect(cidrContains(v6, "100.64.0.1")).toBe(false);
    expect(cidrContains(parseCidr("0.0.0.0/0")!, "8.8.8.8")).toBe(true);
    expect(cidrContains(parseCidr("10.1.2.3/8")!, "10.200.0.1")).toBe(true); // host bits ignored
  });
  it("refuses bad prefixes", () => {
    for (const bad of ["10.0.0.0/33", "::/129", "10.0.0.0/x", "nope/8", "tag:server"]) expect(parseCidr(bad), bad).toBeNull();
  });
  it("gives one key per address whatever its spelling", () => {
    expect(addressKey("fd7a:115c:a1e0::1")).toBe(addressKey("fd7a:115c:a1e0:0000::0001"));
    expect(addressKey("100.64.0.1")).not.toBe(addressKey("100.64.0.2"));
    expect(addressKey("nope")).toBeNull();
  });
});

describe("compileAllowList", () => {
  const device = { nodeId: "nJump1CNTRL", name: "jump-1.example.ts.net", userLogin: "Alice@example.com", tags: ["tag:bastion"] };
  it("matches addresses, ranges, node ids, tags, logins and names", () => {
    expect(compileAllowList(["100.64.0.9"]).allows("100.64.0.9", null)).toBe(true);
    expect(compileAllowList(["fd7a:115c:a1e0::9"]).allows("fd7a:115c:a1e0:0::9", null)).toBe(true);
    expect(compileAllowList(["100.64.1.0/24"]).allows("100.64.1.200", null)).toBe(true);
    expect(compileAllowList(["nJump1CNTRL"]).allows("100.64.0.9", device)).toBe(true);
    expect(compileAllowList(["tag:bastion"]).allows("100.64.0.9", device)).toBe(true);
    expect(compileAllowList(["alice@example.com"]).allows("100.64.0.9", device)).toBe(true);
    expect(compileAllowList(["jump-1"]).allows("100.64.0.9", device)).toBe(true);
  });
  it("matches nothing else", () => {
    const list = compileAllowList(["100.64.1.0/24", "tag:other", "bob@example.com", " "]);
    expect(list.allows("100.64.2.1", device)).toBe(false);
    expect(list.allows("100.64.2.1", null)).toBe(false);
    expect(compileAllowList([]).allows("100.64.0.9", device)).toBe(false);
  });
});

describe("isPublicAddress", () => {
  it("tells public endpoints from private, tailnet, DERP and link-local ones", () => {
    expect(isPublicAddress("203.0.113.7")).toBe(true);
    expect(isPublicAddress("2001:db8::1")).toBe(true);
    for (const ip of ["10.1.2.3", "192.168.1.1", "172.20.0.1", "100.100.1.1", "127.3.3.40", "169.254.1.1", "fd7a:115c:a1e0::1", "fe80::1", "junk"]) expect(isPublicAddress(ip), ip).toBe(false);
  });
});
