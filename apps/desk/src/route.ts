import { useEffect, useState } from 'preact/hooks';

/** The desk's screens, as paths under /desk so that a link or a reload opens the same one. */
export type Route = { screen: 'inbox' } | { screen: 'dashboard' } | { screen: 'intake' } | { screen: 'staff' } | { screen: 'complaint'; id: string };

const BASE = '/desk';

export function parseRoute(pathname: string): Route {
  if (/^\/desk\/dashboard\/?$/.test(pathname)) return { screen: 'dashboard' };
  if (/^\/desk\/intake\/?$/.test(pathname)) return { screen: 'intake' };
  if (/^\/desk\/staff\/?$/.test(pathname)) return { screen: 'staff' };
  const match = /^\/desk\/complaints\/([^/]+)\/?$/.exec(pathname);
  return match?.[1] ? { screen: 'complaint', id: decodeURIComponent(match[1]) } : { screen: 'inbox' };
}

export function pathOf(route: Route): string {
  if (route.screen === 'dashboard') return `${BASE}/dashboard`;
  if (route.screen === 'intake') return `${BASE}/intake`;
  if (route.screen === 'staff') return `${BASE}/staff`;
  return route.screen === 'complaint' ? `${BASE}/complaints/${encodeURIComponent(route.id)}` : `${BASE}/`;
}

export function navigate(route: Route): void {
  history.pushState(null, '', pathOf(route));
  dispatchEvent(new PopStateEvent('popstate'));
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.pathname));
  useEffect(() => {
    const update = () => setRoute(parseRoute(location.pathname));
    addEventListener('popstate', update);
    return () => removeEventListener('popstate', update);
  }, []);
  return route;
}
