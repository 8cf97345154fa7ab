// The alert queue's live counter, polled by the page every few seconds (browser session only).
import { withRoute } from "@/lib/api/with-route";
import { countNewAlerts } from "@/lib/alerts/count-new-alerts";
import { AppError } from "@/lib/errors";
import { parseTime } from "@/lib/logs/filters";

export const dynamic = "force-dynamic";

export const GET = withRoute({ permission: "alerts.read" }, async ({ viewer, request }) => {
  const since = parseTime(request.nextUrl.searchParams.get("since") ?? "");
  if (!since) throw new AppError("BAD_REQUEST", "Give `since` as an RFC 3339 time.");
  return countNewAlerts({ viewer, since: since.at });
});
