import { describe, expect, it } from "vitest";
import { handleOf, parseMentions, resolveMentions } from "./mentions";

describe("parseMentions", () => {
  it("finds handles and e-mails, once each, lower-cased, without trailing punctuation", () => {
    expect(parseMentions("@Alice please look, and @bob@example.com. Thanks @alice!")).toEqual(["alice", "bob@example.com"]);
    expect(parseMentions("ping @carol.smith.")).toEqual(["carol.smith"]);
    expect(parseMentions("(@dave)")).toEqual(["dave"]);
  });
  it("ignores e-mail addresses that are not mentions and lone @", () => {
    expect(parseMentions("write to alice@example.com or @ nobody")).toEqual([]);
    expect(parseMentions("")).toEqual([]);
  });
  it("keeps hostile text out of tokens", () => {
    expect(parseMentions("@<script>alert(1)</script> @x\u0000y")).toEqual(["x"]);
  });
  it("caps the number of mentions", () => {
    const many = Array.from({ length: 80 }, (_, i) => `@user${i}`).join(" ");
    expect(parseMentions(many)).toHaveLength(50);
  });
});

describe("resolveMentions", () => {
  const alice = { id: "1", email: "alice@example.com", name: "Alice" };
  const alice2 = { id: "2", email: "alice@other.org", name: "Alice Two" };
  const bob = { id: "3", email: "Bob@Example.com", name: "Bob" };
  it("matches handles and e-mails among the candidates", () => {
    expect(resolveMentions(["bob", "alice@other.org"], [alice, alice2, bob])).toEqual({ users: [bob, alice2], unknown: [], ambiguous: [] });
  });
  it("reports shared handles as ambiguous and others as unknown", () => {
    expect(resolveMentions(["alice", "mallory"], [alice, alice2, bob])).toEqual({ users: [], unknown: ["mallory"], ambiguous: ["alice"] });
  });
  it("names each person once", () => {
    expect(resolveMentions(["bob", "bob@example.com"], [bob]).users).toEqual([bob]);
  });
  it("derives the handle from the e-mail", () => {
    expect(handleOf("Carol.Smith@example.com")).toBe("carol.smith");
  });
});
