// The case page's sections, each its own route under /cases/<reference>/ (the layout draws the tabs).
export const CASE_TABS = [
  { segment: "", label: "Overview" },
  { segment: "timeline", label: "Timeline" },
  { segment: "tasks", label: "Tasks" },
  { segment: "observables", label: "Observables" },
  { segment: "evidence", label: "Evidence" },
  { segment: "coverage", label: "Coverage" },
  { segment: "impact", label: "Impact" },
  { segment: "disclosure", label: "Disclosure" },
  { segment: "activity", label: "Activity" },
] as const;

export type CaseTabSegment = (typeof CASE_TABS)[number]["segment"];

export const caseHref = (reference: string, segment: CaseTabSegment = ""): string => `/cases/${encodeURIComponent(reference)}${segment ? `/${segment}` : ""}`;
