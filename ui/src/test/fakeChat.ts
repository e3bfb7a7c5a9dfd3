import {
  BackendError,
  type ActivityProposal,
  type ActivityResult,
  type ActivitySummary,
  type ChatStatus,
  type ConnectionReport,
  type Conversation,
  type ConversationHit,
  type ConversationPage,
  type CrisisSignal,
  type Effectiveness,
  type Helpline,
  type Message,
  type MessagePage,
  type MessageStatus,
  type Page,
  type ProposalDecision,
  type ProviderError,
  type ProviderInput,
  type ProviderPreset,
  type ProviderSettings,
  type ReplyEvent,
  type SearchMode,
} from "../lib/backend";
import { CORE } from "./coreFixtures";
import { withHistory } from "./fakeProgress";
import { NO_PARAMS, pageLimit, requireText } from "./validation";

const MAX_MESSAGE_CHARS = CORE.limits.messageChars;
const MAX_TITLE_CHARS = CORE.limits.titleChars;
const MAX_PROVIDER_NAME_CHARS = 100;
const MAX_KEY_CHARS = CORE.limits.keyChars;
const MIN_TIMEOUT_MS = CORE.limits.providerTimeoutMinMs;
const MAX_TIMEOUT_MS = CORE.limits.providerTimeoutMaxMs;
/** The core's MAX_SHARED_ENTRY_CHARS: the most of a shared journal entry's words its note carries. */
const MAX_SHARED_ENTRY_CHARS = 4_000;
/** The most conversations one page holds, and how many when the page does not say. */
const MAX_CONVERSATION_PAGE = 100;
const DEFAULT_CONVERSATION_PAGE = 30;
/** The most messages one page of a conversation holds, and how many when the page does not say. */
const MAX_MESSAGE_PAGE = 200;
const DEFAULT_MESSAGE_PAGE = 50;

/** An error as a `kind: "error"` reply event carries it: every parameter present, null when unused. */
type EventError = Extract<ReplyEvent, { kind: "error" }>["error"];

/** The AppError the core would send for this BackendError. */
export function appErrorOf(error: BackendError): EventError {
  return {
    code: error.code,
    reason: error.reason,
    params: { ...NO_PARAMS, ...error.params },
  };
}

/** A failed reply's provider error, as the core saves it (no status or detail unless given). */
export function providerError(
  kind: ProviderError["kind"],
  providerId: string,
  more: Partial<Pick<ProviderError, "status" | "detail">> = {},
): ProviderError {
  return { kind, providerId, status: null, detail: null, ...more };
}

/** The core's provider presets. */
export const PROVIDER_PRESETS: ProviderPreset[] = CORE.providerPresets;

/** The core's helplines for a region (an unknown or empty region gets the default lines). */
export function helplinesFor(region: string): Helpline[] {
  const key = region.trim().toUpperCase() === "UK" ? "GB" : region.trim().toUpperCase();
  return CORE.helplines[key] ?? CORE.helplines[""] ?? [];
}

/** The first 16 bits of an IPv6 address written in brackets (`[fd00::1]`), or null when it is not one. */
function ipv6Head(host: string): number | null {
  if (!host.startsWith("[") || !host.endsWith("]")) return null;
  const head = host.slice(1, -1).split(":")[0] ?? "";
  return head === "" ? 0 : parseInt(head, 16);
}

/**
 * The core's `is_local`: this device or the local network, where a server may speak plain http.
 * Loopback, private and link-local addresses, `localhost`, `.local` and single-label names.
 */
export function isLocalHost(host: string): boolean {
  const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(host);
  if (v4 !== null) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return (
      a === 127 ||
      a === 10 ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 169 && b === 254)
    );
  }
  const head = ipv6Head(host);
  if (head !== null) {
    // loopback; unique local fc00::/7; link-local fe80::/10
    return host === "[::1]" || (head & 0xfe00) === 0xfc00 || (head & 0xffc0) === 0xfe80;
  }
  const name = host.toLowerCase();
  return !name.includes(".") || name.endsWith(".localhost") || name.endsWith(".local");
}

