// The fake chat provider (fakeLlm.js) on its own: no app, no driver. Each behaviour over real HTTP with
// node's fetch, checking the exact bytes of both wire formats, and the bytes run through a JS copy of the
// app's stream parser (crates/wbot-core/src/chat/sse.rs) to be sure the app reads them as intended.
import assert from "node:assert/strict";
import { test } from "node:test";
import { DEFAULT_REPLY, pieces, startFakeLlm } from "./fakeLlm.js";

// ---------------------------------------------------------------------------------------------------------
// A faithful port of SseDecoder + StreamParser from crates/wbot-core/src/chat/sse.rs (same rules, same
// results), so a change to the fake's bytes that the app would read differently fails here.

class SseDecoder {
  line = [];
  afterCr = false;
  event = null;
  data = "";
  hasData = false;
  push(chunk) {
    const out = [];
    let start = 0;
    let i = 0;
    if (this.afterCr && chunk[0] === 0x0a) start = i = 1;
    this.afterCr = false;
    while (i < chunk.length) {
      const b = chunk[i];
      if (b === 0x0a || b === 0x0d) {
        this.line.push(...chunk.subarray(start, i));
        const line = Buffer.from(this.line);
        this.line = [];
        this.takeLine(line, out);
        if (b === 0x0d) {
          if (i + 1 === chunk.length) this.afterCr = true;
          else if (chunk[i + 1] === 0x0a) i += 1;
        }
        start = i + 1;
      }
      i += 1;
    }
    this.line.push(...chunk.subarray(start));
    return out;
  }
  finish() {
    const out = [];
    if (this.line.length) {
      const line = Buffer.from(this.line);
      this.line = [];
      this.takeLine(line, out);
    }
    this.takeLine(Buffer.alloc(0), out);
    return out;
  }
  takeLine(line, out) {
    if (line.length === 0) {
      if (this.hasData) {
        let data = this.data;
        this.data = "";
        if (data.endsWith("\n")) data = data.slice(0, -1);
        out.push({ event: this.event, data });
      }
      this.event = null;
      this.hasData = false;
      return;
    }
    if (line[0] === 0x3a) return;
    const text = line.toString("utf8");
    const at = text.indexOf(":");
    const field = at < 0 ? text : text.slice(0, at);
    let value = at < 0 ? "" : text.slice(at + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "data") {
      this.data += `${value}\n`;
      this.hasData = true;
    } else if (field === "event") {
      this.event = value;
    }
  }
}

function errorOf(value) {
  const error = value?.error;
  if (error === undefined || error === null) return null;
  if (typeof error === "string") return ["error", error];
  if (typeof error.message !== "string") return null;
  const kind = typeof error.type === "string" ? error.type : typeof error.code === "string" ? error.code : "error";
  return [kind, error.message];
}

/** parse_error_body */
function parseErrorBody(bytes) {
  try {
    return errorOf(JSON.parse(Buffer.from(bytes).toString("utf8")));
  } catch {
    return null;
  }
}

const invalid = (what) => ({ kind: "error", errorType: "invalid_response", message: `not a chat stream (${what})` });

