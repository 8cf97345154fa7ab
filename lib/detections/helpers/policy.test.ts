import { describe, expect, it } from "vitest";
import { analysePolicyChange, parsePolicy, policyDiffText, riskyAdditions, stripHuJSON } from "./policy";

const BASE = `// Example/default ACLs for unrestricted connections.
{
  /* Groups, with a comment
     over two lines */
  "groups": {
    "group:eng": ["alice@example.com", "bob@example.com",], // trailing comma
  },
  "tagOwners": {
    "tag:prod": ["group:eng"],
  },
  "acls": [
    {"action": "accept", "src": ["group:eng"], "dst": ["tag:prod:443"]},
  ],
  "ssh": [
    {"action": "check", "src": ["group:eng"], "dst": ["tag:prod"], "users": ["autogroup:nonroot"]},
  ],
  "autoApprovers": {
    "routes": {"10.0.0.0/8": ["tag:router"]},
  },
}
`;

const policy = (text: string) => {
  const p = parsePolicy(text);
  if (!p.ok) throw new Error(p.error);
  return p.policy;
};

/** BASE with one edit: `insert` placed after the line holding `after`. */
const edited = (after: string, insert: string) => BASE.replace(after, `${after}\n${insert}`);

describe("parsePolicy (HuJSON)", () => {
  it("reads comments and trailing commas", () => {
    const p = policy(BASE);
    expect(p.groups).toEqual({ "group:eng": ["alice@example.com", "bob@example.com"] });
    expect(p.acls).toHaveLength(1);
  });

  it("leaves // and /* inside strings alone, and commas inside strings", () => {
    const p = policy(`{"a": "https://example.com/x", "b": "/* not a comment */", "c": "x, ]", "d": "quote \\" // still a string",}`);
    expect(p).toEqual({ a: "https://example.com/x", b: "/* not a comment */", c: "x, ]", d: 'quote " // still a string' });
  });

  it("drops a trailing comma followed by a comment", () => {
    expect(JSON.parse(stripHuJSON(`[1, 2, // two\n]`))).toEqual([1, 2]);
    expect(JSON.parse(stripHuJSON(`{"a": 1, /* c */ }`))).toEqual({ a: 1 });
  });

  it("takes empty text as the empty policy", () => {
    expect(parsePolicy("")).toEqual({ ok: true, policy: {} });
    expect(parsePolicy(null)).toEqual({ ok: true, policy: {} });
  });

  it("reports, never throws, on a broken policy", () => {
    expect(parsePolicy(`{"acls": [`).ok).toBe(false);
    expect(parsePolicy(`{"a": "unterminated`).ok).toBe(false);
    expect(parsePolicy(`[1, 2]`).ok).toBe(false);
    expect(parsePolicy(42).ok).toBe(false);
  });
});

