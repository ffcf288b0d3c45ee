import { useEffect, useState } from 'preact/hooks';
import { type Role, ROLES, type StaffAccount, type StaffAccountChanges } from './api-types';
import { problemText, useDesk } from './desk-context';
import { NewStaffAccount } from './new-staff-account';
import { describedControl, type FieldProblems, refusalOf, StaffField, useFocusAfterRender } from './staff-field';

const EDIT_FIELDS = ['displayName', 'role', 'email'] as const;
const DEACTIVATE_HINT = 'staff-deactivate-hint';

/** The ids of one account's parts, for labels and for the focus to return to. */
const idsOf = (id: string) => ({
  heading: `account-${id}`,
  edit: `account-${id}-edit`,
  toggle: `account-${id}-toggle`,
  field: (name: string) => `account-${id}-${name}`,
});

const byUsername = (a: StaffAccount, b: StaffAccount) => (a.username < b.username ? -1 : a.username > b.username ? 1 : 0);

/** Only what differs from the account as it is; an emptied e-mail removes the address. */
function changesOf(account: StaffAccount, values: { displayName: string; role: Role; email: string }): StaffAccountChanges {
  const changes: StaffAccountChanges = {};
  if (values.displayName !== account.displayName) changes.displayName = values.displayName;
  if (values.role !== account.role) changes.role = values.role;
  const email = values.email.trim();
  if (email !== (account.email ?? '')) changes.email = email || null;
  return changes;
}

/** Rename, re-role or change the e-mail address of one account (PATCH /agents/:id). */
function EditAccount({ account, onSaved, onCancel }: { account: StaffAccount; onSaved: (updated: StaffAccount | null) => void; onCancel: () => void }) {
  const { api, t } = useDesk();
  const ids = idsOf(account.id);
  const [values, setValues] = useState({ displayName: account.displayName, role: account.role, email: account.email ?? '' });
  const [problem, setProblem] = useState<string | null>(null);
  const [beside, setBeside] = useState<FieldProblems>({});
  const [busy, setBusy] = useState(false);
  const focus = useFocusAfterRender();

  useEffect(() => {
    document.getElementById(ids.field('displayName'))?.focus();
  }, []);

  const submit = async () => {
    if (busy) return;
    const changes = changesOf(account, values);
    if (Object.keys(changes).length === 0) {
      onSaved(null);
      return;
    }
    setBusy(true);
    setProblem(null);
    setBeside({});
    try {
      onSaved(await api.updateAgent(account.id, changes));
    } catch (error) {
      const refusal = refusalOf(error, EDIT_FIELDS, t);
      setProblem(refusal.message);
      setBeside(refusal.beside);
      const first = EDIT_FIELDS.find((field) => refusal.beside[field]);
      focus(first ? ids.field(first) : ids.field('problem'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      class="staff-form"
      noValidate
      aria-labelledby={ids.heading}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
      data-testid="staff-edit"
    >
      <StaffField id={ids.field('displayName')} label={t('staff.displayName')} required problems={beside.displayName}>
        <input
          {...describedControl(ids.field('displayName'), beside.displayName, false)}
          data-testid="staff-edit-displayName"
          required
          value={values.displayName}
          onInput={(event) => setValues({ ...values, displayName: event.currentTarget.value })}
        />
      </StaffField>
      <StaffField id={ids.field('role')} label={t('staff.role')} required problems={beside.role}>
        <select
          {...describedControl(ids.field('role'), beside.role, false)}
          data-testid="staff-edit-role"
          value={values.role}
          onChange={(event) => setValues({ ...values, role: event.currentTarget.value as Role })}
        >
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`role.${role}`)}
            </option>
          ))}
        </select>
      </StaffField>
      <StaffField id={ids.field('email')} label={t('staff.email')} required={false} hint={t('staff.emailClearHint')} problems={beside.email}>
        <input
          {...describedControl(ids.field('email'), beside.email, true)}
          data-testid="staff-edit-email"
          type="email"
          autocomplete="off"
          spellcheck={false}
          value={values.email}
          onInput={(event) => setValues({ ...values, email: event.currentTarget.value })}
        />
      </StaffField>
      {problem && (
        <p class="problem" id={ids.field('problem')} role="alert" tabIndex={-1} data-testid="staff-edit-problem">
          {problem}
        </p>
      )}
      <div class="buttons">
        <button type="submit" disabled={busy} data-testid="staff-edit-save">
          {t('staff.save')}
        </button>
        <button type="button" class="quiet" onClick={onCancel}>
          {t('staff.cancel')}
        </button>
      </div>
    </form>
  );
}

