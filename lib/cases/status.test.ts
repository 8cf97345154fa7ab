import { describe, expect, it } from "vitest";
import { CASE_STATUSES, checkTransition, nextStatuses, stampFor, type CaseStatus, type CloseFacts } from "./status";

const done: CloseFacts = { outcome: "CONFIRMED_INCIDENT", impactDetermined: true, disclosureDecided: true, openRequiredTasks: 0 };

describe("the case workflow", () => {
  it("walks the policy's path forward, one step at a time", () => {
    const path: CaseStatus[] = ["NEW", "TRIAGE", "INVESTIGATING", "CONTAINED", "REMEDIATED", "RESOLVED", "CLOSED"];
    for (let i = 1; i < path.length; i++) expect(checkTransition(path[i - 1]!, path[i]!, done)).toEqual({ ok: true });
  });

  it("refuses skipping steps forward, staying put, and anything from CLOSED", () => {
    expect(checkTransition("NEW", "CONTAINED", done)).toMatchObject({ ok: false });
    expect(checkTransition("TRIAGE", "REMEDIATED", done)).toMatchObject({ ok: false });
    expect(checkTransition("INVESTIGATING", "INVESTIGATING", done)).toMatchObject({ ok: false, reasons: ["The case is already investigating."] });
    for (const to of CASE_STATUSES) expect(checkTransition("CLOSED", to, done).ok).toBe(false);
    expect(nextStatuses("CLOSED")).toEqual([]);
  });

  it("lets any open case resolve with an outcome, never without", () => {
    for (const from of ["NEW", "TRIAGE", "INVESTIGATING", "CONTAINED", "REMEDIATED"] as const) {
      expect(checkTransition(from, "RESOLVED", { ...done, outcome: null, outcomeGiven: "FALSE_POSITIVE" })).toEqual({ ok: true });
      expect(checkTransition(from, "RESOLVED", { ...done, outcome: null })).toMatchObject({ ok: false, reasons: [expect.stringContaining("needs an outcome")] });
    }
  });

  it("refuses to close a confirmed incident until impact, disclosure and required tasks are done, naming each", () => {
    const result = checkTransition("RESOLVED", "CLOSED", { outcome: "CONFIRMED_INCIDENT", impactDetermined: false, disclosureDecided: false, openRequiredTasks: 2 });
    expect(result).toEqual({
      ok: false,
      reasons: [
        "A confirmed incident needs its impact determined before it closes.",
        "A confirmed incident needs its disclosure decision recorded before it closes.",
        "2 required tasks are not done.",
      ],
    });
    expect(checkTransition("RESOLVED", "CLOSED", done)).toEqual({ ok: true });
  });

  it("closes a false positive without impact or disclosure, but not with required tasks open", () => {
    const fp = { outcome: "FALSE_POSITIVE" as const, impactDetermined: false, disclosureDecided: false, openRequiredTasks: 0 };
    expect(checkTransition("RESOLVED", "CLOSED", fp)).toEqual({ ok: true });
    expect(checkTransition("RESOLVED", "CLOSED", { ...fp, openRequiredTasks: 1 })).toMatchObject({ ok: false, reasons: ["1 required task is not done."] });
  });

  it("reopens a resolved case into investigation, and goes back one step when work must be redone", () => {
    expect(checkTransition("RESOLVED", "INVESTIGATING", done)).toEqual({ ok: true });
    expect(checkTransition("CONTAINED", "INVESTIGATING", done)).toEqual({ ok: true });
    expect(checkTransition("REMEDIATED", "CONTAINED", done)).toEqual({ ok: true });
  });

  it("stamps every status after NEW", () => {
    expect(CASE_STATUSES.filter((s) => s !== "NEW").map(stampFor)).toEqual(["triagedAt", "investigatingAt", "containedAt", "remediatedAt", "resolvedAt", "closedAt"]);
    expect(stampFor("NEW")).toBeNull();
  });
});
