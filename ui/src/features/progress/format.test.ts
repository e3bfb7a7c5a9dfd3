import { describe, expect, it } from "vitest";
import { en } from "../../i18n/en";
import { es } from "../../i18n/es";
import { kindName } from "./format";

describe("kindName", () => {
  it("names the silent timer and the guided practices a meditation can be", () => {
    expect(kindName(en, "meditation", "silent")).toBe("Silent meditation");
    expect(kindName(en, "meditation", "body_scan")).toBe("Body scan");
    expect(kindName(en, "meditation", "sleep")).toBe("Sleep");
    expect(kindName(es, "meditation", "loving_kindness")).toBe("Bondad amorosa");
    expect(kindName(es, "meditation", "daily_mindfulness")).toBe("Atención plena diaria");
  });

  it("names techniques and journal categories, and shows an unknown kind as it is", () => {
    expect(kindName(en, "breathing", "box")).toBe(en.breathing.techniques.box);
    expect(kindName(en, "journaling", "free")).toBe(en.journaling.freeWriting);
    expect(kindName(en, "meditation", "walking")).toBe("walking");
    expect(kindName(en, "breathing", "body_scan")).toBe("body_scan");
  });
});
