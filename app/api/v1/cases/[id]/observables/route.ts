import { readJson, withRoute } from "@/lib/api/with-route";
import { addObservable, listObservables } from "@/lib/cases/observables";

export const GET = withRoute({ permission: "cases.access" }, async ({ viewer, params, request }) => {
  const { observables, total } = await listObservables({ viewer, reference: String(params.id), q: new URL(request.url).searchParams.get("q") ?? undefined });
  return Response.json({ observables, total });
});

export const POST = withRoute({ permission: "cases.access" }, async ({ viewer, params, request }) => {
  const result = await addObservable({ viewer, reference: String(params.id), input: await readJson(request) });
  return Response.json(result, { status: 201 });
});