/** The core's `is_remote`: an online service, neither this device nor the local network (ADR 0017). */
export function isRemote(baseUrl: string): boolean {
  try {
    return !isLocalHost(new URL(baseUrl).hostname);
  } catch {
    return true;
  }
}

/** The scheme, host and port of an address, as the core compares them. */
function origin(baseUrl: string): string | null {
  try {
    return new URL(baseUrl).origin;
  } catch {
    return null;
  }
}

/** Words that raise the safety card (a few of the core's detector's phrases). */
const CRISIS = /\b(end my life|kill myself|hurt myself)\b/i;

/** Stand-in for the offline classifier: present-tense asks for a practice get a card. */
export function fakeProposal(text: string): ActivityProposal | null {
  const lower = text.toLowerCase();
  if (/\bused to\b|\bknow breathing helps\b/.test(lower)) return null;
  if (/\bbreath/.test(lower) || /\banxious\b/.test(lower)) {
    return {
      activity: "breathing",
      confidence: 0.9,
      suggestion: { kind: "breathing", technique: "box" },
      reason: "anxiety",
      decision: null,
    };
  }
  if (/\bmeditat/.test(lower)) {
    return {
      activity: "meditation",
      confidence: 0.8,
      suggestion: { kind: "meditation", minutes: 5 },
      reason: "space",
      decision: null,
    };
  }
  if (/\bwrite\b|\bjournal/.test(lower)) {
    return {
      activity: "journaling",
      confidence: 0.8,
      suggestion: {
        kind: "journaling",
        category: "processing",
        // As the core: a proposal leaves the prompt to the UI's library, in the person's language.
        prompt: "",
      },
      reason: "processing",
      decision: null,
    };
  }
  return null;
}

/** A reply streaming on the fake: tests push its tokens and end it. */
export interface FakeReply {
  replyId: string;
  profileId: string;
  conversationId: string;
  text: string;
  onEvent: (event: ReplyEvent) => void;
  ended: boolean;
}

interface StoredConversation {
  conversation: Conversation;
  messages: Message[];
}

function oneLine(text: string): string {
  return text.split(/\s+/).filter(Boolean).join(" ");
}

/** The core's clip: at most `max` characters, the first `max - 1` and "…" when longer. */
export function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}

/**
 * The companion chat of the fake backend: conversations, messages, providers and replies that stream
 * through the same callback the real channel feeds. Replies never stream on their own: a test sends
 * `token(...)` and then `finish(...)`, or sets `autoReply`.
 */
export class FakeChat {
  readonly conversations = new Map<string, StoredConversation>();
  readonly providers = new Map<string, ProviderSettings[]>();
  readonly regions = new Map<string, string>();
  /** Replies started, in order; the last is the one streaming now. */
  readonly replies: FakeReply[] = [];
  /** Every decideProposal call, in order. */
  readonly decisions: { messageId: string; decision: ProposalDecision }[] = [];
  /** Every deleteConversation call, in order. */
  readonly deletions: { conversationId: string; keepMemories: boolean }[] = [];
  /** Every addActivitySummary call, in order. */
  readonly summaries: { conversationId: string; result: ActivityResult }[] = [];
  /** When set, every reply streams this text in two tokens and completes by itself. */
  autoReply: string | null = null;
  /** What testProvider answers; an error is thrown. */
  connection: ConnectionReport | BackendError = { providerId: "", latencyMs: 42, sample: "Hi!" };
  private nextId = 1;

  private id(prefix: string) {
    return `${prefix}-${String(this.nextId++)}`;
  }

