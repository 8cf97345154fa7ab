import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { seal, unseal } from "./secret-box";

describe("secret box", () => {
  const original = process.env.NEXTAUTH_SECRET;
  beforeEach(() => {
    process.env.NEXTAUTH_SECRET = "a".repeat(40);
  });
  afterEach(() => {
    process.env.NEXTAUTH_SECRET = original;
  });

  it("round-trips and never stores the plain text", () => {
    const sealed = seal("hooks.slack.com/services/T000/B000/XXXX");
    expect(sealed).not.toContain("slack");
    expect(unseal(sealed)).toBe("hooks.slack.com/services/T000/B000/XXXX");
    expect(seal("x")).not.toBe(seal("x"));
  });

  it("answers null for tampered data or another key", () => {
    const sealed = seal("secret");
    expect(unseal(sealed.slice(0, -2) + "AA")).toBeNull();
    process.env.NEXTAUTH_SECRET = "b".repeat(40);
    expect(unseal(sealed)).toBeNull();
    expect(unseal("garbage")).toBeNull();
  });
});
