import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { ApiError } from "../errors.js";
import { assertUpdated, assertVersion, etagOf, expectedVersion, expectedVersions } from "./concurrency.js";

async function versionFrom(ifMatch: string | undefined): Promise<number | ApiError> {
  let outcome: number | ApiError = Number.NaN;
  const app = new Hono().get("/", (c) => {
    try {
      outcome = expectedVersion(c);
    } catch (error) {
      outcome = error as ApiError;
    }
    return c.body(null, 204);
  });
  await app.request("/", ifMatch === undefined ? {} : { headers: { "If-Match": ifMatch } });
  return outcome;
}

describe("optimistic concurrency", () => {
  it("reads back the version of the ETag it sent, strong or weak", async () => {
    expect(await versionFrom(etagOf(7))).toBe(7);
    expect(await versionFrom(`W/${etagOf(12)}`)).toBe(12);
  });

  it.each([
    [undefined, "PRECONDITION_REQUIRED"],
    ["", "PRECONDITION_REQUIRED"],
    ['"abc"', "PRECONDITION_FAILED"],
    ["*", "PRECONDITION_FAILED"],
  ])("refuses If-Match %j with %s", async (header, code) => {
    const outcome = await versionFrom(header);
    expect(outcome).toBeInstanceOf(ApiError);
    expect((outcome as ApiError).code).toBe(code);
  });

  it("reads one version per record from a list of ETags, in order", async () => {
    const outcomes: (number[] | ApiError)[] = [];
    const app = new Hono().get("/", (c) => {
      try {
        outcomes.push(expectedVersions(c, 3));
      } catch (error) {
        outcomes.push(error as ApiError);
      }
      return c.body(null, 204);
    });
    for (const header of [
      `${etagOf(2)}, W/${etagOf(5)} ,${etagOf(1)}`,
      `${etagOf(2)}, ${etagOf(5)}`,
      `${etagOf(2)}, "x", ${etagOf(1)}`,
    ]) {
      await app.request("/", { headers: { "If-Match": header } });
    }
    await app.request("/");
    expect(outcomes[0]).toEqual([2, 5, 1]);
    expect(outcomes.slice(1).map((outcome) => (outcome as ApiError).code)).toEqual([
      "PRECONDITION_REQUIRED",
      "PRECONDITION_FAILED",
      "PRECONDITION_REQUIRED",
    ]);
  });

  it("refuses a version other than the one read", () => {
    expect(() => assertVersion(3, 3)).not.toThrow();
    expect(() => assertVersion(4, 3)).toThrow(ApiError);
  });

  it("treats an update that touched no row as stale", () => {
    expect(assertUpdated([{ id: "a" }])).toEqual({ id: "a" });
    expect(() => assertUpdated([])).toThrow(ApiError);
  });
});