class StreamParser {
  constructor(dialect) {
    this.dialect = dialect;
    this.sse = new SseDecoder();
    this.ended = false;
    this.sawEvent = false;
    this.finishReason = null;
    this.raw = [];
  }
  push(chunk) {
    if (!this.sawEvent) this.raw.push(...chunk);
    return this.take(this.sse.push(chunk));
  }
  finish() {
    const out = this.take(this.sse.finish());
    if (!this.ended) {
      if (!this.sawEvent) {
        const e = parseErrorBody(this.raw);
        if (e) {
          this.ended = true;
          out.push({ kind: "error", errorType: e[0], message: e[1] });
        } else if (!this.raw.every((b) => [0x20, 0x09, 0x0a, 0x0c, 0x0d].includes(b))) {
          this.ended = true;
          out.push(invalid("no events"));
        }
      } else if (this.dialect === "openai" && this.finishReason !== null) {
        this.ended = true;
        out.push({ kind: "done", finishReason: this.finishReason });
      }
    }
    return out;
  }
  take(events) {
    const out = [];
    for (const event of events) {
      if (this.ended) break;
      this.sawEvent = true;
      this.raw = [];
      if (this.dialect === "openai") this.openai(event, out);
      else this.anthropic(event, out);
    }
    return out;
  }
  end(e, out) {
    this.ended = true;
    out.push(e);
  }
  openai(event, out) {
    const data = event.data.trim();
    if (data === "[DONE]") return this.end({ kind: "done", finishReason: this.finishReason }, out);
    if (!data) return;
    let value;
    try {
      value = JSON.parse(data);
    } catch {
      return this.end(invalid("malformed JSON"), out);
    }
    const e = errorOf(value);
    if (e) return this.end({ kind: "error", errorType: e[0], message: e[1] }, out);
    if (!Array.isArray(value?.choices)) return;
    for (const choice of value.choices) {
      if ((Number.isInteger(choice.index) ? choice.index : 0) !== 0) continue;
      const t = choice.delta?.content;
      if (typeof t === "string" && t) out.push({ kind: "token", text: t });
      if (typeof choice.finish_reason === "string") this.finishReason = choice.finish_reason;
    }
  }
  anthropic(event, out) {
    let value;
    try {
      value = JSON.parse(event.data);
    } catch {
      return this.end(invalid("malformed JSON"), out);
    }
    const name = event.event ?? (typeof value?.type === "string" ? value.type : "");
    if (name === "content_block_start") {
      const b = value.content_block;
      if (b?.type === "text" && typeof b.text === "string" && b.text) out.push({ kind: "token", text: b.text });
    } else if (name === "content_block_delta") {
      if (value.delta?.type === "text_delta" && typeof value.delta.text === "string" && value.delta.text) {
        out.push({ kind: "token", text: value.delta.text });
      }
    } else if (name === "message_delta") {
      if (typeof value.delta?.stop_reason === "string") this.finishReason = value.delta.stop_reason;
    } else if (name === "message_stop") {
      this.end({ kind: "done", finishReason: this.finishReason }, out);
    } else if (name === "error") {
      const e = errorOf(value) ?? ["error", "The provider reported an error without a message."];
      this.end({ kind: "error", errorType: e[0], message: e[1] }, out);
    }
  }
}

/** What the app's parser makes of a whole body, fed in `chunks` (or all at once). */
function parse(dialect, chunks, { ended = true } = {}) {
  const p = new StreamParser(dialect);
  const events = [];
  for (const c of chunks) events.push(...p.push(c));
  if (ended) events.push(...p.finish());
  return events;
}
const textOf = (events) => events.filter((e) => e.kind === "token").map((e) => e.text).join("");

// ---------------------------------------------------------------------------------------------------------
// Helpers

const MODEL = "test-model";
const openaiBody = (extra = {}) => ({
  model: MODEL,
  messages: [
    { role: "system", content: "You are a kind companion. Remembered: Maya lives in Lisbon." },
    { role: "user", content: "I had a long day." },
  ],
  stream: true,
  ...extra,
});
const anthropicBody = (extra = {}) => ({
  model: MODEL,
  max_tokens: 1024,
  messages: [{ role: "user", content: "I had a long day." }],
  stream: true,
  system: "You are a kind companion. Remembered: Maya lives in Lisbon.",
  ...extra,
});

/** Posts like the app does (reqwest: accept text/event-stream, JSON body, the kind's auth headers). */
function post(llm, body, { signal, headers = {} } = {}) {
  const auth =
    llm.kind === "openai"
      ? { authorization: "Bearer sk-test-123" }
      : { "x-api-key": "sk-ant-xyz", "anthropic-version": "2023-06-01" };
  return fetch(llm.endpoint, {
    method: "POST",
    headers: { accept: "text/event-stream", "content-type": "application/json", ...auth, ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body ?? (llm.kind === "openai" ? openaiBody() : anthropicBody())),
    signal,
  });
}

