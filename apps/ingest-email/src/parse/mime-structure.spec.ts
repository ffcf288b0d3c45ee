import { checkMimeStructure } from './mime-structure';

const mail = (body: string): Buffer => Buffer.from(`From: a@mail.az\r\nMIME-Version: 1.0\r\n${body}`.replace(/\r?\n/g, '\r\n'));

describe('checkMimeStructure', () => {
  it('counts nesting of multiparts', () => {
    const raw = mail(`Content-Type: multipart/mixed; boundary=outer

--outer
Content-Type: multipart/alternative; boundary="inner"

--inner
Content-Type: text/plain

hi
--inner--
--outer--
`);
    expect(checkMimeStructure(raw, 20)).toEqual({ ok: true, depth: 2 });
    expect(checkMimeStructure(raw, 1)).toEqual({ ok: false, reason: 'MIME parts are nested deeper than 1 levels' });
  });

  it('counts an embedded message/rfc822 as a level, and what nests inside it', () => {
    const raw = mail(`Content-Type: multipart/mixed; boundary=a

--a
Content-Type: message/rfc822

From: b@mail.az
Content-Type: multipart/mixed; boundary=b

--b
Content-Type: text/plain

inner
--b--
--a--
`);
    expect(checkMimeStructure(raw, 20)).toEqual({ ok: true, depth: 3 });
  });

  it('reads a boundary behind a comment and a parent boundary that closes inner parts', () => {
    const raw = mail(`Content-Type: multipart/mixed (note); boundary=a (comment)

--a
Content-Type: multipart/alternative; boundary=b

--b
Content-Type: text/plain

never closed
--a--
`);
    expect(checkMimeStructure(raw, 20)).toEqual({ ok: true, depth: 2 });
  });

  it('finds a multipart without a boundary', () => {
    expect(checkMimeStructure(mail('Content-Type: multipart/mixed\r\n\r\n--x\r\n\r\nhi\r\n'), 20)).toEqual({
      ok: false,
      reason: 'the multipart/mixed part has no boundary, so its content cannot be read',
    });
  });

  it('accepts base64 in any line length and with padding, refuses foreign characters', () => {
    const part = (data: string): Buffer =>
      mail(`Content-Type: application/pdf; name="a.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\n${data}\r\n`);
    expect(checkMimeStructure(part('JVBERi0x\r\nLjQK\r\n\r\n'), 20).ok).toBe(true);
    expect(checkMimeStructure(part('JVBERi0x LjQ=\t'), 20).ok).toBe(true);
    expect(checkMimeStructure(part('JVBERi0x*LjQK'), 20)).toEqual({
      ok: false,
      reason: 'the base64 content of the part "a.pdf" (application/pdf) has characters that are not base64, so its decoded bytes would be corrupt',
    });
  });

  it('does not look into a base64 encoded embedded message', () => {
    const raw = mail(`Content-Type: message/rfc822\r\nContent-Transfer-Encoding: base64\r\n\r\n${Buffer.from('Content-Type: multipart/mixed\r\n\r\n').toString('base64')}\r\n`);
    expect(checkMimeStructure(raw, 20)).toEqual({ ok: true, depth: 0 });
  });
});
