import { withRoute } from "@/lib/api/with-route";
import { getReview } from "@/lib/reviews/reviews";

export const GET = withRoute({}, async ({ viewer, params }) => getReview({ viewer, id: String(params.id) }));