/** Reads a body to the end; the chunks as they arrived (or the error that ended it, with what came before). */
async function readAll(res) {
  const chunks = [];
  const reader = res.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { chunks, bytes: Buffer.concat(chunks), error: null };
      chunks.push(Buffer.from(value));
    }
  } catch (error) {
    return { chunks, bytes: Buffer.concat(chunks), error };
  }
}

/** Reads until `pred(bytesSoFar)` holds; returns the reader (still open) and the bytes. */
async function readUntil(res, pred) {
  const reader = res.body.getReader();
  const chunks = [];
  while (!pred(Buffer.concat(chunks).toString("utf8"))) {
    const { done, value } = await reader.read();
    if (done) throw new Error(`stream ended before the expected bytes: ${Buffer.concat(chunks)}`);
    chunks.push(Buffer.from(value));
  }
  return { reader, text: Buffer.concat(chunks).toString("utf8") };
}

/** The SSE events of a body: [{event, data}] split on the blank lines, checking each ends in "\n\n". */
function frames(text) {
  assert.ok(text.endsWith("\n\n"), `body ends with a blank line: ${JSON.stringify(text.slice(-40))}`);
  return text
    .slice(0, -2)
    .split("\n\n")
    .map((block) => {
      const lines = block.split("\n");
      const ev = lines.length === 2 ? lines[0] : null;
      const data = lines[lines.length - 1];
      assert.ok(lines.length <= 2 && data.startsWith("data: "), `one event: ${JSON.stringify(block)}`);
      if (ev !== null) assert.match(ev, /^event: [a-z_]+$/);
      return { event: ev && ev.slice("event: ".length), data: data.slice("data: ".length) };
    });
}

async function withLlm(options, fn) {
  const llm = await startFakeLlm(options);
  try {
    await fn(llm);
  } finally {
    await llm.close();
  }
}

const timeout = (ms) => new Promise((_, reject) => setTimeout(() => reject(new Error(`timeout ${ms}`)), ms));

// ---------------------------------------------------------------------------------------------------------

