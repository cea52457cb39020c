// Records and image bytes the content tests share.
import type { ArticleCreateInput, ConferenceCreate } from "@sodoan/domain";
import type { Db } from "../db/client.js";
import { refreshOrganizationPaths } from "../db/queries/tree.js";
import { organization } from "../db/schema/index.js";

/** Stores an organisation with the few facts the content routes read. */
export async function insertOrganization(db: Db, id: string, name: string): Promise<void> {
  await db.insert(organization).values({ id, name, level: "provincial", establishedOn: "1997-01-01" });
  await refreshOrganizationPaths(db, [id]);
}

/** An article an editor could send, ready to publish. */
export function articleInput(
  organizationId: string,
  overrides: Partial<ArticleCreateInput> = {},
): ArticleCreateInput {
  return {
    title: "Hội nghị chuyên đề nâng cao chất lượng tổ chức cơ sở Đoàn",
    category: "Hoạt động",
    organizationId,
    lead: "Các cơ sở Đoàn bàn cách sinh hoạt đều đặn hơn.",
    body: [{ type: "paragraph", text: "Đoàn viên thảo luận về sinh hoạt chi đoàn." }],
    ...overrides,
  };
}

/** A conference record an admin could send. */
export function conferenceInput(organizerId: string, overrides: Partial<ConferenceCreate> = {}) {
  return {
    organizerId,
    kind: "extended_standing_committee",
    title: "Hội nghị Ban Thường vụ mở rộng",
    startDate: "2021-11-25",
    endDate: "2021-11-25",
    session: "morning",
    chairs: [{ person: { fullName: "Trần Ngọc Nam", memberId: "m-1" }, title: "Bí thư" }],
    topics: ["Công tác Đoàn năm 2021"],
    directives: [{ id: "d1", text: "Rà soát đoàn viên", addressedTo: [organizerId], dueDate: "2022-03-31" }],
    ...overrides,
  } satisfies Record<string, unknown>;
}

/** The first bytes of a PNG of a size: enough for the header to be read. */
export function pngBytes(width: number, height: number): Uint8Array {
  const bytes = new Uint8Array(33);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const view = new DataView(bytes.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  bytes.set([8, 6, 0, 0, 0], 24);
  return bytes;
}

/** A JPEG header with an APP0 segment before the frame, as cameras write. */
export function jpegBytes(width: number, height: number): Uint8Array {
  const app0 = [0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
  const sof = [0xff, 0xc0, 0, 17, 8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3];
  return new Uint8Array([0xff, 0xd8, ...app0, ...sof, ...new Array(9).fill(0), 0xff, 0xd9]);
}

/** An extended WebP header (VP8X). */
export function webpBytes(width: number, height: number): Uint8Array {
  const w = width - 1;
  const h = height - 1;
  const ascii = (text: string) => [...text].map((character) => character.charCodeAt(0));
  return new Uint8Array([
    ...ascii("RIFF"),
    22,
    0,
    0,
    0,
    ...ascii("WEBP"),
    ...ascii("VP8X"),
    10,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    w & 0xff,
    (w >> 8) & 0xff,
    (w >> 16) & 0xff,
    h & 0xff,
    (h >> 8) & 0xff,
    (h >> 16) & 0xff,
  ]);
}

/** A real image of a size, which decodes: a plain colour field in the format asked. */
export async function imageBytes(
  format: "png" | "jpeg" | "webp",
  width: number,
  height: number,
): Promise<Uint8Array> {
  const { default: sharp } = await import("sharp");
  const canvas = sharp({ create: { width, height, channels: 3, background: { r: 200, g: 16, b: 46 } } });
  return new Uint8Array(await canvas.toFormat(format).toBuffer());
}
