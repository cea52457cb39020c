// The reader's language: Vietnamese unless they switched to English, remembered in this browser,
// and the number and date formats that go with it.
import type { Locale, LocalizedText } from "@sodoan/domain";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { formatDate, formatDateTime, formatNumber, formatPercent } from "./format";

const STORAGE_KEY = "sodoan.admin.locale";

export type LocaleTools = {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  /** The text in the reader's language. */
  t: (text: LocalizedText) => string;
  /** A number with the reader's separators: 1.587 in Vietnamese. */
  n: (value: number) => string;
  /** A ratio as a percentage. */
  pct: (ratio: number) => string;
  /** A date (dd/mm/yyyy in Vietnamese). */
  d: (date: string) => string;
  /** A moment in Vietnam time. */
  dt: (instant: string) => string;
};

/** The saved choice, or Vietnamese: the default of every reader who has not chosen. */
export function readSavedLocale(storage: Pick<Storage, "getItem"> | undefined): Locale {
  try {
    return storage?.getItem(STORAGE_KEY) === "en" ? "en" : "vi";
  } catch {
    return "vi";
  }
}

/** The formatting helpers of one locale, apart from React so they can be tested alone. */
export function toolsOf(locale: Locale, setLocale: (locale: Locale) => void = () => {}): LocaleTools {
  return {
    locale,
    setLocale,
    t: (text) => text[locale],
    n: (value) => formatNumber(value, locale),
    pct: (ratio) => formatPercent(ratio, locale),
    d: (date) => formatDate(date, locale),
    dt: (instant) => formatDateTime(instant, locale),
  };
}

const LocaleContext = createContext<LocaleTools>(toolsOf("vi"));

export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setState] = useState<Locale>(() => readSavedLocale(globalThis.localStorage));
  const setLocale = useCallback((next: Locale) => {
    setState(next);
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, next);
    } catch {
      // A browser that refuses storage still switches, for this visit.
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const tools = useMemo(() => toolsOf(locale, setLocale), [locale, setLocale]);
  return <LocaleContext.Provider value={tools}>{children}</LocaleContext.Provider>;
}

export function useLocale(): LocaleTools {
  return useContext(LocaleContext);
}

/** A bilingual zod message ("vi / en", see the domain's `bilingual`) in the reader's language. */
export function pickMessage(message: string, locale: Locale): string {
  const parts = message.split(" / ");
  if (parts.length === 2) return (locale === "vi" ? parts[0] : parts[1]) ?? message;
  return message;
}