test("openai: baseUrl and endpoint are what the app builds from them", async () => {
  await withLlm({ kind: "openai" }, async (llm) => {
    assert.match(llm.baseUrl, /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    // ProviderConfig::endpoint: format!("{base}/chat/completions")
    assert.equal(llm.endpoint, `${llm.baseUrl}/chat/completions`);
  });
  await withLlm({ kind: "anthropic" }, async (llm) => {
    assert.match(llm.baseUrl, /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    // format!("{base}/messages"), base like the preset's https://api.anthropic.com/v1
    assert.equal(llm.endpoint, `${llm.baseUrl}/messages`);
  });
});

test("openai: a reply streams as chat.completion.chunk events, then finish_reason stop and [DONE]", async () => {
  await withLlm({ kind: "openai" }, async (llm) => {
    const text = "That sounds tiring. Héllo 🌿 friend";
    llm.enqueue({ reply: text, chunkChars: 5, chunkMs: 5 });
    const res = await post(llm);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "text/event-stream; charset=utf-8");
    assert.equal(res.headers.get("cache-control"), "no-cache");
    assert.ok(res.headers.get("x-request-id"));
    const { bytes, chunks, error } = await readAll(res);
    assert.equal(error, null);
    assert.ok(chunks.length > 1, "arrives in several pieces");
    const body = bytes.toString("utf8");
    const events = frames(body);
    assert.ok(events.every((e) => e.event === null), "OpenAI events have no event: line");

    const first = JSON.parse(events[0].data);
    const { id, created } = first;
    assert.match(id, /^chatcmpl-[0-9a-f]+$/);
    assert.ok(Number.isInteger(created) && Math.abs(created - Date.now() / 1000) < 60);
    const chunk = (delta, finish_reason = null) =>
      `data: ${JSON.stringify({
        id,
        object: "chat.completion.chunk",
        created,
        model: MODEL,
        system_fingerprint: first.system_fingerprint,
        choices: [{ index: 0, delta, logprobs: null, finish_reason }],
      })}\n\n`;
    const expected = [
      chunk({ role: "assistant", content: "" }),
      ...pieces(text, 5).map((p) => chunk({ content: p })),
      chunk({}, "stop"),
      "data: [DONE]\n\n",
    ].join("");
    assert.equal(body, expected);
    assert.deepEqual(pieces(text, 5), ["That ", "sound", "s tir", "ing. ", "Héllo", " 🌿 fr", "iend"]);

    // The app's parser: the text, then Done(stop); the same when the bytes come one at a time.
    const parsed = parse("openai", [bytes]);
    assert.equal(textOf(parsed), text);
    assert.deepEqual(parsed.at(-1), { kind: "done", finishReason: "stop" });
    assert.deepEqual(parse("openai", [...bytes].map((b) => Buffer.from([b]))), parsed);
    assert.deepEqual(parse("openai", chunks), parsed);

    // What was received.
    assert.equal(llm.requests.length, 1);
    const r = llm.requests[0];
    assert.equal(r.method, "POST");
    assert.equal(r.path, "/v1/chat/completions");
    assert.equal(r.authorization, "Bearer sk-test-123");
    assert.equal(r.apiKey, null);
    assert.equal(r.anthropicVersion, null);
    assert.equal(r.accept, "text/event-stream");
    assert.equal(r.headers["content-type"], "application/json");
    assert.deepEqual(r.body, openaiBody());
    assert.equal(r.model, MODEL);
    assert.equal(r.stream, true);
    assert.match(r.system, /Maya lives in Lisbon/);
    assert.equal(r.messages.at(-1).content, "I had a long day.");
    assert.deepEqual(r.behaviour, { reply: text, chunkChars: 5, chunkMs: 5 });
    await r.closed;
    assert.equal(r.ended, true);
    assert.equal(r.aborted, false);
    assert.equal(llm.active, 0);
  });
});

test("anthropic: a reply streams the Messages events in their real order and bytes", async () => {
  await withLlm({ kind: "anthropic" }, async (llm) => {
    const text = "I'm here. 🌿 Tell me more.";
    llm.enqueue({ reply: text, chunkMs: 0 });
    const res = await post(llm);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "text/event-stream; charset=utf-8");
    assert.ok(res.headers.get("request-id"));
    const { bytes, error } = await readAll(res);
    assert.equal(error, null);
    const body = bytes.toString("utf8");
    const events = frames(body);
    const deltas = pieces(text, 4);
    assert.deepEqual(
      events.map((e) => e.event),
      [
        "message_start",
        "content_block_start",
        "ping",
        ...deltas.map(() => "content_block_delta"),
        "content_block_stop",
        "message_delta",
        "message_stop",
      ],
    );
    // Each data's own type names the event too.
    for (const e of events) assert.equal(JSON.parse(e.data).type, e.event);

    const start = JSON.parse(events[0].data);
    assert.match(start.message.id, /^msg_01[0-9a-f]+$/);
    const ev = (name, data) => `event: ${name}\ndata: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`;
    const expected = [
      ev("message_start", {
        type: "message_start",
        message: {
          id: start.message.id,
          type: "message",
          role: "assistant",
          model: MODEL,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: 25, output_tokens: 1 },
        },
      }),
      ev("content_block_start", { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } }),
      ev("ping", '{"type": "ping"}'),
      ...deltas.map((t) => ev("content_block_delta", { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: t } })),
      ev("content_block_stop", { type: "content_block_stop", index: 0 }),
      ev("message_delta", {
        type: "message_delta",
        delta: { stop_reason: "end_turn", stop_sequence: null },
        usage: { output_tokens: deltas.length + 1 },
      }),
      ev("message_stop", { type: "message_stop" }),
    ].join("");
    assert.equal(body, expected);

    const parsed = parse("anthropic", [bytes]);
    assert.equal(textOf(parsed), text);
    assert.deepEqual(parsed.at(-1), { kind: "done", finishReason: "end_turn" });
    assert.deepEqual(parse("anthropic", [...bytes].map((b) => Buffer.from([b]))), parsed);

    const r = llm.requests[0];
    assert.equal(r.path, "/v1/messages");
    assert.equal(r.apiKey, "sk-ant-xyz");
    assert.equal(r.anthropicVersion, "2023-06-01");
    assert.equal(r.authorization, null);
    assert.match(r.system, /Maya lives in Lisbon/);
    assert.deepEqual(r.body, anthropicBody());
  });
});

