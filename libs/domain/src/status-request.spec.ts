import { parseStatusRequest } from './status-request';

describe('parseStatusRequest', () => {
  it.each(['status', 'Status', 'STATUS!', 'статус', 'Статус?', 'vəziyyət', '/status', '/status@plaint_bot', '  status  '])(
    'recognises "%s" as a status request without a reference',
    (text) => {
      expect(parseStatusRequest(text)).toEqual({});
    },
  );

  it('takes the reference that follows, in any spelling the customer types', () => {
    expect(parseStatusRequest('status 7K3M-9QXD-2HFA')).toEqual({ reference: '7K3M-9QXD-2HFA' });
    expect(parseStatusRequest('статус 7k3m 9qxd 2hfa')).toEqual({ reference: '7K3M-9QXD-2HFA' });
    expect(parseStatusRequest('/status 7K3M9QXD2HFA')).toEqual({ reference: '7K3M-9QXD-2HFA' });
  });

  it('leaves complaints that only mention the word alone', () => {
    expect(parseStatusRequest('status of my order is wrong, the fridge never came')).toBeUndefined();
    expect(parseStatusRequest('Статус заказа не меняется уже неделю')).toBeUndefined();
    expect(parseStatusRequest('my status')).toBeUndefined();
    expect(parseStatusRequest('')).toBeUndefined();
  });
});
