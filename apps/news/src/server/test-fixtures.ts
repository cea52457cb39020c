// Records the news tests write through the API's HTTP routes, as an editor and a records clerk would:
// an organisation tree with members, a conference, articles quoting a figure computed by the API.
import { deflateSync } from "node:zlib";
import { signIn, TEST_ADMIN } from "@sodoan/testing";

/** What the fixtures created, for the tests to look up. */
export type NewsFixtures = {
  provinceId: string;
  branchId: string;
  grassrootsId: string;
  conferenceId: string;
  /** The article with every kind of body block and a quoted figure. */
  articleId: string;
  slug: string;
  title: string;
  /** The figure quoted in that article, as the API computed it before publication. */
  quotedActiveMembers: number;
  imageId: string;
  /** Published articles of the category "Đoàn thể", newest first. */
  categorySlugs: string[];
};

/** One session per test API, as the system administrator it was started with. */
const sessions = new Map<string, Promise<string>>();
function sessionFor(apiUrl: string): Promise<string> {
  let session = sessions.get(apiUrl);
  if (session === undefined) {
    session = signIn(apiUrl, TEST_ADMIN.email, TEST_ADMIN.password);
    sessions.set(apiUrl, session);
  }
  return session;
}

/**
 * Writes to (and reads the admin side of) the API at `apiUrl`, signed in as its administrator;
 * throws with the API's answer when a request is refused.
 */