describe("riskyAdditions", () => {
  const added = (text: string) => riskyAdditions(policy(BASE), policy(text));

  it("finds nothing in a harmless change", () => {
    expect(added(edited(`"group:eng": ["alice@example.com", "bob@example.com",], // trailing comma`, `"group:ops": ["carol@example.com"],`))).toEqual([]);
    expect(added(BASE.replace("tag:prod:443", "tag:prod:22"))).toEqual([]);
  });

  it("finds an allow-all ACL, in both spellings", () => {
    const r = added(edited(`"acls": [`, `{"action": "accept", "src": ["*"], "dst": ["*:*"]},`));
    expect(r.map((x) => x.kind)).toEqual(["allow-all"]);
    expect(added(edited(`"acls": [`, `{"action": "accept", "users": ["*"], "ports": ["*:*"]},`)).map((x) => x.kind)).toEqual(["allow-all"]);
  });

  it("finds an allow-all grant, not a narrower one", () => {
    expect(added(`{"grants": [{"src": ["*"], "dst": ["*"], "ip": ["*"]}]}`).map((x) => x.kind)).toContain("allow-all");
    expect(added(`{"grants": [{"src": ["*"], "dst": ["*"], "ip": ["tcp:443"]}]}`).filter((x) => x.kind === "allow-all")).toEqual([]);
  });

  it("does not count an allow-all that was already there", () => {
    const before = edited(`"acls": [`, `{"action": "accept", "src": ["*"], "dst": ["*:*"]},`);
    expect(riskyAdditions(policy(before), policy(before.replace("tag:prod:443", "tag:prod:80")))).toEqual([]);
  });

  it("finds autogroup:danger-all, with where it is used", () => {
    const r = added(edited(`"acls": [`, `{"action": "accept", "src": ["autogroup:danger-all"], "dst": ["tag:prod:22"]},`));
    expect(r).toHaveLength(1);
    expect(r[0]!.kind).toBe("danger-all");
    expect(r[0]!.text).toContain("acls[].src");
  });

  it("finds SSH as root or as any user, and a check rule turned into accept", () => {
    expect(added(BASE.replace(`"users": ["autogroup:nonroot"]`, `"users": ["autogroup:nonroot", "root"]`)).map((x) => x.kind)).toEqual(["ssh-root"]);
    expect(added(BASE.replace(`"users": ["autogroup:nonroot"]`, `"users": ["*"]`)).map((x) => x.kind)).toEqual(["ssh-any-user"]);
    const rootCheck = BASE.replace(`"users": ["autogroup:nonroot"]`, `"users": ["root"]`);
    expect(riskyAdditions(policy(rootCheck), policy(rootCheck.replace(`"action": "check"`, `"action": "accept"`)))[0]!.text).toContain("without re-authentication");
    expect(riskyAdditions(policy(rootCheck), policy(rootCheck))).toEqual([]);
  });

  it("does not flag SSH as non-root users", () => {
    expect(added(edited(`"ssh": [`, `{"action": "accept", "src": ["autogroup:member"], "dst": ["autogroup:self"], "users": ["autogroup:nonroot", "ubuntu"]},`))).toEqual([]);
    expect(added(edited(`"ssh": [`, `{"action": "accept", "src": ["group:eng"], "dst": ["tag:dev"], "users": ["autogroup:nonroot", "localpart:*@example.com"]},`))).toEqual([]);
  });

  it("finds SSH opened to everyone in the tailnet, by its sources, and says as whom", () => {
    const to = (src: string, users: string, dst = `"tag:prod"`) => added(edited(`"ssh": [`, `{"action": "accept", "src": ["${src}"], "dst": [${dst}], "users": [${users}]},`));
    const nonroot = to("autogroup:member", `"autogroup:nonroot"`);
    expect(nonroot.map((x) => x.kind)).toEqual(["ssh-any-user"]);
    expect(nonroot[0]!.text).toBe("SSH as any non-root local user (autogroup:nonroot) from everyone in the tailnet (src autogroup:member) to tag:prod, without re-authentication (accept).");
    const named = to("*", `"ubuntu", "deploy"`);
    expect(named.map((x) => x.kind)).toEqual(["ssh-everyone"]);
    expect(named[0]!.text).toBe("SSH as deploy or ubuntu from everyone in the tailnet (src *) to tag:prod, without re-authentication (accept).");
    // One rule, one line: root and every other account for everyone is told once, under its gravest kind.
    const all = to("autogroup:member", `"autogroup:nonroot", "root"`);
    expect(all.map((x) => x.kind)).toEqual(["ssh-root"]);
    expect(all[0]!.text).toBe("SSH as root or any non-root local user (autogroup:nonroot) from everyone in the tailnet (src autogroup:member) to tag:prod, without re-authentication (accept).");
    const outside = to("autogroup:danger-all", `"localpart:*@example.com"`);
    expect(outside.map((x) => x.kind)).toEqual(["danger-all", "ssh-everyone"]);
    expect(outside[1]!.text).toContain("from everyone, inside the tailnet or not (src autogroup:danger-all)");
    // Everyone to their own devices is Tailscale's default rule; only root there is flagged.
    expect(to("autogroup:member", `"autogroup:nonroot", "ubuntu"`, `"autogroup:self"`)).toEqual([]);
    expect(to("autogroup:member", `"autogroup:nonroot", "root"`, `"autogroup:self"`)[0]!.text).toBe(
      "SSH as root from autogroup:member to their own devices (autogroup:self), without re-authentication (accept).",
    );
    // A group's own members are not everyone, and an unknown action allows nothing.
    expect(to("group:eng", `"autogroup:nonroot"`)).toEqual([]);
    expect(added(edited(`"ssh": [`, `{"action": "deny", "src": ["autogroup:member"], "dst": ["tag:prod"], "users": ["root"]},`))).toEqual([]);
  });

  it("judges an SSH rule by what a change adds to it, not by the rule as a whole", () => {
    const rule = (users: string, src = "autogroup:member") => edited(`"ssh": [`, `{"action": "accept", "src": ["${src}"], "dst": ["tag:prod"], "users": [${users}]},`);
    // Root added to a rule already open to everyone: only root is new.
    expect(riskyAdditions(policy(rule(`"ubuntu"`)), policy(rule(`"ubuntu", "root"`))).map((x) => x.text)).toEqual([
      "SSH as root from everyone in the tailnet (src autogroup:member) to tag:prod, without re-authentication (accept).",
    ]);
    // Narrowed: nothing added.
    expect(riskyAdditions(policy(rule(`"ubuntu", "root"`)), policy(rule(`"ubuntu"`)))).toEqual([]);
    expect(riskyAdditions(policy(rule(`"autogroup:nonroot"`)), policy(rule(`"autogroup:nonroot"`, "group:eng")))).toEqual([]);
    // Widened from a group to everyone: new.
    expect(riskyAdditions(policy(rule(`"ubuntu"`, "group:eng")), policy(rule(`"ubuntu"`))).map((x) => x.kind)).toEqual(["ssh-everyone"]);
  });

  it("finds tag owners widened, and new tags anyone can apply, not new tags owned by a group", () => {
    expect(added(BASE.replace(`"tag:prod": ["group:eng"]`, `"tag:prod": ["group:eng", "autogroup:member"]`))[0]!.text).toContain("tag:prod can now also be applied by autogroup:member");
    expect(added(edited(`"tagOwners": {`, `"tag:ci": ["autogroup:member"],`)).map((x) => x.kind)).toEqual(["tag-owners"]);
    expect(added(edited(`"tagOwners": {`, `"tag:ci": ["group:eng"],`))).toEqual([]);
    expect(added(BASE.replace(`"tag:prod": ["group:eng"]`, `"tag:prod": []`))).toEqual([]);
  });

  it("finds auto-approvers gained for exit nodes and routes", () => {
    expect(added(edited(`"autoApprovers": {`, `"exitNode": ["autogroup:member"],`)).map((x) => x.kind)).toEqual(["auto-approve-exit-node"]);
    expect(added(BASE.replace(`"10.0.0.0/8": ["tag:router"]`, `"10.0.0.0/8": ["tag:router", "group:eng"]`))[0]!.text).toContain("10.0.0.0/8");
    expect(added(edited(`"routes": {`, `"0.0.0.0/0": ["tag:router"],`)).map((x) => x.kind)).toEqual(["auto-approve-routes"]);
    expect(added(BASE.replace(`"10.0.0.0/8": ["tag:router"]`, `"10.0.0.0/8": []`))).toEqual([]);
  });

  it("treats an empty previous policy as nothing: every risky rule of the first policy is an addition", () => {
    expect(riskyAdditions({}, policy(`{"acls": [{"action": "accept", "src": ["*"], "dst": ["*:*"]}]}`)).map((x) => x.kind)).toEqual(["allow-all"]);
  });
});

describe("analysePolicyChange", () => {
  it("gives the risks and a diff", () => {
    const after = edited(`"acls": [`, `{"action": "accept", "src": ["*"], "dst": ["*:*"]},`);
    const c = analysePolicyChange(BASE, after);
    expect(c.note).toBeNull();
    expect(c.risks).toHaveLength(1);
    expect(c.diff?.added).toBe(1);
    expect(c.diff?.text).toContain(`+ {"action": "accept", "src": ["*"], "dst": ["*:*"]},`);
  });

  it("notes a policy that does not parse, and still diffs it", () => {
    const c = analysePolicyChange(BASE, `${BASE}\n{ broken`);
    expect(c.risks).toEqual([]);
    expect(c.note).toMatch(/new policy .* could not be parsed/);
    expect(c.diff?.added).toBeGreaterThan(0);
  });

  it("caps the diff text", () => {
    const big = Array.from({ length: 500 }, (_, i) => `"line ${i}",`).join("\n");
    const d = policyDiffText("", big, 200)!;
    expect(d.truncated).toBe(true);
    expect(d.text.split("\n")).toHaveLength(201);
    expect(d.added).toBe(500);
  });
});
