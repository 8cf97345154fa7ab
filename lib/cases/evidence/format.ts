// A time offset in a recording as m:ss.s, for the page and its search results.
export function formatOffset(seconds: number) {
  const m = Math.floor(seconds / 60);
  const s = seconds - m * 60;
  return `${m}:${s.toFixed(1).padStart(4, "0")}`;
}
