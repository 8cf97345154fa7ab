import { readJson, withRoute } from "@/lib/api/with-route";
import { addCaseComment, listCaseComments } from "@/lib/cases/comments";

export const GET = withRoute({ permission: "cases.access" }, async ({ viewer, params }) => Response.json({ comments: await listCaseComments({ viewer, reference: String(params.id) }) }));

export const POST = withRoute({ permission: "cases.access" }, async ({ viewer, params, request }) => {
  const { comment, mentioned, version } = await addCaseComment({ viewer, reference: String(params.id), input: await readJson(request) });
  return Response.json({ comment, mentioned, version }, { status: 201 });
});
