import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { ApiError } from "../errors.js";
import { assertUpdated, etagOf, expectedVersion } from "./concurrency.js";

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

  it("treats an update that touched no row as stale", () => {
    expect(assertUpdated([{ id: "a" }])).toEqual({ id: "a" });
    expect(() => assertUpdated([])).toThrow(ApiError);
  });
});
