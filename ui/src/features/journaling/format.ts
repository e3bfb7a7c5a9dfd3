/**
 * Words as a person counts them (the core counts the same way when it saves): runs of letters or
 * digits, with apostrophes and hyphens inside a word keeping it one word.
 */
export function countWords(text: string): number {
  return text.split(/[^\p{L}\p{N}'’-]+/u).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}