test("finishReason is passed through; a request without stream gets one whole JSON reply", async () => {
  await withLlm({ kind: "openai" }, async (llm) => {
    llm.enqueue({ reply: "cut short", finishReason: "length", chunkMs: 0 }, "whole");
    const parsed = parse("openai", [(await readAll(await post(llm))).bytes]);
    assert.deepEqual(parsed.at(-1), { kind: "done", finishReason: "length" });
    const res = await post(llm, openaiBody({ stream: false }));
    assert.equal(res.headers.get("content-type"), "application/json");
    const json = await res.json();
    assert.equal(json.object, "chat.completion");
    assert.deepEqual(json.choices[0].message, { role: "assistant", content: "whole", refusal: null });
    assert.equal(json.choices[0].finish_reason, "stop");
  });
  await withLlm({ kind: "anthropic" }, async (llm) => {
    llm.enqueue({ reply: "x", finishReason: "max_tokens", chunkMs: 0 }, "whole");
    const parsed = parse("anthropic", [(await readAll(await post(llm))).bytes]);
    assert.deepEqual(parsed.at(-1), { kind: "done", finishReason: "max_tokens" });
    const json = await (await post(llm, anthropicBody({ stream: false }))).json();
    assert.equal(json.type, "message");
    assert.deepEqual(json.content, [{ type: "text", text: "whole" }]);
    assert.equal(json.stop_reason, "end_turn");
  });
});

test("openai: error statuses carry OpenAI's error body, and retry-after when asked", async () => {
  await withLlm({ kind: "openai" }, async (llm) => {
    const cases = [
      [{ status: 429, retryAfter: 2 }, "requests", "rate_limit_exceeded", /^Rate limit reached for test-model/],
      [{ status: 500 }, "server_error", null, /^The server had an error/],
      [{ status: 503 }, "server_error", null, /overloaded/],
      [{ status: 401 }, "invalid_request_error", "invalid_api_key", /^Incorrect API key provided/],
      [{ status: 400, message: "Invalid 'messages'." }, "invalid_request_error", null, /^Invalid 'messages'\.$/],
      [{ status: 529 }, "server_error", null, /overloaded/],
      [{ status: 404 }, "invalid_request_error", "model_not_found", /`test-model` does not exist/],
    ];
    llm.enqueue(...cases.map((c) => c[0]));
    for (const [b, type, code, message] of cases) {
      const res = await post(llm);
      assert.equal(res.status, b.status);
      assert.equal(res.headers.get("content-type"), "application/json");
      assert.equal(res.headers.get("retry-after"), b.retryAfter ? String(b.retryAfter) : null);
      const raw = await res.text();
      const json = JSON.parse(raw);
      assert.deepEqual(Object.keys(json), ["error"]);
      assert.deepEqual(Object.keys(json.error), ["message", "type", "param", "code"]);
      assert.equal(json.error.type, type);
      assert.equal(json.error.param, null);
      assert.equal(json.error.code, code);
      assert.match(json.error.message, message);
      // parse_error_body, which the app uses for the detail it shows
      assert.deepEqual(parseErrorBody(Buffer.from(raw)), [type, json.error.message]);
    }
    assert.equal(llm.requests.length, cases.length);
  });
});

