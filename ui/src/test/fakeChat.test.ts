// The fake's conversation list keeps the core's paging, so UI tests meet the pages and errors the app meets.
import { describe, expect, it } from "vitest";
import { BackendError } from "../lib/backend";
import { FakeBackend } from "./fakeBackend";

const FIRST_PAGE = { limit: null, offset: 0 };

async function refusal(pending: Promise<unknown>) {
  const error: unknown = await pending.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BackendError);
  const { code, reason, params } = error as BackendError;
  return { code, reason, params };
}

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