  /**
   * Adds a provider directly (test set-up). Whether it is online follows from its address; an online one
   * is not allowed unless `allowed` says so, as when it has just been saved.
   */
  seedProvider(profileId: string, settings: Partial<ProviderSettings> = {}): ProviderSettings {
    const list = this.providers.get(profileId) ?? [];
    const baseUrl = settings.baseUrl ?? "http://127.0.0.1:11434/v1";
    const remote = isRemote(baseUrl);
    const saved: ProviderSettings = {
      id: this.id("provider"),
      name: "Ollama",
      kind: "openAiCompatible",
      model: "llama3.2",
      timeoutMs: 120000,
      hasKey: false,
      position: list.length,
      ...settings,
      baseUrl,
      remote,
      // Always true for a local provider, as the core's.
      allowed: !remote || settings.allowed === true,
    };
    list.push(saved);
    this.providers.set(profileId, list);
    return saved;
  }

  /** Adds a conversation with these messages directly (test set-up). */
  seedConversation(
    profileId: string,
    title: string,
    messages: (Partial<Message> & Pick<Message, "role" | "content">)[] = [],
    at = "2025-03-01T10:00:00Z",
  ): StoredConversation {
    const conversation: Conversation = {
      id: this.id("conversation"),
      profileId,
      title,
      remember: true,
      createdAt: at,
      updatedAt: at,
    };
    const stored: StoredConversation = {
      conversation,
      messages: messages.map((m) => ({
        id: this.id("message"),
        conversationId: conversation.id,
        profileId,
        status: "complete",
        error: null,
        createdAt: at,
        proposal: null,
        safety: null,
        summary: null,
        ...m,
      })),
    };
    this.conversations.set(conversation.id, stored);
    return stored;
  }

  /** The reply streaming now (the last started). */
  get reply(): FakeReply {
    const reply = this.replies[this.replies.length - 1];
    if (reply === undefined) throw new Error("no reply was started");
    return reply;
  }

  /** Streams a piece of the current reply. */
  token(text: string) {
    const reply = this.reply;
    if (reply.ended) throw new Error("the reply has ended");
    reply.text += text;
    reply.onEvent({ kind: "token", replyId: reply.replyId, text });
  }

  /** Saves the current reply with this status and sends `done`, as the core does. */
  finish(status: MessageStatus = "complete", error: ProviderError | null = null): Message {
    const reply = this.reply;
    if (reply.ended) throw new Error("the reply has ended");
    reply.ended = true;
    const message = this.append(reply.profileId, reply.conversationId, {
      role: "assistant",
      content: reply.text,
      status,
      error,
    });
    reply.onEvent({ kind: "done", replyId: reply.replyId, message });
    return message;
  }

  /** Ends the current reply with an `error` event (it could not be saved), as the core does. */
  fail(error: BackendError = new BackendError("unavailable", "database_busy")) {
    const reply = this.reply;
    reply.ended = true;
    reply.onEvent({ kind: "error", replyId: reply.replyId, error: appErrorOf(error) });
  }

  configured(profileId: string) {
    return (this.providers.get(profileId)?.length ?? 0) > 0;
  }

  private stored(profileId: string, conversationId: string): StoredConversation {
    const stored = this.conversations.get(conversationId);
    if (stored === undefined || stored.conversation.profileId !== profileId) {
      throw new BackendError("not_found", "not_found", {
        subject: "conversation",
        value: conversationId,
      });
    }
    return stored;
  }

  private append(
    profileId: string,
    conversationId: string,
    fields: Pick<Message, "role" | "content"> & Partial<Message>,
  ): Message {
    const stored = this.stored(profileId, conversationId);
    const at = new Date().toISOString();
    const message: Message = {
      id: this.id("message"),
      conversationId,
      profileId,
      status: "complete",
      error: null,
      createdAt: at,
      proposal: null,
      safety: null,
      summary: null,
      ...fields,
    };
    stored.messages.push(message);
    stored.conversation = { ...stored.conversation, updatedAt: at };
    return message;
  }

