// The lists of a conference form, each a ListEditor: chairs and speakers, described and named groups
// of attendees, topics and conclusions, directives. Errors come keyed by the record's paths
// (`attendees.2.people.0.person.fullName`) and are shown on the row's field.
import type { ReactNode } from "react";
import {
  type Control,
  type FieldPath,
  type UseFormRegister,
  type UseFormSetValue,
  useWatch,
} from "react-hook-form";
import { Link } from "react-router";
import type { ConferenceFormValues } from "../lib/conference-form";
import type { FieldErrors } from "../lib/form-errors";
import { useLocale } from "../lib/locale";
import { paths } from "../paths";
import { FieldError } from "./field-error";
import { ListEditor } from "./list-editor";
import {
  type PersonPath,
  PositionHolderPicker,
  type PositionHolders,
  usePositionHolders,
} from "./position-holder-picker";
import { TextField } from "./text-field";

type ListProps = {
  control: Control<ConferenceFormValues>;
  register: UseFormRegister<ConferenceFormValues>;
  errors: FieldErrors;
};

type PeopleProps = ListProps & { setValue: UseFormSetValue<ConferenceFormValues> };

const emptyPerson = () => ({ fullName: "", title: "", organizationName: "" });

/** One person's fields: the pick among the holders of positions, then name, title and organisation. */
function PersonFields({
  path,
  errorKey,
  holders,
  control,
  register,
  setValue,
  errors,
}: PeopleProps & { path: PersonPath; errorKey: string; holders: PositionHolders }) {
  const { t } = useLocale();
  const id = path.replaceAll(".", "-");
  return (
    <>
      <PositionHolderPicker
        id={`${id}-position`}
        path={path}
        control={control}
        setValue={setValue}
        holders={holders}
        error={errors[`${errorKey}.positionTermId`]}
      />
      <TextField
        id={`${id}-fullName`}
        label={t({ vi: "Họ và tên", en: "Full name" })}
        registration={register(`${path}.fullName`)}
        error={errors[`${errorKey}.person.fullName`]}
      />
      <TextField
        id={`${id}-title`}
        label={t({ vi: "Chức vụ", en: "Title" })}
        registration={register(`${path}.title`)}
        error={errors[`${errorKey}.title`]}
      />
      <TextField
        id={`${id}-organizationName`}
        label={t({ vi: "Đơn vị", en: "Organisation" })}
        registration={register(`${path}.organizationName`)}
        error={errors[`${errorKey}.organizationName`]}
      />
    </>
  );
}

export function ParticipantList({
  name,
  legend,
  ...props
}: PeopleProps & { name: "chairs" | "speakers"; legend: string }) {
  const { t } = useLocale();
  const holders = usePositionHolders(props.control);
  return (
    <ListEditor
      control={props.control}
      name={name}
      legend={legend}
      testId={`conference-${name}`}
      itemLabel={(index) => `${legend} ${index + 1}`}
      addLabel={`${t({ vi: "Thêm người", en: "Add a person" })} (${legend})`}
      newItem={emptyPerson}
      error={props.errors[name]}
    >
      {(index) => (
        <PersonFields path={`${name}.${index}`} errorKey={`${name}.${index}`} holders={holders} {...props} />
      )}
    </ListEditor>
  );
}

export function AttendeeList({ control, register, errors }: ListProps) {
  const { t } = useLocale();
  const label = t({ vi: "Thành phần", en: "Group" });
  return (
    <ListEditor
      control={control}
      name="attendees"
      legend={t({ vi: "Thành phần tham dự", en: "Attendees" })}
      testId="conference-attendees"
      itemLabel={(index) => `${label} ${index + 1}`}
      addLabel={t({ vi: "Thêm thành phần", en: "Add a group" })}
      newItem={() => ({ description: "", count: "" })}
    >
      {(index) => (
        <>
          <TextField
            id={`attendees-${index}-description`}
            label={label}
            registration={register(`attendees.${index}.description`)}
            error={errors[`attendees.${index}.description`]}
          />
          <TextField
            id={`attendees-${index}-count`}
            label={t({ vi: "Số người", en: "How many" })}
            registration={register(`attendees.${index}.count`)}
            error={errors[`attendees.${index}.count`]}
            inputMode="numeric"
          />
        </>
      )}
    </ListEditor>
  );
}

/**
 * Groups of attendees named one by one. The record keeps them after the described groups, so group
 * `g` is `attendees[described + g]` in the errors.
 */
