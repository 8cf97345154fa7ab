import { readJson, withRoute } from "@/lib/api/with-route";
import { addTask, listTasks } from "@/lib/cases/tasks";

export const GET = withRoute({ permission: "cases.access" }, async ({ viewer, params }) => Response.json(await listTasks({ viewer, reference: String(params.id) })));

export const POST = withRoute({ permission: "cases.access" }, async ({ viewer, params, request }) => {
  const result = await addTask({ viewer, reference: String(params.id), input: await readJson(request) });
  return Response.json(result, { status: 201 });
});
