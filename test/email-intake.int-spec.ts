import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { type AddressInfo, connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { type RunningPlaint, startPlaint } from '../apps/plaint/src/bootstrap';
import { ComplaintEntity, MessageEntity, QuarantinedEmailEntity } from '../libs/persistence/src';
import { type GreenMail, greenMail, restartGreenMail } from './support/greenmail';
import { freePort } from './support/free-port';
import { composeMail, deliverRaw, sendMail } from './support/mail-sender';
import { readInbox } from './support/mailbox';
import { Staff } from './support/staff';
import { waitFor } from './support/wait-for';
import { embeddedEnv } from './support/plaint-services';

const server = greenMail();

const REFERENCE_IN_SUBJECT = /\[([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})\]/;
const unique = () => randomUUID().slice(0, 8);

describe('e-mail intake (real IMAP and SMTP server)', () => {
  const running: RunningPlaint[] = [];
  const slow = { timeoutMs: 45_000, intervalMs: 200 };

  /** The product, reading its own care mailbox (one per test, so tests never share mail). */
  const start = async (dataDir: string, care: string, mail: GreenMail = server) => {
    const plaint = await startPlaint({
      env: embeddedEnv(dataDir, {
        PLAINT_IMAP_URL: `imap://${encodeURIComponent(care)}:x@${mail.host}:${mail.imapPort}/INBOX`,
        PLAINT_IMAP_SWEEP_MS: '500',
        PLAINT_SMTP_URL: `smtp://${mail.host}:${mail.smtpPort}`,
        PLAINT_MAIL_FROM: `Care <${care}>`,
      }),
    });
    running.push(plaint);
    return plaint;
  };
  const stop = async (plaint: RunningPlaint) => {
    running.splice(running.indexOf(plaint), 1);
    await plaint.close();
  };
  const newCare = () => ({ dataDir: mkdtempSync(join(tmpdir(), 'plaint-intake-')), care: `care-${unique()}@plaint.test` });
  const customer = (label: string) => ({ name: 'Leyla Məmmədova', address: `${label}-${unique()}@customer.test` });
  const complaints = (plaint: RunningPlaint) =>
    plaint.app.get(DataSource).getRepository(ComplaintEntity).find({ order: { createdAt: 'ASC' } });
  const messages = (plaint: RunningPlaint) => plaint.app.get(DataSource).getRepository(MessageEntity).find();
  const status = (plaint: RunningPlaint, reference: string, contact: string) =>
    request(plaint.url).get('/api/v1/complaints/status').query({ reference, contact });
  const quiet = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  afterEach(async () => {
    for (const plaint of running.splice(0)) await plaint.close();
  });

  it('opens one complaint for a mail, acknowledges it by mail, and threads the reply to it', async () => {
    const { dataDir, care } = newCare();
    const plaint = await start(dataDir, care);
    const leyla = customer('leyla');
    await sendMail(server, {
      from: leyla,
      to: { address: care },
      subject: 'Paltaryuyan maşın',
      text: 'Dünən aldığım paltaryuyan maşın işləmir.',
    });

    const [ack] = await waitFor(() => readInbox(server, leyla.address), (mails) => mails.length === 1, {
      ...slow,
      what: 'the acknowledgement in the customer mailbox',
    });
    const reference = REFERENCE_IN_SUBJECT.exec(ack?.subject ?? '')?.[1] ?? '';
    expect(reference).not.toBe('');
    expect(ack?.text).toContain(reference);
    const lookup = await status(plaint, reference, leyla.address).expect(200);
    expect(lookup.body).toMatchObject({ reference, channel: 'email' });
    expect(await complaints(plaint)).toHaveLength(1);

    // The customer answers the acknowledgement from their mail client.
    await sendMail(server, {
      from: leyla,
      to: { address: care },
      subject: `Re: ${ack?.subject ?? ''}`,
      text: 'Seriya nömrəsi: WM-20931. Çeki əlavə edirəm.',
      inReplyTo: ack?.messageId,
      references: ack?.messageId ? [ack.messageId] : [],
    });
    const attached = await waitFor(
      () => messages(plaint),
      (rows) => rows.length === 2,
      { ...slow, what: 'the reply in the inbox' },
    );
    const [complaint] = await complaints(plaint);
    expect(await complaints(plaint)).toHaveLength(1);
    expect(attached.map((row) => row.complaintId)).toEqual([complaint?.id, complaint?.id]);
    await quiet(3000);
    expect(await readInbox(server, leyla.address)).toHaveLength(1);
  });

  it('answers a status request by mail, without opening a complaint', async () => {
    const { dataDir, care } = newCare();
    const plaint = await start(dataDir, care);
    const anar = { name: 'Anar Quliyev', address: `anar-${unique()}@customer.test` };
    await sendMail(server, { from: anar, to: { address: care }, subject: 'Soyuducu', text: 'Yeni aldığım soyuducu səs-küy salır və soyutmur.' });
    const [ack] = await waitFor(() => readInbox(server, anar.address), (mails) => mails.length === 1, { ...slow, what: 'the acknowledgement' });
    const reference = REFERENCE_IN_SUBJECT.exec(ack?.subject ?? '')?.[1] ?? '';

    // A fresh mail (not a reply) whose subject asks for the status and names the reference.
    await sendMail(server, { from: anar, to: { address: care }, subject: `Status ${reference}`, text: 'Salam, vəziyyət necədir?\n-- \nAnar' });
    const mails = await waitFor(() => readInbox(server, anar.address), (found) => found.length === 2, { ...slow, what: 'the status answer' });
    const answer = mails.find((mail) => mail !== mails.find((m) => m.messageId === ack?.messageId));
    expect(answer?.subject).toContain(reference);
    expect(answer?.text).toContain(reference);
    expect(await complaints(plaint)).toHaveLength(1);
    const stored = await messages(plaint);
    expect(stored.map((m) => m.status).sort()).toEqual(['attached', 'status_query']);
  }, 90_000);

  it('never opens a complaint for, nor answers, an auto-reply or a mailing list', async () => {
    const { dataDir, care } = newCare();
    const plaint = await start(dataDir, care);
    const robot = customer('vacation');
    const list = customer('newsletter');
    const person = customer('person');
    await sendMail(server, {
      from: robot,
      to: { address: care },
      subject: 'Out of office',
      text: 'I am away until Monday.',
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    await sendMail(server, {
      from: list,
      to: { address: care },
      subject: 'Weekly deals',
      text: 'Our best offers this week.',
      headers: { 'List-Id': '<deals.shop.test>', 'List-Unsubscribe': '<mailto:leave@shop.test>' },
    });
    // A person's mail after them shows that the two before were taken and passed over.
    await sendMail(server, { from: person, to: { address: care }, subject: 'Broken kettle', text: 'My kettle is broken.' });

    await waitFor(() => readInbox(server, person.address), (mails) => mails.length === 1, { ...slow, what: "the person's acknowledgement" });
    const rows = await messages(plaint);
    expect(rows).toHaveLength(3);
    expect(rows.filter((row) => row.automated).map((row) => row.status)).toEqual(['ignored', 'ignored']);
    expect(await complaints(plaint)).toHaveLength(1);
    await quiet(2000);
    expect(await readInbox(server, robot.address)).toEqual([]);
    expect(await readInbox(server, list.address)).toEqual([]);
  });

  it('takes every mail exactly once when stopped in the middle and started again', async () => {
    const { dataDir, care } = newCare();
    let plaint = await start(dataDir, care);
    const senders = Array.from({ length: 30 }, (_, i) => customer(`many${i}`));
    const send = async (from: (typeof senders)[number], i: number) =>
      sendMail(server, { from, to: { address: care }, subject: `Complaint ${i}`, text: `Complaint number ${i} about a broken order` });
    for (const [i, from] of senders.slice(0, 15).entries()) await send(from, i);

    // Stopped as soon as the first complaints appear, while the rest is still arriving: some
    // mails are on the bus, some fetched or in flight, the last ones come in while it is down.
    await waitFor(() => complaints(plaint), (rows) => rows.length > 0, { ...slow, intervalMs: 20, what: 'the first complaints' });
    const sendTheRest = async () => {
      for (const [i, from] of senders.slice(15).entries()) await send(from, i + 15);
    };
    await Promise.all([stop(plaint), sendTheRest()]);

    plaint = await start(dataDir, care);
    const all = await waitFor(() => complaints(plaint), (rows) => rows.length >= 30, { ...slow, what: 'all 30 complaints' });
    await quiet(1500);
    expect(await complaints(plaint)).toHaveLength(30);
    expect(new Set(all.map((row) => row.email)).size).toBe(30);
    const rows = await messages(plaint);
    expect(rows).toHaveLength(30);
    expect(new Set(rows.map((row) => row.externalId)).size).toBe(30);
  });

  it("keeps a stranger's mail that reuses a customer's Message-ID, or answers her acknowledgement, out of her complaint", async () => {
    const { dataDir, care } = newCare();
    const plaint = await start(dataDir, care);
    // No display name: her acknowledgement asks for her full name.
    const leyla = { address: `leyla-${unique()}@customer.test` };
    const root = `<root-${unique()}@customer.test>`;
    await sendMail(server, { from: leyla, to: { address: care }, messageId: root, subject: 'Paltaryuyan maşın', text: 'Dünən aldığım paltaryuyan maşın işləmir.' });
    const [ack] = await waitFor(() => readInbox(server, leyla.address), (mails) => mails.length === 1, { ...slow, what: 'her acknowledgement' });
    const hers = REFERENCE_IN_SUBJECT.exec(ack?.subject ?? '')?.[1] ?? '';
    expect(ack?.text).toMatch(/tam adınız/);

    // One stranger's mail carries her Message-ID; another answers her acknowledgement.
    const copycat = { address: `copycat-${unique()}@stranger.test` };
    await sendMail(server, { from: copycat, to: { address: care }, messageId: root, subject: 'Sifariş', text: 'Sifarişim hələ gəlməyib' });
    const replier = { address: `replier-${unique()}@stranger.test` };
    await sendMail(server, {
      from: replier,
      to: { address: care },
      subject: `Re: ${ack?.subject ?? ''}`,
      text: 'Mənim də maşınım xarabdır',
      inReplyTo: ack?.messageId,
      references: ack?.messageId ? [ack.messageId] : [],
    });
    for (const stranger of [copycat, replier]) {
      const [own] = await waitFor(() => readInbox(server, stranger.address), (mails) => mails.length === 1, { ...slow, what: 'the stranger acknowledged' });
      const theirs = REFERENCE_IN_SUBJECT.exec(own?.subject ?? '')?.[1] ?? '';
      expect(theirs).not.toBe('');
      expect(theirs).not.toBe(hers);
      expect(own?.text).not.toContain(hers);
    }
    const rows = await complaints(plaint);
    expect(rows).toHaveLength(3);
    const complaint = rows.find((row) => row.reference === hers);
    // Her complaint holds only her mail, still asks for her name, and has no stranger's words as a name.
    expect(complaint?.fullName).toBeNull();
    expect(complaint?.missingDetails).toEqual(['fullName']);
    expect((await messages(plaint)).filter((m) => m.complaintId === complaint?.id)).toHaveLength(1);
    expect(new Set(rows.map((row) => row.customerId)).size).toBe(3);
    expect(await readInbox(server, leyla.address)).toHaveLength(1);
  }, 90_000);

  it("answers a stranger who asks for the status in a customer's thread as not found, with or without her reference", async () => {
    const { dataDir, care } = newCare();
    const plaint = await start(dataDir, care);
    const leyla = { name: 'Leyla Məmmədova', address: `leyla-${unique()}@customer.test` };
    const root = `<root-${unique()}@customer.test>`;
    await sendMail(server, { from: leyla, to: { address: care }, messageId: root, subject: 'Paltaryuyan maşın', text: 'Dünən aldığım paltaryuyan maşın işləmir.' });
    const [ack] = await waitFor(() => readInbox(server, leyla.address), (mails) => mails.length === 1, { ...slow, what: 'her acknowledgement' });
    const hers = REFERENCE_IN_SUBJECT.exec(ack?.subject ?? '')?.[1] ?? '';
    expect(hers).not.toBe('');

    // One stranger threads a bare "status" under her first mail; another also names her reference.
    const prober = { address: `prober-${unique()}@stranger.test` };
    await sendMail(server, { from: prober, to: { address: care }, subject: 'Re: Paltaryuyan maşın', text: 'status', inReplyTo: root, references: [root] });
    const insider = { address: `insider-${unique()}@stranger.test` };
    await sendMail(server, { from: insider, to: { address: care }, subject: `Status ${hers}`, text: 'status', inReplyTo: root, references: [root] });
    for (const stranger of [prober, insider]) {
      const [answer] = await waitFor(() => readInbox(server, stranger.address), (mails) => mails.length === 1, { ...slow, what: 'the stranger answered' });
      // The not-found answer names no complaint; the insider's subject quoted the reference back.
      expect(answer?.text).not.toContain(hers);
      expect(answer?.text).toMatch(/could not find|tapa bilmədik|не нашли/);
    }
    const stored = await waitFor(() => messages(plaint), (rows) => rows.length === 3, { ...slow, what: 'all three mails stored' });
    const queries = stored.filter((row) => row.status === 'status_query');
    expect(queries).toHaveLength(2);
    expect(queries.map((row) => row.complaintId)).toEqual([null, null]);
    expect(await complaints(plaint)).toHaveLength(1);
  }, 90_000);

  it('takes the subject as the complaint when the body holds only a photo, and does not ask for it again', async () => {
    const { dataDir, care } = newCare();
    const plaint = await start(dataDir, care);
    const anar = { name: 'Anar Quliyev', address: `anar-${unique()}@customer.test` };
    const photo = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    await sendMail(server, {
      from: anar,
      to: { address: care },
      subject: 'Sifariş 3 gündür gecikir',
      attachments: [{ filename: 'qaimə.png', content: photo, contentType: 'image/png' }],
    });
    const [ack] = await waitFor(() => readInbox(server, anar.address), (mails) => mails.length === 1, { ...slow, what: 'the acknowledgement' });
    expect(ack?.text).not.toMatch(/problemin təsviri/);
    const [complaint] = await complaints(plaint);
    expect(complaint?.essence).toBe('Sifariş 3 gündür gecikir');
    expect(complaint?.missingDetails).toEqual([]);

    // His answer adds to the complaint's messages; the subject is not repeated in it.
    await sendMail(server, {
      from: anar,
      to: { address: care },
      subject: `Re: ${ack?.subject ?? ''}`,
      text: 'Sifariş nömrəsi 48213.',
      inReplyTo: ack?.messageId,
      references: ack?.messageId ? [ack.messageId] : [],
    });
    await waitFor(() => messages(plaint), (rows) => rows.length === 2, { ...slow, what: 'the answer stored' });
    const [after] = await complaints(plaint);
    expect(after?.essence).toBe('Sifariş 3 gündür gecikir');
    expect(await complaints(plaint)).toHaveLength(1);
  }, 90_000);

  it("makes a customer's mail an employee forwards the customer's complaint, with a receipt to the employee", async () => {
    const { dataDir, care } = newCare();
    const plaint = await start(dataDir, care);
    // The care address's domain is the company's (PLAINT_COMPANY_MAIL_DOMAINS by default).
    const aysel = { name: 'Aysel Store', address: `aysel-${unique()}@plaint.test` };
    const reshad = { name: 'Rəşad Əliyev', address: `reshad-${unique()}@customer.test` };
    await sendMail(server, {
      from: aysel,
      to: { address: care },
      subject: 'Fwd: Sifariş gecikir',
      text: [
        'Müştərinin məktubudur, baxın zəhmət olmasa.',
        '',
        '---------- Forwarded message ---------',
        `From: ${reshad.name} <${reshad.address}>`,
        'Date: Mon, 7 Dec 2026 at 10:00',
        'Subject: Sifariş gecikir',
        `To: <${aysel.address}>`,
        '',
        'Sifarişim 3 gündür gəlmir, heç kim zəng etmir.',
      ].join('\n'),
    });
    // An Outlook forward "as attachment" whose original sender cannot be read.
    const unreadable = await composeMail({ from: 'Rəşad', to: aysel.address, subject: 'Soyuducu', text: 'Soyuducum soyutmur.' });
    await sendMail(server, {
      from: aysel,
      to: { address: care },
      subject: 'FW: Soyuducu',
      text: 'See the attached mail.',
      attachments: [{ filename: 'Soyuducu.eml', content: unreadable, contentType: 'message/rfc822', contentDisposition: 'attachment' }],
    });

    const [ack] = await waitFor(() => readInbox(server, reshad.address), (mails) => mails.length === 1, { ...slow, what: 'the customer acknowledged' });
    const reference = REFERENCE_IN_SUBJECT.exec(ack?.subject ?? '')?.[1] ?? '';
    expect(ack?.text).toContain('Rəşad Əliyev');
    expect(ack?.text).toContain(reference);
    const receipts = await waitFor(() => readInbox(server, aysel.address), (mails) => mails.length === 2, { ...slow, what: 'two receipts to the employee' });
    const forwarded = receipts.find((mail) => mail.subject?.includes(reference));
    expect(forwarded?.text).toMatch(/müştəri məktubu .* qeydə alındı/);
    expect(forwarded?.text).toMatch(/Müştəriyə təsdiq göndərdik/);
    const flagged = receipts.find((mail) => mail !== forwarded);
    expect(flagged?.text).toMatch(/heç kimə cavab göndərilmədi/);
    // Neither is a customer's acknowledgement.
    for (const receipt of receipts) expect(receipt.subject).not.toMatch(/Şikayətiniz qeydə alındı/);

    const staff = await Staff.hire(plaint, [['sevda', 'supervisor']]);
    const listed = (await staff.as('sevda').get('/api/v1/agent/complaints?channel=email&limit=50').expect(200)).body.items as {
      reference: string;
      essence: string;
      customer: { name: string | null; email: string | null };
      forwardedBy: string | null;
      attention: string | null;
    }[];
    expect(listed).toHaveLength(2);
    expect(listed.find((c) => c.reference === reference)).toMatchObject({
      customer: { name: 'Rəşad Əliyev', email: reshad.address },
      essence: 'Sifariş gecikir\n\nSifarişim 3 gündür gəlmir, heç kim zəng etmir.',
      forwardedBy: aysel.address,
      attention: null,
    });
    expect(listed.find((c) => c.reference !== reference)).toMatchObject({
      customer: { email: null },
      essence: 'Soyuducu\n\nSoyuducum soyutmur.',
      forwardedBy: aysel.address,
      attention: 'forward-without-sender',
    });
    await quiet(2000);
    expect(await readInbox(server, reshad.address)).toHaveLength(1);
    expect(await readInbox(server, aysel.address)).toHaveLength(2);
  }, 120_000);

  it("never lets a forward, forged or real, write into a customer's complaint or answer for her", async () => {
    const { dataDir, care } = newCare();
    const plaint = await start(dataDir, care);
    // No display name: her acknowledgement asks for her full name.
    const leyla = { address: `leyla-${unique()}@customer.test` };
    await sendMail(server, { from: leyla, to: { address: care }, subject: 'Paltaryuyan maşın', text: 'Dünən aldığım paltaryuyan maşın işləmir.' });
    const [ack] = await waitFor(() => readInbox(server, leyla.address), (mails) => mails.length === 1, { ...slow, what: 'her acknowledgement' });
    const hers = REFERENCE_IN_SUBJECT.exec(ack?.subject ?? '')?.[1] ?? '';
    expect(hers).not.toBe('');

    // A mail from outside that only claims a company address, "forwarding" her answer with her reference.
    const forger = { name: 'Care Team', address: `care-team-${unique()}@plaint.test` };
    await sendMail(server, {
      from: forger,
      to: { address: care },
      subject: `Fwd: Re: [${hers}]`,
      text: [
        '---------- Forwarded message ---------',
        `From: <${leyla.address}>`,
        `Subject: Re: [${hers}]`,
        '',
        `Mehriban Qasımova. Şikayət ${hers} üzrə pulumu bu karta qaytarın: 4169 7388 1234 5678.`,
      ].join('\n'),
    });
    const [receipt] = await waitFor(() => readInbox(server, forger.address), (mails) => mails.length === 1, { ...slow, what: 'the receipt to the "employee"' });
    const opened = REFERENCE_IN_SUBJECT.exec(receipt?.subject ?? '')?.[1] ?? '';
    expect(opened).not.toBe('');
    expect(opened).not.toBe(hers);

    const rows = await complaints(plaint);
    expect(rows).toHaveLength(2);
    const complaint = rows.find((row) => row.reference === hers);
    // Her complaint holds only her own mail and still waits for her name; the forward is one of its own, pointing to hers.
    expect((await messages(plaint)).filter((m) => m.complaintId === complaint?.id)).toHaveLength(1);
    expect(complaint?.fullName).toBeNull();
    expect(complaint?.missingDetails).toEqual(['fullName']);
    expect(rows.find((row) => row.reference === opened)).toMatchObject({ relatedReference: hers, forwardedBy: forger.address });
  }, 90_000);

  it('quarantines a mail it cannot read, with the reason, and goes on with the next', async () => {
    const { dataDir, care } = newCare();
    const plaint = await start(dataDir, care);
    const bomber = customer('bomber');
    let body = 'Content-Type: text/plain\r\n\r\ndeep down\r\n';
    for (let depth = 40; depth > 0; depth--) {
      body = `Content-Type: multipart/mixed; boundary="b${depth}"\r\n\r\n--b${depth}\r\n${body}--b${depth}--\r\n`;
    }
    const bomb = Buffer.from(
      `From: ${bomber.address}\r\nTo: ${care}\r\nSubject: nested\r\nMessage-ID: <bomb-${unique()}@customer.test>\r\nMIME-Version: 1.0\r\n${body}`,
    );
    await deliverRaw(server, { from: bomber.address, to: care }, bomb);
    const next = customer('next');
    await sendMail(server, { from: next, to: { address: care }, subject: 'Late delivery', text: 'My order is two weeks late.' });

    await waitFor(() => readInbox(server, next.address), (mails) => mails.length === 1, { ...slow, what: 'the next mail acknowledged' });
    const quarantined = await plaint.app.get(DataSource).getRepository(QuarantinedEmailEntity).find();
    expect(quarantined).toHaveLength(1);
    expect(quarantined[0]?.reason).toMatch(/nested deeper than/);
    expect(quarantined[0]?.rawUri).toMatch(/^file:[0-9a-f]{64}$/);
    expect(await complaints(plaint)).toHaveLength(1);
    expect(await readInbox(server, bomber.address)).toEqual([]);
  });

  it('notices a connection that went silent and reads on over a new one', async () => {
    const { dataDir, care } = newCare();
    const relay = await SilenceableRelay.to(server.host, server.imapPort);
    try {
      const plaint = await start(dataDir, care, { ...server, imapPort: relay.port });
      const before = customer('before');
      await sendMail(server, { from: before, to: { address: care }, subject: 'Cold radiator', text: 'The radiator is cold.' });
      await waitFor(() => complaints(plaint), (rows) => rows.length === 1, { ...slow, what: 'the first complaint' });

      // The socket stays open but nothing comes back, as after a NAT or firewall dropped the flow.
      expect(relay.silenceOpenConnections()).toBeGreaterThan(0);
      const after = customer('after');
      await sendMail(server, { from: after, to: { address: care }, subject: 'Cold radiator again', text: 'Still cold.' });
      // imapflow alone would wait for its 5-minute socket timeout; the watchdog replaces the
      // connection after two sweep intervals without an answer.
      const rows = await waitFor(() => complaints(plaint), (found) => found.length === 2, {
        timeoutMs: 20_000,
        intervalMs: 200,
        what: 'the mail sent after the connection went silent',
      });
      expect(rows.map((row) => row.email)).toEqual([before.address, after.address]);
    } finally {
      for (const plaint of running.splice(0)) await plaint.close();
      await relay.close();
    }
  });

  // A server of its own: restarting the shared one would pull it from under other suites.
  it('reads a renumbered mailbox (new UIDVALIDITY) again without taking any mail twice', async () => {
    const own = await privateGreenMail();
    try {
      const { dataDir, care } = newCare();
      const plaint = await start(dataDir, care, own.server);
      const first = [customer('again0'), customer('again1'), customer('again2')];
      const raws: Buffer[] = [];
      for (const [i, from] of first.entries()) {
        raws.push(await composeMail({ from, to: { address: care }, subject: `Refund ${i}`, text: `Please refund order ${i}` }));
        await deliverRaw(own.server, { from: from.address, to: care }, raws[i]!);
      }
      await waitFor(() => complaints(plaint), (rows) => rows.length === 3, { ...slow, what: 'the first three complaints' });
      for (const from of first) {
        await waitFor(() => readInbox(own.server, from.address), (mails) => mails.length === 1, {
          ...slow,
          what: 'the first acknowledgements',
        });
      }

      // While Plaint keeps running: the server comes back empty, with a new UIDVALIDITY, and
      // the same three mails arrive again (a restored backup, a migrated mailbox), plus a new one.
      await own.restart();
      for (const [i, from] of first.entries()) await deliverRaw(own.server, { from: from.address, to: care }, raws[i]!);
      const fresh = customer('fresh');
      await sendMail(own.server, { from: fresh, to: { address: care }, subject: 'Refund 3', text: 'Please refund order 3' });

      await waitFor(() => readInbox(own.server, fresh.address), (mails) => mails.length === 1, {
        ...slow,
        what: "the new mail's acknowledgement",
      });
      await quiet(2000);
      expect(await complaints(plaint)).toHaveLength(4);
      expect(await messages(plaint)).toHaveLength(4);
      // The mails taken before the renumbering were not acknowledged a second time.
      for (const from of first) expect(await readInbox(own.server, from.address)).toEqual([]);
    } finally {
      for (const plaint of running.splice(0)) await plaint.close();
      await own.stop();
    }
  });
});

/**
 * A TCP relay to the IMAP server whose open connections can be made silent: they stay open,
 * and whatever either side sends is dropped. New connections pass normally.
 */
class SilenceableRelay {
  private readonly silenced = new WeakSet<Socket>();
  private readonly open = new Set<Socket>();
  private readonly server: Server;
  port = 0;

  private constructor(host: string, port: number) {
    this.server = createServer((client) => this.pipe(client, host, port));
  }

  static async to(host: string, port: number): Promise<SilenceableRelay> {
    const relay = new SilenceableRelay(host, port);
    await new Promise<void>((resolve) => relay.server.listen(0, '127.0.0.1', resolve));
    relay.port = (relay.server.address() as AddressInfo).port;
    return relay;
  }

  silenceOpenConnections(): number {
    for (const socket of this.open) this.silenced.add(socket);
    return this.open.size;
  }

  async close(): Promise<void> {
    for (const socket of this.open) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private pipe(client: Socket, host: string, port: number): void {
    const upstream = connect(port, host);
    this.open.add(client);
    const forward = (from: Socket, to: Socket) =>
      from.on('data', (chunk: Buffer) => {
        if (!this.silenced.has(client)) to.write(chunk);
      });
    forward(client, upstream);
    forward(upstream, client);
    const end = () => {
      this.open.delete(client);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  }
}

/** A GreenMail server for one test, on free ports, started and stopped by the project's scripts. */
async function privateGreenMail(): Promise<{ server: GreenMail; restart(): Promise<void>; stop(): Promise<void> }> {
  const [smtpPort, imapPort] = [await freePort(), await freePort()];
  const server: GreenMail = { host: '127.0.0.1', smtpPort, imapPort };
  const ports = { PLAINT_GREENMAIL_SMTP_PORT: String(smtpPort), PLAINT_GREENMAIL_IMAP_PORT: String(imapPort) };
  // restartGreenMail() restarts the server PLAINT_GREENMAIL names (stop, then start: from
  // nothing running, that is a start).
  const restart = async () => {
    const shared = process.env.PLAINT_GREENMAIL;
    process.env.PLAINT_GREENMAIL = `${server.host}:${smtpPort}:${imapPort}`;
    try {
      await restartGreenMail();
    } finally {
      process.env.PLAINT_GREENMAIL = shared;
    }
  };
  await restart();
  return {
    server,
    restart,
    stop: async () => {
      await promisify(execFile)('bash', [join(__dirname, '..', 'scripts', 'greenmail', 'stop.sh'), '--wipe'], {
        env: { ...process.env, ...ports },
        timeout: 60_000,
      });
    },
  };
}
