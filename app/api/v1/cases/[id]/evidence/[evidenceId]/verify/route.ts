import { withRoute } from "@/lib/api/with-route";
import { verifyEvidence } from "@/lib/cases/evidence/evidence-records";

export const POST = withRoute({ permission: "cases.access" }, async ({ viewer, params }) =>
  verifyEvidence({ viewer, reference: String(params.id), evidenceId: String(params.evidenceId) }),
);
