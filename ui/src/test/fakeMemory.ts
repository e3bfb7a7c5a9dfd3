import {
  BackendError,
  type CoreNotice,
  type Memory,
  type MemoryHit,
  type MemoryKind,
  type MemoryPage,
  type MemoryStatus,
  type SearchOptions,
} from "../lib/backend";
import { CORE } from "./coreFixtures";
import { isId, pageLimit, requireText } from "./validation";

const MAX_CHARS = CORE.limits.memoryChars;
const MAX_PAGE = CORE.limits.memoryPage;
const MAX_LIMIT = CORE.limits.memorySearchLimit;

function words(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length >= 3),
  );
}

/**
 * Memories for the fake backend, with the real rules for text, paging, ids and profiles. Search
 * stands in for meaning with shared words: similarity = shared words / query words.
 */
export class FakeMemory {
  /** Every profile's memories, newest first. */
  readonly items: Memory[] = [];
  /** Each search's query, in call order (to check debouncing). */
  readonly searches: string[] = [];
  status: Omit<MemoryStatus, "count" | "indexed"> = {
    modelId: "multilingual-e5-small",
    dimensions: 384,
    modelLoaded: false,
    pendingEmbeddings: 0,
    index: "ready",
    lastCheck: "loaded",
    rebuildInProgress: false,
  };
  private nextId = 1;
  private readonly listeners = new Set<(notice: CoreNotice) => void>();

  /** Adds a memory directly (test set-up), as the newest. */
  seed(profileId: string, text: string, createdAt?: string): Memory {
    const at = createdAt ?? new Date(Date.UTC(2025, 4, 1 + this.nextId, 9)).toISOString();
    const memory: Memory = {
      id: crypto.randomUUID(),
      profileId,
      conversationId: null,
      kind: "note",
      text,
      createdAt: at,
      updatedAt: at,
      pinned: false,
      source: "user",
    };
    this.items.unshift(memory);
    return memory;
  }

  /** Announces a core notice as the shell would. */
  emit(notice: CoreNotice) {
    for (const listener of this.listeners) listener(notice);
  }

  subscribe(listener: (notice: CoreNotice) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private owned(profileId: string): Memory[] {
    return this.items.filter((m) => m.profileId === profileId);
  }

  private find(profileId: string, memoryId: string): Memory {
    if (!isId(memoryId)) {
      throw new BackendError("validation", "invalid_format", {
        subject: "memory",
        value: memoryId,
      });
    }
    const memory = this.items.find((m) => m.id === memoryId && m.profileId === profileId);
    if (memory === undefined) {
      throw new BackendError("not_found", "not_found", { subject: "memory", value: memoryId });
    }
    return memory;
  }

  list(profileId: string, offset: number, wanted: number | null): MemoryPage {
    const limit = pageLimit(wanted, 50, MAX_PAGE);
    const all = this.owned(profileId);
    const items = all.slice(offset, offset + limit);
    const next = offset + items.length;
    return { items, total: all.length, nextOffset: next < all.length ? next : null };
  }

  search(profileId: string, query: string, options: SearchOptions): MemoryHit[] {
    this.searches.push(query);
    const text = requireText(query, "search_text", MAX_CHARS);
    const limit = options.limit ?? 10;
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new BackendError("validation", "out_of_range", {
        subject: "result_count",
        min: 1,
        max: MAX_LIMIT,
        actual: limit,
      });
    }
    const floor = options.minSimilarity ?? 0;
    const wanted = words(text);
    return this.owned(profileId)
      .map((memory) => {
        const have = words(memory.text);
        const shared = [...wanted].filter((w) => have.has(w)).length;
        const similarity = wanted.size === 0 ? 0 : shared / wanted.size;
        return { memory, score: similarity, similarity, duplicates: 0 };
      })
      .filter((hit) => hit.similarity >= floor && hit.similarity > 0)
      .sort((a, b) => b.similarity - a.similarity)
      .slice(0, limit);
  }

  add(profileId: string, text: string, kind: MemoryKind = "note"): Memory {
    const memory = this.seed(
      profileId,
      requireText(text, "memory", MAX_CHARS),
      new Date().toISOString(),
    );
    memory.kind = kind;
    this.status = { ...this.status, modelLoaded: true };
    return memory;
  }

  update(profileId: string, memoryId: string, text: string): Memory {
    const memory = this.find(profileId, memoryId);
    memory.text = requireText(text, "memory", MAX_CHARS);
    memory.updatedAt = new Date().toISOString();
    return { ...memory };
  }

  delete(profileId: string, memoryId: string) {
    const memory = this.find(profileId, memoryId);
    this.items.splice(this.items.indexOf(memory), 1);
  }

  forgetAll(profileId: string): number {
    const mine = this.owned(profileId);
    for (const memory of mine) this.items.splice(this.items.indexOf(memory), 1);
    return mine.length;
  }

  statusOf(profileId: string): MemoryStatus {
    const count = this.owned(profileId).length;
    return { ...this.status, count, indexed: count };
  }
}
