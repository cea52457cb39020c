-- The counts gain the roll by age group and by gender. Those already built have neither: they are
-- dropped, with their horizon, and the next start builds them again (roll-summaries.ts). Until then
-- figures are read from the spells.
DELETE FROM "roll_summary_horizon" WHERE "name" = 'unit_roll_year_end';--> statement-breakpoint
DELETE FROM "unit_roll_year_end";--> statement-breakpoint
ALTER TABLE "unit_roll_year_end" ADD COLUMN "aged_16_18" integer NOT NULL;--> statement-breakpoint
ALTER TABLE "unit_roll_year_end" ADD COLUMN "aged_19_22" integer NOT NULL;--> statement-breakpoint
ALTER TABLE "unit_roll_year_end" ADD COLUMN "aged_23_26" integer NOT NULL;--> statement-breakpoint
ALTER TABLE "unit_roll_year_end" ADD COLUMN "aged_27_30" integer NOT NULL;--> statement-breakpoint
ALTER TABLE "unit_roll_year_end" ADD COLUMN "aged_over_30" integer NOT NULL;--> statement-breakpoint
ALTER TABLE "unit_roll_year_end" ADD COLUMN "male" integer NOT NULL;--> statement-breakpoint
ALTER TABLE "unit_roll_year_end" ADD COLUMN "female" integer NOT NULL;