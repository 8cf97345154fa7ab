import { readJson, withRoute } from "@/lib/api/with-route";
import { getCaseOrThrow } from "@/lib/cases/get-case";
import { updateCase } from "@/lib/cases/update-case";

export const GET = withRoute({ permission: "cases.access" }, async ({ viewer, params }) => getCaseOrThrow({ viewer, reference: String(params.id) }));

export const PATCH = withRoute({ permission: "cases.access" }, async ({ viewer, params, request }) => updateCase({ viewer, reference: String(params.id), input: await readJson(request) }));
