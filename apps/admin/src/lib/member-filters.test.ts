import { describe, expect, it } from "vitest";
import {
  memberBulkFilter,
  memberExportUrl,
  memberListUrl,
  readMemberFilters,
  writeMemberFilters,
} from "./member-filters";

describe("member filters in the URL", () => {
  it("reads what is there and the API's defaults for the rest", () => {
    const filters = readMemberFilters(
      new URLSearchParams("q=tran+ngoc+nam&status=active&sort=birthDate:desc&page=3"),
    );
    expect(filters).toMatchObject({
      q: "tran ngoc nam",
      status: "active",
      gender: "",
      sort: { field: "birthDate", direction: "desc" },
      page: 3,
      pageSize: 50,
    });
  });

  it("ignores an order or a page the list does not have", () => {
    const filters = readMemberFilters(new URLSearchParams("sort=password:asc&page=-2&pageSize=7"));
    expect(filters.sort).toEqual({ field: "name", direction: "asc" });
    expect(filters.page).toBe(1);
    expect(filters.pageSize).toBe(50);
  });

  it("round-trips through the URL, leaving defaults out", () => {
    const search = new URLSearchParams("gender=female&ageMin=18&asOf=2017-08-31&sort=cardNumber:asc&page=2");
    expect(writeMemberFilters(readMemberFilters(search)).toString()).toBe(
      "gender=female&ageMin=18&asOf=2017-08-31&sort=cardNumber%3Aasc&page=2",
    );
    expect(writeMemberFilters(readMemberFilters(new URLSearchParams())).toString()).toBe("");
  });

  it("sends the same filters to the list and to the export, paging only to the list", () => {
    const filters = readMemberFilters(new URLSearchParams("q=nam&status=active&page=2"));
    expect(memberListUrl(filters)).toBe(
      "/api/v1/members?q=nam&status=active&sort=name%3Aasc&page=2&pageSize=50",
    );
    expect(memberExportUrl(filters)).toBe("/api/v1/members/export.csv?q=nam&status=active&sort=name%3Aasc");
  });

  it("names the whole filtered list for a bulk action: given filters only, ages as numbers, no page", () => {
    const filters = readMemberFilters(
      new URLSearchParams("q=lan&ageMin=18&organizationId=b1&page=4&sort=name:desc"),
    );
    expect(memberBulkFilter(filters)).toEqual({ q: "lan", ageMin: 18, organizationId: "b1" });
  });
});
