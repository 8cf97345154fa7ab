// The detections' settings: every threshold and list the rules read, with its default, and the
// per-rule switches (enabled, severity override, dedup window). Pure, so rules and their tests
// read the same defaults as the running app.
import { z } from "zod";
import { SEVERITIES } from "./severity";

const port = z.number().int().min(1).max(65_535);
const shortText = z.string().trim().min(1).max(200);
const positive = (max: number) => z.number().int().min(1).max(max);

export const ZRuleOverride = z
  .object({
    enabled: z.boolean().optional(),
    severity: z.enum(SEVERITIES).optional(),
    dedupMinutes: positive(60 * 24 * 30).optional(),
  })
  .strict();
export type RuleOverride = z.infer<typeof ZRuleOverride>;

export const ZDetectionSettings = z
  .object({
    /** Alerts of this severity and above notify (Slack, e-mail, webhook). */
    notifyMinSeverity: z.enum(SEVERITIES).default("HIGH"),
    /** The company's e-mail domains; users invited from elsewhere raise an alert. Empty: the domains of Countersign's own users. */
    companyDomains: z.array(z.string().trim().toLowerCase().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, "a domain such as example.com")).max(100).default([]),
    /** Logins or tags allowed to approve devices, tag them, or make them subnet routers or exit nodes. */
    expectedDeviceOwners: z.array(shortText).max(500).default([]),
    /** Ports whose access from outside the allow-list raises an alert. */
    sensitivePorts: z.array(port).max(200).default([22, 23, 445, 1433, 1521, 2379, 3306, 3389, 5432, 5900, 5984, 6379, 9200, 11211, 27017]),
    /** Devices allowed to reach the sensitive ports: addresses, CIDR ranges, node ids, tags or user logins. */
    sensitivePortAllowList: z.array(shortText).max(500).default([]),
    portScan: z.object({ windowMinutes: positive(60).default(5), distinctPorts: positive(65_535).default(50), distinctHosts: positive(10_000).default(30) }).default({ windowMinutes: 5, distinctPorts: 50, distinctHosts: 30 }),
    volume: z
      .object({
        windowMinutes: positive(24 * 60).default(60),
        /** How many times its own average a window must carry. */
        factor: z.number().min(1.5).max(1_000).default(10),
        /** Windows below this many bytes never alert, whatever the ratio. */
        minBytes: z.number().int().min(0).default(500_000_000),
        /** Windows of history a pair needs before it is judged. */
        minWindows: positive(10_000).default(24),
      })
      .default({ windowMinutes: 60, factor: 10, minBytes: 500_000_000, minWindows: 24 }),
    newPort: z.object({ learningHours: z.number().int().min(0).max(24 * 30).default(24), maxPort: port.default(32_767) }).default({ learningHours: 24, maxPort: 32_767 }),
    /** A threshold rule (its alert keeps every event that made it, at most 500). */
    failedChanges: z.object({ windowMinutes: positive(24 * 60).default(15), threshold: positive(500).default(5) }).default({ windowMinutes: 15, threshold: 5 }),
    signInFailures: z.object({ windowMinutes: positive(24 * 60).default(15), threshold: positive(10_000).default(5) }).default({ windowMinutes: 15, threshold: 5 }),
    /** Per-rule switches, by rule id. */
    rules: z.record(z.string().max(120), ZRuleOverride).default({}),
  })
  .strict();

export type DetectionSettings = z.infer<typeof ZDetectionSettings>;

export const DEFAULT_DETECTION_SETTINGS: DetectionSettings = ZDetectionSettings.parse({});
