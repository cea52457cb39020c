// Vietnamese first, English beside it: the way every text a person reads in the admin is shown.
import type { LocalizedText } from "@sodoan/domain";

/** Renders the Vietnamese text with its English translation as a quieter second line. */
export function Bilingual({
  text,
  as: Tag = "span",
}: {
  text: LocalizedText;
  as?: "span" | "p" | "h1" | "h2";
}) {
  return (
    <Tag className="bilingual">
      <span lang="vi">{text.vi}</span>
      <span lang="en" className="en">
        {text.en}
      </span>
    </Tag>
  );
}