  private startReply(
    profileId: string,
    conversationId: string,
    onEvent: (e: ReplyEvent) => void,
  ): FakeReply {
    if (this.replies.some((r) => r.conversationId === conversationId && !r.ended)) {
      throw new BackendError("conflict", "reply_in_progress");
    }
    const reply: FakeReply = {
      replyId: this.id("reply"),
      profileId,
      conversationId,
      text: "",
      onEvent,
      ended: false,
    };
    this.replies.push(reply);
    // Like the core's chain, an online provider not allowed yet is passed over, never sent anything: when
    // no provider is left, the reply fails at once with the last one's `not_allowed`.
    const chain = this.listProviders(profileId);
    const last = chain[chain.length - 1];
    if (last !== undefined && chain.every((p) => !p.allowed)) {
      setTimeout(() => {
        if (!reply.ended) this.finish("failed", providerError("not_allowed", last.id));
      }, 0);
      return reply;
    }
    const auto = this.autoReply;
    if (auto !== null) {
      setTimeout(() => {
        if (reply.ended) return;
        const half = Math.ceil(auto.length / 2);
        this.token(auto.slice(0, half));
        this.token(auto.slice(half));
        this.finish();
      }, 0);
    }
    return reply;
  }

  send(
    profileId: string,
    conversationId: string | null,
    raw: string,
    onEvent: (e: ReplyEvent) => void,
    helped: Effectiveness[] = [],
  ) {
    const text = requireText(raw, "message", MAX_MESSAGE_CHARS);
    const stored =
      conversationId === null
        ? this.seedConversation(profileId, "", [], new Date().toISOString())
        : this.stored(profileId, conversationId);
    if (stored.conversation.title === "") {
      const title = oneLine(text);
      stored.conversation = {
        ...stored.conversation,
        title:
          Array.from(title).length > 50 ? `${Array.from(title).slice(0, 47).join("")}…` : title,
      };
    }
    const safety: CrisisSignal | null = CRISIS.test(text)
      ? { category: "suicidal", layer: "pattern", rule: "fake", score: null }
      : null;
    const userMessage = this.append(profileId, stored.conversation.id, {
      role: "user",
      content: text,
      safety,
    });
    const proposal = safety === null ? withHistory(fakeProposal(text), helped) : null;
    const reply = this.configured(profileId)
      ? this.startReply(profileId, stored.conversation.id, onEvent)
      : null;
    userMessage.proposal = proposal;
    const classified = { ...userMessage };
    // Like the core, the verdict may arrive before the call has answered, and always arrives.
    queueMicrotask(() => {
      onEvent({ kind: "classified", message: classified });
    });
    return {
      conversation: stored.conversation,
      userMessage: { ...userMessage, proposal: null },
      replyId: reply?.replyId ?? null,
    };
  }

  cancel(profileId: string, replyId: string) {
    const reply = this.replies.find((r) => r.replyId === replyId && r.profileId === profileId);
    if (reply === undefined || reply.ended) {
      throw new BackendError("not_found", "reply_not_streaming");
    }
    // The core saves what arrived as cancelled, after the call has answered.
    queueMicrotask(() => {
      if (!reply.ended) this.finish("cancelled");
    });
  }

  retry(profileId: string, conversationId: string, onEvent: (e: ReplyEvent) => void) {
    const stored = this.stored(profileId, conversationId);
    const last = stored.messages[stored.messages.length - 1];
    if (
      last === undefined ||
      last.role === "system_summary" ||
      (last.role === "assistant" && last.status === "complete")
    ) {
      throw new BackendError("validation", "nothing_to_retry");
    }
    if (!this.configured(profileId)) {
      throw new BackendError("validation", "no_chat_model");
    }
    const reply = this.startReply(profileId, conversationId, onEvent);
    let removed: string | null = null;
    if (last.role === "assistant") {
      stored.messages.pop();
      removed = last.id;
    }
    return { replyId: reply.replyId, removedMessageId: removed };
  }

