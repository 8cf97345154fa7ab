import { withRoute } from "@/lib/api/with-route";
import { listReviews } from "@/lib/reviews/reviews";

// Readers need logs.read; without it there is nothing to list (404, like a review that does not exist).
export const GET = withRoute({}, async ({ viewer, request }) => listReviews({ viewer, input: Object.fromEntries(request.nextUrl.searchParams) }));
