import { ParticipantSchema } from "@sodoan/domain";
import { describe, expect, it } from "vitest";
import { type Holder, holdersFor, nearbyOrganizationIds, participantOfHolder } from "./position-holders";

const organizations = [
  { id: "province", name: "Tỉnh đoàn Sóc Trăng", parentId: null },
  { id: "bloc", name: "Đoàn Khối doanh nghiệp", parentId: "province" },
  { id: "cs-1", name: "Đoàn cơ sở 1", parentId: "bloc" },
  { id: "cs-2", name: "Đoàn cơ sở 2", parentId: "bloc" },
  { id: "cd-1", name: "Chi đoàn 1", parentId: "cs-1" },
  { id: "other", name: "Tỉnh đoàn Hà Nam", parentId: null },
];

const holder = (id: string, organizationId: string, title: Holder["term"]["title"], fullName: string) => ({
  term: { id, organizationId, title, person: { fullName } },
  organizationName: organizations.find((item) => item.id === organizationId)?.name ?? organizationId,
});

describe("nearbyOrganizationIds", () => {
  it("is the organiser, its parent and its children, nothing further", () => {
    expect(nearbyOrganizationIds("bloc", organizations)).toEqual(["bloc", "province", "cs-1", "cs-2"]);
  });

  it("leaves out a parent the user cannot see, and is empty for an organiser not in the list", () => {
    expect(nearbyOrganizationIds("bloc", organizations.slice(1))).toEqual(["bloc", "cs-1", "cs-2"]);
    expect(nearbyOrganizationIds("gone", organizations)).toEqual([]);
  });
});

describe("holdersFor", () => {
  const ids = ["bloc", "province", "cs-1"];
  const holders = [
    holder("t-4", "cs-1", "secretary", "Lý Văn Cơ"),
    holder("t-3", "province", "secretary", "Trần Văn Tỉnh"),
    holder("t-2", "bloc", "secretary", "Lâm Văn Khối"),
    holder("t-1", "bloc", "deputy_secretary", "Đàm Mỹ Anh"),
    holder("t-5", "cs-1", "executive_committee_member", "Đàm Mỹ Anh"),
  ];

  it("orders by organisation as given, then highest position first", () => {
    expect(holdersFor("", holders, ids).map((item) => item.term.id)).toEqual([
      "t-2",
      "t-1",
      "t-3",
      "t-4",
      "t-5",
    ]);
  });

  it("offers a typed person's positions only, without diacritics, and everyone for a guest", () => {
    expect(holdersFor("dam my anh", holders, ids).map((item) => item.term.id)).toEqual(["t-1", "t-5"]);
    expect(holdersFor("Khách mời", holders, ids)).toHaveLength(5);
  });
});

describe("participantOfHolder", () => {
  it("fills the name, the title in both languages, the organisation of the day and the term", () => {
    const participant = participantOfHolder(holder("t-1", "bloc", "deputy_secretary", "Đàm Mỹ Anh"));
    expect(participant).toEqual({
      person: { fullName: "Đàm Mỹ Anh" },
      title: "Phó Bí thư",
      titleEn: "Deputy Secretary",
      organizationId: "bloc",
      organizationName: "Đoàn Khối doanh nghiệp",
      positionTermId: "t-1",
    });
    expect(ParticipantSchema.safeParse(participant).success).toBe(true);
  });
});
