import { useEffect, useMemo, useState } from 'preact/hooks';
import { AgentApi, renewToken } from './api';
import type { TokenAnswer } from './api-types';
import { ComplaintView } from './complaint-view';
import { type Desk, DeskContext } from './desk-context';
import { Dashboard } from './dashboard';
import { DESK_LANGUAGES, type DeskLanguage, isDeskLanguage, rememberedLanguage, rememberLanguage, translator, type Translate } from './i18n';
import { Inbox } from './inbox';
import { Intake } from './intake';
import { listenForChanges } from './live';
import { navigate, pathOf, type Route, useRoute } from './route';
import { loadSession, saveSession, type Session, sessionFrom } from './session';
import { SignIn } from './sign-in';
import { StaffAccounts } from './staff-accounts';
import { companyTimeZone, setCompanyTimeZone } from './time';

/** Renew this long before the token expires, so a long reply is never cut off. */
const RENEW_BEFORE_MS = 60_000;

/** The dashboard is the supervisors' (and admins'): the API answers it to them only. */
const seesDashboard = (role: string) => role === 'supervisor' || role === 'admin';

/** The staff accounts are the admins' alone (GET/POST/PATCH /agents). */
const managesStaff = (role: string) => role === 'admin';

/** A link in the header to one of the desk's screens, opened without a reload. */
function ScreenLink({ to, current, label, testId }: { to: Route; current: Route; label: string; testId: string }) {
  const here = current.screen === to.screen;
  return (
    <a
      class="screen-link"
      href={pathOf(to)}
      aria-current={here ? 'page' : undefined}
      onClick={(event) => {
        if (event.ctrlKey || event.metaKey || event.shiftKey) return;
        event.preventDefault();
        navigate(to);
      }}
      data-testid={testId}
    >
      {label}
    </a>
  );
}

function LanguagePicker({ language, t, onPick }: { language: DeskLanguage; t: Translate; onPick: (language: DeskLanguage) => void }) {
  return (
    <label class="language">
      {t('lang.label')}
      <select value={language} onChange={(e) => isDeskLanguage(e.currentTarget.value) && onPick(e.currentTarget.value)} data-testid="language">
        {DESK_LANGUAGES.map((code) => (
          <option key={code} value={code}>
            {code.toUpperCase()}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The desk: sign-in until there is a session, then the inbox or one complaint. */
export function App() {
  const [session, setSession] = useState<Session | null>(loadSession);
  const [expired, setExpired] = useState(false);
  const [language, setLanguage] = useState<DeskLanguage>(rememberedLanguage);
  const [changes, setChanges] = useState<Desk['changes']>({ count: 0, lastComplaintId: null });
  const [live, setLive] = useState(false);
  // Every date is formatted in the zone time.ts holds: a new one renders the desk again.
  const [, setTimeZone] = useState(companyTimeZone);
  const route = useRoute();
  const t = useMemo(() => translator(language), [language]);

  const keep = (next: Session | null) => {
    saveSession(next);
    setSession(next);
  };
  const api = useMemo(
    () =>
      session &&
      new AgentApi(session.token, () => {
        keep(null);
        setExpired(true);
      }),
    [session?.token],
  );

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = t('app.title');
  }, [language]);

  // The agent's own language, where core keeps one, and the company's time zone for every date.
  useEffect(() => {
    void api?.preferences().then((stored) => {
      if (isDeskLanguage(stored?.language)) pick(stored.language, false);
      if (stored?.timeZone && setCompanyTimeZone(stored.timeZone)) setTimeZone(stored.timeZone);
    });
  }, [api]);

  // Renew the token before it expires; where core cannot, the next 401 asks for a sign-in.
  useEffect(() => {
    if (!session) return;
    const timer = setTimeout(() => {
      void renewToken(session.token).then((renewed) => renewed && keep({ ...session, ...renewed }));
    }, Math.max(0, session.expiresAt - Date.now() - RENEW_BEFORE_MS));
    return () => clearTimeout(timer);
  }, [session?.token]);

  useEffect(() => {
    if (!session) return;
    return listenForChanges(
      session.token,
      (change) => setChanges((before) => ({ count: before.count + 1, lastComplaintId: change.complaintId })),
      setLive,
    );
  }, [session?.token]);

  function pick(next: DeskLanguage, save = true) {
    setLanguage(next);
    rememberLanguage(next);
    if (save) void api?.saveLanguage(next);
  }

  const signedIn = (answer: TokenAnswer) => {
    setExpired(false);
    keep(sessionFrom(answer));
  };

  if (!session || !api) {
    return (
      <>
        <header class="top">
          <span class="brand">{t('app.title')}</span>
          <LanguagePicker language={language} t={t} onPick={(next) => pick(next, false)} />
        </header>
        <SignIn t={t} expired={expired} onSignedIn={signedIn} />
      </>
    );
  }

  const desk: Desk = { agent: session.agent, api, language, t, changes, live };
  return (
    <DeskContext.Provider value={desk}>
      <header class="top">
        <a class="brand" href="/desk/">
          {t('app.title')}
        </a>
        <nav class="screens" aria-label={t('app.title')}>
          <ScreenLink to={{ screen: 'inbox' }} current={route} label={t('nav.inbox')} testId="nav-inbox" />
          <ScreenLink to={{ screen: 'intake' }} current={route} label={t('nav.intake')} testId="nav-intake" />
          {seesDashboard(session.agent.role) && <ScreenLink to={{ screen: 'dashboard' }} current={route} label={t('nav.dashboard')} testId="nav-dashboard" />}
          {managesStaff(session.agent.role) && <ScreenLink to={{ screen: 'staff' }} current={route} label={t('staff.nav')} testId="nav-staff" />}
        </nav>
        <span class="who" data-testid="agent-name">
          {session.agent.displayName}
        </span>
        <span class={live ? 'live on' : 'live'} data-testid="live" data-live={String(live)}>
          {live ? t('inbox.live') : t('inbox.offline')}
        </span>
        <LanguagePicker language={language} t={t} onPick={pick} />
        <button type="button" class="quiet" onClick={() => keep(null)} data-testid="sign-out">
          {t('signOut')}
        </button>
      </header>
      {route.screen === 'complaint' ? (
        <ComplaintView id={route.id} />
      ) : route.screen === 'dashboard' && seesDashboard(session.agent.role) ? (
        <Dashboard />
      ) : route.screen === 'intake' ? (
        <Intake />
      ) : route.screen === 'staff' && managesStaff(session.agent.role) ? (
        <StaffAccounts />
      ) : (
        <Inbox />
      )}
    </DeskContext.Provider>
  );
}
