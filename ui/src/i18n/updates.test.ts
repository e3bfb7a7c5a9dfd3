import { describe, expect, it } from "vitest";
import { en } from "./en";
import { es } from "./es";

/** Every sentence of a group of words, functions called with sample values. */
function sentences(words: object): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(words) as [string, unknown][]) {
    if (typeof value === "string") out[key] = value;
    else if (typeof value === "function") {
      out[key] = String((value as (...args: unknown[]) => unknown)("0.2.0", "3.5"));
    } else if (typeof value === "object" && value !== null) {
      for (const [inner, text] of Object.entries(sentences(value))) out[`${key}.${inner}`] = text;
    }
  }
  return out;
}

describe("the updates' words", () => {
  it.each([
    ["Settings › Updates", en.settings.updates, es.settings.updates],
    ["the update notice", en.updateNotice, es.updateNotice],
  ])("are in English and Spanish: %s", (_, english, spanish) => {
    const inEnglish = sentences(english);
    const inSpanish = sentences(spanish);
    expect(Object.keys(inSpanish)).toEqual(Object.keys(inEnglish));
    for (const [key, text] of Object.entries(inEnglish)) {
      expect(text.trim(), key).not.toBe("");
      expect(text, key).not.toMatch(/undefined|null|\{|\}/);
      // "Beta" is a word in both.
      if (key !== "channels.beta") expect(inSpanish[key], key).not.toBe(text);
    }
  });
});
