// The fake keeps the core's rules for conversation pages and online providers, so UI tests meet the pages,
// errors and refusals the app meets.
import { describe, expect, it } from "vitest";
import { FakeBackend } from "./fakeBackend";
import { isRemote } from "./fakeChat";
import { refusal } from "./refusal";

const FIRST_PAGE = { limit: null, offset: 0 };

describe("the fake's conversation list", () => {
  it("pages the conversations most recently active first, 30 by default, 1 to 100 at a time", async () => {
    const backend = new FakeBackend();
    const ana = backend.seedProfile("Ana");
    const ben = backend.seedProfile("Ben");
    for (let minute = 1; minute <= 35; minute++) {
      const at = `2025-03-01T10:${String(minute).padStart(2, "0")}:00Z`;
      backend.chat.seedConversation(ana.id, `Talk ${minute}`, [], at);
    }
    backend.chat.seedConversation(ben.id, "Ben's", []);

    const first = await backend.listConversations(ana.id, FIRST_PAGE);
    expect(first.total).toBe(35);
    expect(first.items).toHaveLength(30);
    expect(first.items[0]?.title).toBe("Talk 35");
    expect(first.items[29]?.title).toBe("Talk 6");
    const rest = await backend.listConversations(ana.id, { limit: 10, offset: 30 });
    expect(rest.items.map((c) => c.title)).toEqual([
      "Talk 5",
      "Talk 4",
      "Talk 3",
      "Talk 2",
      "Talk 1",
    ]);
    expect(rest.total).toBe(35);
    expect(await backend.listConversations(ana.id, { limit: 100, offset: 40 })).toEqual({
      items: [],
      total: 35,
    });
    expect((await backend.listConversations(ben.id, FIRST_PAGE)).total).toBe(1);
  });

  it("refuses a page size outside 1 to 100", async () => {
    const backend = new FakeBackend();
    const ana = backend.seedProfile("Ana");
    for (const limit of [0, 101]) {
      expect(await refusal(backend.listConversations(ana.id, { limit, offset: 0 }))).toEqual({
        code: "validation",
        reason: "out_of_range",
        params: { subject: "page_size", min: 1, max: 100, actual: limit },
      });
    }
    expect(await refusal(backend.listConversations("no-such-profile", FIRST_PAGE))).toMatchObject({
      code: "not_found",
      reason: "not_found",
      params: { subject: "profile" },
    });
  });
});

describe("the fake's conversation messages", () => {
  function talk(count: number) {
    const backend = new FakeBackend();
    const ana = backend.seedProfile("Ana");
    const { conversation } = backend.chat.seedConversation(
      ana.id,
      "Long talk",
      Array.from({ length: count }, (_, i) => ({
        role: i % 2 === 0 ? ("user" as const) : ("assistant" as const),
        content: `Message ${i + 1}`,
      })),
    );
    return { backend, ana, conversationId: conversation.id };
  }
  const contents = (page: { items: { content: string }[] }) => page.items.map((m) => m.content);
  const numbered = (from: number, to: number) =>
    Array.from({ length: to - from + 1 }, (_, i) => `Message ${from + i}`);

  it("pages from the newest, 50 by default, oldest first within a page", async () => {
    const { backend, ana, conversationId } = talk(120);

    const newest = await backend.conversationMessages(ana.id, conversationId, FIRST_PAGE);
    expect(newest.total).toBe(120);
    expect(contents(newest)).toEqual(numbered(71, 120));
    const before = await backend.conversationMessages(ana.id, conversationId, {
      limit: 50,
      offset: 50,
    });
    expect(contents(before)).toEqual(numbered(21, 70));
    const oldest = await backend.conversationMessages(ana.id, conversationId, {
      limit: 50,
      offset: 100,
    });
    expect(contents(oldest)).toEqual(numbered(1, 20));
    expect(
      await backend.conversationMessages(ana.id, conversationId, { limit: 200, offset: 120 }),
    ).toEqual({ items: [], total: 120 });
  });

  it("refuses a page size outside 1 to 200 before looking the conversation up", async () => {
    const { backend, ana, conversationId } = talk(3);
    for (const limit of [0, 201]) {
      expect(
        await refusal(backend.conversationMessages(ana.id, conversationId, { limit, offset: 0 })),
      ).toEqual({
        code: "validation",
        reason: "out_of_range",
        params: { subject: "page_size", min: 1, max: 200, actual: limit },
      });
    }
    expect(
      await refusal(
        backend.conversationMessages(ana.id, "no-such-conversation", { limit: 0, offset: 0 }),
      ),
    ).toMatchObject({ code: "validation", reason: "out_of_range" });
    expect(
      await refusal(backend.conversationMessages(ana.id, "no-such-conversation", FIRST_PAGE)),
    ).toMatchObject({
      code: "not_found",
      reason: "not_found",
      params: { subject: "conversation" },
    });
  });
});

