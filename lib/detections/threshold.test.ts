import { describe, expect, it } from "vitest";
import { thresholdSpanStart } from "./threshold";

const MIN = 60_000;
const at = (minutes: number) => minutes * MIN;

describe("thresholdSpanStart", () => {
  it("is null while fewer than the count fall within the span", () => {
    expect(thresholdSpanStart([at(0), at(1), at(2), at(3)], at(3), 5, 15 * MIN)).toBeNull();
  });

  it("answers the first event's time once the count is reached within the span", () => {
    expect(thresholdSpanStart([at(0), at(1), at(2), at(3), at(4)], at(4), 5, 15 * MIN)).toBe(at(0));
  });

  it("does not count events further apart than the span", () => {
    expect(thresholdSpanStart([at(0), at(10), at(20), at(30), at(40)], at(40), 5, 15 * MIN)).toBeNull();
    expect(thresholdSpanStart([at(0), at(10), at(20), at(21), at(22), at(23)], at(23), 4, 15 * MIN)).toBe(at(10));
  });

  it("finds a span that holds an event arriving late, out of time order", () => {
    // The last event to arrive happened first; the four others came before it.
    expect(thresholdSpanStart([at(0), at(2), at(3), at(4), at(5)], at(0), 5, 15 * MIN)).toBe(at(0));
  });

  it("ignores spans that do not hold the event being folded", () => {
    expect(thresholdSpanStart([at(0), at(1), at(2), at(60)], at(60), 3, 15 * MIN)).toBeNull();
  });

  it("a span ends inclusively at its length", () => {
    expect(thresholdSpanStart([at(0), at(15)], at(15), 2, 15 * MIN)).toBe(at(0));
    expect(thresholdSpanStart([at(0), at(15) + 1], at(15) + 1, 2, 15 * MIN)).toBeNull();
  });
});
