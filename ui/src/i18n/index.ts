import { createContext, createElement, useContext, useEffect, type ReactNode } from "react";
import type { Locale } from "../lib/backend";
import { en, type Messages } from "./en";
import { es } from "./es";

export type { Messages } from "./en";

const dictionaries: Record<Locale, Messages> = { en, es };

const LocaleContext = createContext<Locale>("en");

/** Provides the profile's language to useT() and mirrors it on <html lang>. */
export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return createElement(LocaleContext, { value: locale }, children);
}

export function useT(): Messages {
  return dictionaries[useContext(LocaleContext)];
}