test("anthropic: error statuses carry Anthropic's error body (overloaded 529, rate limit 429, ...)", async () => {
  await withLlm({ kind: "anthropic" }, async (llm) => {
    const cases = [
      [{ status: 529 }, "overloaded_error", "Overloaded"],
      [{ status: 429, retryAfter: 7 }, "rate_limit_error", /rate limit/],
      [{ status: 500 }, "api_error", "Internal server error"],
      [{ status: 503 }, "api_error", "Internal server error"],
      [{ status: 401 }, "authentication_error", "invalid x-api-key"],
      [{ status: 400, message: "max_tokens: too big" }, "invalid_request_error", "max_tokens: too big"],
      [{ status: 403, type: "permission_error", message: "nope" }, "permission_error", "nope"],
    ];
    llm.enqueue(...cases.map((c) => c[0]));
    for (const [b, type, message] of cases) {
      const res = await post(llm);
      assert.equal(res.status, b.status);
      assert.equal(res.headers.get("content-type"), "application/json");
      assert.equal(res.headers.get("retry-after"), b.retryAfter ? String(b.retryAfter) : null);
      const raw = await res.text();
      const json = JSON.parse(raw);
      assert.deepEqual(Object.keys(json), ["type", "error", "request_id"]);
      assert.equal(json.type, "error");
      assert.deepEqual(Object.keys(json.error), ["type", "message"]);
      assert.equal(json.error.type, type);
      if (typeof message === "string") assert.equal(json.error.message, message);
      else assert.match(json.error.message, message);
      assert.match(json.request_id, /^req_011C/);
      assert.deepEqual(parseErrorBody(Buffer.from(raw)), [type, json.error.message]);
    }
  });
});

test("a status can carry any body (e.g. a proxy's HTML page)", async () => {
  await withLlm({ kind: "openai" }, async (llm) => {
    llm.enqueue({ status: 502, body: "<html>502 Bad Gateway</html>" });
    const res = await post(llm);
    assert.equal(res.status, 502);
    assert.equal(await res.text(), "<html>502 Bad Gateway</html>");
  });
});

for (const kind of ["openai", "anthropic"]) {
  test(`${kind}: stall sends the text, then keeps the connection open and silent until the client aborts`, async () => {
    await withLlm({ kind }, async (llm) => {
      llm.enqueue({ stall: "Let me think", chunkMs: 1 });
      const abort = new AbortController();
      const res = await post(llm, undefined, { signal: abort.signal });
      assert.equal(res.status, 200);
      const { reader, text } = await readUntil(res, (t) => textOf(parse(kind, [Buffer.from(t)], { ended: false })) === "Let me think");
      const sofar = parse(kind, [Buffer.from(text)], { ended: false });
      assert.equal(textOf(sofar), "Let me think");
      assert.ok(!sofar.some((e) => e.kind !== "token"), "no end, no error");
      assert.ok(!text.includes("[DONE]") && !text.includes("finish_reason\":\"stop") && !text.includes("message_stop"));
      // Nothing more arrives, and the connection stays open.
      const next = reader.read();
      await assert.rejects(Promise.race([next, timeout(400)]), /timeout 400/);
      assert.equal(llm.active, 1);
      assert.equal(llm.requests[0].ended, false);
      abort.abort();
      await assert.rejects(next, { name: "AbortError" });
      const r = await Promise.race([llm.requests[0].closed, timeout(2000)]);
      assert.equal(r.aborted, true, "the server saw the client go");
      assert.equal(llm.active, 0);
    });
  });
}

test("close() ends stalled and hanging connections, and the client sees the stream break", async () => {
  const llm = await startFakeLlm({ kind: "anthropic" });
  llm.enqueue({ stall: "still here", chunkMs: 0 }, { hang: true });
  const res = await post(llm);
  const { reader } = await readUntil(res, (t) => textOf(parse("anthropic", [Buffer.from(t)], { ended: false })) === "still here");
  const hanging = post(llm).then(
    (r) => r,
    (e) => e,
  ); // no response at all
  await llm.waitForRequests(2);
  assert.equal(llm.active, 2);
  const started = Date.now();
  await Promise.race([llm.close(), timeout(2000)]);
  assert.ok(Date.now() - started < 1000);
  await assert.rejects(reader.read(), TypeError); // "terminated"
  assert.ok((await hanging) instanceof TypeError, "fetch failed"); // no response ever came
  assert.equal(llm.active, 0);
  assert.equal(llm.requests[0].aborted, false, "ended by close(), not by the client");
  await assert.rejects(fetch(llm.endpoint, { method: "POST", body: "{}" }), TypeError);
});

