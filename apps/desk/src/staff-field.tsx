import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from './api';
import { problemText, useDesk } from './desk-context';
import type { Translate } from './i18n';

/** The server's problems with each field of a form, by the field's name. */
export type FieldProblems = Record<string, string[]>;

/**
 * A refusal of a staff form, split: the problems with the form's own fields, to show beside
 * them, and the message (with any other field's problems) to show below the form.
 */
export function refusalOf(error: unknown, fields: readonly string[], t: Translate): { message: string; beside: FieldProblems } {
  if (!(error instanceof ApiError)) return { message: problemText(error, t), beside: {} };
  const problems = [...(error.body?.errors ?? [])];
  // A taken username is a 409 without a field list; it still belongs beside the username.
  if (error.body?.code === 'username_taken' && fields.includes('username')) problems.push({ field: 'username', problems: [error.body.message] });
  const beside = problems.filter((problem) => fields.includes(problem.field));
  const elsewhere = problems.filter((problem) => !fields.includes(problem.field)).map((problem) => `${problem.field}: ${problem.problems.join(', ')}`);
  return {
    message: [error.body?.message ?? t('error.generic', { status: error.status }), ...elsewhere].join(' — '),
    beside: Object.fromEntries(beside.map((problem) => [problem.field, problem.problems])),
  };
}

/** The accessible attributes of a control with an optional hint and the server's problems with it. */
export function describedControl(id: string, problems: string[] | undefined, hint: boolean) {
  const describedBy = [hint ? `${id}-hint` : '', problems ? `${id}-problem` : ''].filter(Boolean).join(' ');
  return { id, 'aria-invalid': problems ? true : undefined, 'aria-describedby': describedBy || undefined, 'data-testid': id };
}

/** A labelled control, marked required or optional, with its hint and the server's problems with it. */
export function StaffField(props: { id: string; label: string; required: boolean; hint?: string; problems?: string[]; children: ComponentChildren }) {
  const { t } = useDesk();
  return (
    <div class="field">
      <label for={props.id}>
        {props.label} <span class="required">({t(props.required ? 'field.required' : 'staff.optional')})</span>
      </label>
      {props.children}
      {props.hint && (
        <p class="note" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.problems && (
        <p class="problem" id={`${props.id}-problem`} data-testid={`${props.id}-problem`}>
          {props.problems.join(' ')}
        </p>
      )}
    </div>
  );
}

/**
 * Moves the focus to an element by its id once it has been rendered: after an action the
 * keyboard goes on from what the action changed, not from the top of the page.
 */
export function useFocusAfterRender(): (id: string) => void {
  const [target, setTarget] = useState<string | null>(null);
  useEffect(() => {
    if (!target) return;
    const element = document.getElementById(target);
    element?.focus();
    // Not there yet, or not focusable yet (a button still disabled): try again after the next render.
    if (element && document.activeElement === element) setTarget(null);
  });
  return setTarget;
}