export function NamedAttendeeGroups(props: PeopleProps) {
  const { t } = useLocale();
  const { control, register, errors } = props;
  const holders = usePositionHolders(control);
  const described = useWatch({ control, name: "attendees" }).length;
  const groupLabel = (index: number) =>
    t({ vi: `Nhóm đại biểu ${index + 1}`, en: `Named group ${index + 1}` });
  return (
    <ListEditor
      control={control}
      name="namedGroups"
      legend={t({ vi: "Đại biểu có tên", en: "Named attendees" })}
      testId="conference-named-groups"
      itemLabel={groupLabel}
      addLabel={t({ vi: "Thêm nhóm đại biểu có tên", en: "Add a named group" })}
      newItem={() => ({ label: "", people: [emptyPerson()] })}
    >
      {(group) => {
        const at = `attendees.${described + group}`;
        return (
          <div className="row-wide">
            <TextField
              id={`namedGroups-${group}-label`}
              label={t({ vi: "Tên nhóm", en: "Group name" })}
              hint={t({ vi: "Không bắt buộc, ví dụ: Khách mời.", en: "Optional, e.g. Guests." })}
              registration={register(`namedGroups.${group}.label`)}
              error={errors[`${at}.label`]}
            />
            <ListEditor
              control={control}
              name={`namedGroups.${group}.people`}
              legend={t({
                vi: `Người trong ${groupLabel(group).toLowerCase()}`,
                en: `People in ${groupLabel(group).toLowerCase()}`,
              })}
              testId={`namedGroups-${group}-people`}
              itemLabel={(index) => t({ vi: `Đại biểu ${index + 1}`, en: `Attendee ${index + 1}` })}
              addLabel={t({ vi: "Thêm đại biểu", en: "Add an attendee" })}
              newItem={emptyPerson}
              error={errors[`${at}.people`]}
            >
              {(index) => (
                <PersonFields
                  path={`namedGroups.${group}.people.${index}`}
                  errorKey={`${at}.people.${index}`}
                  holders={holders}
                  {...props}
                />
              )}
            </ListEditor>
          </div>
        );
      }}
    </ListEditor>
  );
}

export function TextList({
  name,
  legend,
  itemLabel,
  control,
  register,
  errors,
}: ListProps & { name: "topics" | "conclusions"; legend: string; itemLabel: string }) {
  const { t } = useLocale();
  return (
    <ListEditor
      control={control}
      name={name}
      legend={legend}
      testId={`conference-${name}`}
      itemLabel={(index) => `${itemLabel} ${index + 1}`}
      addLabel={`${t({ vi: "Thêm", en: "Add" })} (${itemLabel.toLowerCase()})`}
      newItem={() => ({ text: "" })}
    >
      {(index) => (
        <TextField
          id={`${name}-${index}`}
          label={`${itemLabel} ${index + 1}`}
          registration={register(`${name}.${index}.text` as FieldPath<ConferenceFormValues>)}
          error={errors[`${name}.${index}`]}
        />
      )}
    </ListEditor>
  );
}

export function DirectiveList({
  control,
  register,
  errors,
  organizationOptions,
  nameOf,
}: ListProps & { organizationOptions: ReactNode; nameOf: (id: string) => string }) {
  const { t } = useLocale();
  return (
    <ListEditor
      control={control}
      name="directives"
      legend={t({ vi: "Chỉ đạo", en: "Directives" })}
      testId="conference-directives"
      itemLabel={(index) => t({ vi: `Chỉ đạo ${index + 1}`, en: `Directive ${index + 1}` })}
      addLabel={t({ vi: "Thêm chỉ đạo", en: "Add a directive" })}
      newItem={() => ({ id: crypto.randomUUID(), text: "", ownerId: "", dueDate: "" })}
      error={errors.directives}
    >
      {(index, field) => (
        <>
          <TextField
            id={`directives-${index}-text`}
            label={t({ vi: "Nội dung chỉ đạo", en: "Directive" })}
            registration={register(`directives.${index}.text`)}
            error={errors[`directives.${index}.text`]}
          />
          <div className="field">
            <label htmlFor={`directives-${index}-ownerId`}>
              {t({ vi: "Đơn vị thực hiện", en: "Owner" })}
            </label>
            <select id={`directives-${index}-ownerId`} {...register(`directives.${index}.ownerId`)}>
              {organizationOptions}
            </select>
            <FieldError error={errors[`directives.${index}.addressedTo`]} />
          </div>
          <TextField
            id={`directives-${index}-dueDate`}
            label={t({ vi: "Hạn thực hiện (dd/mm/yyyy)", en: "Due date (dd/mm/yyyy)" })}
            registration={register(`directives.${index}.dueDate`)}
            error={errors[`directives.${index}.dueDate`]}
            inputMode="numeric"
          />
          {field.kept?.followedUpBy && (
            <p className="hint">
              <Link to={paths.conference(field.kept.followedUpBy.conferenceId)}>
                {t({ vi: "Đã được hội nghị sau theo dõi", en: "Followed up by a later conference" })}
              </Link>
              {field.kept.followedUpBy.note && `: ${field.kept.followedUpBy.note}`}
            </p>
          )}
          {field.kept?.addressedTo && field.kept.addressedTo.length > 1 && (
            <p className="hint">
              {t({ vi: "Cùng gửi:", en: "Also addressed to:" })}{" "}
              {field.kept.addressedTo.slice(1).map(nameOf).join(", ")}
            </p>
          )}
        </>
      )}
    </ListEditor>
  );
}
