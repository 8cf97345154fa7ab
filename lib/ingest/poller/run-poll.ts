import "server-only";
// The Tailscale API poller: the job fires every minute; a run polls each chosen log type from
// its cursor up to now minus a lag, window by window, and moves the cursor only after a
// window's records are committed, so a restart or a crash resumes where it stopped (the
// pipeline's dedup keys skip what a repeated window brings again). One run at a time.
import type { PoolClient } from "pg";
import { db } from "@/lib/db";
import { logger } from "@/lib/logger";
import { ingestStream } from "@/lib/ingest/ingest";
import { BodyError } from "@/lib/ingest/decode-body";
import { ingestPool } from "@/lib/ingest/pg-pool";
import { findOrCreateSource } from "@/lib/ingest/sources";
import { credentialsOf, effectiveApiUrl, getPollerSettings, type PollerSettings } from "./poller-settings";
import { firstCursor, isDue, LOG_TYPES, MAX_BACKFILL_HOURS, planWindows, type LogType } from "./schedule";
import { authorize, fetchLogs, networkError, PollError, type ApiTarget } from "./tailscale-client";

export const POLLER_SOURCE = "tailscale-api";
const LOCK_KEY = 7_402_116; // arbitrary, unique to the poller (the audit chain uses 7_402_115)
// The API is trusted and a network window of a busy tailnet is large: stream it under wide limits.
const LIMITS = { maxCompressedBytes: 8 * 1024 ** 3, maxDecodedBytes: 32 * 1024 ** 3 };

export type TypeOutcome = {
  logType: LogType;
  status: "ok" | "error" | "waiting" | "not_due";
  windows: number;
  read: number;
  stored: number;
  duplicates: number;
  quarantined: number;
  cursor: Date | null;
  message: string;
};

export type PollOutcome = { status: "disabled" | "not_configured" | "busy" | "ran"; message: string; types: TypeOutcome[] };

export type PollOptions = {
  /** "Poll now": ignore the interval (never Tailscale's Retry-After). */
  force?: boolean;
  /** The clock, for tests. */
  now?: () => Date;
  /** Per request, headers and body together. */
  timeoutMs?: number;
  /** A run stops starting new windows after this long; the next run continues. */
  budgetMs?: number;
  /** Waits this long for a running poll to finish instead of answering "busy" at once. */
  waitForLockMs?: number;
};

/** The job: one poll, logged; never throws, so the worker never crashes on it. */
export async function runTailscalePoll(): Promise<void> {
  try {
    const outcome = await pollTailscale();
    if (outcome.status === "ran") logger.info({ types: outcome.types.map(({ logType, status, read, stored, message }) => ({ logType, status, read, stored, message })) }, "tailscale poll");
  } catch (error) {
    logger.error({ err: error }, "tailscale poll failed");
  }
}

export async function pollTailscale(options: PollOptions = {}): Promise<PollOutcome> {
  const settings = await getPollerSettings();
  if (!settings.enabled) return { status: "disabled", message: "Polling is off.", types: [] };
  const credentials = credentialsOf(settings);
  if (!credentials) return { status: "not_configured", message: "Polling needs credentials: enter the API access token or the OAuth client secret again.", types: [] };
  if (settings.logTypes.length === 0) return { status: "not_configured", message: "No log type is chosen.", types: [] };

  const lock = await ingestPool().connect();
  try {
    if (!(await takeLock(lock, options.waitForLockMs ?? 0))) return { status: "busy", message: "Another poll is running; it was left to finish.", types: [] };
    try {
      const target: ApiTarget = { baseUrl: effectiveApiUrl(settings), tailnet: settings.tailnet, credentials };
      const types = await pollAll(settings, target, options);
      return { status: "ran", message: describeOutcome(types), types };
    } finally {
      await lock.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]);
    }
  } finally {
    lock.release();
  }
}

