// The actions that change an organisation, each a small dated form with its deciding document:
// a new organisation below it, corrections, a rename, a move, a merger, a split, dissolution.
// Mergers and splits into new organisations send those organisations with the event: the API
// establishes them on the effective date in the transaction that records it, so a refusal leaves
// none behind. Each action sends one ETag per organisation on file that it changes.
import {
  DissolvedEventSchema,
  type LocalizedText,
  MergedEventSchema,
  ORGANIZATION_LEVEL_LABELS,
  ORGANIZATION_LEVELS,
  OrganizationCreateSchema,
  type OrganizationLevel,
  OrganizationUpdateSchema,
  RenamedEventSchema,
  ReparentedEventSchema,
  SECTOR_LABELS,
  type Sector,
  SplitEventSchema,
} from "@sodoan/domain";
import { useQueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { type UseFormRegisterReturn, useForm } from "react-hook-form";
import { apiRequest } from "../lib/api";
import { toIsoDate } from "../lib/dates";
import type { FieldErrors } from "../lib/form-errors";
import { useLocale } from "../lib/locale";
import {
  datedFields,
  decisionOf,
  type LineageRequest,
  mergeRequestOf,
  presentFields,
  splitRequestOf,
  successorOf,
} from "../lib/organization-input";
import {
  currentEtag,
  type OrganizationView,
  organizationOn,
  useChildren,
  useParentCandidates,
} from "../lib/organization-view";
import { ActionNotice, type FormNotice, useActionForm } from "../ui/action-form";
import { FieldError } from "../ui/field-error";
import { TextField } from "../ui/text-field";

type Props = { org: OrganizationView; etag: string; asOf: string };

const API = "/api/v1/organizations";
const eventInput = { id: true, recordedAt: true } as const;
const RenameInput = RenamedEventSchema.omit(eventInput);
const ReparentInput = ReparentedEventSchema.omit(eventInput);
const DissolveInput = DissolvedEventSchema.omit(eventInput);
const MergeInput = MergedEventSchema.omit(eventInput);
const SplitInput = SplitEventSchema.omit(eventInput);

/** The request body of an event about the organisation of the path: the path names it. */
function bodyOf<T extends { type: string }>(event: T): Omit<T, "type" | "organizationId" | "sourceId"> {
  const {
    type: _type,
    organizationId: _org,
    sourceId: _source,
    ...body
  } = event as T & {
    organizationId?: string;
    sourceId?: string;
  };
  return body;
}

export function OrganizationActions(props: Props) {
  const { t } = useLocale();
  return (
    <section className="panel" aria-labelledby="actions-title" data-testid="organization-actions">
      <h3 id="actions-title">{t({ vi: "Thao tác", en: "Actions" })}</h3>
      <CreateChildForm {...props} />
      <EditForm {...props} />
      <RenameForm {...props} />
      <ReparentForm {...props} />
      <MergeForm {...props} />
      <SplitForm {...props} />
      <DissolveForm {...props} />
    </section>
  );
}

/** One action, folded until opened, as a form named by its heading. */
function ActionBox({
  id,
  title,
  onSubmit,
  notice,
  submitLabel,
  busy,
  children,
}: {
  id: string;
  title: LocalizedText;
  onSubmit: () => void;
  notice: FormNotice;
  submitLabel: LocalizedText;
  busy: boolean;
  children: ReactNode;
}) {
  const { t } = useLocale();
  return (
    <details className="action" data-testid={`action-${id}`}>
      <summary>{t(title)}</summary>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit();
        }}
        noValidate
        aria-label={t(title)}
      >
        {children}
        <ActionNotice notice={notice} />
        <button type="submit" className="primary" disabled={busy}>
          {t(submitLabel)}
        </button>
      </form>
    </details>
  );
}

/** The effective date and the deciding document that every dated action asks for. */
function DatedFields({
  prefix,
  date,
  decision,
  errors,
}: {
  prefix: string;
  date: UseFormRegisterReturn;
  decision: UseFormRegisterReturn;
  errors: FieldErrors;
}) {
  const { t } = useLocale();
  return (
    <>
      <TextField
        id={`${prefix}-effectiveDate`}
        label={t({ vi: "Ngày hiệu lực", en: "Effective date" })}
        hint="dd/mm/yyyy"
        inputMode="numeric"
        registration={date}
        error={errors.effectiveDate}
      />
      <TextField
        id={`${prefix}-decision`}
        label={t({ vi: "Số quyết định", en: "Decision" })}
        hint={t({ vi: "Ví dụ 12-QĐ/TĐTN", en: "For example 12-QĐ/TĐTN" })}
        registration={decision}
        error={errors["decidedBy.symbol"]}
      />
    </>
  );
}

