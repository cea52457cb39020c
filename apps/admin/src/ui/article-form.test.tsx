// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiRequestError } from "../lib/api";
import { articleValuesOf, EMPTY_ARTICLE } from "../lib/article-input";
import { LocaleProvider } from "../lib/locale";
import { ArticleForm, type ArticleFormProps } from "./article-form";

afterEach(cleanup);

function renderForm(props: Partial<ArticleFormProps> = {}) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, enabled: false } } });
  render(
    <LocaleProvider>
      <QueryClientProvider client={client}>
        <ArticleForm
          idPrefix="a"
          initial={{ ...EMPTY_ARTICLE, organizationId: "tinh-doan-ha-nam" }}
          schema="update"
          submitLabel={{ vi: "Lưu thay đổi", en: "Save changes" }}
          save={async () => {}}
          {...props}
        />
      </QueryClientProvider>
    </LocaleProvider>,
  );
}

function fillRequired() {
  fireEvent.change(screen.getByLabelText("Tiêu đề"), { target: { value: "Ngày hội" } });
  fireEvent.change(screen.getByLabelText("Chuyên mục"), { target: { value: "Đoàn thể" } });
  fireEvent.change(screen.getByLabelText("Sa-pô (tóm tắt)"), { target: { value: "Tóm tắt" } });
  fireEvent.change(screen.getByLabelText("Nội dung đoạn văn"), { target: { value: "Đoạn một" } });
}

describe("the article form", () => {
  it("adds, moves and removes body blocks, and previews them as they are typed", async () => {
    renderForm();
    const preview = screen.getByTestId("article-preview");
    fillRequired();
    expect(await within(preview).findByText("Đoạn một")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Thêm tiêu đề mục" }));
    fireEvent.change(screen.getByLabelText("Tiêu đề mục"), { target: { value: "Kết quả" } });
    expect(await within(preview).findByRole("heading", { name: "Kết quả" })).toBeTruthy();
    // The heading moves above the paragraph, in the editor and in the preview.
    fireEvent.click(within(screen.getByTestId("block-1")).getByRole("button", { name: "Lên" }));
    const body = preview.querySelector(".article-body");
    expect([...(body?.children ?? [])].map((element) => element.tagName)).toEqual(["H2", "P"]);
    fireEvent.click(within(screen.getByTestId("block-0")).getByRole("button", { name: "Xóa khối" }));
    expect(within(preview).queryByRole("heading", { name: "Kết quả" })).toBeNull();
    // Images need a stored article to upload to.
    expect(screen.queryByRole("button", { name: "Thêm ảnh" })).toBeNull();
  });

  it("puts the API's field errors on their fields and keeps what was typed", async () => {
    const save = vi.fn(async () => {
      const message = { vi: "Đoạn văn bị từ chối", en: "Paragraph refused" };
      throw new ApiRequestError(
        400,
        "VALIDATION_FAILED",
        message,
        [{ path: ["body", 0, "text"], message }],
        {},
      );
    });
    renderForm({ save });
    fillRequired();
    fireEvent.click(screen.getByRole("button", { name: "Lưu thay đổi" }));
    expect(await screen.findByTestId("a-body-0-text-error")).toBeTruthy();
    const paragraph = screen.getByLabelText("Nội dung đoạn văn") as HTMLTextAreaElement;
    expect(paragraph.getAttribute("aria-invalid")).toBe("true");
    expect(paragraph.value).toBe("Đoạn một");
    expect(save).toHaveBeenCalledWith(
      expect.objectContaining({ title: "Ngày hội", body: [{ type: "paragraph", text: "Đoạn một" }] }),
    );
  });

  it("says when the article changed elsewhere, and offers the latest version", async () => {
    const onReload = vi.fn(async () => {});
    renderForm({
      save: async () => {
        throw new ApiRequestError(412, "PRECONDITION_FAILED", { vi: "Đã đổi", en: "Changed" }, [], {});
      },
      onReload,
    });
    fillRequired();
    fireEvent.click(screen.getByRole("button", { name: "Lưu thay đổi" }));
    const conflict = await screen.findByTestId("conflict");
    fireEvent.click(within(conflict).getByRole("button", { name: "Tải lại bản mới nhất" }));
    expect(onReload).toHaveBeenCalled();
    expect((screen.getByLabelText("Tiêu đề") as HTMLInputElement).value).toBe("Ngày hội");
  });

  it("names the fields changed elsewhere, and on reload takes the latest for the fields left alone", async () => {
    const read = {
      id: "a-1",
      title: "Ngày hội",
      slug: "ngay-hoi",
      category: "Đoàn thể",
      organizationId: "tinh-doan-ha-nam",
      lead: "Tóm tắt",
      author: "Ban Tuyên giáo",
      body: [{ type: "paragraph" as const, text: "Đoạn một" }],
      status: "draft" as const,
      updatedAt: "2021-11-25T01:00:00Z",
    };
    const latest = { ...read, lead: "Tóm tắt của người khác", updatedAt: "2021-11-25T02:00:00Z" };
    let stored = read;
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => new Response(JSON.stringify(latest), { status: 200 })),
    );
    try {
      renderForm({
        initial: articleValuesOf(read),
        save: async () => {
          throw new ApiRequestError(412, "PRECONDITION_FAILED", { vi: "Đã đổi", en: "Changed" }, [], {});
        },
        stored: { url: "/api/v1/articles/a-1", read: () => stored },
        onReload: async () => {
          stored = latest;
        },
      });
      fireEvent.change(screen.getByLabelText("Tiêu đề"), { target: { value: "Ngày hội lớn" } });
      fireEvent.click(screen.getByRole("button", { name: "Lưu thay đổi" }));
      const conflict = await screen.findByTestId("conflict");
      expect(within(conflict).getByTestId("conflict-fields").textContent).toBe("Đã bị đổi: Sa-pô (tóm tắt)");
      fireEvent.click(within(conflict).getByRole("button", { name: "Tải lại bản mới nhất" }));
      await waitFor(() => expect(screen.queryByTestId("conflict")).toBeNull());
      expect((screen.getByLabelText("Tiêu đề") as HTMLInputElement).value).toBe("Ngày hội lớn");
      expect((screen.getByLabelText("Sa-pô (tóm tắt)") as HTMLTextAreaElement).value).toBe(
        "Tóm tắt của người khác",
      );
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it("sends null for an optional field emptied in the editor, so that the update clears it", async () => {
    const save = vi.fn(async (_input: Record<string, unknown>) => {});
    renderForm({
      save,
      initial: { ...EMPTY_ARTICLE, organizationId: "tinh-doan-ha-nam", author: "Ban Tuyên giáo" },
    });
    fillRequired();
    fireEvent.change(screen.getByLabelText("Tác giả"), { target: { value: " " } });
    expect(screen.getByLabelText("Hội nghị được đưa tin").tagName).toBe("SELECT");
    fireEvent.click(screen.getByRole("button", { name: "Lưu thay đổi" }));
    await screen.findByText("Đã lưu.");
    expect(save).toHaveBeenCalledWith(
      expect.objectContaining({ author: null, source: null, conferenceId: null }),
    );
  });

  it("checks the domain's schema before sending", async () => {
    const save = vi.fn(async () => {});
    renderForm({ save });
    fireEvent.click(screen.getByRole("button", { name: "Lưu thay đổi" }));
    expect(await screen.findByTestId("a-title-error")).toBeTruthy();
    expect(save).not.toHaveBeenCalled();
  });
});
