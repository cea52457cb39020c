import { describe, expectTypeOf, it } from "vitest";
import type { z } from "zod";
import {
  type Article,
  type ArticleStatus,
  type ArticleUpdate,
  applyArticleUpdate,
  type Conference,
  compareQuotedFigure,
  type DocumentSymbolParts,
  type DomainIssue,
  type FigureComparison,
  formatDate,
  type HeldTitle,
  type LineageEvent,
  type LocalizedText,
  NOT_RATED,
  type Organization,
  type OrganizationCreate,
  type OrganizationLevel,
  type OrganizationNode,
  type OrganizationRating,
  type OrganizationTree,
  organizationRatingsForYear,
  type PersonRef,
  parseDocumentSymbol,
  type RatingScale,
  type Result,
  resolveOrganizationTree,
  scaleFor,
  subtreeIds,
  titleOn,
  toIssues,
  validate,
  validateParentLink,
} from "./index.js";

describe("public types", () => {
  it("organisations", () => {
    expectTypeOf<Organization["level"]>().toEqualTypeOf<OrganizationLevel>();
    expectTypeOf<OrganizationLevel>().toEqualTypeOf<
      "central" | "provincial" | "district" | "grassroots" | "section" | "branch"
    >();
    expectTypeOf<Organization>().toHaveProperty("establishedOn").toEqualTypeOf<string>();
    expectTypeOf<OrganizationCreate>().not.toHaveProperty("id");
    expectTypeOf<OrganizationNode["parentId"]>().toEqualTypeOf<string | null>();
    expectTypeOf<OrganizationNode["childrenIds"]>().toEqualTypeOf<string[]>();
    expectTypeOf(resolveOrganizationTree).returns.toEqualTypeOf<OrganizationTree>();
    expectTypeOf(subtreeIds).returns.toEqualTypeOf<string[]>();
    expectTypeOf<LineageEvent["type"]>().toEqualTypeOf<
      "renamed" | "reparented" | "merged" | "split" | "dissolved"
    >();
  });

  it("results and issues", () => {
    expectTypeOf(validateParentLink).returns.toExtend<Result<unknown, string>>();
    const refused = validateParentLink(
      { childId: "a", parentId: "b", from: "2020-01-01" },
      {
        organizations: [],
        parentLinks: [],
        lineageEvents: [],
      },
    );
    if (!refused.ok) {
      expectTypeOf(refused.code).toExtend<string>();
      expectTypeOf(refused.code).toEqualTypeOf<
        | "DATES_OUT_OF_ORDER"
        | "ORGANIZATION_NOT_FOUND"
        | "NOT_YET_ESTABLISHED"
        | "ORGANIZATION_DISSOLVED"
        | "PARENT_LEVEL_NOT_ALLOWED"
        | "PARENT_HOLDS_MEMBERS"
        | "CYCLE"
        | "PARENT_MISMATCH"
        | "LEVEL_MISMATCH"
        | "HAS_CHILDREN"
        | "INVALID_LINEAGE"
        | "PARENT_REQUIRED"
      >();
    }
    expectTypeOf(toIssues).returns.toEqualTypeOf<DomainIssue[]>();
    expectTypeOf<DomainIssue["message"]>().toEqualTypeOf<LocalizedText>();
    const parsed = validate({} as z.ZodType<{ n: number }>, {});
    if (parsed.ok) expectTypeOf(parsed.value).toEqualTypeOf<{ n: number }>();
    else expectTypeOf(parsed.code).toEqualTypeOf<"VALIDATION_FAILED">();
  });

  it("ratings, positions, documents, articles, conferences", () => {
    expectTypeOf(NOT_RATED).toEqualTypeOf<"not_rated">();
    expectTypeOf(scaleFor).returns.toEqualTypeOf<RatingScale | undefined>();
    expectTypeOf<OrganizationRating["organizationId"]>().toEqualTypeOf<string>();
    expectTypeOf<OrganizationRating>().not.toHaveProperty("subject");
    expectTypeOf(organizationRatingsForYear<OrganizationRating>).returns.toEqualTypeOf<
      Map<string, OrganizationRating>
    >();
    expectTypeOf<PersonRef>().toEqualTypeOf<{ fullName: string; memberId?: string; personId?: string }>();
    expectTypeOf(titleOn).returns.toEqualTypeOf<HeldTitle[]>();
    expectTypeOf(parseDocumentSymbol).returns.toEqualTypeOf<DocumentSymbolParts | undefined>();
    expectTypeOf<ArticleStatus>().toEqualTypeOf<"draft" | "scheduled" | "published" | "withdrawn">();
    expectTypeOf<Article["publishedAt"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<ArticleUpdate["author"]>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf(applyArticleUpdate).returns.toEqualTypeOf<Article>();
    expectTypeOf(compareQuotedFigure).returns.toEqualTypeOf<FigureComparison>();
    expectTypeOf<Conference["session"]>().toEqualTypeOf<
      "morning" | "afternoon" | "evening" | "full_day" | undefined
    >();
    expectTypeOf(formatDate).parameter(1).toEqualTypeOf<"vi" | "en">();
  });
});
