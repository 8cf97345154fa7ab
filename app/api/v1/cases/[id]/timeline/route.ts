import { readJson, withRoute } from "@/lib/api/with-route";
import { addTimelineEntry } from "@/lib/cases/add-timeline-entry";

export const POST = withRoute({ permission: "cases.access" }, async ({ viewer, params, request }) => {
  const result = await addTimelineEntry({ viewer, reference: String(params.id), input: await readJson(request) });
  return Response.json(result, { status: 201 });
});
