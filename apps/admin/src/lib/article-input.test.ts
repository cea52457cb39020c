import { ArticleCreateSchema, ArticleUpdateSchema } from "@sodoan/domain";
import { describe, expect, it } from "vitest";
import {
  type ArticleFormValues,
  articleValuesOf,
  EMPTY_ARTICLE,
  emptyBlock,
  previewBlocks,
  toArticleInput,
  toInstantFromVietnam,
} from "./article-input";

const typed: ArticleFormValues = {
  ...EMPTY_ARTICLE,
  title: "Hội nghị chuyên đề",
  category: "Đoàn thể",
  organizationId: "tinh-doan-ha-nam",
  lead: "Tóm tắt",
  author: " ",
  sourceName: "Báo Hà Nam",
  body: [
    { ...emptyBlock("paragraph"), text: "Sáng 25/11." },
    { ...emptyBlock("heading"), text: "Kết luận", level: "3" },
    {
      ...emptyBlock("image"),
      src: "/api/v1/public/images/x",
      alt: "Hội trường",
      width: 4,
      height: 3,
      credit: "Tỉnh đoàn",
    },
  ],
};

describe("toArticleInput", () => {
  it("gives the domain's schema an article it accepts, blanks left out", () => {
    const input = toArticleInput(typed, "create");
    expect(input).not.toHaveProperty("author");
    expect(input).not.toHaveProperty("slug");
    expect(input.source).toEqual({ name: "Báo Hà Nam" });
    const parsed = ArticleCreateSchema.parse(input);
    expect(parsed.body[1]).toEqual({ type: "heading", level: 3, text: "Kết luận" });
    expect(parsed.slug).toBe("hoi-nghi-chuyen-de");
  });

  it("clears in an update the optional fields left empty, which a new article leaves out", () => {
    const emptied = { ...typed, sourceName: "", conferenceId: "" };
    const update = toArticleInput(emptied, "update");
    expect(update).toMatchObject({ author: null, source: null, conferenceId: null });
    expect(update).not.toHaveProperty("slug");
    expect(ArticleUpdateSchema.safeParse(update).success).toBe(true);
    const created = toArticleInput(emptied, "create");
    expect(created).not.toHaveProperty("author");
    expect(created).not.toHaveProperty("source");
    expect(created).not.toHaveProperty("conferenceId");
    expect(toArticleInput({ ...typed, conferenceId: "hn-1" }, "update").conferenceId).toBe("hn-1");
    // The body goes whole, so an emptied caption is simply left out of its block.
    const captionless = toArticleInput(
      { ...typed, body: typed.body.map((row) => ({ ...row, caption: "", credit: "" })) },
      "update",
    );
    expect((captionless.body as Record<string, unknown>[])[2]).toEqual({
      type: "image",
      src: "/api/v1/public/images/x",
      alt: "Hội trường",
      width: 4,
      height: 3,
    });
  });

  it("lets the schema name an image without alt text by its row", () => {
    const values = { ...typed, body: [{ ...emptyBlock("image"), src: "/a.png", width: 1, height: 1 }] };
    const result = ArticleCreateSchema.safeParse(toArticleInput(values, "create"));
    expect(result.success ? [] : result.error.issues.map((issue) => issue.path.join("."))).toEqual([
      "body.0.alt",
    ]);
  });

  it("reads back what it wrote, figures kept as they were", () => {
    const figure = { type: "figure", label: "đoàn viên", figure: { value: 6 } };
    const stored = {
      id: "a",
      status: "draft",
      updatedAt: "",
      ...ArticleCreateSchema.parse(toArticleInput(typed, "create")),
    };
    const values = articleValuesOf({ ...stored, body: [...stored.body, figure] } as never);
    expect(toArticleInput(values, "create").body).toEqual([...(stored.body as unknown[]), figure]);
  });
});

describe("previewBlocks", () => {
  it("leaves out rows not yet filled", () => {
    const rows = [
      emptyBlock("paragraph"),
      emptyBlock("image"),
      { ...emptyBlock("paragraph"), text: "Có chữ" },
    ];
    expect(previewBlocks(rows)).toEqual([{ type: "paragraph", text: "Có chữ" }]);
  });
});

describe("toInstantFromVietnam", () => {
  it.each([
    ["01/09/2017", "13:00", "2017-09-01T06:00:00.000Z"],
    ["01/01/2027", "03:30", "2026-12-31T20:30:00.000Z"],
    ["31/02/2027", "08:00", undefined],
    ["01/09/2017", "25:00", undefined],
    ["", "08:00", undefined],
  ])("%s %s → %s", (date, time, instant) => {
    expect(toInstantFromVietnam(date, time)).toBe(instant);
  });
});