for (const kind of ["openai", "anthropic"]) {
  test(`${kind}: cut sends the text, then half an event, then drops the connection`, async () => {
    await withLlm({ kind }, async (llm) => {
      llm.enqueue({ cut: "I hear you, and ", chunkMs: 1 });
      const res = await post(llm);
      assert.equal(res.status, 200);
      const { bytes, error } = await readAll(res);
      assert.ok(error instanceof TypeError, `the body read fails: ${error}`);
      assert.match(String(error.cause?.message ?? error.message), /terminated|other side closed|closed/);
      const text = bytes.toString("utf8");
      assert.ok(!text.endsWith("\n\n"), "ends inside an event");
      // The app stops at the transport error (no parser.finish): the text, no Done, no Error.
      const sofar = parse(kind, [bytes], { ended: false });
      assert.equal(textOf(sofar), "I hear you, and ");
      assert.ok(sofar.every((e) => e.kind === "token"));
      const r = await llm.requests[0].closed;
      assert.equal(r.aborted, false);
    });
  });
}

for (const kind of ["openai", "anthropic"]) {
  test(`${kind}: garbage is a 200 event stream the app reads as an invalid response`, async () => {
    await withLlm({ kind }, async (llm) => {
      llm.enqueue({ garbage: true });
      const res = await post(llm);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get("content-type"), "text/event-stream; charset=utf-8");
      const { bytes, error } = await readAll(res);
      assert.equal(error, null);
      assert.ok(bytes.length > 0);
      assert.throws(() => JSON.parse(bytes.toString("utf8")));
      const events = parse(kind, [bytes]);
      assert.deepEqual(events, [invalid("malformed JSON")]);
      // Also with only the non-event part: still invalid (no events at all).
      assert.deepEqual(parse(kind, [bytes.subarray(0, bytes.indexOf("data:"))]), [invalid("no events")]);
    });
  });
}

test("anthropic: streamError sends the text, then an in-stream `event: error`, then ends", async () => {
  await withLlm({ kind: "anthropic" }, async (llm) => {
    llm.enqueue({ streamError: "Half a thought", chunkMs: 0 }, { streamError: "", type: "api_error", message: "Internal server error" });
    const { bytes, error } = await readAll(await post(llm));
    assert.equal(error, null, "a clean end of the body");
    const body = bytes.toString("utf8");
    const events = frames(body);
    assert.deepEqual(events.slice(0, 3).map((e) => e.event), ["message_start", "content_block_start", "ping"]);
    assert.ok(events.slice(3, -1).every((e) => e.event === "content_block_delta"));
    assert.ok(
      body.endsWith(
        'event: error\ndata: {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}\n\n',
      ),
    );
    const parsed = parse("anthropic", [bytes]);
    assert.equal(textOf(parsed), "Half a thought");
    assert.deepEqual(parsed.at(-1), { kind: "error", errorType: "overloaded_error", message: "Overloaded" });

    const second = parse("anthropic", [(await readAll(await post(llm))).bytes]);
    assert.deepEqual(second, [{ kind: "error", errorType: "api_error", message: "Internal server error" }]);
  });
});

test("openai: streamError is OpenAI's in-stream error data event", async () => {
  await withLlm({ kind: "openai" }, async (llm) => {
    llm.enqueue({ streamError: "so far", chunkMs: 0 });
    const { bytes } = await readAll(await post(llm));
    const body = bytes.toString("utf8");
    assert.ok(
      body.endsWith(
        `data: ${JSON.stringify({ error: { message: "The server had an error while processing your request. Sorry about that!", type: "server_error", param: null, code: null } })}\n\n`,
      ),
    );
    assert.ok(!body.includes("[DONE]"));
    const parsed = parse("openai", [bytes]);
    assert.equal(textOf(parsed), "so far");
    assert.equal(parsed.at(-1).errorType, "server_error");
  });
});

