import { readJson, withRoute } from "@/lib/api/with-route";
import { createCase } from "@/lib/cases/create-case";
import { listCases } from "@/lib/cases/list-cases";

export const GET = withRoute({ permission: "cases.access" }, async ({ viewer, request }) => listCases({ viewer, filter: Object.fromEntries(request.nextUrl.searchParams) }));

export const POST = withRoute({ permission: "cases.access" }, async ({ viewer, request }) => {
  const created = await createCase({ viewer, input: await readJson(request) });
  return Response.json({ ...created, url: `${request.nextUrl.origin}/cases/${created.reference}` }, { status: 201 });
});
