import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

describe("environment", () => {
  it("has working defaults", () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.LOCKOUT_THRESHOLD).toBe(5);
    expect(env.LOCKOUT_WINDOW_MINUTES).toBe(15);
    expect(env.LOCKOUT_DURATION_MINUTES).toBe(15);
  });

  it("names a malformed DATABASE_URL", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(EnvError);
    expect(() => parseEnv({ DATABASE_URL: "not a url" })).toThrow(/DATABASE_URL: must be a PostgreSQL URL/);
    expect(parseEnv({ DATABASE_URL: "postgresql://u:p@db:5432/c" }).DATABASE_URL).toBe("postgresql://u:p@db:5432/c");
  });

  it("names every bad variable at once", () => {
    try {
      parseEnv({ PORT: "eighty", NEXTAUTH_SECRET: "short", LOG_LEVEL: "loud" });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toMatch(/PORT/);
      expect((error as Error).message).toMatch(/NEXTAUTH_SECRET: must be at least 32 characters/);
      expect((error as Error).message).toMatch(/LOG_LEVEL/);
    }
  });

  it("wants all three single sign-on settings or none", () => {
    expect(() => parseEnv({ OIDC_ISSUER: "https://idp.example.com" })).toThrow(/OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET/);
    const env = parseEnv({ OIDC_ISSUER: "https://idp.example.com", OIDC_CLIENT_ID: "c", OIDC_CLIENT_SECRET: "s" });
    expect(env.OIDC_AUTO_CREATE_USERS).toBe(true);
  });
});
