// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LocaleProvider } from "../lib/locale";
import { PublicationActions } from "./publication-actions";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function renderActions(status: "draft" | "scheduled" | "published" | "withdrawn", dirty = false) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, enabled: false } } });
  render(
    <LocaleProvider>
      <QueryClientProvider client={client}>
        <PublicationActions id="a-1" status={status} etag='"v3"' dirty={dirty} />
      </QueryClientProvider>
    </LocaleProvider>,
  );
}

const buttonNames = () => screen.queryAllByRole("button").map((button) => button.textContent);

describe("the publication actions", () => {
  it.each([
    ["draft", ["Đăng ngay", "Hẹn giờ đăng"]],
    ["scheduled", ["Đăng ngay"]],
    ["published", ["Gỡ bài"]],
    ["withdrawn", []],
  ] as const)("offer a %s article only its moves", (status, names) => {
    renderActions(status);
    expect(buttonNames()).toEqual(names);
  });

  it("wait for unsaved changes to be saved", () => {
    renderActions("draft", true);
    expect(screen.getAllByRole("button").every((button) => (button as HTMLButtonElement).disabled)).toBe(
      true,
    );
  });

  it("schedule for a moment typed in Vietnam time, with the ETag on screen, and show the API's refusal on the field", async () => {
    const fetcher = vi.fn(async (_url: string, _init: RequestInit) =>
      Response.json(
        {
          error: {
            code: "CONFLICT",
            message: { vi: "Thời điểm đăng phải ở tương lai", en: "In the future" },
            issues: [
              {
                path: ["publishAt"],
                message: { vi: "Thời điểm đăng phải ở tương lai", en: "In the future" },
              },
            ],
          },
        },
        { status: 409 },
      ),
    );
    vi.stubGlobal("fetch", fetcher);
    renderActions("draft");
    fireEvent.change(screen.getByLabelText("Ngày đăng (dd/mm/yyyy)"), { target: { value: "01/09/2017" } });
    fireEvent.change(screen.getByLabelText("Giờ (GMT+7)"), { target: { value: "13:00" } });
    fireEvent.click(screen.getByRole("button", { name: "Hẹn giờ đăng" }));
    expect(
      (await screen.findByText("Thời điểm đăng phải ở tương lai", { selector: ".field-error" })).id,
    ).toBe("publish-at-error");
    const [url, init] = fetcher.mock.calls[0] ?? [];
    expect(url).toBe("/api/v1/articles/a-1/schedule");
    expect(JSON.parse(String(init?.body))).toEqual({ publishAt: "2017-09-01T06:00:00.000Z" });
    expect(new Headers(init?.headers).get("If-Match")).toBe('"v3"');
  });
});
