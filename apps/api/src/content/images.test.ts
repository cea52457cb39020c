import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { IMAGE_WIDTHS, pickImageWidth, readImageInfo, renderImageVariants } from "./images.js";
import { imageBytes, jpegBytes, pngBytes, webpBytes } from "./test-fixtures.js";

describe("readImageInfo", () => {
  it.each([
    ["PNG", pngBytes(1200, 800), "image/png"],
    ["JPEG after an APP0 segment", jpegBytes(640, 480), "image/jpeg"],
    ["extended WebP", webpBytes(4000, 3000), "image/webp"],
  ])("reads the type and size of a %s from its header alone", (_, bytes, type) => {
    const info = readImageInfo(bytes);
    expect(info?.contentType).toBe(type);
    expect(info?.width).toBeGreaterThan(0);
  });

  it.each(["png", "jpeg", "webp"] as const)("agrees with the decoder on a real %s", async (format) => {
    const bytes = await imageBytes(format, 333, 222);
    const metadata = await sharp(bytes).metadata();
    expect(readImageInfo(bytes)).toMatchObject({ width: metadata.width, height: metadata.height });
  });

  it("knows nothing of other bytes", () => {
    expect(readImageInfo(new TextEncoder().encode("GIF89a……"))).toBeUndefined();
    expect(readImageInfo(new Uint8Array(0))).toBeUndefined();
  });
});

describe("renderImageVariants", () => {
  it("makes a WebP copy at each width narrower than the image, keeping its proportions", async () => {
    const bytes = await imageBytes("jpeg", 1500, 1000);
    const info = readImageInfo(bytes);
    if (info === undefined) throw new Error("unreadable fixture");
    const variants = await renderImageVariants(bytes, info);
    expect(variants?.map((variant) => [variant.width, variant.height])).toEqual([
      [320, 213],
      [640, 427],
      [1024, 683],
    ]);
    for (const variant of variants ?? [])
      expect(readImageInfo(variant.bytes)?.contentType).toBe("image/webp");
  });

  it("refuses bytes whose header promises an image that is not there", async () => {
    const bytes = pngBytes(1200, 800);
    const info = readImageInfo(bytes);
    if (info === undefined) throw new Error("unreadable fixture");
    expect(await renderImageVariants(bytes, info)).toBeUndefined();
  });
});

describe("pickImageWidth", () => {
  const available = [1200, ...IMAGE_WIDTHS];
  it.each([
    [undefined, 1200],
    [1, 320],
    [320, 320],
    [500, 640],
    [1100, 1200],
    [9000, 1200],
  ])("for w=%j sends the copy %i wide", (requested, expected) => {
    expect(pickImageWidth(available, requested)).toBe(expected);
  });
});