  decide(profileId: string, messageId: string, decision: ProposalDecision): Message {
    for (const stored of this.conversations.values()) {
      const index = stored.messages.findIndex((m) => m.id === messageId);
      const message = stored.messages[index];
      if (message === undefined || message.profileId !== profileId) continue;
      if (message.proposal === null) {
        throw new BackendError("validation", "no_proposal");
      }
      if (decision.kind === "started") {
        const { choice } = decision;
        // Like the core: the choice is checked first, then that the card offers it.
        if (choice.kind === "meditation" && (choice.minutes < 1 || choice.minutes > 120)) {
          throw new BackendError("validation", "out_of_range", {
            subject: "meditation_length",
            min: 1,
            max: 120,
            actual: choice.minutes,
          });
        }
        if (choice.kind === "journaling") {
          const n = Array.from(choice.prompt.trim()).length;
          if (n === 0 || n > 500) {
            throw new BackendError("validation", "out_of_range", {
              subject: "journal_prompt",
              min: 1,
              max: 500,
            });
          }
        }
        if (choice.kind !== message.proposal.activity) {
          throw new BackendError("validation", "proposal_elsewhere", {
            value: choice.kind,
            expected: [message.proposal.activity],
          });
        }
      }
      this.decisions.push({ messageId, decision });
      const updated: Message = { ...message, proposal: { ...message.proposal, decision } };
      stored.messages[index] = updated;
      return updated;
    }
    throw new BackendError("not_found", "not_found", { subject: "message", value: messageId });
  }

  addSummary(
    profileId: string,
    conversationId: string,
    result: ActivityResult,
    summary: ActivitySummary,
  ): Message {
    this.summaries.push({ conversationId, result });
    return this.append(profileId, conversationId, {
      role: "system_summary",
      content: `${summary.activity} (${summary.technique}) finished.`,
      summary,
    });
  }

  /**
   * "Talk about this": a new untitled conversation whose first message is the entry's note, holding its
   * summary and (clipped, as the core does) its words for the model.
   */
  discuss(
    profileId: string,
    summary: ActivitySummary,
    entry: { text: string; prompt: string | null },
  ): Conversation {
    const stored = this.seedConversation(profileId, "", [], new Date().toISOString());
    const prompt = entry.prompt === null ? "" : ` (to the prompt "${entry.prompt}")`;
    this.append(profileId, stored.conversation.id, {
      role: "system_summary",
      content:
        `${summary.activity} (${summary.technique}) finished. The person shared what they wrote` +
        `${prompt} to talk about it:\n"${clip(entry.text, MAX_SHARED_ENTRY_CHARS)}"`,
      summary,
    });
    return stored.conversation;
  }

  /** One page of the profile's conversations, most recently active first (page size 1–100, default 30). */
  list(profileId: string, { limit, offset }: Page): ConversationPage {
    const size = pageLimit(limit, DEFAULT_CONVERSATION_PAGE, MAX_CONVERSATION_PAGE);
    const own = [...this.conversations.values()]
      .filter((s) => s.conversation.profileId === profileId)
      .sort((a, b) => b.conversation.updatedAt.localeCompare(a.conversation.updatedAt));
    const items = own.slice(offset, offset + size).map(({ conversation, messages }) => {
      const last = messages[messages.length - 1];
      return {
        id: conversation.id,
        title: conversation.title,
        preview: last === undefined ? "" : clip(oneLine(last.content), 60),
        previewRole: last?.role ?? null,
        updatedAt: conversation.updatedAt,
        remember: conversation.remember,
      };
    });
    return { items, total: own.length };
  }

  get(profileId: string, conversationId: string): Conversation {
    return this.stored(profileId, conversationId).conversation;
  }

  /**
   * One page of a conversation's messages counted from the newest (offset 0 holds the newest; page size
   * 1–200, default 50), oldest first within the page. The size is checked before the conversation.
   */
  messages(profileId: string, conversationId: string, { limit, offset }: Page): MessagePage {
    const size = pageLimit(limit, DEFAULT_MESSAGE_PAGE, MAX_MESSAGE_PAGE);
    const { messages } = this.stored(profileId, conversationId);
    const end = Math.max(messages.length - offset, 0);
    return { items: messages.slice(Math.max(end - size, 0), end), total: messages.length };
  }

