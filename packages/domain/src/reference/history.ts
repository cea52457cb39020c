// Helpers shared by the generators: recording times, and member histories checked as they are written.
import type { MemberEvent, MemberEventBody } from "../member/events.js";
import { validateMemberEvent } from "../member/validate.js";
import type { CalendarDate, Instant, PartialDate } from "../time/index.js";
import type { Random } from "./random.js";

const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** An instant written in Vietnam time, e.g. `2017-09-01T13:00:00+07:00`. */
export function toVietnamInstant(millis: number): Instant {
  return `${new Date(millis + VIETNAM_OFFSET_MS).toISOString().slice(0, 19)}+07:00`;
}

/** Milliseconds of a time of day in Vietnam on a date. */
export function vietnamMillis(date: CalendarDate, hour: number, minute = 0): number {
  return Date.parse(`${date}T00:00:00Z`) - VIETNAM_OFFSET_MS + (hour * 60 + minute) * 60_000;
}

/**
 * Writes one member's history in the order it takes effect, each event recorded a few working
 * days after it (as the paper registers were entered), never before the previous one, and never
 * after `recordedBy` for events effective on or before `cutoffDate`.
 */
export class MemberHistoryWriter {
  readonly events: MemberEvent[] = [];
  private lastRecorded = 0;
  private sequence = 0;

  constructor(
    readonly memberId: string,
    private readonly random: Random,
    private readonly birthDate: PartialDate | undefined,
    private readonly cutoff: { date: CalendarDate; recordedBy: number },
  ) {}

  /** Appends an event if the rules allow it (unless `isTrusted`, for a draft); returns whether it did. */
  add(body: MemberEventBody, options: { lagDays?: number; isTrusted?: boolean } = {}): boolean {
    const lag = options.lagDays ?? this.random.int(1, 12);
    let recorded =
      vietnamMillis(body.effectiveDate, this.random.int(8, 16), this.random.int(0, 59)) + lag * 86_400_000;
    if (body.effectiveDate <= this.cutoff.date) recorded = Math.min(recorded, this.cutoff.recordedBy);
    recorded = Math.max(recorded, this.lastRecorded + 60_000);
    this.sequence += 1;
    const event = {
      ...body,
      id: `${this.memberId}-e${String(this.sequence).padStart(2, "0")}`,
      memberId: this.memberId,
      recordedAt: toVietnamInstant(recorded),
    } as MemberEvent;
    if (options.isTrusted !== true) {
      const result = validateMemberEvent(this.events, event, {
        birthDate: this.birthDate,
        holdsPosition: () => false,
      });
      if (!result.ok) return false;
    }
    this.events.push(event);
    this.lastRecorded = recorded;
    return true;
  }
}
