import { parseEmailStatusRequest, parseStatusRequest } from './status-request';

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

describe('parseEmailStatusRequest', () => {
  it('reads a status subject with a short body, taking the reference from wherever it is', () => {
    expect(parseEmailStatusRequest('Status', 'Hello, any news? Anar')).toEqual({});
    expect(parseEmailStatusRequest('Re: статус', 'Добрый день, что с жалобой 7K3M-9QXD-2HFA?', ['7K3M-9QXD-2HFA'])).toEqual({
      reference: '7K3M-9QXD-2HFA',
    });
    expect(parseEmailStatusRequest('AW: status 7K3M-9QXD-2HFA', '')).toEqual({ reference: '7K3M-9QXD-2HFA' });
  });

  it('reads a body of one status line followed by a signature', () => {
    expect(parseEmailStatusRequest('Your complaint [7K3M-9QXD-2HFA]', 'status\n\n-- \nAnar Məmmədov\n+994 50 123 45 67')).toEqual({});
  });

  it('leaves a complaint alone, even one whose subject says status', () => {
    expect(parseEmailStatusRequest('Order status wrong', 'The fridge never came')).toBeUndefined();
    expect(parseEmailStatusRequest('Status', 'x'.repeat(501))).toBeUndefined();
    expect(parseEmailStatusRequest('Problem', 'status\nand also the TV is broken')).toBeUndefined();
  });
});
