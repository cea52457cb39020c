// The inputs of one lifecycle event beyond its type and date: the fields `EVENT_FORMS` asks for the
// chosen type, an organisation chosen from a list, anything else typed.
import type { UseFormRegister } from "react-hook-form";
import type { FieldErrors } from "../lib/form-errors";
import { useLocale } from "../lib/locale";
import { EVENT_FORMS, type EventFormType, type EventFormValues, FIELD_LABELS } from "../lib/member-events";
import { TextField } from "./text-field";

export function EventFields({
  type,
  register,
  errors,
  organizations,
  idPrefix = "event",
}: {
  type: EventFormType;
  register: UseFormRegister<EventFormValues>;
  errors: FieldErrors;
  organizations: readonly { id: string; name: string }[];
  /** Keeps ids unique when two event forms share a page. */
  idPrefix?: string;
}) {
  const { t } = useLocale();
  return EVENT_FORMS[type].map((field) =>
    field === "organizationId" ? (
      <div className="field" key={field}>
        <label htmlFor={`${idPrefix}-organizationId`}>{t(FIELD_LABELS.organizationId)}</label>
        <select id={`${idPrefix}-organizationId`} {...register("organizationId")}>
          <option value="">{t({ vi: "— Chọn —", en: "— Choose —" })}</option>
          {organizations.map((unit) => (
            <option key={unit.id} value={unit.id}>
              {unit.name}
            </option>
          ))}
        </select>
        {errors.organizationId && <p className="field-error">{errors.organizationId}</p>}
      </div>
    ) : (
      <TextField
        key={field}
        id={`${idPrefix}-${field}`}
        label={t(FIELD_LABELS[field])}
        registration={register(field)}
        error={errors[field]}
      />
    ),
  );
}
