// People at a conference with the title their positions give them on the day, as the organisation
// routes tell it: the record states what the registers of positions said, not what someone typed,
// and names the term it comes from.
import type { Participant, PositionTitle } from "@sodoan/domain";
import type { SeedClient } from "./client.js";

type PositionsOnDate = {
  positions: {
    title: PositionTitle;
    label: { vi: string; en: string };
    holders: { termId: string; person: Participant["person"] }[];
  }[];
};

/** The holders of some positions of an organisation on a date, highest first, as participants. */
export async function participantsOf(
  client: SeedClient,
  organizationId: string,
  date: string,
  titles: readonly PositionTitle[],
): Promise<Participant[]> {
  // One after the other: inside the seed's transaction there is one connection.
  const organization = await client.get<{ name: string }>(
    `/api/v1/organizations/${organizationId}?asOf=${date}`,
  );
  const held = await client.get<PositionsOnDate>(
    `/api/v1/organizations/${organizationId}/positions?asOf=${date}`,
  );
  return held.positions
    .filter((position) => titles.includes(position.title))
    .flatMap((position) =>
      position.holders.map((holder) => ({
        person: holder.person,
        title: position.label.vi,
        titleEn: position.label.en,
        organizationId,
        organizationName: organization.name,
        positionTermId: holder.termId,
      })),
    );
}
