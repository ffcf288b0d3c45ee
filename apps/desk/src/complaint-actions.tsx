import { useState } from 'preact/hooks';
import type { StaffMember } from './api-types';
import { BusinessDayPicker } from './business-day-picker';
import { problemText, useDesk } from './desk-context';
import { dropDraft, readDraft, useDraft } from './drafts';
import type { WordKey } from './i18n';
import { seesAll } from './session';
import { useStaff } from './staff';

/**
 * The actions the desk offers, in the order of the work; each knows its route and its fields.
 * `assign-to` is the desk's own: a supervisor's way to the API's `assign` with another agent.
 */
const ACTIONS = ['assign', 'assign-to', 'accept', 'review', 'finish-review', 'request-details', 'reply', 'note', 'extend', 'resolve', 'close', 'merge', 'unmerge', 'reject'] as const;
type Action = (typeof ACTIONS)[number];

/** A supervisor's only (the API's @Roles); hidden from agents even where core does not list the actions. */
const SUPERVISORS_ONLY: readonly Action[] = ['assign-to', 'merge', 'unmerge', 'reject'];

/** The API's name of an action, as the timeline's `actions` lists it. */
const listedAs = (action: Action): string => (action === 'assign-to' ? 'assign' : action);

/** The choice "nobody" of the assign form: the complaint goes back to the queue. */
const NOBODY = 'none';

interface Field {
  name: string;
  label: WordKey;
  kind: 'text' | 'line' | 'date' | 'agent';
}

const FORMS: Partial<Record<Action, { path: string; fields: Field[]; body: (values: Record<string, string>) => object }>> = {
  'assign-to': {
    path: 'assign',
    fields: [{ name: 'agentId', label: 'field.agent', kind: 'agent' }],
    body: (v) => ({ agentId: v.agentId === NOBODY ? null : v.agentId }),
  },
  reply: { path: 'replies', fields: [{ name: 'text', label: 'field.reply', kind: 'text' }], body: (v) => ({ text: v.text }) },
  note: { path: 'notes', fields: [{ name: 'text', label: 'field.note', kind: 'text' }], body: (v) => ({ text: v.text }) },
  'request-details': {
    path: 'request-details',
    fields: [{ name: 'what', label: 'field.what', kind: 'text' }],
    body: (v) => ({ what: (v.what ?? '').split('\n').map((line) => line.trim()).filter(Boolean) }),
  },
  'finish-review': { path: 'finish-review', fields: [{ name: 'result', label: 'field.reviewResult', kind: 'text' }], body: (v) => ({ result: v.result }) },
  extend: {
    path: 'extend',
    fields: [
      { name: 'newDate', label: 'field.newDate', kind: 'date' },
      { name: 'reason', label: 'field.reason', kind: 'text' },
    ],
    body: (v) => ({ newDate: v.newDate, reason: v.reason }),
  },
  resolve: {
    path: 'resolve',
    fields: [
      { name: 'outcome', label: 'field.outcome', kind: 'text' },
      { name: 'rootCause', label: 'field.rootCause', kind: 'line' },
    ],
    body: (v) => ({ outcome: v.outcome, rootCause: v.rootCause }),
  },
  merge: { path: 'merge', fields: [{ name: 'into', label: 'field.into', kind: 'line' }], body: (v) => ({ into: v.into }) },
  reject: { path: 'reject', fields: [{ name: 'reason', label: 'field.rejectReason', kind: 'text' }], body: (v) => ({ reason: v.reason }) },
};

/** Actions with no fields: one click, the path is the action's name. */
const DIRECT: Partial<Record<Action, string>> = { assign: 'assign', accept: 'accept', review: 'review', close: 'close', unmerge: 'unmerge' };

const draftKey = (complaintId: string, action: Action, field: Field): string => `${complaintId}.${action}.${field.name}`;

