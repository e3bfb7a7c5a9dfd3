import { afterEach, describe, expect, it } from "vitest";
import { addDays, localDay, localIsoString, weekdayFromMonday } from "./days";

const originalTz = process.env.TZ;

function restoreZone() {
  // Assigning undefined would set the text "undefined".
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
}

/** Runs `body` with the process in time zone `tz` (Node reads TZ again when it changes). */
function inZone(tz: string, body: () => void) {
  process.env.TZ = tz;
  try {
    body();
  } finally {
    restoreZone();
  }
}

afterEach(restoreZone);

describe("localIsoString", () => {
  const instant = new Date(Date.UTC(2026, 10, 28, 8, 15, 0, 123));

  it.each([
    ["Europe/Madrid", "2026-11-28T09:15:00.123+01:00"],
    ["UTC", "2026-11-28T08:15:00.123+00:00"],
    ["Asia/Kolkata", "2026-11-28T13:45:00.123+05:30"],
    ["America/St_Johns", "2026-11-28T04:45:00.123-03:30"],
    ["Pacific/Pago_Pago", "2026-11-27T21:15:00.123-11:00"],
  ])("writes the local time with its offset in %s", (tz, expected) => {
    inZone(tz, () => {
      expect(localIsoString(instant)).toBe(expected);
    });
  });

  it("names the same instant, on the local calendar day", () => {
    inZone("America/Los_Angeles", () => {
      // Summer time: the offset is the one at that instant, not today's.
      const summer = new Date(Date.UTC(2026, 6, 1, 3, 0, 0, 5));
      const text = localIsoString(summer);
      expect(text).toBe("2026-06-30T20:00:00.005-07:00");
      expect(Date.parse(text)).toBe(summer.getTime());
      expect(text.slice(0, 10)).toBe(localDay(summer));
    });
  });
});

describe("weekdayFromMonday", () => {
  it("counts from Monday", () => {
    // 2026-11-23 is a Monday.
    expect([0, 1, 2, 3, 4, 5, 6].map((n) => weekdayFromMonday(addDays("2026-11-23", n)))).toEqual([
      0, 1, 2, 3, 4, 5, 6,
    ]);
    expect(weekdayFromMonday("2026-11-22")).toBe(6);
  });
});
