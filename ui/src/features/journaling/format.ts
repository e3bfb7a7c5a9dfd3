/**
 * Words as a person counts them (the core counts the same way when it saves): runs of letters or
 * digits, with apostrophes and hyphens inside a word keeping it one word.
 */
export function countWords(text: string): number {
  return text.split(/[^\p{L}\p{N}'’-]+/u).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** The first lines of an entry for a list: at most `max` characters, cut at a word, with "…". */
export function firstLines(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const chars = Array.from(flat);
  if (chars.length <= max) return flat;
  const cut = chars.slice(0, max).join("");
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
