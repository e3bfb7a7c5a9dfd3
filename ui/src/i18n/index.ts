import { createContext, createElement, useContext, useEffect, type ReactNode } from "react";
import { toBackendError, type Locale, type ProviderError } from "../lib/backend";
import { describeError, describeProviderError } from "./errors";
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

/** The words of `locale`, for code outside the I18nProvider (e.g. what the app shows as a notification). */
export function messagesFor(locale: Locale): Messages {
  return dictionaries[locale];
}

/** The profile's language (for formatting numbers and dates). */
export function useLocale(): Locale {
  return useContext(LocaleContext);
}

export function useT(): Messages {
  return dictionaries[useContext(LocaleContext)];
}

/**
 * Words any error in the profile's language: a failed reply's provider error by its kind, a BackendError
 * by its reason, anything else as internal.
 */
export function useErrorText(): (error: unknown) => string {
  const locale = useContext(LocaleContext);
  const messages = dictionaries[locale].errors;
  return (error) => {
    if (isProviderError(error)) return describeProviderError(messages, error);
    const { reason, params } = toBackendError(error);
    return describeError(messages, locale, reason, params);
  };
}

function isProviderError(value: unknown): value is ProviderError {
  return typeof value === "object" && value !== null && "kind" in value && "providerId" in value;
}
