// Uploaded images recognised by their first bytes, with their size read from the header (PNG,
// JPEG and WebP), and the smaller copies made of them for readers.
import sharp from "sharp";

/** The largest image accepted. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

export type ImageKind = "image/png" | "image/jpeg" | "image/webp";
export type ImageInfo = { contentType: ImageKind; width: number; height: number };

/** The type and size of an image, or undefined when the bytes are not a PNG, JPEG or WebP we can read. */
export function readImageInfo(bytes: Uint8Array): ImageInfo | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = (offset: number, signature: number[]) =>
    bytes.length >= offset + signature.length && signature.every((byte, i) => bytes[offset + i] === byte);
  if (at(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) && at(12, [0x49, 0x48, 0x44, 0x52])) {
    if (bytes.length < 24) return undefined;
    return sized("image/png", view.getUint32(16), view.getUint32(20));
  }
  if (at(0, [0xff, 0xd8, 0xff])) return readJpeg(bytes, view);
  if (at(0, [0x52, 0x49, 0x46, 0x46]) && at(8, [0x57, 0x45, 0x42, 0x50])) return readWebp(bytes, view);
  return undefined;
}

function sized(contentType: ImageKind, width: number, height: number): ImageInfo | undefined {
  return width > 0 && height > 0 ? { contentType, width, height } : undefined;
}

/** Walks the JPEG segments to the first start-of-frame, which holds the size. */
function readJpeg(bytes: Uint8Array, view: DataView): ImageInfo | undefined {
  let offset = 2;
  while (offset + 9 < bytes.length) {
    if (bytes[offset] !== 0xff) return undefined;
    const marker = bytes[offset + 1] ?? 0;
    // Fill bytes and markers without a length.
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2;
      continue;
    }
    const length = view.getUint16(offset + 2);
    const isStartOfFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
    if (isStartOfFrame) {
      return sized("image/jpeg", view.getUint16(offset + 7), view.getUint16(offset + 5));
    }
    if (length < 2) return undefined;
    offset += 2 + length;
  }
  return undefined;
}

/** Reads the first chunk of a WebP: lossy (VP8), lossless (VP8L) or extended (VP8X). */
function readWebp(bytes: Uint8Array, view: DataView): ImageInfo | undefined {
  if (bytes.length < 30) return undefined;
  const chunk = String.fromCharCode(...bytes.subarray(12, 16));
  if (chunk === "VP8 ") {
    // The key frame's start code, then 14-bit width and height.
    if (bytes[23] !== 0x9d || bytes[24] !== 0x01 || bytes[25] !== 0x2a) return undefined;
    return sized("image/webp", view.getUint16(26, true) & 0x3fff, view.getUint16(28, true) & 0x3fff);
  }
  if (chunk === "VP8L") {
    if (bytes[20] !== 0x2f) return undefined;
    const bits = view.getUint32(21, true);
    return sized("image/webp", (bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
  }
  if (chunk === "VP8X") {
    const width = 1 + ((bytes[24] ?? 0) | ((bytes[25] ?? 0) << 8) | ((bytes[26] ?? 0) << 16));
    const height = 1 + ((bytes[27] ?? 0) | ((bytes[28] ?? 0) << 8) | ((bytes[29] ?? 0) << 16));
    return sized("image/webp", width, height);
  }
  return undefined;
}

/** The widths readers' screens get, smallest first; an image is never enlarged to fit one. */
export const IMAGE_WIDTHS = [320, 640, 1024] as const;

/** Images larger than this many pixels are refused before decoding, against decompression bombs. */
const MAX_INPUT_PIXELS = 40_000_000;

export type ImageVariant = { width: number; height: number; contentType: "image/webp"; bytes: Uint8Array };

/**
 * The smaller copies of an image in each of `IMAGE_WIDTHS` narrower than it, as WebP; undefined
 * when the bytes do not decode (a header that lies about the rest).
 */
export async function renderImageVariants(
  bytes: Uint8Array,
  info: ImageInfo,
): Promise<ImageVariant[] | undefined> {
  try {
    const source = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" });
    await source.stats();
    const widths = IMAGE_WIDTHS.filter((width) => width < info.width);
    return await Promise.all(
      widths.map(async (width) => {
        const { data, info: out } = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS })
          .rotate()
          .resize({ width })
          .webp({ quality: 78 })
          .toBuffer({ resolveWithObject: true });
        return { width: out.width, height: out.height, contentType: "image/webp" as const, bytes: data };
      }),
    );
  } catch {
    return undefined;
  }
}

/** The stored copy to send for a requested width: the narrowest at least that wide, else the widest. */
export function pickImageWidth(
  available: readonly number[],
  requested: number | undefined,
): number | undefined {
  const sorted = [...available].sort((a, b) => a - b);
  if (requested === undefined) return sorted.at(-1);
  return sorted.find((width) => width >= requested) ?? sorted.at(-1);
}
