// The messages cache is paged newest page first; the stream's edits land where the pages say.
import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import type { Message } from "../../../lib/backend";
import {
  chatKeys,
  removeMessage,
  startMessages,
  upsertMessage,
  type CachedMessages,
} from "./queries";

const PROFILE = "p";
const CONVERSATION = "c";

function message(id: string, content = id): Message {
  return {
    id,
    conversationId: CONVERSATION,
    profileId: PROFILE,
    role: "user",
    content,
    status: "complete",
    error: null,
    createdAt: "2025-03-01T10:00:00Z",
    proposal: null,
    safety: null,
    summary: null,
  };
}

/** Two loaded pages of a conversation of 5: the newest (offset 0) holds 3 and 4, the older 1 and 2. */
function cached() {
  const queryClient = new QueryClient();
  queryClient.setQueryData<CachedMessages>(chatKeys.messages(PROFILE, CONVERSATION), {
    pages: [
      { items: [message("3"), message("4")], total: 5 },
      { items: [message("1"), message("2")], total: 5 },
    ],
    pageParams: [0, 2],
  });
  const read = () => {
    const data = queryClient.getQueryData<CachedMessages>(chatKeys.messages(PROFILE, CONVERSATION));
    return data?.pages.map((page) => ({
      items: page.items.map((m) => m.content),
      total: page.total,
    }));
  };
  return { queryClient, read };
}

describe("the cached messages of a conversation", () => {
  it("appends a new message to the newest page, and every page counts it", () => {
    const { queryClient, read } = cached();
    upsertMessage(queryClient, message("5"));
    expect(read()).toEqual([
      { items: ["3", "4", "5"], total: 6 },
      { items: ["1", "2"], total: 6 },
    ]);
  });

  it("replaces a message where it is, in whichever page", () => {
    const { queryClient, read } = cached();
    upsertMessage(queryClient, message("1", "1 with its card"));
    expect(read()).toEqual([
      { items: ["3", "4"], total: 5 },
      { items: ["1 with its card", "2"], total: 5 },
    ]);
  });

  it("removes a message, and every page counts one less", () => {
    const { queryClient, read } = cached();
    removeMessage(queryClient, PROFILE, CONVERSATION, "4");
    expect(read()).toEqual([
      { items: ["3"], total: 4 },
      { items: ["1", "2"], total: 4 },
    ]);
  });

  it("leaves a conversation that is not cached alone, and starts a new one with its first message", () => {
    const queryClient = new QueryClient();
    const key = chatKeys.messages(PROFILE, CONVERSATION);
    upsertMessage(queryClient, message("1"));
    expect(queryClient.getQueryData(key)).toBeUndefined();
    startMessages(queryClient, message("1"));
    expect(queryClient.getQueryData(key)).toEqual({
      pages: [{ items: [message("1")], total: 1 }],
      pageParams: [0],
    });
  });
});
