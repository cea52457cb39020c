// The switch between Vietnamese (the default) and English; the choice is remembered in this browser.
import { useLocale } from "./lib/locale";

export function LanguageSwitch() {
  const { locale, setLocale } = useLocale();
  const next = locale === "vi" ? "en" : "vi";
  return (
    <button
      type="button"
      className="link-button"
      lang={next}
      onClick={() => setLocale(next)}
      data-testid="language-switch"
    >
      {next === "en" ? "English" : "Tiếng Việt"}
    </button>
  );
}
