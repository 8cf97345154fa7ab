// What a detection is. A rule is one file that calls `defineRule` (real time: runs over each
// committed batch of events) or `defineWindowedRule` (runs over a window of stored records with
// SQL, on a schedule, each window once). Everything a rule supplies is a pure function; the
// SQL of a windowed rule is data handed to the runner.
import type { Severity } from "./severity";
import type { AuditEvent, FlowEvent } from "./events";
import type { DetectionSettings } from "./settings-schema";

export type LogType = "audit" | "flow" | "app";

/** A device as the inventory knows it (lib/ingest/derived.ts), for rules that judge by owner or tag. */
export type KnownDevice = { nodeId: string; name: string | null; addresses: string[]; userLogin: string | null; tags: string[] };

export type RuleContext = {
  settings: DetectionSettings;
  /** A device by tailnet address or node id, when the inventory knows it. */
  device: (addressOrNodeId: string) => KnownDevice | null;
};

export type Entity = { type: "device" | "user" | "key" | "address"; value: string };

/** MITRE ATT&CK tactic and technique, as `TA0005:T1562.008`. */
export type MitreTag = `TA${string}:T${string}`;

type Meta = {
  /** Stable, dotted: `Tailscale.Audit.HTTPSDisabled`. The file is named after the last part. */
  id: string;
  title: string;
  description: string;
  mitre: MitreTag[];
  /** What to do when it fires: steps, one per line. */
  runbook: string;
  reference: string[];
  /** Repeats within this many minutes of the first event join the alert. */
  dedupMinutes: number;
};

/** Settings of a test are merged over the defaults; devices stand in for the inventory. */
export type TestContext = { settings?: Partial<DetectionSettings>; devices?: KnownDevice[] };

export type RuleTest<E> = { name: string; expected: boolean; event: E; context?: TestContext };

export type RealtimeRule<E> = Meta & {
  kind: "realtime";
  logType: E extends AuditEvent ? "audit" : "flow";
  severity: Severity | ((event: E, ctx: RuleContext) => Severity);
  match: (event: E, ctx: RuleContext) => boolean;
  /** Events that join an alert this rule already raised (same dedup key) but never raise one: the setting turned back on. */
  follows?: (event: E, ctx: RuleContext) => boolean;
  dedupKey: (event: E, ctx: RuleContext) => string;
  alertTitle: (event: E, ctx: RuleContext) => string;
  context?: (event: E, ctx: RuleContext) => Record<string, unknown>;
  /** Paths of the fields that made it match (`target.property`, `new`), highlighted on the alert page. */
  matchedFields: string[] | ((event: E, ctx: RuleContext) => string[]);
  entity?: (event: E, ctx: RuleContext) => Entity | null;
  /**
   * A threshold rule (Panther's "threshold"): matches are held until `count` of them with the same
   * dedup key fall within `windowMinutes` of each other; then one alert is raised holding all of
   * them, and later matches join it as usual. Without it, every match raises (or joins) at once.
   */
  threshold?: { count: (settings: DetectionSettings) => number; windowMinutes: (settings: DetectionSettings) => number };
  /** Events are records as Tailscale sends them (audit) or flow records (each entry is evaluated). */
  tests: RuleTest<unknown>[];
};

export type WindowParams = { from: Date; to: Date; settings: DetectionSettings; ruleStartedAt: Date };

export type WindowedRule<R> = Meta & {
  kind: "windowed";
  logType: LogType;
  /**
   * Results another job writes that the rule reads (the integrity verification's): a window is
   * evaluated only once that job's watermark (a detection_watermarks row) has reached the window's
   * end less `readsBehindMinutes`, how far behind its window the rule reads. After a long stop the
   * rule then waits for that job to catch up rather than judging windows it has not checked yet.
   */
  after?: { watermark: string; readsBehindMinutes: number };
  /** The window the SQL is run over, in minutes; windows follow each other without overlap. */
  windowMinutes: (settings: DetectionSettings) => number;
  /**
   * One SQL statement; `$1` and `$2` are the window's start and end (timestamptz), `$3` (when the
   * statement uses it) is a JSON text of `params(window)`. It returns one row per candidate; it may also keep state (first-seen,
   * baselines) in the same statement, which commits with the alerts and the watermark.
   */
  sql: string;
  params?: (window: WindowParams) => Record<string, unknown>;
  severity: Severity | ((row: R, ctx: RuleContext) => Severity);
  /** Decides on one row; the SQL narrows, this judges (and is what the rule's tests exercise). */
  evaluate: (row: R, ctx: RuleContext) => boolean;
  dedupKey: (row: R) => string;
  alertTitle: (row: R) => string;
  context?: (row: R) => Record<string, unknown>;
  matchedFields: string[];
  entity?: (row: R) => Entity | null;
  /** Rows as the SQL returns them. */
  tests: { name: string; expected: boolean; row: R; context?: TestContext }[];
};

// A windowed rule's row type is its own business; the registry holds them all.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyWindowedRule = WindowedRule<any>;
export type AnyRealtimeRule = RealtimeRule<AuditEvent> | RealtimeRule<FlowEvent>;
export type Rule = AnyRealtimeRule | AnyWindowedRule;

export function defineRule<E extends AuditEvent | FlowEvent>(rule: Omit<RealtimeRule<E>, "kind">): RealtimeRule<E> {
  return { kind: "realtime", ...rule } as RealtimeRule<E>;
}

export function defineWindowedRule<R extends Record<string, unknown>>(rule: Omit<WindowedRule<R>, "kind">): WindowedRule<R> {
  return { kind: "windowed", ...rule };
}