  rename(profileId: string, conversationId: string, raw: string): Conversation {
    const stored = this.stored(profileId, conversationId);
    const title = raw.trim();
    if (title === "") throw new BackendError("validation", "empty", { subject: "title" });
    const chars = Array.from(title).length;
    if (chars > MAX_TITLE_CHARS) {
      throw new BackendError("validation", "too_long", {
        subject: "title",
        max: MAX_TITLE_CHARS,
        actual: chars,
      });
    }
    stored.conversation = { ...stored.conversation, title };
    return stored.conversation;
  }

  setRemember(profileId: string, conversationId: string, remember: boolean): Conversation {
    const stored = this.stored(profileId, conversationId);
    stored.conversation = { ...stored.conversation, remember };
    return stored.conversation;
  }

  delete(profileId: string, conversationId: string, keepMemories: boolean): number {
    const stored = this.stored(profileId, conversationId);
    this.deletions.push({ conversationId, keepMemories });
    this.conversations.delete(conversationId);
    return keepMemories
      ? 0
      : stored.messages.filter((m) => m.role === "assistant" && m.status === "complete").length;
  }

  search(profileId: string, raw: string, mode: SearchMode): ConversationHit[] {
    const query = requireText(raw, "search_text", MAX_MESSAGE_CHARS).toLowerCase();
    const words = query.split(/\s+/);
    const hits: ConversationHit[] = [];
    for (const { conversation, messages } of this.conversations.values()) {
      if (conversation.profileId !== profileId) continue;
      const found = messages.find((m) => {
        const text = m.content.toLowerCase();
        return mode === "keyword"
          ? words.every((w) => text.includes(w))
          : words.some((w) => text.includes(w));
      });
      if (found === undefined) continue;
      hits.push({
        conversationId: conversation.id,
        conversationTitle: conversation.title,
        messageId: mode === "keyword" ? found.id : null,
        snippet: clip(oneLine(found.content), 200),
        createdAt: found.createdAt,
        similarity: mode === "meaning" ? 0.62 : null,
      });
    }
    return hits;
  }

  listProviders(profileId: string): ProviderSettings[] {
    return [...(this.providers.get(profileId) ?? [])];
  }

