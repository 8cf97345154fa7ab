// Account lockout after repeated failed sign-ins, as a pure function of the stored counters.
export type LockoutPolicy = { threshold: number; windowMs: number; durationMs: number };

export type LockoutState = {
  failedSignInCount: number;
  firstFailedSignInAt: Date | null;
  lockedUntil: Date | null;
};

export function isLocked(state: Pick<LockoutState, "lockedUntil">, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil > now;
}

/** The counters after one more failure; `lockedNow` when this failure locks the account. */
export function afterFailure(state: LockoutState, now: Date, policy: LockoutPolicy): LockoutState & { lockedNow: boolean } {
  const windowOpen =
    state.firstFailedSignInAt !== null && now.getTime() - state.firstFailedSignInAt.getTime() < policy.windowMs;
  const count = windowOpen ? state.failedSignInCount + 1 : 1;
  const first = windowOpen ? state.firstFailedSignInAt : now;
  if (count >= policy.threshold) {
    return {
      failedSignInCount: 0,
      firstFailedSignInAt: null,
      lockedUntil: new Date(now.getTime() + policy.durationMs),
      lockedNow: true,
    };
  }
  return { failedSignInCount: count, firstFailedSignInAt: first, lockedUntil: state.lockedUntil, lockedNow: false };
}

export const afterSuccess = (): LockoutState => ({ failedSignInCount: 0, firstFailedSignInAt: null, lockedUntil: null });

export function minutesLeft(lockedUntil: Date, now: Date): number {
  return Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 60_000));
}
