import { useEffect, useState } from 'preact/hooks';
import type { Timeline } from './api-types';
import { ComplaintActions } from './complaint-actions';
import { DeadlineLeft } from './deadline-left';
import { problemText, useDesk } from './desk-context';
import { nameOf } from './i18n';
import { navigate, pathOf } from './route';
import { TimelineList } from './timeline-list';

/** One complaint: the customer, the deadline that runs, the actions, and everything that happened. */
export function ComplaintView({ id }: { id: string }) {
  const { api, t, language, changes } = useDesk();
  const [timeline, setTimeline] = useState<Timeline | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);
  const changedHere = changes.lastComplaintId === id || changes.lastComplaintId === timeline?.complaint.id ? changes.count : 0;

  useEffect(() => {
    let current = true;
    api
      .timeline(id)
      .then((answer) => {
        if (!current) return;
        setTimeline(answer);
        setProblem(null);
      })
      .catch((error: unknown) => current && setProblem(problemText(error, t)));
    return () => {
      current = false;
    };
  }, [api, id, reloads, changedHere]);

  const back = (
    <a
      href={pathOf({ screen: 'inbox' })}
      onClick={(event) => {
        event.preventDefault();
        navigate({ screen: 'inbox' });
      }}
      data-testid="back"
    >
      ← {t('complaint.back')}
    </a>
  );
  if (!timeline) {
    return (
      <main class="complaint">
        {back}
        {problem ? <p class="problem" role="alert">{problem}</p> : <p aria-busy="true">{t('inbox.loading')}</p>}
      </main>
    );
  }
  const { complaint, customer, items } = timeline;
  return (
    <main class="complaint" data-testid="complaint" data-reference={complaint.reference}>
      {back}
      <h1>
        <span data-testid="complaint-reference">{complaint.reference}</span>{' '}
        <span class={`state state-${complaint.state}`} data-testid="complaint-state" data-state={complaint.state}>
          {nameOf(t, 'state', complaint.state)}
        </span>{' '}
        <span class="channel" data-testid="complaint-channel" data-channel={complaint.channel}>
          {nameOf(t, 'channel', complaint.channel)}
        </span>
      </h1>
      {problem && <p class="problem" role="alert">{problem}</p>}
      <div class="columns">
        <div class="side">
          <section class="card customer" aria-labelledby="customer-title" data-testid="customer-card">
            <h2 id="customer-title">{t('complaint.customer')}</h2>
            <p class="name">{customer.name ?? t('complaint.noName')}</p>
            <ul class="identities">
              {customer.identities.map((identity) => (
                <li key={`${identity.kind}:${identity.value}`}>
                  {nameOf(t, 'channel', identity.kind)}: {identity.value}
                  {identity.verified && ' ✓'}
                </li>
              ))}
            </ul>
            {customer.otherComplaints.length > 0 && (
              <>
                <h3>{t('complaint.other')}</h3>
                <ul>
                  {customer.otherComplaints.map((other) => (
                    <li key={other.id}>
                      <a
                        href={pathOf({ screen: 'complaint', id: other.id })}
                        onClick={(event) => {
                          event.preventDefault();
                          navigate({ screen: 'complaint', id: other.id });
                        }}
                      >
                        {other.reference}
                      </a>{' '}
                      {nameOf(t, 'state', other.state)}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
          <section class="card" aria-labelledby="deadline-title">
            <h2 id="deadline-title">{t('complaint.deadline')}</h2>
            <DeadlineLeft next={complaint.deadlines.next} t={t} language={language} />
            {complaint.missingDetails.length > 0 && (
              <p>
                {t('complaint.missing')}: {complaint.missingDetails.join(', ')}
              </p>
            )}
          </section>
          <ComplaintActions complaintId={complaint.id} assigneeId={complaint.assigneeId} allowed={complaint.actions} onDone={() => setReloads((n) => n + 1)} />
        </div>
        <section class="card main" aria-labelledby="timeline-title">
          <h2 id="timeline-title">{t('complaint.timeline')}</h2>
          <p class="essence">
            <strong>{t('complaint.essence')}:</strong> {complaint.essence}
          </p>
          <TimelineList items={items} />
        </section>
      </div>
    </main>
  );
}