async function pollAll(settings: PollerSettings, target: ApiTarget, options: PollOptions): Promise<TypeOutcome[]> {
  const now = options.now ?? (() => new Date());
  const timeoutMs = options.timeoutMs ?? 120_000;
  const deadline = Date.now() + (options.budgetMs ?? 5 * 60_000);
  const source = await findOrCreateSource(POLLER_SOURCE, "POLLER");
  const outcomes: TypeOutcome[] = [];
  let stopAll: PollError | null = null;

  for (const logType of LOG_TYPES.filter((t) => settings.logTypes.includes(t))) {
    const started = now();
    const row = await db.pollerCursor.findUnique({ where: { logType } });
    const outcome: TypeOutcome = { logType, status: "ok", windows: 0, read: 0, stored: 0, duplicates: 0, quarantined: 0, cursor: row?.cursor ?? null, message: "" };
    outcomes.push(outcome);
    const backfillHours = Math.min(settings.backfillHours, MAX_BACKFILL_HOURS[logType]);
    if (stopAll) {
      outcome.status = "error";
      outcome.message = stopAll.message;
      await recordError(logType, row?.cursor ?? firstCursor(logType, backfillHours, started), started, stopAll);
      continue;
    }
    const due = isDue(row, started, settings.intervalMinutes, options.force);
    if (!due.isDue) {
      outcome.status = due.waitingFor === "retry-after" ? "waiting" : "not_due";
      const why = due.waitingFor === "retry-after" ? "Tailscale asked to wait" : "the polling interval has not passed";
      outcome.message = `Not polled: ${why} (next at ${due.until.toISOString()}).`;
      continue;
    }
    let cursor = row?.cursor ?? firstCursor(logType, backfillHours, started);
    outcome.cursor = cursor;
    // The run is recorded before the first request, so a crash mid-run still shows when it began.
    await db.pollerCursor.upsert({ where: { logType }, create: { logType, cursor, lastRunAt: started }, update: { lastRunAt: started } });
    try {
      await authorize(target, timeoutMs, started);
      for (const window of planWindows(logType, cursor, started)) {
        if (Date.now() > deadline) {
          outcome.message = "Stopped at the time budget; the next run continues from the cursor. ";
          break;
        }
        const response = await fetchLogs(target, logType, window, timeoutMs, started);
        const summary = await ingestStream(response.body!, { sourceId: source.id, limits: LIMITS, countRequest: false }).catch((error: unknown) => {
          if (error instanceof BodyError) throw new PollError("bad_response", `Tailscale's answer for ${logType} logs could not be read: ${error.message}`);
          throw networkError(error, new URL(target.baseUrl).origin, timeoutMs, `${logType} logs`);
        });
        // Committed: only now does the cursor move past this window.
        cursor = window.end;
        outcome.windows++;
        outcome.read += summary.read;
        outcome.stored += summary.auditStored + summary.flowStored;
        outcome.duplicates += summary.duplicates;
        outcome.quarantined += summary.quarantined;
        await db.pollerCursor.update({ where: { logType }, data: { cursor, lastCount: outcome.read } });
      }
      outcome.cursor = cursor;
      const rows = logType === "network" ? "flow entries" : "audit events";
      outcome.message += `${outcome.windows} window${outcome.windows === 1 ? "" : "s"}: read ${outcome.read} records, stored ${outcome.stored} ${rows}, duplicates ${outcome.duplicates}, quarantined ${outcome.quarantined}.`;
      await db.pollerCursor.update({ where: { logType }, data: { lastCount: outcome.read, lastError: null, retryAt: null } });
    } catch (error) {
      const failure = error instanceof PollError ? error : null;
      if (!failure) logger.error({ err: error, logType }, "tailscale poll: unexpected failure");
      const pollError = failure ?? new PollError("bad_response", "The poll failed on our side; the error is in the server log.");
      outcome.status = "error";
      outcome.cursor = cursor;
      outcome.message = pollError.message;
      await recordError(logType, cursor, started, pollError, outcome.read);
      // Rate limits and refused credentials hold for every log type: do not ask again this run.
      if (pollError.kind === "rate_limited" || (pollError.kind === "auth" && target.credentials.method === "oauth")) stopAll = pollError;
    }
  }
  return outcomes;
}

async function takeLock(client: PoolClient, waitMs: number): Promise<boolean> {
  const until = Date.now() + waitMs;
  for (;;) {
    const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [LOCK_KEY]);
    if (rows[0]?.locked) return true;
    if (Date.now() >= until) return false;
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function recordError(logType: LogType, cursor: Date, at: Date, error: PollError, read = 0) {
  const retryAt = error.retryAfterMs ? new Date(at.getTime() + error.retryAfterMs) : null;
  await db.pollerCursor.upsert({
    where: { logType },
    create: { logType, cursor, lastRunAt: at, lastCount: read, lastError: error.message, retryAt },
    update: { lastRunAt: at, lastCount: read, lastError: error.message, retryAt },
  });
}

function describeOutcome(types: TypeOutcome[]): string {
  return types.map((t) => `${t.logType}: ${t.message}`).join(" ");
}
