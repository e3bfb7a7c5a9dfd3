// A loopback fake of a chat model provider for end-to-end tests: a real HTTP server on 127.0.0.1 that speaks
// OpenAI Chat Completions (`POST {base}/chat/completions`) or Anthropic Messages (`POST {base}/messages`)
// byte for byte as the real services stream them, and does what the test scripts: reply, stall, cut the
// connection, answer with an error status, send garbage, or report an error inside the stream.
//
//   const llm = await startFakeLlm({ kind: "openai" });   // or "anthropic"; one server per fake provider
//   llm.enqueue({ reply: "I hear you." }, { status: 429, retryAfter: 1 });
//   ... point the app at llm.baseUrl (what a person types into the provider settings) ...
//   llm.requests[0].system  // the system prompt the app sent; .headers, .body, .authorization, ...
//   await llm.close();      // also ends stalled streams, so the test runner can exit
//
// The app builds `{baseUrl}/chat/completions` and `{baseUrl}/messages` (crates/wbot-core/src/chat/provider.rs,
// `ProviderConfig::endpoint`), so both kinds' baseUrl end in `/v1`, like https://api.anthropic.com/v1.
import http from "node:http";
import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";

/** What a request gets when nothing is queued (until `setDefault`). */
export const DEFAULT_REPLY = "Hello from the fake model.";

const MAIN_KEYS = ["reply", "stall", "cut", "status", "garbage", "streamError", "hang"];
const OPTION_KEYS = [
  "chunkMs", // pause between streamed events (default 20)
  "chunkChars", // characters of text per delta (default 4)
  "delayMs", // pause before the response starts (headers included)
  "retryAfter", // whole seconds, sent as `retry-after` with a status (the app parses an integer)
  "message", // the provider's error message (status, streamError)
  "type", // the provider's error type, e.g. "rate_limit_error" (status, streamError)
  "code", // OpenAI's error code, e.g. "rate_limit_exceeded" (status, streamError)
  "body", // a status's whole body instead of the provider's error JSON (string or object)
  "finishReason", // reply: OpenAI finish_reason (default "stop") / Anthropic stop_reason (default "end_turn")
];

/** The default pieces a piece of text is streamed in. */
const DEFAULT_CHUNK_MS = 20;
const DEFAULT_CHUNK_CHARS = 4;

/** The bytes of `{ garbage: true }`: not SSE events and not JSON (an HTML error page from a proxy, say). */
export const GARBAGE = Buffer.concat([
  Buffer.from([0xff, 0xfe, 0x00]),
  Buffer.from("garbage ~~~ not an event stream\n<html><body><h1>502 Bad Gateway</h1></body></html>\n"),
  Buffer.from("data: {this is not json\n\n"),
]);

/** Checks a behaviour's shape; a string is shorthand for `{ reply: string }`. */
export function normalizeBehaviour(b) {
  if (typeof b === "string") return { reply: b };
  if (!b || typeof b !== "object") throw new TypeError(`fakeLlm: a behaviour is an object, not ${JSON.stringify(b)}`);
  const main = MAIN_KEYS.filter((k) => k in b);
  if (main.length !== 1) {
    throw new TypeError(`fakeLlm: a behaviour has exactly one of ${MAIN_KEYS.join(", ")}: ${JSON.stringify(b)}`);
  }
  const unknown = Object.keys(b).filter((k) => !MAIN_KEYS.includes(k) && !OPTION_KEYS.includes(k));
  if (unknown.length) throw new TypeError(`fakeLlm: unknown behaviour option(s) ${unknown.join(", ")}`);
  if ("status" in b && !(Number.isInteger(b.status) && b.status >= 400 && b.status <= 599)) {
    throw new TypeError(`fakeLlm: status must be an HTTP error code, not ${b.status}`);
  }
  for (const k of ["reply", "stall", "cut", "streamError"]) {
    if (k in b && typeof b[k] !== "string") throw new TypeError(`fakeLlm: ${k} takes the text to send`);
  }
  return { ...b };
}

const id = (prefix, n = 12) => `${prefix}${randomBytes(n).toString("hex").slice(0, n * 2)}`;

