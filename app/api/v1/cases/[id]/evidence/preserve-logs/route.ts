import { readJson, withRoute } from "@/lib/api/with-route";
import { preserveLogs } from "@/lib/cases/evidence/preserve-logs";

export const POST = withRoute({ permission: "cases.access" }, async ({ viewer, params, request }) => {
  const result = await preserveLogs({ viewer, reference: String(params.id), input: await readJson(request) });
  return Response.json(result, { status: 201 });
});
