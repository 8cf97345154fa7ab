// The checklist of the regular log review, from the policy (shared/product.md): every item must
// be ticked before a review is signed off.
export const REVIEW_ITEMS = [
  { key: "logging", label: "Logging is enabled and streaming", help: "Flow and exit-flow logging are on, streaming destinations unchanged or explained, every source delivering without quiet spans." },
  { key: "alerts", label: "New alerts and suspicious activity reviewed", help: "Alerts raised in the period are triaged; reports filed in the period are read." },
  { key: "gaps", label: "Missing time spans checked", help: "Devices silent while their peers logged traffic with them, and the share of traffic both sides logged." },
  { key: "logins", label: "Repeated login failures and lockouts checked", help: "Failed sign-ins in Tailscale's audit log and in Countersign's own sign-in records." },
  { key: "restarts", label: "Unexpected restarts investigated", help: "Devices that went quiet and came back at another endpoint." },
] as const;

export type ReviewItemKey = (typeof REVIEW_ITEMS)[number]["key"];
export const REVIEW_ITEM_KEYS = REVIEW_ITEMS.map((i) => i.key) as [ReviewItemKey, ...ReviewItemKey[]];

export type ItemTick = { checked: boolean; note: string | null; checkedById: string | null; checkedByLabel: string | null; checkedAt: string | null };
export type ItemTicks = Partial<Record<ReviewItemKey, ItemTick>>;
