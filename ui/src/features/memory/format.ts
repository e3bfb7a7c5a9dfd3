/** A memory's date in the person's language. */
export function formatDate(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(locale, { dateStyle: "medium", timeStyle: "short" });
}

/** The start of a memory, to tell its buttons apart for screen readers. */
export function snippet(text: string, max = 40): string {
  const graphemes = Array.from(
    new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(
      text.replace(/\s+/g, " ").trim(),
    ),
    (part) => part.segment,
  );
  return graphemes.length <= max
    ? graphemes.join("")
    : `${graphemes.slice(0, max).join("").trimEnd()}…`;
}

/** Cosine similarity as a whole percentage (negative similarity shows as 0%). */
export function matchPercent(similarity: number | null): number {
  return Math.round(Math.min(1, Math.max(0, similarity ?? 0)) * 100);
}
