import { useState } from 'preact/hooks';
import { type Role, ROLES, type StaffAccount } from './api-types';
import { useDesk } from './desk-context';
import { useDraft } from './drafts';
import { describedControl, type FieldProblems, refusalOf, StaffField, useFocusAfterRender } from './staff-field';

const DRAFT = 'staff.new';
/** The form's fields in the order they are shown: the first one refused takes the focus. */
const FIELDS = ['username', 'displayName', 'role', 'password', 'email'] as const;

/** What the admin has typed, kept for the tab; never the password, which lives in the page only. */
interface NewAccountDraft {
  username?: string;
  displayName?: string;
  role?: Role;
  email?: string;
}

function parseDraft(saved: string): NewAccountDraft {
  try {
    return saved ? (JSON.parse(saved) as NewAccountDraft) : {};
  } catch {
    return {};
  }
}

/**
 * A new staff account (POST /agents): username, name, role, initial password and an optional
 * e-mail address. The server checks them; its reasons are shown beside the fields, and what was
 * typed stays.
 */
export function NewStaffAccount({ onCreated }: { onCreated: (account: StaffAccount) => void }) {
  const { api, t } = useDesk();
  const [saved, save] = useDraft(DRAFT);
  const draft = parseDraft(saved);
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [beside, setBeside] = useState<FieldProblems>({});
  const [busy, setBusy] = useState(false);
  const focus = useFocusAfterRender();

  const change = (patch: NewAccountDraft) => save(JSON.stringify({ ...draft, ...patch }));

  const submit = async () => {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    setBeside({});
    try {
      const email = draft.email?.trim();
      const created = await api.createAgent({
        username: (draft.username ?? '').trim(),
        displayName: draft.displayName ?? '',
        role: draft.role ?? 'agent',
        password,
        ...(email ? { email } : {}),
      });
      save('');
      setPassword('');
      onCreated(created);
    } catch (error) {
      const refusal = refusalOf(error, FIELDS, t);
      setProblem(refusal.message);
      setBeside(refusal.beside);
      const first = FIELDS.find((field) => refusal.beside[field]);
      focus(first ? `staff-new-${first}` : 'staff-new-problem');
    } finally {
      setBusy(false);
    }
  };

  const text = (field: 'username' | 'displayName' | 'email', label: string, options: { required: boolean; hint?: string }) => {
    const id = `staff-new-${field}`;
    const common = {
      ...describedControl(id, beside[field], Boolean(options.hint)),
      name: field,
      autocomplete: 'off',
      spellcheck: false,
      required: options.required,
      value: draft[field] ?? '',
      onInput: (event: { currentTarget: HTMLInputElement }) => change({ [field]: event.currentTarget.value }),
    };
    return (
      <StaffField id={id} label={label} required={options.required} hint={options.hint} problems={beside[field]}>
        {field === 'email' ? <input {...common} type="email" /> : <input {...common} type="text" />}
      </StaffField>
    );
  };

  return (
    <section class="card" aria-labelledby="staff-new-title">
      <h2 id="staff-new-title">{t('staff.new')}</h2>
      <form
        class="staff-form"
        noValidate
        aria-describedby={problem ? 'staff-new-problem' : undefined}
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
        data-testid="staff-new"
      >
        <div class="pair">
          {text('username', t('staff.username'), { required: true, hint: t('staff.usernameHint') })}
          {text('displayName', t('staff.displayName'), { required: true })}
        </div>
        <div class="pair">
          <StaffField id="staff-new-role" label={t('staff.role')} required problems={beside.role}>
            <select {...describedControl('staff-new-role', beside.role, false)} name="role" value={draft.role ?? 'agent'} onChange={(event) => change({ role: event.currentTarget.value as Role })}>
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {t(`role.${role}`)}
                </option>
              ))}
            </select>
          </StaffField>
          <StaffField id="staff-new-password" label={t('staff.password')} required hint={t('staff.passwordHint')} problems={beside.password}>
            <input
              {...describedControl('staff-new-password', beside.password, true)}
              name="password"
              type="password"
              autocomplete="new-password"
              required
              value={password}
              onInput={(event) => setPassword(event.currentTarget.value)}
            />
          </StaffField>
        </div>
        {text('email', t('staff.email'), { required: false, hint: t('staff.emailHint') })}
        {problem && (
          <p class="problem" id="staff-new-problem" role="alert" tabIndex={-1} data-testid="staff-new-problem">
            {problem}
          </p>
        )}
        <div class="buttons">
          <button type="submit" disabled={busy} data-testid="staff-new-submit">
            {t('staff.create')}
          </button>
        </div>
      </form>
    </section>
  );
}