test("behaviours are used in order, then the default; setDefault changes it; strings are replies", async () => {
  await withLlm({ kind: "openai" }, async (llm) => {
    llm.enqueue({ status: 429 }, "second", { reply: "third", chunkMs: 0 });
    assert.equal(llm.queued, 3);
    const got = [];
    for (let i = 0; i < 5; i += 1) {
      if (i === 4) llm.setDefault({ reply: "new default", chunkMs: 0 });
      const res = await post(llm);
      got.push(res.status === 200 ? textOf(parse("openai", [(await readAll(res)).bytes])) : res.status);
    }
    assert.deepEqual(got, [429, "second", "third", DEFAULT_REPLY, "new default"]);
    assert.equal(llm.queued, 0);
    assert.equal(llm.requests.length, 5);
    assert.deepEqual(
      llm.requests.map((r) => r.behaviour.reply ?? r.behaviour.status),
      [429, "second", "third", DEFAULT_REPLY, "new default"],
    );
  });
});

test("other paths get the provider's 404 and use no behaviour; bad JSON gets a 400", async () => {
  await withLlm({ kind: "openai" }, async (llm) => {
    llm.enqueue("kept");
    const res = await fetch(`${llm.origin}/v1/messages`, { method: "POST", body: "{}" });
    assert.equal(res.status, 404);
    assert.deepEqual(await res.json(), {
      error: { message: "Invalid URL (POST /v1/messages)", type: "invalid_request_error", param: null, code: null },
    });
    assert.equal((await fetch(llm.endpoint)).status, 404); // GET
    assert.equal(llm.unmatched.length, 2);
    assert.equal(llm.requests.length, 0);
    assert.equal(llm.queued, 1);

    const bad = await post(llm, "{not json");
    assert.equal(bad.status, 400);
    assert.equal((await bad.json()).error.type, "invalid_request_error");
    assert.equal(llm.requests[0].body, null);
    assert.equal(llm.requests[0].raw, "{not json");
    assert.equal(llm.queued, 1, "a refused body uses no behaviour");
  });
  await withLlm({ kind: "anthropic" }, async (llm) => {
    const res = await fetch(`${llm.origin}/v1/chat/completions`, { method: "POST", body: "{}" });
    assert.equal(res.status, 404);
    const json = await res.json();
    assert.deepEqual(json.error, { type: "not_found_error", message: "Not Found" });
    assert.equal(json.type, "error");
  });
});

test("several fake providers run side by side; basePath; waitForRequests; delayMs", async () => {
  const a = await startFakeLlm({ kind: "anthropic" });
  const b = await startFakeLlm({ kind: "openai", basePath: "/api/v1" });
  try {
    assert.notEqual(a.origin, b.origin);
    assert.equal(b.baseUrl, `${b.origin}/api/v1`);
    assert.equal(b.endpoint, `${b.origin}/api/v1/chat/completions`);
    a.enqueue({ status: 529 });
    b.enqueue({ reply: "from B", delayMs: 150, chunkMs: 0 });
    const waiting = b.waitForRequests(1);
    assert.equal((await post(a)).status, 529);
    const started = Date.now();
    const res = await post(b);
    assert.ok(Date.now() - started >= 140, "headers wait for delayMs");
    assert.equal(textOf(parse("openai", [(await readAll(res)).bytes])), "from B");
    assert.equal((await waiting).length, 1);
    assert.equal(a.requests.length, 1);
    await assert.rejects(a.waitForRequests(2, { timeout: 50 }), /expected 2 request/);
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
});

test("bad behaviours are refused when queued", async () => {
  await withLlm({ kind: "openai" }, async (llm) => {
    assert.throws(() => llm.enqueue({}), /exactly one of/);
    assert.throws(() => llm.enqueue({ reply: "a", stall: "b" }), /exactly one of/);
    assert.throws(() => llm.enqueue({ reply: "a", chunkSize: 3 }), /unknown behaviour option/);
    assert.throws(() => llm.enqueue({ status: 200 }), /HTTP error code/);
    assert.throws(() => llm.setDefault({ cut: 5 }), /takes the text/);
  });
  await assert.rejects(startFakeLlm({ kind: "gemini" }), /kind is/);
});
