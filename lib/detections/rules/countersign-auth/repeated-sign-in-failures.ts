// Countersign's own sign-in trail ("AuditLog", hash-chained): brute force against one account,
// guessing from one address across accounts, and lockouts. "createdAt" is a UTC timestamp
// without a time zone, so the window's bounds are turned into UTC timestamps (the index applies).
import { defineWindowedRule, type RuleContext } from "../../define-rule";
import { DEFAULT_DETECTION_SETTINGS } from "../../settings-schema";

export type SignInFailuresRow = {
  scope: "account" | "ip";
  /** The e-mail typed (account scope) or the client address (ip scope). */
  key: string;
  failures: number;
  locked: number;
  blocked: number;
  /** Accounts tried from the address (ip scope), or addresses that tried the account. */
  accounts: string[];
  ips: string[];
};

const SQL = `
WITH p AS (SELECT ($3::jsonb->>'threshold')::int AS threshold),
a AS (
  SELECT lower(l."actorLabel") AS account, l.ip, l.action
    FROM "AuditLog" l
   WHERE l."createdAt" >= ($1::timestamptz AT TIME ZONE 'UTC') AND l."createdAt" < ($2::timestamptz AT TIME ZONE 'UTC')
     AND l.action IN ('auth.sign_in_failed', 'auth.account_locked', 'auth.sign_in_blocked')
)
SELECT 'account' AS scope, account AS key,
       count(*) FILTER (WHERE action = 'auth.sign_in_failed')::int AS failures,
       count(*) FILTER (WHERE action = 'auth.account_locked')::int AS locked,
       count(*) FILTER (WHERE action = 'auth.sign_in_blocked')::int AS blocked,
       ARRAY[]::text[] AS accounts,
       coalesce((array_agg(DISTINCT ip) FILTER (WHERE ip IS NOT NULL))[1:10], ARRAY[]::text[]) AS ips
  FROM a, p GROUP BY account, p.threshold
HAVING count(*) FILTER (WHERE action = 'auth.sign_in_failed') >= p.threshold OR count(*) FILTER (WHERE action = 'auth.account_locked') > 0
UNION ALL
SELECT 'ip', ip,
       count(*) FILTER (WHERE action = 'auth.sign_in_failed')::int,
       count(*) FILTER (WHERE action = 'auth.account_locked')::int,
       count(*) FILTER (WHERE action = 'auth.sign_in_blocked')::int,
       (array_agg(DISTINCT account))[1:10],
       ARRAY[ip]
  FROM a, p WHERE ip IS NOT NULL GROUP BY ip, p.threshold
  -- One address against one account is the account row's business; across accounts it is guessing.
HAVING count(*) FILTER (WHERE action = 'auth.sign_in_failed') >= p.threshold AND count(DISTINCT account) >= 2`;

/** A lockout, or guessing across five accounts or more from one address: High. */
const severityOf = (r: SignInFailuresRow) => (r.locked > 0 || (r.scope === "ip" && r.accounts.length >= 5) ? "HIGH" : "MEDIUM");

const row = (o: Partial<SignInFailuresRow> = {}): SignInFailuresRow => ({
  scope: "account",
  key: "alice@example.com",
  failures: 6,
  locked: 0,
  blocked: 0,
  accounts: [],
  ips: ["203.0.113.50"],
  ...o,
});

export default defineWindowedRule<SignInFailuresRow>({
  id: "Countersign.Auth.RepeatedSignInFailures",
  title: "Repeated failed sign-ins to Countersign",
  description:
    "Several failed password sign-ins to Countersign for one account, or from one address across accounts, within minutes (settings: sign-in failures), or an account locked out. Countersign holds incident cases and evidence; someone guessing passwords here is after exactly that.",
  logType: "app",
  windowMinutes: (s) => s.signInFailures.windowMinutes,
  sql: SQL,
  params: ({ settings }) => ({ threshold: settings.signInFailures.threshold }),
  severity: (r) => severityOf(r),
  mitre: ["TA0006:T1110", "TA0006:T1110.003"],
  runbook: [
    "Read the account's sign-in events in the Audit trail (actions auth.sign_in_failed, auth.account_locked) and note the addresses.",
    "Ask the account's owner whether they mistyped their password; if not, have them change it and check their sessions.",
    "If one address tried several accounts, block it at the reverse proxy or firewall in front of Countersign.",
    "If the failures come from inside the tailnet, find the device with that address and treat it as compromised.",
    "Unlock the account (Users page) only once the owner is confirmed.",
  ].join("\n"),
  reference: ["https://attack.mitre.org/techniques/T1110/", "https://cheatsheetseries.owasp.org/cheatsheets/Authentication_Cheat_Sheet.html"],
  dedupMinutes: 60,
  evaluate: (r: SignInFailuresRow, ctx: RuleContext) =>
    r.scope === "account" ? r.locked > 0 || r.failures >= ctx.settings.signInFailures.threshold : r.failures >= ctx.settings.signInFailures.threshold && r.accounts.length >= 2,
  dedupKey: (r) => `${r.scope}:${r.key}`,
  alertTitle: (r) =>
    r.scope === "ip"
      ? `${r.failures} failed sign-ins from ${r.key} across ${r.accounts.length} accounts`
      : r.locked > 0
        ? `Account ${r.key} locked after ${r.failures} failed sign-ins`
        : `${r.failures} failed sign-ins to ${r.key}`,
  context: (r) => ({ scope: r.scope, key: r.key, failures: r.failures, locked: r.locked, blocked: r.blocked, accounts: r.accounts, ips: r.ips }),
  matchedFields: ["key", "failures", "locked"],
  entity: (r) => (r.scope === "ip" ? { type: "address", value: r.key } : { type: "user", value: r.key }),
  tests: [
    { name: "Six failures for one account", expected: true, row: row() },
    { name: "A lockout (High)", expected: true, row: row({ failures: 3, locked: 1 }) },
    { name: "One address guessing across accounts", expected: true, row: row({ scope: "ip", key: "203.0.113.50", failures: 12, accounts: ["a@example.com", "b@example.com", "c@example.com"], ips: ["203.0.113.50"] }) },
    { name: "Two typos", expected: false, row: row({ failures: 2 }) },
    { name: "One address, one account: the account row covers it", expected: false, row: row({ scope: "ip", key: "203.0.113.50", failures: 6, accounts: ["a@example.com"] }) },
    { name: "Below a raised threshold", expected: false, row: row({ failures: 6 }), context: { settings: { ...DEFAULT_DETECTION_SETTINGS, signInFailures: { windowMinutes: 15, threshold: 10 } } } },
  ],
});
