// A member's rights over their data (Law 91/2025/QH15): a copy of everything kept about them (an
// access request), and erasure, which anonymises the member while every figure stays as it was.
import { createRoute, z } from "@hono/zod-openapi";
import { MemberEventSchema, ReferralSchema, SENSITIVE_MEMBER_FIELDS, toVietnamDate } from "@sodoan/domain";
import { and, asc, eq, sql } from "drizzle-orm";
import { recordSensitiveRead } from "../audit/reads.js";
import { loadMemberEvents, memberColumns } from "../db/queries/members.js";
import { auditEvent, member, memberEvent, referral } from "../db/schema/index.js";
import { assertUpdated, expectedVersion, setEtag } from "../http/concurrency.js";
import { createRouter, errorResponse, jsonResponse } from "../openapi.js";
import { anonymizedMember, scrubAuditTrail, withoutFreeText } from "../privacy/erasure.js";
import { AuditEventSchema, auditEventView } from "./audit.js";
import { findMemberRow, MemberDetailSchema, toMemberDetail } from "./members.js";

const IdParamsSchema = z.object({ id: z.string().min(1).max(100) });

const PersonalDataSchema = z
  .object({
    exportedAt: z.string(),
    member: MemberDetailSchema,
    events: z.array(MemberEventSchema),
    referrals: z.array(ReferralSchema),
    history: z.array(AuditEventSchema),
  })
  .openapi("PersonalData");

const exportRoute = createRoute({
  method: "get",
  path: "/{id}/personal-data",
  tags: ["members"],
  summary:
    "Bản sao mọi dữ liệu về một đoàn viên (yêu cầu truy cập) / A copy of all data kept on a member (access request)",
  description:
    "Hồ sơ, các sự kiện, các lần giới thiệu vào Đảng và lịch sử thay đổi, kể cả ai đã xem dữ liệu nhạy cảm. " +
    "Mỗi lần xuất được ghi vào nhật ký. / The record, its events, its referrals to the Party and its history, " +
    "including who saw the sensitive fields. Each export is recorded in the audit trail.",
  request: { params: IdParamsSchema },
  responses: {
    200: jsonResponse(PersonalDataSchema, "Dữ liệu cá nhân / The personal data"),
    404: errorResponse("Không tìm thấy đoàn viên / No such member"),
  },
});

const eraseRoute = createRoute({
  method: "post",
  path: "/{id}/erasure",
  tags: ["members"],
  summary:
    "Xoá dữ liệu cá nhân: ẩn danh đoàn viên (If-Match) / Erase personal data: anonymise the member (If-Match)",
  description:
    "Xoá họ tên, số thẻ, liên lạc, dân tộc, tôn giáo, học vấn, nghề nghiệp, nơi cư trú và mọi ghi chú, cả trong lịch sử " +
    "thay đổi; giữ giới tính, ngày sinh và các sự kiện có ngày để mọi số liệu không đổi. Không hoàn tác được. / " +
    "Erases the name, card, contact, ethnicity, religion, education, occupation, residence and every note, in " +
    "the history too; keeps the gender, birth date and dated events so that every figure stays the same. " +
    "It cannot be undone.",
  request: { params: IdParamsSchema },
  responses: {
    200: jsonResponse(MemberDetailSchema, "Đã ẩn danh / Anonymised"),
    404: errorResponse("Không tìm thấy đoàn viên / No such member"),
    412: errorResponse("Bản ghi đã đổi / Stale If-Match"),
    428: errorResponse("Thiếu If-Match / If-Match missing"),
  },
});

export const memberPrivacyRoutes = createRouter()
  .openapi(exportRoute, async (c) => {
    const { id } = c.req.valid("param");
    const { database, now } = c.var.services;
    const { db } = database;
    const row = await findMemberRow(db, c.var.access, id);
    const events = (await loadMemberEvents(db, [id])).get(id) ?? [];
    const referrals = await db
      .select({ data: referral.data })
      .from(referral)
      .where(eq(referral.memberId, id))
      .orderBy(asc(referral.referredOn), asc(referral.id));
    const history = await db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.subjectType, "member"), eq(auditEvent.subjectId, id)))
      .orderBy(asc(auditEvent.id));
    await recordSensitiveRead(c, id, [...SENSITIVE_MEMBER_FIELDS, "referrals"], "export");
    const exportedAt = now().toISOString();
    c.header("Content-Disposition", `attachment; filename="du-lieu-ca-nhan-${id}.json"`);
    c.header("Cache-Control", "no-store");
    return c.json(
      {
        exportedAt,
        member: toMemberDetail(row, events, toVietnamDate(now())),
        // In the order they took effect, as the member would tell their own story.
        events: [...events].sort((a, b) => a.effectiveDate.localeCompare(b.effectiveDate)),
        referrals: referrals.map((r) => r.data),
        history: history.map((event) => auditEventView(event, true)),
      },
      200,
    );
  })
  .openapi(eraseRoute, async (c) => {
    const { id } = c.req.valid("param");
    const { database, now } = c.var.services;
    const current = await findMemberRow(database.db, c.var.access, id);
    const expected = expectedVersion(c);
    const anonymized = anonymizedMember(current.data);
    const columns = memberColumns(anonymized);
    const updatedAt = now().toISOString();
    const row = await database.db.transaction(async (tx) => {
      const updated = assertUpdated(
        await tx
          .update(member)
          .set({ ...columns, updatedAt, version: sql`${member.version} + 1` })
          .where(and(eq(member.id, id), eq(member.version, expected)))
          .returning(),
      );
      for (const event of await tx.select().from(memberEvent).where(eq(memberEvent.memberId, id))) {
        const data = withoutFreeText(event.data);
        if (JSON.stringify(data) !== JSON.stringify(event.data)) {
          await tx.update(memberEvent).set({ data }).where(eq(memberEvent.id, event.id));
        }
      }
      for (const kept of await tx.select().from(referral).where(eq(referral.memberId, id))) {
        const data = withoutFreeText(kept.data);
        if (JSON.stringify(data) !== JSON.stringify(kept.data)) {
          await tx
            .update(referral)
            .set({ data, version: sql`${referral.version} + 1` })
            .where(eq(referral.id, kept.id));
        }
      }
      await scrubAuditTrail(tx, id, {
        full_name: columns.fullName,
        name_folded: columns.nameFolded,
        name_sort_key: columns.nameSortKey,
        gender: columns.gender,
        birth_date: columns.birthDate,
        card_number: columns.cardNumber,
        data: columns.data,
      });
      await recordSensitiveRead(c, id, Object.keys(current.data), "erase", tx);
      return updated;
    });
    const events = (await loadMemberEvents(database.db, [id])).get(id) ?? [];
    setEtag(c, row.version);
    return c.json(toMemberDetail(row, events, toVietnamDate(now())), 200);
  });
