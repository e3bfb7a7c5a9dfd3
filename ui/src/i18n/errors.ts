import type { ErrorParams, Locale, ProviderErrorKind, Reason, Subject } from "../lib/backend";

/** An error's parameters as words and formatted numbers, ready for a sentence. */
export interface ErrorWords {
  /** What the error is about, with its article ("the message"); empty when the reason has none. */
  subject: string;
  min: string;
  max: string;
  /** Empty when the refused value was not a number. */
  actual: string;
  /** `actual` as a number (null when there was none), for plurals and units such as a wait. */
  count: number | null;
  value: string;
  expected: string;
}

export interface ErrorMessages {
  reasons: Record<
    Exclude<Reason, "provider_refused" | "provider_unavailable">,
    (w: ErrorWords) => string
  >;
  subjects: Record<Subject, string>;
  /** A chat model's failure, by kind; `status` is the HTTP status ("" when there was none). */
  provider: Record<ProviderErrorKind, (status: string) => string>;
  /** What the chat model said, in its own words, after the sentence. */
  said: (text: string) => string;
  /** Which item of a batch the error is about. */
  item: (n: string, text: string) => string;
}

/** The first letter upper-cased. */
export function cap(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

/** The sentence for an error, in `locale`, with numbers formatted for it. */
export function describeError(
  messages: ErrorMessages,
  locale: Locale,
  reason: Reason,
  params: Partial<ErrorParams>,
): string {
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const n = (v: number | null | undefined) => (v == null ? "" : number.format(v));
  const list = new Intl.ListFormat(locale, { type: "disjunction" });
  if (reason === "provider_refused" || reason === "provider_unavailable") {
    return describeProviderError(messages, {
      kind: (params.value ?? "server") as ProviderErrorKind,
      status: params.actual ?? null,
      detail: params.said ?? null,
    });
  }
  const words: ErrorWords = {
    subject: params.subject == null ? "" : messages.subjects[params.subject],
    min: n(params.min),
    max: n(params.max),
    actual: n(params.actual),
    count: params.actual ?? null,
    value: params.value ?? "",
    expected: list.format(params.expected ?? []),
  };
  const text = messages.reasons[reason](words);
  return params.item == null ? text : messages.item(n(params.item), text);
}

/** The sentence for a chat model's failure (a failed reply, a connection test), with its own words. */
export function describeProviderError(
  messages: ErrorMessages,
  error: { kind: ProviderErrorKind; status: number | null; detail: string | null },
): string {
  const text = messages.provider[error.kind](error.status == null ? "" : String(error.status));
  // An invalid response's detail is Wbot's own diagnosis, for the log.
  return error.detail == null || error.detail === "" || error.kind === "invalid_response"
    ? text
    : `${text} ${messages.said(error.detail)}`;
}
