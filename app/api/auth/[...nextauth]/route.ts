import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/auth-options";

// Built on first request, so that building the app needs no configuration.
function handler(request: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(authOptions())(request, context);
}
export { handler as GET, handler as POST };
