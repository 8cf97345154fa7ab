// Pure rules of the Tailscale API poller: where a log type starts, which windows to ask for,
// whether a run is due, and how long Tailscale asked us to wait. No database, no network.

export const LOG_TYPES = ["configuration", "network"] as const;
export type LogType = (typeof LOG_TYPES)[number];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How long Tailscale keeps each log type: older windows cannot be asked for. */
export const RETENTION_MS: Record<LogType, number> = { configuration: 90 * DAY, network: 30 * DAY };
/** The backfill window, in hours, is at most the retention of the log type. */
export const MAX_BACKFILL_HOURS: Record<LogType, number> = { configuration: 90 * 24, network: 30 * 24 };
/** One request covers at most this much time: network logs are large, configuration logs small. */
export const MAX_WINDOW_MS: Record<LogType, number> = { configuration: DAY, network: HOUR };
/** Records reach the API a little after they happen: stop this far before now so none is missed. */
export const LAG_MS = 2 * MINUTE;
// Starts a little inside the retention so the first request is not refused as too old.
const RETENTION_MARGIN_MS = 10 * MINUTE;
// The job fires every minute, never exactly a minute apart.
const SCHEDULE_SLACK_MS = 10_000;

export type Window = { start: Date; end: Date };

const earliest = (logType: LogType, now: Date) => now.getTime() - RETENTION_MS[logType] + RETENTION_MARGIN_MS;

/** The cursor of a log type's first run: now minus the backfill window, within retention. */
export function firstCursor(logType: LogType, backfillHours: number, now: Date): Date {
  return new Date(Math.max(now.getTime() - backfillHours * HOUR, earliest(logType, now)));
}

/** The windows from the cursor up to now minus the lag, oldest first, each at most the maximum size. */
export function planWindows(logType: LogType, cursor: Date, now: Date, lagMs = LAG_MS): Window[] {
  const end = now.getTime() - lagMs;
  const windows: Window[] = [];
  for (let start = Math.max(cursor.getTime(), earliest(logType, now)); start < end; ) {
    const next = Math.min(start + MAX_WINDOW_MS[logType], end);
    windows.push({ start: new Date(start), end: new Date(next) });
    start = next;
  }
  return windows;
}

export type CursorState = { cursor: Date; lastRunAt: Date | null; lastError: string | null; retryAt: Date | null };

export type Due = { isDue: true } | { isDue: false; waitingFor: "retry-after" | "interval"; until: Date };

/**
 * Whether a scheduled run should poll this log type now. A run is due once the interval has
 * passed since the last one; a run that stopped early without error (its time budget ran out)
 * is continued at once; Tailscale's Retry-After is honoured even by "Poll now".
 */
export function isDue(state: CursorState | null, now: Date, intervalMinutes: number, force = false): Due {
  if (!state) return { isDue: true };
  if (state.retryAt && state.retryAt > now) return { isDue: false, waitingFor: "retry-after", until: state.retryAt };
  if (force || !state.lastRunAt) return { isDue: true };
  const interval = intervalMinutes * MINUTE;
  if (now.getTime() - state.lastRunAt.getTime() >= interval - SCHEDULE_SLACK_MS) return { isDue: true };
  const behind = now.getTime() - LAG_MS - state.cursor.getTime();
  if (!state.lastError && behind > interval + MINUTE) return { isDue: true };
  return { isDue: false, waitingFor: "interval", until: new Date(state.lastRunAt.getTime() + interval) };
}

/** Retry-After (seconds or an HTTP date) in milliseconds, between a second and an hour; null when absent or unreadable. */
export function retryAfterMs(header: string | null | undefined, now: Date): number | null {
  if (!header) return null;
  const value = header.trim();
  let ms: number;
  if (/^\d+$/.test(value)) ms = Number(value) * 1000;
  else {
    // An HTTP date names its day and month; anything else (negative numbers, junk) is unreadable.
    if (!/^[A-Za-z]{3}, /.test(value)) return null;
    const at = Date.parse(value);
    if (Number.isNaN(at)) return null;
    ms = at - now.getTime();
  }
  return Math.min(Math.max(ms, 1000), HOUR);
}

/** RFC 3339 as Tailscale's API takes it (UTC, millisecond precision). */
export const rfc3339 = (date: Date) => date.toISOString();
