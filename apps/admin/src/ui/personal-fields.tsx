// The personal fields of a member, shared by the creation and the edit forms.
import type { UseFormRegister } from "react-hook-form";
import type { FieldErrors } from "../lib/form-errors";
import { useLocale } from "../lib/locale";
import type { PersonalFormValues } from "../lib/member-input";
import { TextField } from "./text-field";

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
        label={t({ vi: "Họ và tên", en: "Full name" })}
        registration={register("fullName")}
        error={errors.fullName}
        autoComplete="off"
      />
      <div className="field">
        <label htmlFor={`${prefix}-gender`}>{t({ vi: "Giới tính", en: "Gender" })}</label>
        <select id={`${prefix}-gender`} {...register("gender")}>
          <option value="">{t({ vi: "Chưa rõ", en: "Not recorded" })}</option>
          <option value="male">{t({ vi: "Nam", en: "Male" })}</option>
          <option value="female">{t({ vi: "Nữ", en: "Female" })}</option>
        </select>
      </div>
      <TextField
        id={`${prefix}-birthDate`}
        label={t({ vi: "Ngày sinh", en: "Date of birth" })}
        registration={register("birthDate")}
        error={errors.birthDate}
        hint={t({ vi: "dd/mm/yyyy, mm/yyyy hoặc yyyy", en: "dd/mm/yyyy, mm/yyyy or yyyy" })}
        inputMode="numeric"
      />
      <TextField
        id={`${prefix}-cardNumber`}
        label={t({ vi: "Số thẻ đoàn", en: "Union card number" })}
        registration={register("cardNumber")}
        error={errors.cardNumber}
      />
      <TextField
        id={`${prefix}-education`}
        label={t({ vi: "Trình độ học vấn", en: "Education" })}
        registration={register("education")}
        error={errors.education}
      />
      <TextField
        id={`${prefix}-occupation`}
        label={t({ vi: "Nghề nghiệp", en: "Occupation" })}
        registration={register("occupation")}
        error={errors.occupation}
      />
      <TextField
        id={`${prefix}-phone`}
        label={t({ vi: "Điện thoại", en: "Phone" })}
        registration={register("contact.phone")}
        error={errors["contact.phone"]}
        type="tel"
      />
      <TextField
        id={`${prefix}-email`}
        label={t({ vi: "Thư điện tử", en: "E-mail" })}
        registration={register("contact.email")}
        error={errors["contact.email"]}
        type="email"
      />
      <TextField
        id={`${prefix}-placeOfResidence`}
        label={t({ vi: "Nơi cư trú", en: "Place of residence" })}
        registration={register("placeOfResidence")}
        error={errors.placeOfResidence}
      />
    </fieldset>
  );
}
