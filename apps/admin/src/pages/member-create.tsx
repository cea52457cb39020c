// Recording a newly admitted member: the person and the admission, checked by the domain's schema
// before sending and by the API after; either's error lands on its field.
import { MemberCreateSchema, toVietnamDate } from "@sodoan/domain";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { type UseFormRegister, useForm } from "react-hook-form";
import { useNavigate } from "react-router";
import { ApiRequestError, apiRequest } from "../lib/api";
import { type FieldErrors, fieldErrorsOfApi, fieldErrorsOfZod } from "../lib/form-errors";
import { useLocale } from "../lib/locale";
import {
  EMPTY_PERSONAL,
  type MemberCreateFormValues,
  type PersonalFormValues,
  toMemberCreateInput,
} from "../lib/member-input";
import { paths } from "../paths";
import { FieldError } from "../ui/field-error";
import { useOrganizations } from "../ui/organization-select";
import { PersonalFields } from "../ui/personal-fields";
import { MARKED_FIELDS } from "../ui/save-notice";
import { TextField } from "../ui/text-field";

export function MemberCreatePage() {
  const { t, locale } = useLocale();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const organizations = useOrganizations(toVietnamDate(new Date()));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const { register, handleSubmit, formState } = useForm<MemberCreateFormValues>({
    defaultValues: {
      ...EMPTY_PERSONAL,
      admission: { date: "", decisionRef: "", admittingOrganizationId: "", homeUnitId: "" },
    },
  });

  const submit = handleSubmit(async (values) => {
    setFormError(null);
    const parsed = MemberCreateSchema.safeParse(toMemberCreateInput(values));
    if (!parsed.success) {
      setErrors(fieldErrorsOfZod(parsed.error, locale));
      return;
    }
    setErrors({});
    try {
      const { data } = await apiRequest<{ id: string }>("/api/v1/members", {
        method: "POST",
        json: parsed.data,
      });
      await queryClient.invalidateQueries({ queryKey: ["members"] });
      void navigate(paths.member(data.id));
    } catch (caught) {
      if (caught instanceof ApiRequestError) {
        setErrors(fieldErrorsOfApi(caught.issues, locale));
        setFormError(t(caught.localized));
      } else setFormError(t({ vi: "Không ghi được.", en: "Could not save." }));
    }
  });

  const units = organizations.data?.items ?? [];
  return (
    <section aria-labelledby="create-title">
      <h2 id="create-title">{t({ vi: "Thêm đoàn viên mới", en: "New member" })}</h2>
      <form onSubmit={submit} noValidate className="panel">
        <PersonalFields
          prefix="create"
          register={register as unknown as UseFormRegister<PersonalFormValues>}
          errors={errors}
        />
        <fieldset>
          <legend>{t({ vi: "Kết nạp", en: "Admission" })}</legend>
          <TextField
            id="create-admission-date"
            label={t({ vi: "Ngày kết nạp", en: "Admission date" })}
            registration={register("admission.date")}
            error={errors["admission.date"]}
            hint="dd/mm/yyyy"
            inputMode="numeric"
          />
          <TextField
            id="create-admission-decisionRef"
            label={t({ vi: "Số nghị quyết kết nạp", en: "Admission resolution" })}
            registration={register("admission.decisionRef")}
            error={errors["admission.decisionRef"]}
          />
          {(["admittingOrganizationId", "homeUnitId"] as const).map((field) => (
            <div className="field" key={field}>
              <label htmlFor={`create-admission-${field}`}>
                {field === "homeUnitId"
                  ? t({ vi: "Chi đoàn sinh hoạt", en: "Home unit" })
                  : t({ vi: "Tổ chức kết nạp", en: "Admitting organisation" })}
              </label>
              <select
                id={`create-admission-${field}`}
                {...register(`admission.${field}`)}
                aria-invalid={errors[`admission.${field}`] ? true : undefined}
                aria-describedby={
                  errors[`admission.${field}`] ? `create-admission-${field}-error` : undefined
                }
              >
                <option value="">{t({ vi: "— Chọn —", en: "— Choose —" })}</option>
                {units.map((unit) => (
                  <option key={unit.id} value={unit.id}>
                    {unit.name}
                  </option>
                ))}
              </select>
              <FieldError id={`create-admission-${field}-error`} error={errors[`admission.${field}`]} />
            </div>
          ))}
        </fieldset>
        {formError && (
          <p className="notice notice-error" role="alert">
            {formError}
          </p>
        )}
        {Object.keys(errors).length > 0 && !formError && (
          <p className="notice notice-error" role="alert">
            {t(MARKED_FIELDS.text)}
          </p>
        )}
        <button type="submit" className="primary" disabled={formState.isSubmitting}>
          {t({ vi: "Ghi đoàn viên", en: "Save the member" })}
        </button>
      </form>
    </section>
  );
}
