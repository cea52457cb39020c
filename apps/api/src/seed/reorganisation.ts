// The reorganisation of 1 July 2025 as lineage events: provinces merged (Sóc Trăng and Hậu Giang
// into Cần Thơ, Hà Nam and Nam Định into Ninh Bình) and the district level abolished, its
// grassroots organisations moved under the province. Every earlier date keeps its own tree, so the
// figures of 2017 and 2021 are answered as they stood.
import type { CalendarDate } from "@sodoan/domain";
import type { SeedClient } from "./client.js";
import { establish } from "./province.js";
import { daysAfter } from "./time.js";

/** The day the merged provinces and the two-tier structure took effect. */
export const REORGANISED_ON: CalendarDate = "2025-07-01";

export type MergerPlan = {
  /** The provincial Union that takes the others in, established before them. */
  target: { name: string; englishName: string; establishedOn: CalendarDate };
  sourceIds: readonly string[];
  /** The district-level units of the merged provinces, abolished. */
  districtIds: readonly string[];
};

const etagOf = async (client: SeedClient, id: string) =>
  (await client.read(`/api/v1/organizations/${id}?asOf=${REORGANISED_ON}`)).etag;

/** Merges the provinces into the target, then moves the communes up and dissolves the districts. */
export async function recordReorganisation(client: SeedClient, plan: MergerPlan, centralId: string) {
  const target = await establish(client, { ...plan.target, level: "provincial", parentId: centralId });
  client.at(daysAfter(REORGANISED_ON, 0, "08:00"));
  const tags = [target.etag];
  for (const id of plan.sourceIds) tags.push(await etagOf(client, id));
  await client.post(
    "/api/v1/organizations/merge",
    { sourceIds: plan.sourceIds, targetId: target.id, effectiveDate: REORGANISED_ON },
    tags.join(", "),
  );
  const dayBefore = daysAfter(REORGANISED_ON, -1).slice(0, 10);
  for (const districtId of plan.districtIds) {
    const { items } = await client.get<{ items: { id: string }[] }>(
      `/api/v1/organizations/${districtId}/children?asOf=${dayBefore}`,
    );
    for (const child of items) {
      await client.post(
        `/api/v1/organizations/${child.id}/reparent`,
        { fromParentId: districtId, toParentId: target.id, effectiveDate: REORGANISED_ON },
        await etagOf(client, child.id),
      );
    }
    await client.post(
      `/api/v1/organizations/${districtId}/dissolve`,
      { effectiveDate: REORGANISED_ON, note: "Không còn cấp huyện từ 01/7/2025" },
      await etagOf(client, districtId),
    );
  }
  return target.id;
}
