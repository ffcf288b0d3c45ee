import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from './api';
import { CONSULTATION_KINDS, INTAKE_CHANNELS } from './api-types';
import { problemText, useDesk } from './desk-context';
import { readDraft, useDraft } from './drafts';
import { nameOf, type WordKey } from './i18n';
import { bodyOf, findRegistered, type IntakeDraft, newKey, parseDraft } from './intake-draft';
import { navigate, pathOf } from './route';
import { companyToday } from './time';

type TextField = 'fullName' | 'phone' | 'email' | 'essence' | 'employeeName' | 'store' | 'entryDate';

const DRAFT = 'intake';
/** The customer's languages by their own names. */
const LANGUAGE_NAMES: Record<string, string> = { az: 'Azərbaycanca', ru: 'Русский', en: 'English' };
const SCAN_TYPES = 'image/jpeg,image/png,image/webp,application/pdf';

/** A labelled control, marked required or optional (`null`: neither), with the server's problems with it. */
function Labelled(props: { id: string; label: string; required?: boolean | null; problems?: string[]; children: ComponentChildren }) {
  const { t } = useDesk();
  return (
    <div class="field">
      <label for={props.id}>
        {props.label}
        {props.required !== null && <span class="required"> ({t(props.required ? 'field.required' : 'intake.optional')})</span>}
      </label>
      {props.children}
      {props.problems && props.problems.length > 0 && (
        <p class="problem" id={`${props.id}-problem`} data-testid={`${props.id}-problem`}>
          {props.problems.join(' ')}
        </p>
      )}
    </div>
  );
}

/**
 * A complaint staff take down: by phone, from the in-store complaint book (store, date of the
 * entry, a scan of the page) or in a video or mobile consultation. Each channel shows the fields
 * it needs; the server checks them, and its reasons are shown beside the form with nothing typed
 * lost. Once registered, the complaint opens.
 */
