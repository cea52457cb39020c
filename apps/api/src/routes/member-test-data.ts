// Test data for the member and referral tests: a small organisation tree and member inputs.
import type { MemberCreate } from "@sodoan/domain";
import type { Db } from "../db/client.js";
import { refreshOrganizationPaths } from "../db/queries/tree.js";
import { organization, parentLink } from "../db/schema/index.js";

/**
 * The tree: province P > district D > grassroots G > branches B1, B2; and D > grassroots G2 >
 * branch B3. Only branches (and a Chi đoàn cơ sở) can hold members.
 */
export const UNITS = {
  P: "tinh-p",
  D: "huyen-d",
  G: "co-so-g",
  B1: "chi-doan-1",
  B2: "chi-doan-2",
  G2: "co-so-g2",
  B3: "chi-doan-3",
} as const;

export async function seedUnits(db: Db): Promise<void> {
  const org = (id: string, name: string, level: string) => ({ id, name, level, establishedOn: "2000-01-01" });
  await db
    .insert(organization)
    .values([
      org(UNITS.P, "Tỉnh đoàn P", "provincial"),
      org(UNITS.D, "Huyện đoàn D", "district"),
      org(UNITS.G, "Đoàn cơ sở G", "grassroots"),
      org(UNITS.B1, "Chi đoàn 1", "branch"),
      org(UNITS.B2, "Chi đoàn 2", "branch"),
      org(UNITS.G2, "Đoàn cơ sở G2", "grassroots"),
      org(UNITS.B3, "Chi đoàn 3", "branch"),
    ]);
  const link = (childId: string, parentId: string) => ({ childId, parentId, validFrom: "2000-01-01" });
  await db
    .insert(parentLink)
    .values([
      link(UNITS.D, UNITS.P),
      link(UNITS.G, UNITS.D),
      link(UNITS.B1, UNITS.G),
      link(UNITS.B2, UNITS.G),
      link(UNITS.G2, UNITS.D),
      link(UNITS.B3, UNITS.G2),
    ]);
  await refreshOrganizationPaths(db);
}

/** A valid create body; override any part. */
export function memberInput(overrides: Partial<MemberCreate> = {}): MemberCreate {
  return {
    fullName: "Trần Ngọc Nam",
    gender: "male",
    birthDate: "1995-04-12",
    ethnicity: "Kinh",
    religion: "Không",
    admission: {
      date: "2012-03-26",
      decisionRef: "15-NQ/ĐTN",
      admittingOrganizationId: UNITS.G,
      homeUnitId: UNITS.B1,
    },
    ...overrides,
  };
}

/** JSON request options. */
export function json(method: string, body: unknown, headers: Record<string, string> = {}): RequestInit {
  return { method, body: JSON.stringify(body), headers: { "Content-Type": "application/json", ...headers } };
}