/** After a change: every organisation read (tree, lists, this page) is read again. */
function useRefresh() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ["organizations"] });
}

function LevelSelect({
  id,
  levels,
  registration,
  error,
}: {
  id: string;
  levels: readonly OrganizationLevel[];
  registration: UseFormRegisterReturn;
  error?: string | undefined;
}) {
  const { t } = useLocale();
  return (
    <div className="field">
      <label htmlFor={id}>{t({ vi: "Cấp", en: "Level" })}</label>
      <select id={id} {...registration} aria-invalid={error ? true : undefined}>
        {levels.map((level) => (
          <option key={level} value={level}>
            {t(ORGANIZATION_LEVEL_LABELS[level])}
          </option>
        ))}
      </select>
      <FieldError error={error} />
    </div>
  );
}

function SectorSelect({ id, registration }: { id: string; registration: UseFormRegisterReturn }) {
  const { t } = useLocale();
  return (
    <div className="field">
      <label htmlFor={id}>{t({ vi: "Khối", en: "Sector" })}</label>
      <select id={id} {...registration}>
        <option value="">{t({ vi: "— Không ghi —", en: "— Not recorded —" })}</option>
        {(Object.keys(SECTOR_LABELS) as Sector[]).map((sector) => (
          <option key={sector} value={sector}>
            {t(SECTOR_LABELS[sector])}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A new organisation under an existing parent, established on the effective date. */
async function createOrganization(input: Record<string, unknown>): Promise<OrganizationView> {
  return (await apiRequest<OrganizationView>(API, { method: "POST", json: input })).data;
}

/**
 * A new organisation that takes over from `org` on `date` (a merger's or split's result), under the
 * parent `org` has on that date, which may differ from the page's.
 */
async function successorOn(org: OrganizationView, name: string, date: string) {
  return successorOf(org, name, (await organizationOn(org.id, date)).parentId);
}

/** Sends a merger or split with one ETag per organisation on file that it changes, in order. */
async function sendLineage(url: string, request: LineageRequest, org: OrganizationView, etag: string) {
  const tags = await Promise.all(request.etagIds.map((id) => (id === org.id ? etag : currentEtag(id))));
  await apiRequest(url, { method: "POST", json: request.json, ifMatch: tags.join(", ") });
}

function CreateChildForm({ org }: Props) {
  const { t } = useLocale();
  const refresh = useRefresh();
  const form = useActionForm();
  const below =
    org.grassrootsKind === "branch"
      ? []
      : ORGANIZATION_LEVELS.slice(ORGANIZATION_LEVELS.indexOf(org.level) + 1);
  const { register, handleSubmit, reset, formState } = useForm({
    defaultValues: {
      name: "",
      level: below.includes("branch") && org.level === "grassroots" ? "branch" : (below[0] ?? "branch"),
      sector: org.sector ?? "",
      effectiveDate: "",
      decision: "",
    },
  });
  if (below.length === 0) return null;
  const submit = handleSubmit(async (values) => {
    const establishedBy = decisionOf(values.decision);
    const done = await form.run(
      OrganizationCreateSchema,
      {
        name: values.name,
        level: values.level,
        establishedOn: toIsoDate(values.effectiveDate),
        parentId: org.id,
        ...(values.sector === "" ? {} : { sector: values.sector }),
        ...(org.area === undefined ? {} : { area: org.area }),
        ...(establishedBy === undefined ? {} : { establishedBy }),
      },
      async (input) => {
        const created = await createOrganization(input);
        await refresh();
        return { vi: `Đã thành lập ${created.name}.`, en: `${created.name} is established.` };
      },
    );
    if (done) reset();
  });
  return (
    <ActionBox
      id="create"
      title={{ vi: "Thành lập tổ chức trực thuộc", en: "Establish an organisation below" }}
      onSubmit={() => void submit()}
      notice={form.notice}
      submitLabel={{ vi: "Thành lập", en: "Establish" }}
      busy={formState.isSubmitting}
    >
      <TextField
        id="create-name"
        label={t({ vi: "Tên tổ chức", en: "Name" })}
        registration={register("name")}
        error={form.errors.name}
      />
      <LevelSelect
        id="create-level"
        levels={below}
        registration={register("level")}
        error={form.errors.level}
      />
      <SectorSelect id="create-sector" registration={register("sector")} />
      <TextField
        id="create-effectiveDate"
        label={t({ vi: "Ngày thành lập", en: "Established on" })}
        hint="dd/mm/yyyy"
        inputMode="numeric"
        registration={register("effectiveDate")}
        error={form.errors.establishedOn ?? form.errors.parentId}
      />
      <TextField
        id="create-decision"
        label={t({ vi: "Số quyết định thành lập", en: "Founding decision" })}
        hint={t({ vi: "Ví dụ 12-QĐ/TĐTN", en: "For example 12-QĐ/TĐTN" })}
        registration={register("decision")}
        error={form.errors["establishedBy.symbol"]}
      />
    </ActionBox>
  );
}

/** Corrections of the facts that do not change with time; names and parents change by events. */
function EditForm({ org, etag }: Props) {
  const { t } = useLocale();
  const refresh = useRefresh();
  const form = useActionForm();
  const { register, handleSubmit, formState } = useForm({
    defaultValues: {
      shortName: org.shortName ?? "",
      englishName: org.englishName ?? "",
      sector: org.sector ?? "",
    },
  });
  const submit = handleSubmit((values) =>
    form.run(
      OrganizationUpdateSchema,
      presentFields(values),
      async (input) => {
        await apiRequest(`${API}/${encodeURIComponent(org.id)}`, {
          method: "PATCH",
          json: input,
          ifMatch: etag,
        });
        await refresh();
        return { vi: "Đã lưu.", en: "Saved." };
      },
      refresh,
    ),
  );
  return (
    <ActionBox
      id="edit"
      title={{ vi: "Sửa thông tin", en: "Correct the details" }}
      onSubmit={() => void submit()}
      notice={form.notice}
      submitLabel={{ vi: "Lưu thay đổi", en: "Save changes" }}
      busy={formState.isSubmitting}
    >
      <TextField
        id="edit-shortName"
        label={t({ vi: "Tên viết tắt", en: "Short name" })}
        registration={register("shortName")}
        error={form.errors.shortName}
      />
      <TextField
        id="edit-englishName"
        label={t({ vi: "Tên tiếng Anh", en: "English name" })}
        registration={register("englishName")}
        error={form.errors.englishName}
      />
      <SectorSelect id="edit-sector" registration={register("sector")} />
    </ActionBox>
  );
}

function RenameForm({ org, etag }: Props) {
  const { t } = useLocale();
  const refresh = useRefresh();
  const form = useActionForm();
  const { register, handleSubmit, formState } = useForm({
    defaultValues: { name: "", shortName: "", effectiveDate: "", decision: "" },
  });
  const submit = handleSubmit((values) =>
    form.run(
      RenameInput,
      {
        type: "renamed",
        organizationId: org.id,
        ...presentFields({ name: values.name, shortName: values.shortName }),
        ...datedFields(values),
      },
      async (event) => {
        await apiRequest(`${API}/${encodeURIComponent(org.id)}/rename`, {
          method: "POST",
          json: bodyOf(event),
          ifMatch: etag,
        });
        await refresh();
        return { vi: "Đã ghi việc đổi tên.", en: "The new name is recorded." };
      },
      refresh,
    ),
  );
  return (
    <ActionBox
      id="rename"
      title={{ vi: "Đổi tên", en: "Rename" }}
      onSubmit={() => void submit()}
      notice={form.notice}
      submitLabel={{ vi: "Đổi tên", en: "Rename" }}
      busy={formState.isSubmitting}
    >
      <TextField
        id="rename-name"
        label={t({ vi: "Tên mới", en: "New name" })}
        registration={register("name")}
        error={form.errors.name}
      />
      <TextField
        id="rename-shortName"
        label={t({ vi: "Tên viết tắt mới", en: "New short name" })}
        registration={register("shortName")}
        error={form.errors.shortName}
      />
      <DatedFields
        prefix="rename"
        date={register("effectiveDate")}
        decision={register("decision")}
        errors={form.errors}
      />
    </ActionBox>
  );
}

function ReparentForm({ org, etag, asOf }: Props) {
  const { t } = useLocale();
  const refresh = useRefresh();
  const form = useActionForm();
  const parents = useParentCandidates(org.level, asOf);
  const { register, handleSubmit, formState } = useForm({
    defaultValues: { toParentId: "", effectiveDate: "", decision: "" },
  });
  const submit = handleSubmit((values) =>
    form.run(
      ReparentInput,
      { type: "reparented", organizationId: org.id, toParentId: values.toParentId, ...datedFields(values) },
      async (event) => {
        await apiRequest(`${API}/${encodeURIComponent(org.id)}/reparent`, {
          method: "POST",
          json: bodyOf(event),
          ifMatch: etag,
        });
        await refresh();
        return { vi: "Đã chuyển tổ chức.", en: "The organisation is moved." };
      },
      refresh,
    ),
  );
  const candidates = parents.filter((item) => item.id !== org.id && item.id !== org.parentId);
  return (
    <ActionBox
      id="reparent"
      title={{ vi: "Chuyển sang tổ chức cấp trên khác", en: "Move under another parent" }}
      onSubmit={() => void submit()}
      notice={form.notice}
      submitLabel={{ vi: "Chuyển", en: "Move" }}
      busy={formState.isSubmitting}
    >
      <div className="field">
        <label htmlFor="reparent-toParentId">{t({ vi: "Cấp trên mới", en: "New parent" })}</label>
        <select
          id="reparent-toParentId"
          {...register("toParentId")}
          aria-invalid={form.errors.toParentId ? true : undefined}
        >
          <option value="">{t({ vi: "— Chọn —", en: "— Choose —" })}</option>
          {candidates.map((item) => (
            <option key={item.id} value={item.id}>
              {item.name}
            </option>
          ))}
        </select>
        <FieldError error={form.errors.toParentId} />
      </div>
      <DatedFields
        prefix="reparent"
        date={register("effectiveDate")}
        decision={register("decision")}
        errors={form.errors}
      />
    </ActionBox>
  );
}

function MergeForm({ org, etag, asOf }: Props) {
  const { t } = useLocale();
  const refresh = useRefresh();
  const form = useActionForm();
  const siblings = useChildren(org.parentId ?? "", asOf);
  const { register, handleSubmit, watch, formState } = useForm({
    defaultValues: {
      others: [] as string[],
      target: "self" as "self" | "new",
      newName: "",
      effectiveDate: "",
      decision: "",
    },
  });
  const target = watch("target");
  const candidates = (org.parentId === null ? [] : (siblings.data?.items ?? [])).filter(
    (item) => item.id !== org.id && item.level === org.level,
  );
  const submit = handleSubmit((values) => {
    const dated = datedFields(values);
    const isNew = values.target === "new";
    const sourceIds = isNew ? [org.id, ...values.others] : values.others;
    return form.run(
      MergeInput,
      // A new target is checked by name here and gets its id when it is established.
      { type: "merged", sourceIds, targetId: isNew ? values.newName.trim() : org.id, ...dated },
      async (event) => {
        const newTarget = isNew ? await successorOn(org, values.newName, event.effectiveDate) : undefined;
        await sendLineage(`${API}/merge`, mergeRequestOf(bodyOf(event), newTarget), org, etag);
        await refresh();
        return { vi: "Đã ghi việc hợp nhất.", en: "The merger is recorded." };
      },
      refresh,
    );
  });
  return (
    <ActionBox
      id="merge"
      title={{ vi: "Hợp nhất", en: "Merge" }}
      onSubmit={() => void submit()}
      notice={form.notice}
      submitLabel={{ vi: "Hợp nhất", en: "Merge" }}
      busy={formState.isSubmitting}
    >
      <fieldset aria-describedby={form.errors.sourceIds ? "merge-sourceIds-error" : undefined}>
        <legend>{t({ vi: "Hợp nhất cùng các tổ chức", en: "Together with" })}</legend>
        {candidates.length === 0 && (
          <p className="subtle">
            {t({
              vi: "Không có tổ chức cùng cấp bên cạnh.",
              en: "No organisation of the same level beside it.",
            })}
          </p>
        )}
        {candidates.map((item) => (
          <div key={item.id}>
            <input type="checkbox" id={`merge-${item.id}`} value={item.id} {...register("others")} />{" "}
            <label htmlFor={`merge-${item.id}`}>{item.name}</label>
          </div>
        ))}
        <FieldError id="merge-sourceIds-error" error={form.errors.sourceIds} />
      </fieldset>
      <fieldset>
        <legend>{t({ vi: "Tổ chức sau hợp nhất", en: "The organisation after the merger" })}</legend>
        <div>
          <input type="radio" id="merge-target-self" value="self" {...register("target")} />{" "}
          <label htmlFor="merge-target-self">
            {t({ vi: `${org.name} (tiếp nhận các tổ chức kia)`, en: `${org.name} (takes in the others)` })}
          </label>
        </div>
        <div>
          <input type="radio" id="merge-target-new" value="new" {...register("target")} />{" "}
          <label htmlFor="merge-target-new">{t({ vi: "Một tổ chức mới", en: "A new organisation" })}</label>
        </div>
        {target === "new" && (
          <TextField
            id="merge-newName"
            label={t({ vi: "Tên tổ chức mới", en: "Name of the new organisation" })}
            registration={register("newName")}
            error={form.errors.targetId ?? form.errors.name ?? form.errors["newTarget.name"]}
          />
        )}
      </fieldset>
      <DatedFields
        prefix="merge"
        date={register("effectiveDate")}
        decision={register("decision")}
        errors={form.errors}
      />
    </ActionBox>
  );
}

function SplitForm({ org, etag }: Props) {
  const { t } = useLocale();
  const refresh = useRefresh();
  const form = useActionForm();
  const { register, handleSubmit, formState } = useForm({
    defaultValues: { names: ["", "", ""], sourceContinues: false, effectiveDate: "", decision: "" },
  });
  const submit = handleSubmit((values) => {
    const names = values.names.map((name) => name.trim()).filter((name) => name !== "");
    return form.run(
      SplitInput,
      // The new organisations are checked by name here and get their ids when established.
      {
        type: "split",
        sourceId: org.id,
        targetIds: names,
        sourceContinues: values.sourceContinues,
        ...datedFields(values),
      },
      async (event) => {
        const { targetIds: _names, ...body } = bodyOf(event);
        const newTargets = await Promise.all(
          names.map((name) => successorOn(org, name, event.effectiveDate)),
        );
        await sendLineage(
          `${API}/${encodeURIComponent(org.id)}/split`,
          splitRequestOf(org.id, body, newTargets),
          org,
          etag,
        );
        await refresh();
        return { vi: "Đã ghi việc chia tách.", en: "The split is recorded." };
      },
      refresh,
    );
  });
  return (
    <ActionBox
      id="split"
      title={{ vi: "Chia tách", en: "Split" }}
      onSubmit={() => void submit()}
      notice={form.notice}
      submitLabel={{ vi: "Chia tách", en: "Split" }}
      busy={formState.isSubmitting}
    >
      <fieldset aria-describedby={form.errors.targetIds ? "split-targetIds-error" : undefined}>
        <legend>{t({ vi: "Các tổ chức mới", en: "The new organisations" })}</legend>
        {[0, 1, 2].map((index) => (
          <TextField
            key={index}
            id={`split-name-${index}`}
            label={t({ vi: `Tên tổ chức mới ${index + 1}`, en: `New organisation ${index + 1}` })}
            registration={register(`names.${index}`)}
          />
        ))}
        <FieldError id="split-targetIds-error" error={form.errors.targetIds} />
      </fieldset>
      <div className="field">
        <label>
          <input type="checkbox" {...register("sourceContinues")} />{" "}
          {t({ vi: `${org.name} vẫn tiếp tục hoạt động`, en: `${org.name} continues` })}
        </label>
      </div>
      <DatedFields
        prefix="split"
        date={register("effectiveDate")}
        decision={register("decision")}
        errors={form.errors}
      />
    </ActionBox>
  );
}

function DissolveForm({ org, etag }: Props) {
  const refresh = useRefresh();
  const form = useActionForm();
  const { register, handleSubmit, formState } = useForm({
    defaultValues: { effectiveDate: "", decision: "" },
  });
  const submit = handleSubmit((values) =>
    form.run(
      DissolveInput,
      { type: "dissolved", organizationId: org.id, ...datedFields(values) },
      async (event) => {
        await apiRequest(`${API}/${encodeURIComponent(org.id)}/dissolve`, {
          method: "POST",
          json: bodyOf(event),
          ifMatch: etag,
        });
        await refresh();
        return { vi: "Đã ghi việc giải thể.", en: "The dissolution is recorded." };
      },
      refresh,
    ),
  );
  return (
    <ActionBox
      id="dissolve"
      title={{ vi: "Giải thể", en: "Dissolve" }}
      onSubmit={() => void submit()}
      notice={form.notice}
      submitLabel={{ vi: "Giải thể", en: "Dissolve" }}
      busy={formState.isSubmitting}
    >
      <DatedFields
        prefix="dissolve"
        date={register("effectiveDate")}
        decision={register("decision")}
        errors={form.errors}
      />
    </ActionBox>
  );
}