export function apiWriter(apiUrl: string) {
  async function send<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(`${apiUrl}${path}`, {
      method,
      headers: { "Content-Type": "application/json", Cookie: await sessionFor(apiUrl), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }
  return {
    send,
    get: <T>(path: string) => send<T>("GET", path),
    async organization(name: string, level: string, parentId?: string) {
      const body = { name, level, establishedOn: "2000-01-01", ...(parentId ? { parentId } : {}) };
      return (await send<{ id: string }>("POST", "/api/v1/organizations", body)).id;
    },
    async member(fullName: string, admittedOn: string, grassrootsId: string, branchId: string) {
      await send("POST", "/api/v1/members", {
        fullName,
        gender: "female",
        birthDate: "1996-05-20",
        ethnicity: "Kinh",
        religion: "Không",
        admission: {
          date: admittedOn,
          decisionRef: "12-NQ/ĐTN",
          admittingOrganizationId: grassrootsId,
          homeUnitId: branchId,
        },
      });
    },
    /** Creates an article and publishes it now. */
    async publish(article: Record<string, unknown>) {
      const created = await send<{ id: string; slug: string }>("POST", "/api/v1/articles", article);
      await send("POST", `/api/v1/articles/${created.id}/publish`, undefined, { "If-Match": '"v1"' });
      return created;
    },
    async activeMembers(organizationId: string, asOf: string) {
      const figure = await send<{ value: { count: number } }>(
        "GET",
        `/api/v1/public/metrics/members.active?organizationId=${organizationId}&asOf=${asOf}`,
      );
      return figure.value.count;
    },
  };
}

/** The members of the branch on 31/08/2017: six, above the public threshold of five. */
const MEMBERS = ["Lâm Thị Hoa", "Trần Thị Mai", "Lý Thị Thu", "Thạch Thị Hằng", "Sơn Thị Lan", "Đỗ Thị Ngọc"];

export async function writeNewsFixtures(apiUrl: string): Promise<NewsFixtures> {
  const api = apiWriter(apiUrl);
  const central = await api.organization("Trung ương Đoàn", "central");
  const provinceId = await api.organization("Tỉnh đoàn Sóc Trăng", "provincial", central);
  const grassrootsId = await api.organization("Đoàn cơ sở Công ty Cấp nước", "grassroots", provinceId);
  const branchId = await api.organization("Chi đoàn Phòng Kỹ thuật", "branch", grassrootsId);
  for (const name of MEMBERS) await api.member(name, "2013-03-26", grassrootsId, branchId);
  const quotedActiveMembers = await api.activeMembers(provinceId, "2017-08-31");
  const computedAt = new Date().toISOString();

  const conference = await api.send<{ id: string }>("POST", "/api/v1/conferences", {
    organizerId: provinceId,
    kind: "thematic",
    title: "Hội nghị chuyên đề nâng cao chất lượng tổ chức cơ sở Đoàn",
    startDate: "2017-08-31",
    endDate: "2017-08-31",
    session: "afternoon",
    place: "Hội trường Tỉnh đoàn",
    chairs: [{ person: { fullName: "Đàm Mỹ Anh" }, title: "Phó Bí thư Đoàn Khối Doanh nghiệp" }],
    speakers: [{ person: { fullName: "Huỳnh Công Trí" }, title: "Phó Bí thư Đảng ủy Khối Doanh nghiệp" }],
    documentsReviewed: [
      { symbol: "08-KL/TWĐTN-BTC", date: "2019-03-05", title: "Về nâng cao chất lượng tổ chức cơ sở Đoàn" },
    ],
    conclusions: ["Các cơ sở Đoàn duy trì sinh hoạt chi đoàn định kỳ hằng tháng."],
    directives: [
      { id: "d1", text: "Đào tạo bí thư chi đoàn mới", addressedTo: [grassrootsId], dueDate: "2017-12-31" },
    ],
  });

  // Three older articles of the same category, for related articles and the category's pages.
  const categorySlugs: string[] = [];
  for (const n of [1, 2, 3]) {
    const older = await api.publish({
      title: `Chi đoàn Phòng Kỹ thuật sinh hoạt tháng ${n}`,
      category: "Đoàn thể",
      organizationId: grassrootsId,
      lead: `Buổi sinh hoạt thứ ${n} của chi đoàn trong năm.`,
      body: [{ type: "paragraph", text: "Đoàn viên bàn kế hoạch hoạt động." }],
    });
    categorySlugs.unshift(older.slug);
  }

  const title = "Đoàn Khối Doanh nghiệp bàn cách nâng chất lượng cơ sở Đoàn";
  const draft = await api.send<{ id: string; slug: string }>("POST", "/api/v1/articles", {
    title,
    category: "Đoàn thể",
    organizationId: provinceId,
    author: "Tấn Phát",
    source: { name: "Báo Sóc Trăng", url: "https://baosoctrang.example/bai-viet" },
    lead: "Hội nghị chuyên đề bàn cách giữ nếp sinh hoạt ở các chi đoàn doanh nghiệp.",
    body: [{ type: "paragraph", text: "Nội dung đang viết." }],
    conferenceId: conference.id,
  });
  const image = await uploadImage(apiUrl, draft.id, pngOf(1200, 800));
  await api.send(
    "PATCH",
    `/api/v1/articles/${draft.id}`,
    {
      body: [
        { type: "paragraph", text: "Chiều 31/8, hội nghị chuyên đề diễn ra tại hội trường Tỉnh đoàn." },
        { type: "heading", level: 2, text: "Kết quả sinh hoạt" },
        {
          type: "figure",
          label: "đoàn viên đang sinh hoạt",
          figure: {
            metricId: "members.active",
            metricVersion: "1",
            organizationId: provinceId,
            asOf: "2017-08-31",
            value: quotedActiveMembers,
            unit: "count",
            computedAt,
          },
        },
        {
          type: "image",
          src: image.url,
          alt: "Đại biểu dự hội nghị chuyên đề",
          caption: "Quang cảnh hội nghị",
          credit: "Tấn Phát",
          width: image.width,
          height: image.height,
        },
        { type: "quote", text: "Chi đoàn mạnh thì cơ sở mạnh.", attribution: "Đàm Mỹ Anh" },
      ],
    },
    { "If-Match": '"v1"' },
  );
  await api.send("POST", `/api/v1/articles/${draft.id}/publish`, undefined, { "If-Match": '"v2"' });
  return {
    provinceId,
    branchId,
    grassrootsId,
    conferenceId: conference.id,
    articleId: draft.id,
    slug: draft.slug,
    title,
    quotedActiveMembers,
    imageId: image.id,
    categorySlugs: [draft.slug, ...categorySlugs],
  };
}

async function uploadImage(apiUrl: string, articleId: string, bytes: Uint8Array) {
  const response = await fetch(`${apiUrl}/api/v1/articles/${articleId}/images`, {
    method: "POST",
    headers: { "Content-Type": "image/png", Cookie: await sessionFor(apiUrl) },
    body: Buffer.from(bytes),
  });
  if (response.status !== 201) throw new Error(`image upload: ${response.status} ${await response.text()}`);
  return (await response.json()) as { id: string; url: string; width: number; height: number };
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "ascii");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A real PNG of one colour, which an image library decodes. */
export function pngOf(width: number, height: number): Uint8Array {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x++) row.set([200, 16, 46], 1 + x * 3);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return new Uint8Array(
    Buffer.concat([
      signature,
      chunk("IHDR", header),
      chunk("IDAT", deflateSync(raw)),
      chunk("IEND", new Uint8Array()),
    ]),
  );
}
