CREATE TABLE "article" (
	"id" text PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"title_folded" text NOT NULL,
	"title_sort_key" text NOT NULL,
	"lead" text NOT NULL,
	"category" text NOT NULL,
	"organization_id" text NOT NULL,
	"conference_id" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"published_at" timestamp with time zone,
	"search_text" text DEFAULT '' NOT NULL,
	"data" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "article_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "article_image" (
	"id" text PRIMARY KEY NOT NULL,
	"article_id" text NOT NULL,
	"content_type" text NOT NULL,
	"byte_size" integer NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"bytes" "bytea" NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "article_image_variant" (
	"image_id" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"content_type" text NOT NULL,
	"byte_size" integer NOT NULL,
	"bytes" "bytea" NOT NULL,
	CONSTRAINT "article_image_variant_image_id_width_pk" PRIMARY KEY("image_id","width")
);
--> statement-breakpoint
CREATE TABLE "comment" (
	"id" text PRIMARY KEY NOT NULL,
	"article_id" text NOT NULL,
	"author_name" text NOT NULL,
	"body" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"moderated_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "conference" (
	"id" text PRIMARY KEY NOT NULL,
	"organizer_id" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"title_folded" text NOT NULL,
	"title_sort_key" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"data" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "member" (
	"id" text PRIMARY KEY NOT NULL,
	"full_name" text NOT NULL,
	"name_folded" text NOT NULL,
	"name_sort_key" text NOT NULL,
	"gender" text,
	"birth_date" text,
	"card_number" text,
	"data" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "member_card_number_unique" UNIQUE("card_number")
);
--> statement-breakpoint
CREATE TABLE "member_event" (
	"id" text PRIMARY KEY NOT NULL,
	"member_id" text NOT NULL,
	"type" text NOT NULL,
	"effective_date" date NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"unit_id" text,
	"other_unit_id" text,
	"year" integer,
	"target_event_id" text,
	"data" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referral" (
	"id" text PRIMARY KEY NOT NULL,
	"member_id" text NOT NULL,
	"organization_id" text NOT NULL,
	"referred_on" date NOT NULL,
	"stage" text NOT NULL,
	"data" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "member_metric_profile" (
	"member_id" text PRIMARY KEY NOT NULL,
	"birth_year" integer,
	"past_union_age_on" date,
	"gender" text
);
--> statement-breakpoint
CREATE TABLE "member_roll_spell" (
	"member_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"is_postponed" boolean NOT NULL,
	"valid_from" date NOT NULL,
	"valid_until" date,
	"recorded_from" timestamp with time zone NOT NULL,
	"recorded_to" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "member_transition" (
	"member_id" text NOT NULL,
	"kind" text NOT NULL,
	"effective_date" date NOT NULL,
	"from_unit_id" text,
	"to_unit_id" text,
	"recorded_from" timestamp with time zone NOT NULL,
	"recorded_to" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "member_year_fact" (
	"member_id" text NOT NULL,
	"kind" text NOT NULL,
	"year" integer NOT NULL,
	"level" text,
	"effective_date" date NOT NULL,
	"recorded_from" timestamp with time zone NOT NULL,
	"recorded_to" timestamp with time zone
);
--> statement-breakpoint
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
CREATE TABLE "organization" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"name" text NOT NULL,
	"level" text NOT NULL,
	"grassroots_kind" text,
	"sector" text,
	"area" text,
	"established_on" date NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "organization_kind_check" CHECK ("organization"."grassroots_kind" is null or "organization"."level" = 'grassroots'),
	CONSTRAINT "organization_id_no_separator" CHECK (position(chr(1) in "organization"."id") = 0)
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
	"name_folded" text NOT NULL,
	"folded" text NOT NULL,
	"sort_key" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organization_path" (
	"organization_id" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"path" text NOT NULL,
	"parent_id" text,
	"depth" integer NOT NULL,
	CONSTRAINT "organization_path_organization_id_valid_from_pk" PRIMARY KEY("organization_id","valid_from"),
	CONSTRAINT "organization_path_dates" CHECK ("organization_path"."valid_to" is null or "organization_path"."valid_from" <= "organization_path"."valid_to")
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
ALTER TABLE "article" ADD CONSTRAINT "article_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article" ADD CONSTRAINT "article_conference_id_conference_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conference"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_image" ADD CONSTRAINT "article_image_article_id_article_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."article"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_image_variant" ADD CONSTRAINT "article_image_variant_image_id_article_image_id_fk" FOREIGN KEY ("image_id") REFERENCES "public"."article_image"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comment" ADD CONSTRAINT "comment_article_id_article_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."article"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference" ADD CONSTRAINT "conference_organizer_id_organization_id_fk" FOREIGN KEY ("organizer_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_event" ADD CONSTRAINT "member_event_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_event" ADD CONSTRAINT "member_event_unit_id_organization_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_event" ADD CONSTRAINT "member_event_other_unit_id_organization_id_fk" FOREIGN KEY ("other_unit_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral" ADD CONSTRAINT "referral_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral" ADD CONSTRAINT "referral_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_metric_profile" ADD CONSTRAINT "member_metric_profile_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_roll_spell" ADD CONSTRAINT "member_roll_spell_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_transition" ADD CONSTRAINT "member_transition_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_year_fact" ADD CONSTRAINT "member_year_fact_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lineage_participant" ADD CONSTRAINT "lineage_participant_event_id_lineage_event_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."lineage_event"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lineage_participant" ADD CONSTRAINT "lineage_participant_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lineage_participant" ADD CONSTRAINT "lineage_participant_merged_into_id_organization_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_discipline" ADD CONSTRAINT "organization_discipline_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_name" ADD CONSTRAINT "organization_name_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_path" ADD CONSTRAINT "organization_path_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_rating" ADD CONSTRAINT "organization_rating_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parent_link" ADD CONSTRAINT "parent_link_child_id_organization_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parent_link" ADD CONSTRAINT "parent_link_parent_id_organization_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parent_link" ADD CONSTRAINT "parent_link_lineage_event_id_lineage_event_id_fk" FOREIGN KEY ("lineage_event_id") REFERENCES "public"."lineage_event"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "position_term" ADD CONSTRAINT "position_term_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "article_status_published_at_idx" ON "article" USING btree ("status","published_at");--> statement-breakpoint
CREATE INDEX "article_category_published_at_idx" ON "article" USING btree ("category","published_at");--> statement-breakpoint
CREATE INDEX "article_organization_idx" ON "article" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "article_conference_idx" ON "article" USING btree ("conference_id");--> statement-breakpoint
CREATE INDEX "article_search_text_trgm_idx" ON "article" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "article_image_article_idx" ON "article_image" USING btree ("article_id");--> statement-breakpoint
CREATE INDEX "comment_article_status_idx" ON "comment" USING btree ("article_id","status","created_at");--> statement-breakpoint
CREATE INDEX "conference_organizer_starts_on_idx" ON "conference" USING btree ("organizer_id","starts_on");--> statement-breakpoint
CREATE INDEX "conference_starts_on_idx" ON "conference" USING btree ("starts_on");--> statement-breakpoint
CREATE INDEX "conference_title_folded_trgm_idx" ON "conference" USING gin ("title_folded" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "member_name_sort_key_idx" ON "member" USING btree ("name_sort_key","id");--> statement-breakpoint
CREATE INDEX "member_name_folded_trgm_idx" ON "member" USING gin ("name_folded" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "member_birth_date_idx" ON "member" USING btree ("birth_date");--> statement-breakpoint
CREATE INDEX "member_event_member_id_idx" ON "member_event" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "member_event_unit_id_effective_date_idx" ON "member_event" USING btree ("unit_id","effective_date");--> statement-breakpoint
CREATE INDEX "member_event_type_effective_date_idx" ON "member_event" USING btree ("type","effective_date");--> statement-breakpoint
CREATE INDEX "referral_member_id_idx" ON "referral" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "referral_organization_id_referred_on_idx" ON "referral" USING btree ("organization_id","referred_on");--> statement-breakpoint
CREATE INDEX "referral_stage_idx" ON "referral" USING btree ("stage");--> statement-breakpoint
CREATE INDEX "member_roll_spell_member_id_idx" ON "member_roll_spell" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "member_roll_spell_unit_id_valid_from_idx" ON "member_roll_spell" USING btree ("unit_id","valid_from");--> statement-breakpoint
CREATE INDEX "member_transition_member_id_idx" ON "member_transition" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "member_transition_kind_effective_date_idx" ON "member_transition" USING btree ("kind","effective_date");--> statement-breakpoint
CREATE INDEX "member_year_fact_member_id_idx" ON "member_year_fact" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "member_year_fact_kind_year_idx" ON "member_year_fact" USING btree ("kind","year");--> statement-breakpoint
CREATE INDEX "document_folded_trgm_idx" ON "document" USING gin ("folded" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "lineage_event_effective_idx" ON "lineage_event" USING btree ("effective_date");--> statement-breakpoint
CREATE INDEX "lineage_participant_org_idx" ON "lineage_participant" USING btree ("organization_id","effective_date");--> statement-breakpoint
CREATE INDEX "lineage_participant_merged_into_idx" ON "lineage_participant" USING btree ("merged_into_id");--> statement-breakpoint
CREATE INDEX "organization_level_idx" ON "organization" USING btree ("level");--> statement-breakpoint
CREATE INDEX "organization_sector_idx" ON "organization" USING btree ("sector");--> statement-breakpoint
CREATE INDEX "organization_discipline_org_idx" ON "organization_discipline" USING btree ("organization_id","effective_date");--> statement-breakpoint
CREATE INDEX "organization_name_org_idx" ON "organization_name" USING btree ("organization_id","valid_from");--> statement-breakpoint
CREATE INDEX "organization_name_folded_trgm_idx" ON "organization_name" USING gin ("folded" gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "organization_name_event_idx" ON "organization_name" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "organization_path_path_idx" ON "organization_path" USING btree (("path" collate "C"));--> statement-breakpoint
CREATE INDEX "organization_path_parent_idx" ON "organization_path" USING btree ("parent_id","valid_from");--> statement-breakpoint
CREATE INDEX "organization_rating_org_year_idx" ON "organization_rating" USING btree ("organization_id","year");--> statement-breakpoint
CREATE INDEX "parent_link_child_idx" ON "parent_link" USING btree ("child_id","valid_from");--> statement-breakpoint
CREATE INDEX "parent_link_parent_idx" ON "parent_link" USING btree ("parent_id","valid_from");--> statement-breakpoint
CREATE INDEX "position_term_org_idx" ON "position_term" USING btree ("organization_id","valid_from");