// The holders of positions a conference form offers for a chair, speaker or attendee: those of the
// organiser, its parent and its children on the conference's day, and the participant a pick makes.
import {
  matchesSearch,
  type Participant,
  POSITION_TITLE_LABELS,
  POSITION_TITLES,
  type PositionTitle,
} from "@sodoan/domain";

/** A term as `GET /api/v1/positions` lists it, as far as a pick needs it. */
export type HeldTerm = {
  id: string;
  organizationId: string;
  title: PositionTitle;
  person: { fullName: string; memberId?: string; personId?: string };
};

/** A holder the picker offers, with the organisation's name of the conference's day. */
export type Holder = { term: HeldTerm; organizationName: string };

type OrganizationNode = { id: string; name: string; parentId: string | null };

/**
 * The organisations whose holders a conference meets most: the organiser first, then its parent
 * (a provincial secretary chairing a bloc's meeting), then its children (their secretaries attend).
 * Only those in the list, the ones the user may see on that day.
 */
export function nearbyOrganizationIds(
  organizerId: string,
  organizations: readonly OrganizationNode[],
): string[] {
  const organizer = organizations.find((item) => item.id === organizerId);
  if (organizer === undefined) return [];
  const parent = organizations.find((item) => item.id === organizer.parentId);
  const children = organizations.filter((item) => item.parentId === organizerId);
  return [organizer.id, ...(parent === undefined ? [] : [parent.id]), ...children.map((child) => child.id)];
}

/**
 * The holders in the order of `organizationIds`, highest position first within each; when a name is
 * typed and some holder matches it, only those who match, so a chosen person's positions are offered.
 */
export function holdersFor(
  typedName: string,
  holders: readonly Holder[],
  organizationIds: readonly string[],
): Holder[] {
  const ordered = [...holders].sort(
    (a, b) =>
      organizationIds.indexOf(a.term.organizationId) - organizationIds.indexOf(b.term.organizationId) ||
      POSITION_TITLES.indexOf(a.term.title) - POSITION_TITLES.indexOf(b.term.title),
  );
  if (typedName.trim() === "") return ordered;
  const matching = ordered.filter((holder) => matchesSearch(holder.term.person.fullName, typedName));
  return matching.length === 0 ? ordered : matching;
}

/** The participant a picked holder makes: the name, title and organisation of the day, and the term. */
export function participantOfHolder({ term, organizationName }: Holder): Participant {
  const label = POSITION_TITLE_LABELS[term.title];
  return {
    person: term.person,
    title: label.vi,
    titleEn: label.en,
    organizationId: term.organizationId,
    organizationName,
    positionTermId: term.id,
  };
}