/** One account: what it is, and editing, deactivating or reactivating it (not one's own deactivation). */
function AccountCard({ account, isSelf, onChanged }: { account: StaffAccount; isSelf: boolean; onChanged: (updated: StaffAccount | null, focusId: string, message: string) => void }) {
  const { api, t } = useDesk();
  const ids = idsOf(account.id);
  const [editing, setEditing] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const focus = useFocusAfterRender();

  const toggle = async () => {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    try {
      const updated = await api.updateAgent(account.id, { active: !account.active });
      onChanged(updated, ids.toggle, t(updated.active ? 'staff.reactivated' : 'staff.deactivated', { username: updated.username }));
    } catch (error) {
      setProblem(problemText(error, t));
      focus(ids.toggle);
    } finally {
      setBusy(false);
    }
  };

  const notify = t(`staff.notify.${account.notifyVia}`) + (account.telegramLinked ? ` · ${t('staff.telegramLinked')}` : '');
  return (
    <li class={account.active ? 'account card' : 'account card inactive'} aria-labelledby={ids.heading} data-testid="staff-account" data-username={account.username} data-active={String(account.active)}>
      <h3 id={ids.heading} tabIndex={-1}>
        {account.displayName}
      </h3>
      <dl class="facts">
        <div>
          <dt>{t('staff.username')}</dt>
          <dd data-testid="staff-account-username">{account.username}</dd>
        </div>
        <div>
          <dt>{t('staff.role')}</dt>
          <dd data-testid="staff-account-role" data-role={account.role}>
            {t(`role.${account.role}`)}
          </dd>
        </div>
        <div>
          <dt>{t('staff.email')}</dt>
          <dd data-testid="staff-account-email">{account.email ?? <span class="note">{t('staff.noEmail')}</span>}</dd>
        </div>
        <div>
          <dt>{t('staff.notifyVia')}</dt>
          <dd>{notify}</dd>
        </div>
        <div>
          <dt>{t('staff.status')}</dt>
          <dd class={account.active ? 'status on' : 'status off'} data-testid="staff-account-status">
            {t(account.active ? 'staff.active' : 'staff.inactive')}
          </dd>
        </div>
      </dl>
      {isSelf && <p class="note">{`${t('staff.you')} ${t('staff.selfHint')}`}</p>}
      {editing ? (
        <EditAccount
          account={account}
          onSaved={(updated) => {
            setEditing(false);
            onChanged(updated, ids.edit, updated ? t('staff.saved', { username: updated.username }) : t('staff.unchanged'));
          }}
          onCancel={() => {
            setEditing(false);
            focus(ids.edit);
          }}
        />
      ) : (
        <div class="buttons">
          <button type="button" class="quiet" id={ids.edit} aria-describedby={ids.heading} onClick={() => setEditing(true)} data-testid="staff-edit-open">
            {t('staff.edit')}
          </button>
          {!isSelf && (
            <button type="button" class="quiet" id={ids.toggle} aria-describedby={`${ids.heading} ${DEACTIVATE_HINT}`} disabled={busy} onClick={() => void toggle()} data-testid={account.active ? 'staff-deactivate' : 'staff-reactivate'}>
              {t(account.active ? 'staff.deactivate' : 'staff.reactivate')}
            </button>
          )}
        </div>
      )}
      {problem && (
        <p class="problem" role="alert" data-testid="staff-account-problem">
          {problem}
        </p>
      )}
    </li>
  );
}

/**
 * The admins' staff screen: every account, active or not (GET /agents), a form for a new one,
 * and on each account editing, deactivating and reactivating. What an action did is announced
 * in one live region, and the focus goes on from the account it changed.
 */
export function StaffAccounts() {
  const { api, agent, t } = useDesk();
  const [accounts, setAccounts] = useState<StaffAccount[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const focus = useFocusAfterRender();

  useEffect(() => {
    let current = true;
    api
      .agents()
      .then((list) => current && setAccounts(list))
      .catch((error: unknown) => current && setProblem(problemText(error, t)));
    return () => {
      current = false;
    };
  }, [api]);

  const put = (account: StaffAccount) => setAccounts((list) => [...(list ?? []).filter((one) => one.id !== account.id), account].sort(byUsername));

  return (
    <main class="staff" data-testid="staff">
      <h1>{t('staff.title')}</h1>
      <p class="done" role="status" data-testid="staff-status">
        {status}
      </p>
      <NewStaffAccount
        onCreated={(account) => {
          put(account);
          setStatus(t('staff.created', { username: account.username }));
          focus(idsOf(account.id).heading);
        }}
      />
      <section aria-labelledby="staff-accounts-title">
        <h2 id="staff-accounts-title">{t('staff.accounts')}</h2>
        <p class="note" id={DEACTIVATE_HINT}>
          {t('staff.deactivateHint')}
        </p>
        {problem && (
          <p class="problem" role="alert" data-testid="staff-problem">
            {problem}
          </p>
        )}
        {!accounts && !problem && <p aria-busy="true">{t('staff.loading')}</p>}
        {accounts?.length === 0 && <p>{t('staff.empty')}</p>}
        {accounts && accounts.length > 0 && (
          <ul class="accounts" data-testid="staff-accounts">
            {accounts.map((account) => (
              <AccountCard
                key={account.id}
                account={account}
                isSelf={account.id === agent.id}
                onChanged={(updated, focusId, message) => {
                  if (updated) put(updated);
                  setStatus(message);
                  focus(focusId);
                }}
              />
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}