/** One field of an action's form, its draft kept per complaint across refusals and sign-ins. */
function FieldInput({ complaintId, action, field, staff }: { complaintId: string; action: Action; field: Field; staff: StaffMember[] }) {
  const { t } = useDesk();
  const [value, setValue] = useDraft(draftKey(complaintId, action, field));
  const id = `${action}-${field.name}`;
  const common = { id, required: true, 'data-testid': `field-${action}-${field.name}` };
  return (
    <div class="field">
      <label id={`${id}-label`} for={field.kind === 'date' ? undefined : id}>
        {t(field.label)} <span class="required">({t('field.required')})</span>
      </label>
      {field.kind === 'text' && <textarea {...common} rows={4} value={value} onInput={(e) => setValue(e.currentTarget.value)} />}
      {field.kind === 'line' && <input {...common} value={value} onInput={(e) => setValue(e.currentTarget.value)} />}
      {field.kind === 'agent' && (
        <select {...common} value={value} onChange={(e) => setValue(e.currentTarget.value)}>
          <option value="" disabled>
            {t('field.choose')}
          </option>
          {staff.map((member) => (
            <option key={member.id} value={member.id}>
              {member.displayName} ({t(`role.${member.role}`)})
            </option>
          ))}
          <option value={NOBODY}>{t('field.nobody')}</option>
        </select>
      )}
      {field.kind === 'date' && <BusinessDayPicker id={id} labelId={`${id}-label`} value={value} onChange={setValue} testId={`field-${action}-${field.name}`} />}
    </div>
  );
}

/**
 * The buttons the lifecycle allows now (`allowed`, from the timeline; every one where core does
 * not say), and the form of the one opened. A refusal shows the server's reason; the typed text
 * stays, in the form and in the session's drafts.
 */
export function ComplaintActions({
  complaintId,
  assigneeId,
  allowed,
  onDone,
}: {
  complaintId: string;
  assigneeId: string | null;
  allowed: string[] | undefined;
  onDone: () => void;
}) {
  const { api, agent, t } = useDesk();
  const staff = useStaff();
  const [open, setOpen] = useState<Action | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  // "Take" is for a complaint that is not one's own already.
  const shown = ACTIONS.filter(
    (action) =>
      (seesAll(agent) || !SUPERVISORS_ONLY.includes(action)) && (allowed ? allowed.includes(listedAs(action)) : true) && !(action === 'assign' && assigneeId === agent.id),
  );

  const run = async (action: Action) => {
    const form = FORMS[action];
    setBusy(true);
    setProblem(null);
    setDone(false);
    try {
      const fields = form?.fields ?? [];
      const values = Object.fromEntries(fields.map((field) => [field.name, readDraft(draftKey(complaintId, action, field))]));
      await api.act(complaintId, form?.path ?? DIRECT[action] ?? action, form ? form.body(values) : {});
      for (const field of fields) dropDraft(draftKey(complaintId, action, field));
      setOpen(null);
      setDone(true);
      onDone();
    } catch (error) {
      setProblem(problemText(error, t));
    } finally {
      setBusy(false);
    }
  };

  const choose = (action: Action) => {
    setProblem(null);
    setDone(false);
    if (FORMS[action]) setOpen(open === action ? null : action);
    else void run(action);
  };

  const form = open ? FORMS[open] : undefined;
  return (
    <section class="actions card" aria-labelledby="actions-title">
      <h2 id="actions-title">{t('actions.title')}</h2>
      <div class="buttons">
        {shown.map((action) => (
          <button type="button" key={action} aria-expanded={FORMS[action] ? open === action : undefined} disabled={busy} onClick={() => choose(action)} data-testid={`action-${action}`}>
            {t(`action.${action}`)}
          </button>
        ))}
      </div>
      {open && form && (
        <form
          class="action-form"
          data-testid={`form-${open}`}
          onSubmit={(event) => {
            event.preventDefault();
            void run(open);
          }}
        >
          {form.fields.map((field) => (
            <FieldInput key={`${complaintId}-${open}-${field.name}`} complaintId={complaintId} action={open} field={field} staff={staff} />
          ))}
          <div class="buttons">
            <button type="submit" disabled={busy} data-testid="action-submit">
              {t('action.send')}
            </button>
            <button type="button" class="quiet" onClick={() => setOpen(null)}>
              {t('action.cancel')}
            </button>
          </div>
        </form>
      )}
      {problem && (
        <p class="problem" role="alert" data-testid="action-problem">
          {problem}
        </p>
      )}
      {done && (
        <p class="done" role="status" data-testid="action-done">
          {t('action.done')}
        </p>
      )}
    </section>
  );
}