/** Splits text into pieces of `n` characters (code points, so no piece holds half an emoji). */
export function pieces(text, n = DEFAULT_CHUNK_CHARS) {
  const chars = Array.from(text);
  const out = [];
  for (let i = 0; i < chars.length; i += Math.max(1, n)) out.push(chars.slice(i, i + Math.max(1, n)).join(""));
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// The two wire formats.

/** The JSON error body each provider sends with an HTTP error status. */
function errorBody(kind, status, b, model) {
  if (kind === "openai") {
    const [type, code, message] =
      {
        400: ["invalid_request_error", null, "Invalid request: the fake provider was told to refuse it."],
        401: [
          "invalid_request_error",
          "invalid_api_key",
          "Incorrect API key provided: sk-****. You can find your API key at https://platform.openai.com/account/api-keys.",
        ],
        403: ["invalid_request_error", "unsupported_country_region_territory", "Country, region, or territory not supported"],
        404: ["invalid_request_error", "model_not_found", `The model \`${model}\` does not exist or you do not have access to it.`],
        429: [
          "requests",
          "rate_limit_exceeded",
          `Rate limit reached for ${model} in organization org-fake on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s.`,
        ],
        500: ["server_error", null, "The server had an error while processing your request. Sorry about that!"],
      }[status] ??
      (status >= 500
        ? ["server_error", null, "The server is overloaded or not ready yet."]
        : ["invalid_request_error", null, `Request failed with status ${status}.`]);
    return {
      error: {
        message: b.message ?? message,
        type: b.type ?? type,
        param: null,
        code: b.code !== undefined ? b.code : code,
      },
    };
  }
  const [type, message] =
    {
      400: ["invalid_request_error", "messages: roles must alternate between \"user\" and \"assistant\""],
      401: ["authentication_error", "invalid x-api-key"],
      403: ["permission_error", "Your API key does not have permission to use the specified resource."],
      404: ["not_found_error", `model: ${model}`],
      413: ["request_too_large", "Request exceeds the maximum allowed number of bytes."],
      429: [
        "rate_limit_error",
        "This request would exceed the rate limit for your organization of 50 requests per minute. Please try again later.",
      ],
      500: ["api_error", "Internal server error"],
      529: ["overloaded_error", "Overloaded"],
    }[status] ??
    (status >= 500 ? ["api_error", "Internal server error"] : ["invalid_request_error", `Request failed with status ${status}.`]);
  return {
    type: "error",
    error: { type: b.type ?? type, message: b.message ?? message },
    request_id: id("req_011C", 10),
  };
}

/** The events of one streamed reply, as the strings to write, for `kind`. */
function streamFormat(kind, model) {
  if (kind === "openai") {
    const base = { id: id("chatcmpl-"), object: "chat.completion.chunk", created: Math.floor(Date.now() / 1000), model };
    const fp = { system_fingerprint: "fp_fakellm01" };
    const chunk = (delta, finish_reason = null) =>
      `data: ${JSON.stringify({ ...base, ...fp, choices: [{ index: 0, delta, logprobs: null, finish_reason }] })}\n\n`;
    return {
      start: () => [chunk({ role: "assistant", content: "" })],
      text: (t) => [chunk({ content: t })],
      finish: (reason = "stop") => [chunk({}, reason), "data: [DONE]\n\n"],
      // OpenAI reports a failure after the 200 as a data event holding an error object.
      error: (type = "server_error", message = "The server had an error while processing your request. Sorry about that!", code = null) => [
        `data: ${JSON.stringify({ error: { message, type, param: null, code } })}\n\n`,
      ],
      half: () => `data: {"id":"${base.id}","object":"chat.compl`,
    };
  }
  const ev = (name, data) => `event: ${name}\ndata: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`;
  const msgId = id("msg_01", 11);
  let outputTokens = 1;
  return {
    start: () => [
      ev("message_start", {
        type: "message_start",
        message: {
          id: msgId,
          type: "message",
          role: "assistant",
          model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: 25, output_tokens: 1 },
        },
      }),
      ev("content_block_start", { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } }),
      // The real API writes these two with spaces after the colons, unlike every other event.
      ev("ping", '{"type": "ping"}'),
    ],
    text: (t) => {
      outputTokens += 1;
      return [ev("content_block_delta", { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: t } })];
    },
    finish: (reason = "end_turn") => [
      ev("content_block_stop", { type: "content_block_stop", index: 0 }),
      ev("message_delta", {
        type: "message_delta",
        delta: { stop_reason: reason, stop_sequence: null },
        usage: { output_tokens: outputTokens },
      }),
      ev("message_stop", { type: "message_stop" }),
    ],
    error: (type = "overloaded_error", message = "Overloaded") => [
      ev("error", `{"type": "error", "error": {"type": ${JSON.stringify(type)}, "message": ${JSON.stringify(message)}}}`),
    ],
    half: () => `event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_del`,
  };
}

/** A whole (non-streaming) reply, for a request without `"stream": true` (the app always streams). */
function completeReply(kind, model, text, reason) {
  if (kind === "openai") {
    return {
      id: id("chatcmpl-"),
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model,
      choices: [{ index: 0, message: { role: "assistant", content: text, refusal: null }, logprobs: null, finish_reason: reason ?? "stop" }],
      usage: { prompt_tokens: 25, completion_tokens: 10, total_tokens: 35 },
      system_fingerprint: "fp_fakellm01",
    };
  }
  return {
    id: id("msg_01", 11),
    type: "message",
    role: "assistant",
    model,
    content: [{ type: "text", text }],
    stop_reason: reason ?? "end_turn",
    stop_sequence: null,
    usage: { input_tokens: 25, output_tokens: 10 },
  };
}

