// @mentions in case comments. Pure. A person is mentioned by e-mail (`@alice@example.com`) or by
// handle, the part of their e-mail before the @ (`@alice`). A handle two people share is
// ambiguous and must be written as the e-mail.

/** `@alice`, `@alice.smith`, `@alice@example.com`; not inside an e-mail address (`bob@alice`). */
const MENTION = /(?<![\w.@+-])@([A-Za-z0-9._%+-]{1,64}(?:@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)?)/g;

/** The tokens mentioned, lower-cased, each once, in order; trailing punctuation dropped. */
export function parseMentions(body: string): string[] {
  const out: string[] = [];
  for (const m of body.matchAll(MENTION)) {
    const token = m[1]!.replace(/[._%+-]+$/, "").toLowerCase();
    if (token && !out.includes(token)) out.push(token);
  }
  return out.slice(0, 50);
}

export const handleOf = (email: string) => email.slice(0, email.lastIndexOf("@")).toLowerCase();

export type MentionCandidate = { id: string; email: string; name: string };
export type MentionResolution = { users: MentionCandidate[]; unknown: string[]; ambiguous: string[] };

/**
 * Matches tokens against the people who may see the case (the caller passes only those): an
 * e-mail matches exactly, a handle matches when exactly one candidate has it. Anything else is
 * unknown, with the same answer whether the person does not exist or may not see the case.
 */
export function resolveMentions(tokens: string[], candidates: MentionCandidate[]): MentionResolution {
  const users: MentionCandidate[] = [];
  const unknown: string[] = [];
  const ambiguous: string[] = [];
  for (const token of tokens) {
    const matches = token.includes("@") ? candidates.filter((c) => c.email.toLowerCase() === token) : candidates.filter((c) => handleOf(c.email) === token);
    if (matches.length === 1) {
      if (!users.some((u) => u.id === matches[0]!.id)) users.push(matches[0]!);
    } else if (matches.length > 1) ambiguous.push(token);
    else unknown.push(token);
  }
  return { users, unknown, ambiguous };
}
