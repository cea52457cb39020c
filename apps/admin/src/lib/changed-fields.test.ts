import { afterEach, describe, expect, it, vi } from "vitest";
import { staleSaveOutcome } from "../ui/save-notice";
import { changedFields, type FieldLabels } from "./changed-fields";

type Values = {
  fullName: string;
  contact: { phone: string; email: string };
  body: { type: string; text: string }[];
  note: string;
};

const LABELS: FieldLabels<"fullName" | "contact.phone" | "contact.email" | "body"> = {
  fullName: { vi: "Họ và tên", en: "Full name" },
  "contact.phone": { vi: "Điện thoại", en: "Phone" },
  "contact.email": { vi: "Thư điện tử", en: "E-mail" },
  body: { vi: "Nội dung", en: "Body" },
};

const before: Values = {
  fullName: "Trần Ngọc Nam",
  contact: { phone: "0912", email: "" },
  body: [
    { type: "paragraph", text: "Một" },
    { type: "paragraph", text: "Hai" },
  ],
  note: "",
};

describe("changedFields", () => {
  it.each<[string, Partial<Values>, string[]]>([
    ["nothing", {}, []],
    ["a top-level field", { fullName: "Trần Ngọc Nam Anh" }, ["fullName"]],
    ["a nested field, by its path", { contact: { phone: "0913", email: "" } }, ["contact.phone"]],
    [
      "one row of a list, as the whole list",
      { body: [before.body[0] as Values["body"][number], { type: "paragraph", text: "Ba" }] },
      ["body"],
    ],
    ["rows moved", { body: [...before.body].reverse() }, ["body"]],
    ["a field no label names", { note: "ghi chú" }, []],
    [
      "several fields, in the labels' order",
      { body: [], contact: { phone: "0912", email: "a@b.vn" }, fullName: "B" },
      ["fullName", "contact.email", "body"],
    ],
  ])("names what changed: %s", (_, change, fields) => {
    const changed = changedFields(LABELS, before, { ...before, ...change });
    expect(changed.map((entry) => entry.field)).toEqual(fields);
    expect(changed.map((entry) => entry.label)).toEqual(
      fields.map((field) => LABELS[field as keyof typeof LABELS]),
    );
  });

  it("sees the same values in another key order, and a missing key as an undefined one", () => {
    const reordered = {
      body: before.body,
      note: "",
      contact: { email: "", phone: "0912" },
      fullName: "Trần Ngọc Nam",
    };
    expect(changedFields(LABELS, before, reordered)).toEqual([]);
    expect(changedFields({ a: LABELS.fullName }, { a: { x: 1, y: undefined } }, { a: { x: 1 } })).toEqual([]);
  });
});

describe("staleSaveOutcome", () => {
  afterEach(() => vi.unstubAllGlobals());

  const describeStale = (answer: Response | Error) => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => {
        if (answer instanceof Error) throw answer;
        return answer;
      }),
    );
    return staleSaveOutcome<Values>({
      text: { vi: "Đã bị đổi", en: "Changed" },
      url: "/api/v1/members/m-1",
      read: before,
      valuesOf: (record) => record,
      labels: LABELS,
    });
  };

  it("names the fields changed on the server since the form read the record", async () => {
    const latest = { ...before, fullName: "Nguyễn Văn A" };
    const outcome = await describeStale(new Response(JSON.stringify(latest), { status: 200 }));
    expect(outcome).toEqual({
      kind: "stale",
      text: { vi: "Đã bị đổi", en: "Changed" },
      changed: [LABELS.fullName],
    });
  });

  it("still says the save was stale, naming no field, when the latest cannot be read", async () => {
    const outcome = await describeStale(new Error("offline"));
    expect(outcome).toMatchObject({ kind: "stale", changed: [] });
  });
});
