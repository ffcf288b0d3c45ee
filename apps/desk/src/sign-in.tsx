import { useState } from 'preact/hooks';
import { signIn } from './api';
import type { TokenAnswer } from './api-types';
import { problemText } from './desk-context';
import { useDraft } from './drafts';
import type { Translate } from './i18n';

/** Username and password for a token; after an expired session, says so (drafts are kept). */
export function SignIn({ t, expired, onSignedIn }: { t: Translate; expired: boolean; onSignedIn: (answer: TokenAnswer) => void }) {
  const [username, setUsername] = useDraft('sign-in.username');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      onSignedIn(await signIn(username.trim(), password));
    } catch (error) {
      setProblem(problemText(error, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="sign-in" data-testid="sign-in">
      <form onSubmit={(event) => void submit(event)} class="card">
        <h1>{t('signIn.title')}</h1>
        {expired && <p class="caution" role="status">{t('signIn.again')}</p>}
        <label>
          {t('signIn.username')}
          <input name="username" autocomplete="username" required value={username} onInput={(e) => setUsername(e.currentTarget.value)} data-testid="sign-in-username" />
        </label>
        <label>
          {t('signIn.password')}
          <input name="password" type="password" autocomplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} data-testid="sign-in-password" />
        </label>
        {problem && <p class="problem" role="alert" data-testid="sign-in-problem">{problem}</p>}
        <button type="submit" disabled={busy} data-testid="sign-in-submit">{t('signIn.submit')}</button>
      </form>
    </main>
  );
}
