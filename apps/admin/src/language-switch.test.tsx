// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { LanguageSwitch } from "./language-switch";
import { LocaleProvider, readSavedLocale, useLocale } from "./lib/locale";

function Greeting() {
  const { t } = useLocale();
  return <p>{t({ vi: "Xin chào", en: "Hello" })}</p>;
}

afterEach(() => {
  cleanup();
  localStorage.clear();
});

describe("the language switch", () => {
  it("starts in Vietnamese, switches to English and remembers it", () => {
    render(
      <LocaleProvider>
        <LanguageSwitch />
        <Greeting />
      </LocaleProvider>,
    );
    expect(screen.getByText("Xin chào")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "English" }));
    expect(screen.getByText("Hello")).toBeTruthy();
    expect(readSavedLocale(localStorage)).toBe("en");
    fireEvent.click(screen.getByRole("button", { name: "Tiếng Việt" }));
    expect(screen.getByText("Xin chào")).toBeTruthy();
    expect(readSavedLocale(localStorage)).toBe("vi");
  });

  it("falls back to Vietnamese for anything but a saved English choice", () => {
    expect(readSavedLocale(undefined)).toBe("vi");
    expect(readSavedLocale({ getItem: () => "fr" })).toBe("vi");
    expect(
      readSavedLocale({
        getItem: () => {
          throw new Error("storage refused");
        },
      }),
    ).toBe("vi");
  });
});
