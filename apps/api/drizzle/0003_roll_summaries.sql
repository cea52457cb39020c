CREATE TABLE "roll_summary_horizon" (
	"name" text PRIMARY KEY NOT NULL,
	"through_year" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "unit_roll_year_end" (
	"year" integer NOT NULL,
	"unit_id" text NOT NULL,
	"on_roll" integer NOT NULL,
	"postponed" integer NOT NULL,
	"registered" integer NOT NULL,
	CONSTRAINT "unit_roll_year_end_year_unit_id_pk" PRIMARY KEY("year","unit_id")
);
--> statement-breakpoint
CREATE INDEX "unit_roll_year_end_unit_id_idx" ON "unit_roll_year_end" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "member_roll_spell_valid_from_idx" ON "member_roll_spell" USING btree ("valid_from");--> statement-breakpoint
CREATE INDEX "member_roll_spell_valid_until_idx" ON "member_roll_spell" USING btree ("valid_until");