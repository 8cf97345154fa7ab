import { withRoute } from "@/lib/api/with-route";
import { addEvidence } from "@/lib/cases/evidence/add-evidence";
import { listEvidence } from "@/lib/cases/evidence/evidence-records";
import { uploadFromRequest } from "@/lib/cases/evidence/http-upload";

export const GET = withRoute({ permission: "cases.access" }, async ({ viewer, params, request }) => {
  const q = request.nextUrl.searchParams.get("q");
  return listEvidence({ viewer, reference: String(params.id), q });
});

export const POST = withRoute({ permission: "cases.access" }, async ({ viewer, params, request }) => {
  const upload = uploadFromRequest(request);
  try {
    const result = await addEvidence({ viewer, reference: String(params.id), file: upload.file, description: upload.description });
    return Response.json(result, { status: 201 });
  } finally {
    upload.abort();
  }
});