  saveProvider(profileId: string, input: ProviderInput): ProviderSettings {
    const list = this.providers.get(profileId) ?? [];
    const existing = input.id === null ? undefined : list.find((p) => p.id === input.id);
    if (input.id !== null && existing === undefined) {
      throw new BackendError("not_found", "not_found", { subject: "provider", value: input.id });
    }
    const name = input.name.trim();
    if (name === "" || Array.from(name).length > MAX_PROVIDER_NAME_CHARS) {
      throw new BackendError("validation", "out_of_range", {
        subject: "provider_name",
        min: 1,
        max: MAX_PROVIDER_NAME_CHARS,
      });
    }
    const baseUrl = input.baseUrl.trim().replace(/\/+$/, "");
    if (!/^https?:\/\/[^/\s]+/.test(baseUrl)) {
      throw new BackendError("validation", "invalid_format", {
        subject: "provider_address",
        value: baseUrl,
      });
    }
    // Plain http only on this device or the local network, as the core.
    if (baseUrl.startsWith("http://") && isRemote(baseUrl)) {
      throw new BackendError("validation", "insecure_address", {
        subject: "provider_address",
        value: baseUrl,
      });
    }
    const model = input.model.trim();
    if (model === "") {
      throw new BackendError("validation", "out_of_range", {
        subject: "model_name",
        min: 1,
        max: 200,
      });
    }
    if (
      !Number.isInteger(input.timeoutMs) ||
      input.timeoutMs < MIN_TIMEOUT_MS ||
      input.timeoutMs > MAX_TIMEOUT_MS
    ) {
      throw new BackendError("validation", "out_of_range", {
        subject: "provider_timeout",
        min: MIN_TIMEOUT_MS / 1000,
        max: MAX_TIMEOUT_MS / 1000,
        actual: Number.isFinite(input.timeoutMs) ? input.timeoutMs / 1000 : null,
      });
    }
    if (input.apiKey != null) {
      const key = input.apiKey.trim();
      if (key === "") throw new BackendError("validation", "empty", { subject: "api_key" });
      if (/\s/.test(key) || Array.from(key).length > MAX_KEY_CHARS) {
        throw new BackendError("validation", "invalid_format", { subject: "api_key" });
      }
    }
    // A saved key, and the leave to send an online service messages, belong to the origin they were
    // given for: another scheme, host or port drops both (as the core).
    const moved = existing !== undefined && origin(existing.baseUrl) !== origin(baseUrl);
    const hasKey =
      input.apiKey != null
        ? true
        : input.clearKey === true || moved
          ? false
          : (existing?.hasKey ?? false);
    const remote = isRemote(baseUrl);
    const fields = {
      name,
      kind: input.kind,
      baseUrl,
      model,
      timeoutMs: input.timeoutMs,
      hasKey,
      remote,
      allowed: !remote || (existing?.allowed === true && !moved),
    };
    if (existing !== undefined) {
      const updated = { ...existing, ...fields };
      list[list.indexOf(existing)] = updated;
      return updated;
    }
    return this.seedProvider(profileId, fields);
  }

  /** Allows an online provider (ADR 0017); a local one, always allowed, is returned as it is. */
  allow(profileId: string, providerId: string): ProviderSettings {
    const list = this.providers.get(profileId) ?? [];
    const index = list.findIndex((p) => p.id === providerId);
    const provider = list[index];
    if (provider === undefined) {
      throw new BackendError("not_found", "not_found", { subject: "provider", value: providerId });
    }
    const allowed = { ...provider, allowed: true };
    list[index] = allowed;
    return allowed;
  }

  deleteProvider(profileId: string, providerId: string) {
    const list = this.listProviders(profileId).filter((p) => p.id !== providerId);
    if (list.length === this.listProviders(profileId).length) {
      throw new BackendError("not_found", "not_found", { subject: "provider", value: providerId });
    }
    this.providers.set(
      profileId,
      list.map((p, position) => ({ ...p, position })),
    );
  }

  reorder(profileId: string, ids: string[]): ProviderSettings[] {
    const list = this.listProviders(profileId);
    if (
      [...ids].sort().join() !==
      list
        .map((p) => p.id)
        .sort()
        .join()
    ) {
      throw new BackendError("validation", "provider_order");
    }
    const ordered = ids.map((id, position) => {
      const p = list.find((x) => x.id === id);
      if (p === undefined) throw new Error("unreachable");
      return { ...p, position };
    });
    this.providers.set(profileId, ordered);
    return ordered;
  }

  test(profileId: string, providerId: string): ConnectionReport {
    if (!this.listProviders(profileId).some((p) => p.id === providerId)) {
      throw new BackendError("not_found", "not_found", { subject: "provider", value: providerId });
    }
    if (this.connection instanceof BackendError) throw this.connection;
    return { ...this.connection, providerId };
  }

  status(profileId: string): ChatStatus {
    const region = this.regions.get(profileId) ?? "";
    return {
      configured: this.configured(profileId),
      helplineRegion: region,
      helplines: helplinesFor(region),
    };
  }

  setRegion(profileId: string, raw: string): ChatStatus {
    const region = raw.trim().toUpperCase();
    if (region !== "" && !/^[A-Z]{2}$/.test(region)) {
      throw new BackendError("validation", "invalid_format", {
        subject: "helpline_region",
        value: raw,
      });
    }
    this.regions.set(profileId, region);
    return this.status(profileId);
  }
}
