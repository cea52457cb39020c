-- Trigram indexes for the accent-insensitive search over folded names and document symbols.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
-- Organisation ids become text (the domain's ids, e.g. "tinh-doan-soc-trang"): the article's
-- reference is dropped while both columns change type, then added again.
ALTER TABLE "article" DROP CONSTRAINT "article_organization_id_organization_id_fk";--> statement-breakpoint
CREATE TABLE "document" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"symbol" text NOT NULL,
	"symbol_key" text NOT NULL,
	"title" text NOT NULL,
	"folded" text NOT NULL,
	"date" date,
	"date_claims" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "document_symbol_unique" UNIQUE("symbol"),
	CONSTRAINT "document_symbol_key_unique" UNIQUE("symbol_key")
);
--> statement-breakpoint
CREATE TABLE "lineage_event" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"effective_date" date NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"body" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lineage_participant" (
	"event_id" text NOT NULL,
	"organization_id" text NOT NULL,
	"role" text NOT NULL,
	"effective_date" date NOT NULL,
	"is_ending" boolean NOT NULL,
	"merged_into_id" text,
	CONSTRAINT "lineage_participant_event_id_organization_id_pk" PRIMARY KEY("event_id","organization_id")
);
--> statement-breakpoint
CREATE TABLE "organization_discipline" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"organization_id" text NOT NULL,
	"form" text NOT NULL,
	"reason" text NOT NULL,
	"effective_date" date NOT NULL,
	"decided_by" jsonb,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organization_name" (
	"organization_id" text NOT NULL,
	"valid_from" date NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"event_id" text,
	"name" text NOT NULL,
	"short_name" text,
	"english_name" text,
	"folded" text NOT NULL,
	"sort_key" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organization_rating" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"organization_id" text NOT NULL,
	"year" integer NOT NULL,
	"level_id" text NOT NULL,
	"effective_date" date NOT NULL,
	"decided_by" jsonb,
	"note" text,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "parent_link" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"child_id" text NOT NULL,
	"parent_id" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"decided_by" jsonb,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lineage_event_id" text,
	CONSTRAINT "parent_link_not_self" CHECK ("parent_link"."child_id" <> "parent_link"."parent_id"),
	CONSTRAINT "parent_link_dates" CHECK ("parent_link"."valid_to" is null or "parent_link"."valid_from" <= "parent_link"."valid_to")
);
--> statement-breakpoint
CREATE TABLE "position_term" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"organization_id" text NOT NULL,
	"title" text NOT NULL,
	"person" jsonb NOT NULL,
	"person_folded" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"decided_by" jsonb,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "position_term_dates" CHECK ("position_term"."valid_to" is null or "position_term"."valid_from" <= "position_term"."valid_to")
);
--> statement-breakpoint
ALTER TABLE "article" ALTER COLUMN "organization_id" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "organization" ALTER COLUMN "id" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "organization" ALTER COLUMN "id" SET DEFAULT gen_random_uuid()::text;--> statement-breakpoint
ALTER TABLE "organization" ADD COLUMN "grassroots_kind" text;--> statement-breakpoint
ALTER TABLE "organization" ADD COLUMN "sector" text;--> statement-breakpoint
ALTER TABLE "organization" ADD COLUMN "area" text;--> statement-breakpoint
ALTER TABLE "organization" ADD COLUMN "established_on" date NOT NULL;--> statement-breakpoint
ALTER TABLE "organization" ADD COLUMN "recorded_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "organization" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "organization" ADD COLUMN "data" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "article" ADD CONSTRAINT "article_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lineage_participant" ADD CONSTRAINT "lineage_participant_event_id_lineage_event_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."lineage_event"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lineage_participant" ADD CONSTRAINT "lineage_participant_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lineage_participant" ADD CONSTRAINT "lineage_participant_merged_into_id_organization_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_discipline" ADD CONSTRAINT "organization_discipline_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_name" ADD CONSTRAINT "organization_name_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_rating" ADD CONSTRAINT "organization_rating_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parent_link" ADD CONSTRAINT "parent_link_child_id_organization_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parent_link" ADD CONSTRAINT "parent_link_parent_id_organization_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parent_link" ADD CONSTRAINT "parent_link_lineage_event_id_lineage_event_id_fk" FOREIGN KEY ("lineage_event_id") REFERENCES "public"."lineage_event"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "position_term" ADD CONSTRAINT "position_term_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "document_folded_trgm_idx" ON "document" USING gin ("folded" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "lineage_event_effective_idx" ON "lineage_event" USING btree ("effective_date");--> statement-breakpoint
CREATE INDEX "lineage_participant_org_idx" ON "lineage_participant" USING btree ("organization_id","effective_date");--> statement-breakpoint
CREATE INDEX "organization_discipline_org_idx" ON "organization_discipline" USING btree ("organization_id","effective_date");--> statement-breakpoint
CREATE INDEX "organization_name_org_idx" ON "organization_name" USING btree ("organization_id","valid_from");--> statement-breakpoint
CREATE INDEX "organization_name_folded_trgm_idx" ON "organization_name" USING gin ("folded" gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "organization_name_event_idx" ON "organization_name" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "organization_rating_org_year_idx" ON "organization_rating" USING btree ("organization_id","year");--> statement-breakpoint
CREATE INDEX "parent_link_child_idx" ON "parent_link" USING btree ("child_id","valid_from");--> statement-breakpoint
CREATE INDEX "parent_link_parent_idx" ON "parent_link" USING btree ("parent_id","valid_from");--> statement-breakpoint
CREATE INDEX "position_term_org_idx" ON "position_term" USING btree ("organization_id","valid_from");--> statement-breakpoint
CREATE INDEX "organization_level_idx" ON "organization" USING btree ("level");--> statement-breakpoint
CREATE INDEX "organization_sector_idx" ON "organization" USING btree ("sector");--> statement-breakpoint
ALTER TABLE "organization" ADD CONSTRAINT "organization_kind_check" CHECK ("organization"."grassroots_kind" is null or "organization"."level" = 'grassroots');