export function Intake() {
  const { api, t } = useDesk();
  const [saved, save] = useDraft(DRAFT);
  const form = parseDraft(saved);
  const channel = form.channel ?? 'phone';
  const [problem, setProblem] = useState<string | null>(null);
  const [fieldProblems, setFieldProblems] = useState<Record<string, string[]>>({});
  const [busy, setBusy] = useState(false);
  const [uploading, setUploading] = useState(false);
  const [registered, setRegistered] = useState<{ reference: string; lost: boolean } | null>(null);
  // Set at once, not on the next render: the second click of a double click finds it.
  const sending = useRef(false);

  // Read from storage, not from this render: an upload may finish after more was typed.
  const change = (patch: IntakeDraft) => save(JSON.stringify({ ...parseDraft(readDraft(DRAFT)), ...patch }));

  useEffect(() => {
    if (!registered || registered.lost) return;
    let current = true;
    void findRegistered(api, registered.reference, () => current).then((id) => {
      if (!current) return;
      if (id) navigate({ screen: 'complaint', id });
      else setRegistered({ ...registered, lost: true });
    });
    return () => {
      current = false;
    };
  }, [registered?.reference]);

  const visible = new Set<string>(['channel', 'fullName', 'phone', 'email', 'essence', 'employeeName', 'language']);
  if (channel === 'consultation') visible.add('consultationKind');
  if (channel === 'complaint_book') ['store', 'entryDate', 'scanId'].forEach((name) => visible.add(name));

  const submit = async () => {
    if (sending.current) return;
    sending.current = true;
    setBusy(true);
    setProblem(null);
    setFieldProblems({});
    const idempotencyKey = form.idempotencyKey ?? newKey();
    change({ idempotencyKey });
    try {
      const answer = await api.intake(bodyOf({ ...form, idempotencyKey }, idempotencyKey));
      save('');
      setRegistered({ reference: answer.reference, lost: false });
    } catch (error) {
      const problems = error instanceof ApiError ? (error.body?.errors ?? []) : [];
      const beside = problems.filter((one) => visible.has(one.field));
      const elsewhere = problems.filter((one) => !visible.has(one.field)).map((one) => `${one.field}: ${one.problems.join(', ')}`);
      setFieldProblems(Object.fromEntries(beside.map((one) => [one.field, one.problems])));
      setProblem(beside.length > 0 && error instanceof ApiError ? [error.body?.message ?? error.message, ...elsewhere].join(' — ') : problemText(error, t));
    } finally {
      sending.current = false;
      setBusy(false);
    }
  };

  const upload = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    setUploading(true);
    setFieldProblems((before) => Object.fromEntries(Object.entries(before).filter(([field]) => field !== 'scanId')));
    try {
      const scan = await api.uploadScan(file);
      change({ scanId: scan.id, scanName: file.name });
    } catch (error) {
      setFieldProblems((others) => ({ ...others, scanId: [problemText(error, t)] }));
    } finally {
      input.value = '';
      setUploading(false);
    }
  };

  const text = (name: TextField, label: WordKey, options: { required?: boolean | null; kind?: 'tel' | 'email' | 'date' | 'multiline' } = {}) => {
    const id = `intake-${name}`;
    const common = {
      id,
      name,
      value: form[name] ?? '',
      required: options.required === true,
      'aria-invalid': fieldProblems[name] ? true : undefined,
      'aria-describedby': fieldProblems[name] ? `${id}-problem` : undefined,
      'data-testid': id,
      onInput: (event: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) => change({ [name]: event.currentTarget.value }),
    };
    return (
      <Labelled id={id} label={t(label)} required={options.required} problems={fieldProblems[name]}>
        {options.kind === 'multiline' ? (
          <textarea {...common} rows={6} />
        ) : options.kind === 'date' ? (
          <input {...common} type="date" max={companyToday()} />
        ) : options.kind === 'tel' ? (
          <input {...common} type="tel" />
        ) : options.kind === 'email' ? (
          <input {...common} type="email" />
        ) : (
          <input {...common} type="text" />
        )}
      </Labelled>
    );
  };

  if (registered) {
    return (
      <main class="intake" data-testid="intake">
        <h1>{t('intake.title')}</h1>
        <p class="done" role="status" data-testid="intake-registered" data-reference={registered.reference}>
          {t(registered.lost ? 'intake.notYet' : 'intake.registered', { reference: registered.reference })}
        </p>
        {registered.lost && (
          <p class="buttons">
            <a href={pathOf({ screen: 'complaint', id: registered.reference })}>{t('intake.open')}</a>
            <button type="button" class="quiet" onClick={() => setRegistered(null)}>
              {t('intake.another')}
            </button>
          </p>
        )}
      </main>
    );
  }

  return (
    <main class="intake" data-testid="intake">
      <h1>{t('intake.title')}</h1>
      <form
        class="card intake-form"
        noValidate
        aria-describedby={problem ? 'intake-problem' : undefined}
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <fieldset class="choices" aria-describedby={fieldProblems.channel ? 'intake-channel-problem' : undefined}>
          <legend>{t('intake.channel')}</legend>
          {INTAKE_CHANNELS.map((option) => (
            <label key={option} class="choice">
              <input type="radio" name="channel" value={option} checked={channel === option} onChange={() => change({ channel: option })} data-testid={`intake-channel-${option}`} />
              {option === 'consultation' ? t('intake.consultation') : nameOf(t, 'channel', option)}
            </label>
          ))}
          {fieldProblems.channel && (
            <p class="problem" id="intake-channel-problem">
              {fieldProblems.channel.join(' ')}
            </p>
          )}
        </fieldset>
        {channel === 'consultation' && (
          <fieldset class="choices" aria-describedby={fieldProblems.consultationKind ? 'intake-consultationKind-problem' : undefined}>
            <legend>
              {t('intake.consultationKind')} <span class="required">({t('field.required')})</span>
            </legend>
            {CONSULTATION_KINDS.map((kind) => (
              <label key={kind} class="choice">
                <input type="radio" name="consultationKind" value={kind} checked={form.consultationKind === kind} onChange={() => change({ consultationKind: kind })} data-testid={`intake-kind-${kind}`} />
                {t(`intake.${kind}`)}
              </label>
            ))}
            {fieldProblems.consultationKind && (
              <p class="problem" id="intake-consultationKind-problem">
                {fieldProblems.consultationKind.join(' ')}
              </p>
            )}
          </fieldset>
        )}
        {text('fullName', 'intake.fullName', { required: true })}
        <fieldset class="contact" aria-describedby="intake-contact-hint">
          <legend>
            {t('intake.contact')} <span class="required">({t('field.required')})</span>
          </legend>
          <p class="note" id="intake-contact-hint">
            {t('intake.contactHint')}
          </p>
          <div class="pair">
            {text('phone', 'intake.phone', { kind: 'tel', required: null })}
            {text('email', 'intake.email', { kind: 'email', required: null })}
          </div>
        </fieldset>
        {text('essence', 'intake.essence', { required: true, kind: 'multiline' })}
        {text('employeeName', 'intake.employeeName', { required: channel === 'consultation' })}
        <Labelled id="intake-language" label={t('intake.language')} problems={fieldProblems.language}>
          <select id="intake-language" value={form.language ?? ''} onChange={(event) => change({ language: event.currentTarget.value })} data-testid="intake-language">
            <option value="">{t('intake.languageUnknown')}</option>
            {Object.entries(LANGUAGE_NAMES).map(([code, name]) => (
              <option key={code} value={code} lang={code}>
                {name}
              </option>
            ))}
          </select>
        </Labelled>
        {channel === 'complaint_book' && (
          <>
            <div class="pair">
              {text('store', 'intake.store', { required: true })}
              {text('entryDate', 'intake.entryDate', { required: true, kind: 'date' })}
            </div>
            <Labelled id="intake-scan" label={t('intake.scan')} problems={fieldProblems.scanId}>
              <input
                id="intake-scan"
                type="file"
                accept={SCAN_TYPES}
                disabled={uploading}
                aria-describedby={form.scanId ? 'intake-scan-attached' : undefined}
                onChange={(event) => void upload(event.currentTarget)}
                data-testid="intake-scan"
              />
              {uploading && <p aria-busy="true">{t('intake.uploading')}</p>}
              {form.scanId && (
                <p class="attached" id="intake-scan-attached" data-testid="intake-scan-attached">
                  {t('intake.scanAttached', { name: form.scanName ?? '' })}{' '}
                  <button type="button" class="quiet" onClick={() => change({ scanId: undefined, scanName: undefined })}>
                    {t('intake.scanRemove')}
                  </button>
                </p>
              )}
            </Labelled>
          </>
        )}
        {problem && (
          <p class="problem" id="intake-problem" role="alert" data-testid="intake-problem">
            {problem}
          </p>
        )}
        <div class="buttons">
          <button type="submit" disabled={busy || uploading} data-testid="intake-submit">
            {t('intake.submit')}
          </button>
          <button
            type="button"
            class="quiet"
            onClick={() => {
              save('');
              setProblem(null);
              setFieldProblems({});
            }}
            data-testid="intake-clear"
          >
            {t('intake.clear')}
          </button>
        </div>
      </form>
    </main>
  );
}
