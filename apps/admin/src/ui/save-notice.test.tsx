// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LanguageSwitch } from "../language-switch";
import { LocaleProvider } from "../lib/locale";
import { SaveNotice } from "./save-notice";

afterEach(() => {
  cleanup();
  localStorage.clear();
});

const SAVED = { kind: "saved", text: { vi: "Đã lưu.", en: "Saved." } } as const;

describe("the undo offer of a saved notice", () => {
  it("is a real button in a polite live region, in Vietnamese first and then English", () => {
    render(
      <LocaleProvider>
        <LanguageSwitch />
        <SaveNotice notice={SAVED} onUndo={async () => {}} />
      </LocaleProvider>,
    );
    const status = screen.getByRole("status");
    expect(status.getAttribute("aria-live")).toBe("polite");
    expect(status.textContent).toBe("Đã lưu. Hoàn tác");
    expect(screen.getByRole("button", { name: "Hoàn tác" }).getAttribute("type")).toBe("button");
    fireEvent.click(screen.getByRole("button", { name: "English" }));
    expect(screen.getByRole("status").textContent).toBe("Saved. Undo");
  });

  it("undoes once: the button waits while the undo runs", async () => {
    let finish = () => {};
    const onUndo = vi.fn(
      () =>
        new Promise<void>((resolve) => {
          finish = resolve;
        }),
    );
    render(
      <LocaleProvider>
        <SaveNotice notice={SAVED} onUndo={onUndo} />
      </LocaleProvider>,
    );
    const button = screen.getByRole("button", { name: "Hoàn tác" }) as HTMLButtonElement;
    fireEvent.click(button);
    expect(button.disabled).toBe(true);
    fireEvent.click(button);
    expect(onUndo).toHaveBeenCalledTimes(1);
    await act(async () => finish());
    expect(button.disabled).toBe(false);
  });

  it("is offered only beside a saved notice, and only when the form passes it", () => {
    const { rerender } = render(
      <LocaleProvider>
        <SaveNotice notice={SAVED} />
      </LocaleProvider>,
    );
    expect(screen.queryByRole("button")).toBeNull();
    rerender(
      <LocaleProvider>
        <SaveNotice notice={{ kind: "error", text: { vi: "Lỗi.", en: "Error." } }} onUndo={async () => {}} />
      </LocaleProvider>,
    );
    expect(screen.queryByRole("button")).toBeNull();
  });
});
