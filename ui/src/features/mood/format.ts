/** A change of mood with its sign ("+1.2", "−0.5", "0"), one decimal at most. */
export function signed(value: number | null, locale: string): string {
  return new Intl.NumberFormat(locale, {
    maximumFractionDigits: 1,
    signDisplay: "exceptZero",
  }).format(value ?? 0);
}

/** A day's average mood, one decimal at most. */
export function average(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value);
}
