// The personal fields of a member, shared by the creation and the edit forms.
import type { LocalizedText } from "@sodoan/domain";
import type { UseFormRegister } from "react-hook-form";
import type { FieldErrors } from "../lib/form-errors";
import { useLocale } from "../lib/locale";
import type { PersonalField, PersonalFormValues } from "../lib/member-input";
import { TextField } from "./text-field";

/** The personal fields' names, by their path in the form: the fields' labels and a conflict's list. */
export const PERSONAL_FIELD_LABELS: Record<PersonalField, LocalizedText> = {
  fullName: { vi: "Họ và tên", en: "Full name" },
  gender: { vi: "Giới tính", en: "Gender" },
  birthDate: { vi: "Ngày sinh", en: "Date of birth" },
  cardNumber: { vi: "Số thẻ đoàn", en: "Union card number" },
  ethnicity: { vi: "Dân tộc", en: "Ethnicity" },
  religion: { vi: "Tôn giáo", en: "Religion" },
  education: { vi: "Trình độ học vấn", en: "Education" },
  occupation: { vi: "Nghề nghiệp", en: "Occupation" },
  "contact.phone": { vi: "Điện thoại", en: "Phone" },
  "contact.email": { vi: "Thư điện tử", en: "E-mail" },
  placeOfResidence: { vi: "Nơi cư trú", en: "Place of residence" },
};

export function PersonalFields({
  prefix,
  register,
  errors,
}: {
  prefix: string;
  // Both forms hold the personal fields at the top level; the creation form adds the admission.
  register: UseFormRegister<PersonalFormValues>;
  errors: FieldErrors;
}) {
  const { t } = useLocale();
  return (
    <fieldset>
      <legend>{t({ vi: "Thông tin cá nhân", en: "Personal details" })}</legend>
      <TextField
        id={`${prefix}-fullName`}
        label={t(PERSONAL_FIELD_LABELS.fullName)}
        registration={register("fullName")}
        error={errors.fullName}
        autoComplete="off"
      />
      <div className="field">
        <label htmlFor={`${prefix}-gender`}>{t(PERSONAL_FIELD_LABELS.gender)}</label>
        <select id={`${prefix}-gender`} {...register("gender")}>
          <option value="">{t({ vi: "Chưa rõ", en: "Not recorded" })}</option>
          <option value="male">{t({ vi: "Nam", en: "Male" })}</option>
          <option value="female">{t({ vi: "Nữ", en: "Female" })}</option>
        </select>
      </div>
      <TextField
        id={`${prefix}-birthDate`}
        label={t(PERSONAL_FIELD_LABELS.birthDate)}
        registration={register("birthDate")}
        error={errors.birthDate}
        hint={t({ vi: "dd/mm/yyyy, mm/yyyy hoặc yyyy", en: "dd/mm/yyyy, mm/yyyy or yyyy" })}
        inputMode="numeric"
      />
      <TextField
        id={`${prefix}-cardNumber`}
        label={t(PERSONAL_FIELD_LABELS.cardNumber)}
        registration={register("cardNumber")}
        error={errors.cardNumber}
      />
      <TextField
        id={`${prefix}-education`}
        label={t(PERSONAL_FIELD_LABELS.education)}
        registration={register("education")}
        error={errors.education}
      />
      <TextField
        id={`${prefix}-occupation`}
        label={t(PERSONAL_FIELD_LABELS.occupation)}
        registration={register("occupation")}
        error={errors.occupation}
      />
      <TextField
        id={`${prefix}-phone`}
        label={t(PERSONAL_FIELD_LABELS["contact.phone"])}
        registration={register("contact.phone")}
        error={errors["contact.phone"]}
        type="tel"
      />
      <TextField
        id={`${prefix}-email`}
        label={t(PERSONAL_FIELD_LABELS["contact.email"])}
        registration={register("contact.email")}
        error={errors["contact.email"]}
        type="email"
      />
      <TextField
        id={`${prefix}-placeOfResidence`}
        label={t(PERSONAL_FIELD_LABELS.placeOfResidence)}
        registration={register("placeOfResidence")}
        error={errors.placeOfResidence}
      />
    </fieldset>
  );
}
