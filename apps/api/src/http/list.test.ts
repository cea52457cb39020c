import { describe, expect, it } from "vitest";
import { listQuerySchema } from "./list.js";

const schema = listQuerySchema(["name", "establishedOn"]);

describe("list query", () => {
  it("defaults to the first page, 50 a page, sorted by the first field", () => {
    expect(schema.parse({})).toEqual({ page: 1, pageSize: 50, sort: [{ field: "name", direction: "asc" }] });
  });

  it("reads several sort fields with their directions, and a search", () => {
    const query = schema.parse({ page: "3", pageSize: "500", sort: "establishedOn:desc,name", q: " tran " });
    expect(query).toEqual({
      page: 3,
      pageSize: 500,
      sort: [
        { field: "establishedOn", direction: "desc" },
        { field: "name", direction: "asc" },
      ],
      q: "tran",
    });
  });

  it.each([
    [{ pageSize: "501" }, "pageSize"],
    [{ page: "0" }, "page"],
    [{ sort: "password:asc" }, "sort"],
    [{ sort: "name:sideways" }, "sort"],
  ])("refuses %j on %s", (input, field) => {
    const parsed = schema.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual([field]);
  });
});
