import type { TimelineItem } from './api-types';
import { useDesk } from './desk-context';
import { nameOf } from './i18n';
import { formatInstant } from './time';

function actorName(actor: { kind: string; id: string | null; name?: string | null }): string {
  return actor.name ?? actor.kind;
}

/** One line of the timeline: what happened, when, and by whom; texts shown as text. */
function Item({ item }: { item: TimelineItem }) {
  const { t, language } = useDesk();
  const when = <time dateTime={item.at}>{formatInstant(item.at, language)}</time>;
  switch (item.kind) {
    case 'message':
      return (
        <li class="item message" data-kind="message">
          <p class="meta">
            {t('item.message', { channel: nameOf(t, 'channel', item.channel) })} · {when}
            {item.automated && ` · ${t('item.automated')}`}
          </p>
          <p class="text">{item.text}</p>
        </li>
      );
    case 'notice':
      return (
        <li class={`item notice notice-${item.status}`} data-kind="notice" data-status={item.status}>
          <p class="meta">
            {t('item.notice', { event: item.eventType })} · {item.route ?? nameOf(t, 'channel', 'chat')} · {when} ·{' '}
            <strong>{nameOf(t, 'notice', item.receipt ?? item.status)}</strong>
            {item.reason && ` — ${item.reason}`}
          </p>
          {item.text && <p class="text">{item.text}</p>}
        </li>
      );
    case 'step':
      return (
        <li class="item step" data-kind="step">
          <p class="meta">
            {t('item.step', { from: nameOf(t, 'state', item.from), to: nameOf(t, 'state', item.to) })} · {when} · {t('item.by', { actor: actorName(item.actor) })}
          </p>
          <p class="text">{item.why}</p>
        </li>
      );
    case 'note':
    case 'merge':
      return (
        <li class={`item ${item.kind}`} data-kind={item.kind}>
          <p class="meta">
            {t(item.kind === 'note' ? 'item.note' : 'item.merge')} · {when} · {t('item.by', { actor: actorName(item.actor) })}
          </p>
          <p class="text">{item.text}</p>
        </li>
      );
  }
}

export function TimelineList({ items }: { items: TimelineItem[] }) {
  return (
    <ol class="timeline" data-testid="timeline">
      {items.map((item, index) => (
        <Item key={`${item.at}-${index}`} item={item} />
      ))}
    </ol>
  );
}