/** The system prompt of a request body, in either format (Anthropic's may be a list of text blocks). */
function systemOf(kind, body) {
  if (!body || typeof body !== "object") return null;
  if (kind === "openai") {
    const sys = (Array.isArray(body.messages) ? body.messages : []).filter((m) => m?.role === "system" || m?.role === "developer");
    return sys.length ? sys.map((m) => textOf(m.content)).join("\n") : null;
  }
  return body.system == null ? null : textOf(body.system);
}

function textOf(content) {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return content.map((b) => (typeof b === "string" ? b : b?.text ?? "")).join("");
  return "";
}

// ---------------------------------------------------------------------------------------------------------
// The server.

/**
 * Starts a fake provider on 127.0.0.1 (an ephemeral port unless `port` is given).
 * @param {{kind: "openai"|"anthropic", port?: number, basePath?: string, model?: string, defaultBehaviour?: object|string}} options
 *   `basePath` (default "/v1") is the path part of `baseUrl`; `model` overrides the model named in replies
 *   (default: the request's own `model`).
 */
export async function startFakeLlm({ kind, port = 0, basePath = "/v1", model: fixedModel, defaultBehaviour } = {}) {
  if (kind === "openAiCompatible") kind = "openai";
  if (kind !== "openai" && kind !== "anthropic") throw new TypeError(`fakeLlm: kind is "openai" or "anthropic", not ${JSON.stringify(kind)}`);
  basePath = `/${String(basePath).replace(/^\/+|\/+$/g, "")}`.replace(/^\/$/, "");
  const endpoint = `${basePath}${kind === "openai" ? "/chat/completions" : "/messages"}`;

  const queue = [];
  let fallback = normalizeBehaviour(defaultBehaviour ?? { reply: DEFAULT_REPLY });
  const requests = [];
  const unmatched = [];
  const waiters = new Set();
  const sockets = new Set();
  const closing = new AbortController();
  let active = 0;

  const notify = () => {
    for (const w of waiters) w();
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify(errorBody(kind, 500, {}, fixedModel ?? "unknown")));
      } else {
        res.destroy();
      }
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.once("close", () => sockets.delete(s));
  });

  async function handle(req, res) {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const raw = Buffer.concat(chunks).toString("utf8");
    const path = (req.url ?? "/").split("?")[0];
    const headers = { ...req.headers };

    let body = null;
    let bodyError = null;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch (e) {
      bodyError = e.message;
    }
    const model = fixedModel ?? (typeof body?.model === "string" && body.model ? body.model : "fake-model");
    const sendJson = (status, json, extra = {}) => {
      const text = typeof json === "string" ? json : JSON.stringify(json);
      res.writeHead(status, {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(text),
        ...requestIdHeader(),
        ...extra,
      });
      res.end(text);
    };

    if (req.method !== "POST" || path !== endpoint) {
      unmatched.push({ method: req.method, path, headers, raw });
      const notFound =
        kind === "openai"
          ? { error: { message: `Invalid URL (${req.method} ${path})`, type: "invalid_request_error", param: null, code: null } }
          : { type: "error", error: { type: "not_found_error", message: "Not Found" }, request_id: id("req_011C", 10) };
      return sendJson(404, notFound);
    }

    let resolveClosed;
    const closed = new Promise((r) => (resolveClosed = r));
    const record = {
      at: Date.now(),
      method: req.method,
      path,
      headers,
      authorization: headers.authorization ?? null,
      apiKey: headers["x-api-key"] ?? null,
      anthropicVersion: headers["anthropic-version"] ?? null,
      accept: headers.accept ?? null,
      raw,
      body,
      model: body?.model ?? null,
      stream: body?.stream === true,
      system: systemOf(kind, body),
      messages: Array.isArray(body?.messages) ? body.messages : [],
      behaviour: null,
      /** The client hung up before the response was complete (not set by `cut` or close()). */
      aborted: false,
      /** The response was completed (or the connection ended); see `closed`. */
      ended: false,
    };
    // Resolves (with the record) once the response is over, by either side: `await llm.requests[0].closed`.
    Object.defineProperty(record, "closed", { value: closed, enumerable: false });
    requests.push(record);
    active += 1;

    const gone = new AbortController();
    let cutHere = false;
    const onClose = () => {
      record.aborted = !res.writableFinished && !cutHere && !closing.signal.aborted;
      record.ended = true;
      active -= 1;
      gone.abort();
      resolveClosed(record);
    };
    res.once("close", onClose);
    const stop = AbortSignal.any([gone.signal, closing.signal]);
    notify();

    if (bodyError !== null) {
      record.behaviour = { status: 400 };
      const msg = `We could not parse the JSON body of your request. (${bodyError})`;
      return sendJson(400, errorBody(kind, 400, { message: msg }, model));
    }

    const b = queue.length ? queue.shift() : fallback;
    record.behaviour = b;
    const pause = async (ms) => {
      if (ms > 0) await sleep(ms, undefined, { signal: stop }).catch(() => {});
      return !stop.aborted;
    };
    if (!(await pause(b.delayMs ?? 0))) return;

    if ("hang" in b) return waitFor(stop); // never answers; ends when the client or close() does
    if ("status" in b) {
      const extra = b.retryAfter != null ? { "retry-after": String(b.retryAfter) } : {};
      return sendJson(b.status, b.body ?? errorBody(kind, b.status, b, model), extra);
    }
    if ("reply" in b && !record.stream) {
      return sendJson(200, completeReply(kind, model, b.reply, b.finishReason));
    }

    res.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache",
      ...requestIdHeader(),
    });
    res.flushHeaders();
    const write = (s) =>
      new Promise((resolve) => {
        if (stop.aborted || res.destroyed) return resolve(false);
        const off = () => resolve(false);
        stop.addEventListener("abort", off, { once: true });
        res.write(s, (err) => {
          stop.removeEventListener("abort", off);
          resolve(!err && !stop.aborted);
        });
      });
    const gap = b.chunkMs ?? DEFAULT_CHUNK_MS;
    const send = async (events) => {
      for (const e of events) {
        if (!(await write(e))) return false;
      }
      return true;
    };

    if ("garbage" in b) {
      const bytes = b.garbage === true ? GARBAGE : Buffer.from(b.garbage);
      if (await write(bytes)) res.end();
      return;
    }

    const f = streamFormat(kind, model);
    const text = b.reply ?? b.stall ?? b.cut ?? b.streamError ?? "";
    if (!(await send(f.start()))) return;
    for (const p of pieces(text, b.chunkChars ?? DEFAULT_CHUNK_CHARS)) {
      if (!(await pause(gap))) return;
      if (!(await send(f.text(p)))) return;
    }
    if ("reply" in b) {
      if (!(await pause(gap))) return;
      if (await send(f.finish(b.finishReason))) res.end();
    } else if ("stall" in b) {
      await waitFor(stop); // headers and text sent; silence until the client or close() ends it
    } else if ("cut" in b) {
      if (!(await pause(gap))) return;
      // Half an event, then the connection goes: no end of the chunked body, so the client sees an error.
      if (await write(f.half())) {
        cutHere = true;
        res.socket?.destroy();
      }
    } else if ("streamError" in b) {
      if (!(await pause(gap))) return;
      if (await send(f.error(b.type, b.message, b.code))) res.end();
    }
  }

  function requestIdHeader() {
    return kind === "openai" ? { "x-request-id": id("req_", 16) } : { "request-id": id("req_011C", 10) };
  }

  function waitFor(signal) {
    return new Promise((resolve) => {
      if (signal.aborted) return resolve();
      signal.addEventListener("abort", resolve, { once: true });
    });
  }

  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const origin = `http://127.0.0.1:${server.address().port}`;

  const llm = {
    kind,
    origin,
    /** What a person would type as the provider's address in the app. */
    baseUrl: `${origin}${basePath}`,
    /** The full URL the app posts to. */
    endpoint: `${origin}${endpoint}`,
    /** Every request to the endpoint, in order (see `record` in handle() for the fields). */
    requests,
    /** Requests to any other path or method (answered 404 in the provider's format); they use no behaviour. */
    unmatched,
    /** Responses still open (streaming, stalled or hanging). */
    get active() {
      return active;
    },
    /** Behaviours still queued. */
    get queued() {
      return queue.length;
    },
    /** Queues behaviours, used one per request in order; a string is `{ reply: string }`. */
    enqueue(...behaviours) {
      queue.push(...behaviours.map(normalizeBehaviour));
      return llm;
    },
    /** What a request gets when the queue is empty. */
    setDefault(behaviour) {
      fallback = normalizeBehaviour(behaviour);
      return llm;
    },
    /** Forgets queued behaviours and recorded requests. */
    reset() {
      queue.length = 0;
      requests.length = 0;
      unmatched.length = 0;
      return llm;
    },
    /** Resolves with `requests` once at least `n` have arrived. */
    waitForRequests(n = 1, { timeout = 15_000 } = {}) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (requests.length >= n) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(requests);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`fakeLlm (${kind}): expected ${n} request(s) within ${timeout} ms, got ${requests.length}`));
        }, timeout);
        waiters.add(check);
        check();
      });
    },
    /** Stops listening and ends every open connection (stalled streams included). */
    close() {
      closing.abort();
      const done = new Promise((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      return done;
    },
  };
  return llm;
}
