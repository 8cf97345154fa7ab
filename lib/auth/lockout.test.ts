import { describe, expect, it } from "vitest";
import { afterFailure, afterSuccess, isLocked, minutesLeft, type LockoutState } from "./lockout";

const policy = { threshold: 5, windowMs: 15 * 60_000, durationMs: 15 * 60_000 };
const t0 = new Date("2026-01-01T10:00:00Z");
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

function fail(times: number, start: LockoutState = afterSuccess(), spacingMinutes = 1) {
  let state = start;
  let lockedNow = false;
  for (let i = 0; i < times; i++) ({ lockedNow, ...state } = afterFailure(state, at(i * spacingMinutes), policy));
  return { state, lockedNow };
}

describe("lockout", () => {
  it("locks on the fifth failure within fifteen minutes, for fifteen minutes", () => {
    expect(fail(4).lockedNow).toBe(false);
    const { state, lockedNow } = fail(5);
    expect(lockedNow).toBe(true);
    expect(state.lockedUntil).toEqual(at(4 + 15));
    expect(isLocked(state, at(18))).toBe(true);
    expect(isLocked(state, at(19))).toBe(false);
  });

  it("starts counting again when failures are spread beyond the window", () => {
    const { state, lockedNow } = fail(8, afterSuccess(), 4);
    expect(lockedNow).toBe(false);
    expect(state.lockedUntil).toBeNull();
    expect(state.failedSignInCount).toBeLessThan(5);
  });

  it("rounds the remaining time up to whole minutes", () => {
    expect(minutesLeft(at(10), new Date(at(0).getTime() + 30_000))).toBe(10);
    expect(minutesLeft(at(0), at(1))).toBe(1);
  });
});