describe("the fake's online providers (ADR 0017)", () => {
  const input = (baseUrl: string, id: string | null = null) => ({
    id,
    name: "Online",
    kind: "openAiCompatible" as const,
    baseUrl,
    model: "m",
    timeoutMs: 30000,
    apiKey: null,
  });

  it("tells online services from this device and the local network as the core does", () => {
    const local = [
      "http://127.0.0.1:11434/v1",
      "http://localhost:1234/v1",
      "http://10.0.0.5/v1",
      "http://172.16.0.1/v1",
      "http://192.168.1.20:8080/v1",
      "http://169.254.1.1/v1",
      "http://[::1]:8080/v1",
      "http://[fd00::1]/v1",
      "http://[fe80::1]/v1",
      "http://gpu-box:8080/v1",
      "http://ollama.localhost/v1",
      "http://studio.local:1234/v1",
    ];
    const remote = [
      "https://api.openai.com/v1",
      "https://api.anthropic.com/v1",
      "https://8.8.8.8/v1",
      "https://172.32.0.1/v1",
      "https://[2001:db8::1]/v1",
      "https://localhost.example.com/v1",
    ];
    for (const url of local) expect([url, isRemote(url)]).toEqual([url, false]);
    for (const url of remote) expect([url, isRemote(url)]).toEqual([url, true]);
  });

  it("saves an online provider unallowed, allows it, and asks again when its origin changes", async () => {
    const backend = new FakeBackend();
    const ana = backend.seedProfile("Ana");
    const saved = await backend.saveProvider(ana.id, input("https://api.example.com/v1"));
    expect(saved).toMatchObject({ remote: true, allowed: false });
    expect(await backend.allowProvider(ana.id, saved.id)).toMatchObject({ allowed: true });

    // Another path on the same origin keeps the leave; another host drops it.
    const samePlace = await backend.saveProvider(
      ana.id,
      input("https://api.example.com/v2", saved.id),
    );
    expect(samePlace).toMatchObject({ allowed: true });
    const moved = await backend.saveProvider(ana.id, input("https://api.example.org/v1", saved.id));
    expect(moved).toMatchObject({ remote: true, allowed: false });
    const port = await backend.saveProvider(
      ana.id,
      input("https://api.example.org:8443/v1", saved.id),
    );
    expect(port).toMatchObject({ allowed: false });
  });

  it("returns a local provider as it is, and refuses an unknown one as deleting does", async () => {
    const backend = new FakeBackend();
    const ana = backend.seedProfile("Ana");
    const local = await backend.saveProvider(ana.id, input("http://127.0.0.1:9999/v1"));
    expect(local).toMatchObject({ remote: false, allowed: true });
    expect(await backend.allowProvider(ana.id, local.id)).toEqual(local);

    const unknown = "7a0c2a4e-9d3b-4f7e-8a51-3c2b1d0e9f88";
    const allowing = await refusal(backend.allowProvider(ana.id, unknown));
    expect(allowing).toEqual({
      code: "not_found",
      reason: "not_found",
      params: { subject: "provider", value: unknown },
    });
    expect(await refusal(backend.deleteProvider(ana.id, unknown))).toEqual(allowing);
  });

  it("refuses plain http to an online service", async () => {
    const backend = new FakeBackend();
    const ana = backend.seedProfile("Ana");
    expect(await refusal(backend.saveProvider(ana.id, input("http://api.example.com/v1")))).toEqual(
      {
        code: "validation",
        reason: "insecure_address",
        params: { subject: "provider_address", value: "http://api.example.com/v1" },
      },
    );
  });
});
