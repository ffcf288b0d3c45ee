import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { type RunningPlaint, startPlaint } from '../apps/plaint/src/bootstrap';
import { runRetention } from '../apps/plaint/src/operator-commands';
import { loadConfig } from '../libs/config/src';
import { AuditLogEntity, ComplaintEntity, dataSourceOptions } from '../libs/persistence/src';
import { ManualClock } from './support/manual-clock';
import { Staff } from './support/staff';
import { waitFor } from './support/wait-for';
import { embeddedEnv } from './support/plaint-services';

const DAY = 86_400_000;

/**
 * Retention on the one-process install, the two ways it runs: the operator's
 * `plaint retention:run` and core's scheduled job. Both erase complaints that ended longer than
 * PLAINT_RETENTION_DAYS ago, and only once.
 */
describe('retention on the one-process install', () => {
  const dataDirs: string[] = [];
  const newDataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'plaint-retention-'));
    dataDirs.push(dir);
    return dir;
  };
  const env = (dataDir: string, extra: Record<string, string>) => ({
    ...embeddedEnv(dataDir, { PLAINT_RETENTION_DAYS: '30', PLAINT_SLA_TICK_MS: '3600000' }),
    ...extra,
  });
  let plaint: RunningPlaint | undefined;

  afterAll(async () => {
    await plaint?.close();
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  });

  /** A form complaint a supervisor rejects; its reference once the rejection is recorded. */
  async function rejectedComplaint(running: RunningPlaint, staff: Staff, fullName: string): Promise<string> {
    const form = await request(running.url)
      .post('/api/v1/callback-requests')
      .send({ fullName, phone: '+994 50 111 22 33', message: 'Sifariş gəlmədi.', language: 'az' })
      .expect(202);
    const reference = form.body.reference as string;
    await waitFor(async () => (await staff.as('sevda').get(`/api/v1/agent/complaints/${reference}`)).status, (status) => status === 200, {
      what: `complaint ${reference}`,
    });
    await staff.as('sevda').post(`/api/v1/agent/complaints/${reference}/reject`, { reason: 'təkrar müraciət' }).expect(200);
    return reference;
  }

  const erasedFlags = (running: RunningPlaint) =>
    running.app.get(DataSource).getRepository(ComplaintEntity).find({ select: { reference: true, fullName: true, personalDataErasedAt: true } });

  it('erases by command what ended before the period, once, and says how much', async () => {
    // The complaints end in March 2025: long before today, when the command runs.
    const clock = new ManualClock(new Date('2025-03-03T08:00:00Z'));
    const dataDir = newDataDir();
    plaint = await startPlaint({ env: env(dataDir, { PLAINT_RETENTION_TICK_MS: '3600000' }), overrides: { clock } });
    const staff = await Staff.hire(plaint, [['sevda', 'supervisor']]);
    await rejectedComplaint(plaint, staff, 'Ilkin Səfərov');
    await rejectedComplaint(plaint, staff, 'Günel Abdullayeva');
    await plaint.close();
    plaint = undefined;

    let said = '';
    const out = new Writable({
      write(chunk: Buffer, _encoding, done) {
        said += chunk.toString();
        done();
      },
    });
    const config = loadConfig(env(dataDir, {}));
    expect(await runRetention(config, out)).toMatchObject({ complaints: 2 });
    expect(said).toMatch(/^erased the personal data of 2 complaint\(s\) closed more than 30 day\(s\) ago/);
    expect(await runRetention(config, out)).toMatchObject({ complaints: 0 });

    const source = await new DataSource(dataSourceOptions(config.database)).initialize();
    try {
      const rows = await source.getRepository(ComplaintEntity).find();
      expect(rows.map((row) => [row.fullName, row.personalDataErasedAt !== null])).toEqual([
        [null, true],
        [null, true],
      ]);
      expect(await source.getRepository(AuditLogEntity).countBy({ action: 'retention.run' })).toBe(1);
    } finally {
      await source.destroy();
    }
  }, 60_000);

  it('erases in core’s scheduled job once the period has passed', async () => {
    const clock = new ManualClock(new Date('2026-12-07T08:00:00Z'));
    plaint = await startPlaint({ env: env(newDataDir(), { PLAINT_RETENTION_TICK_MS: '1000' }), overrides: { clock } });
    const running = plaint;
    const staff = await Staff.hire(running, [['sevda', 'supervisor']]);
    const reference = await rejectedComplaint(running, staff, 'Fuad Quliyev');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await erasedFlags(running)).find((row) => row.reference === reference)?.fullName).toBe('Fuad Quliyev');

    clock.advance(31 * DAY);
    await waitFor(
      async () => (await erasedFlags(running)).find((row) => row.reference === reference),
      (row) => row?.personalDataErasedAt !== null && row?.fullName === null,
      { what: 'the scheduled job to erase the complaint', timeoutMs: 10_000 },
    );
  }, 60_000);
});
