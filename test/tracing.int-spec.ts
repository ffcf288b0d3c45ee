import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { COMPLAINT_EVENTS_TOPIC, INBOUND_TOPIC } from '@plaint/contracts';
import { ChildService } from './support/child-service';
import { freePort } from './support/free-port';
import { greenMail } from './support/greenmail';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from './support/otlp-receiver';
import { createTestDatabase, type TestDatabase } from './support/postgres';
import { newInstallation, serviceEnv } from './support/plaint-services';
import { describeWithRealParts } from './support/real-parts';
import { waitFor } from './support/wait-for';

const mail = greenMail();

describeWithRealParts('traces from the web form through Kafka and core to the e-mail notice', (parts) => {
  let receiver: OtlpReceiver;
  let db: TestDatabase;
  const services: ChildService[] = [];
  let webUrl = '';

  /** Starts one service as its own process, exporting to the receiver, and waits until it is ready. */
  async function start(app: string, installation: ReturnType<typeof newInstallation>): Promise<string> {
    const port = await freePort();
    const service = ChildService.start(
      serviceEnv(parts, installation, app, {
        PORT: String(port),
        PLAINT_METRICS_PORT: 'off',
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        // Spans leave within a fifth of a second instead of the default five.
        OTEL_BSP_SCHEDULE_DELAY: '200',
        PLAINT_SMTP_URL: `smtp://${mail.host}:${mail.smtpPort}`,
        PLAINT_MAIL_FROM: 'Kontakt Care <care@plaint.test>',
      }),
    );
    services.push(service);
    const url = `http://127.0.0.1:${port}`;
    let exited = false;
    void service.exit().then(() => (exited = true));
    await waitFor(
      () => fetch(`${url}/health/ready`).then((response) => response.status, () => 0),
      (status) => status === 200 || exited,
      { timeoutMs: 90_000, intervalMs: 250, what: `${app} ready` },
    )
      .then(() => {
        if (exited) throw new Error(`${app} exited at start`);
      })
      .catch((error: Error) => {
        throw new Error(`${error.message}\n${app} wrote:\n${service.log.slice(-3000)}`);
      });
    return url;
  }

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    db = await createTestDatabase(parts.postgresUrl);
    const installation = newInstallation(db.url);
    await start('core', installation); // first: it migrates the database
    [, webUrl] = await Promise.all([start('notifier', installation), start('ingest-web', installation)]);
  }, 180_000);

  afterAll(async () => {
    await Promise.all(services.map((service) => service.stop()));
    await receiver?.close();
    await db?.drop();
  }, 60_000);

  it('shows a form complaint as one trace, from the form posted to the notice sent, without the customer in it', async () => {
    const customer = {
      fullName: 'Ləman Tracerova',
      phone: '050 321 76 54',
      email: `trace-${randomBytes(4).toString('hex')}@example.az`,
      message: 'Soyuducunun qapısı bağlanmır, iz qoyun.',
      language: 'az',
    };
    await request(webUrl).post('/api/v1/callback-requests').send(customer).expect(202);

    const sent = await waitFor(
      () => receiver.spans.find((span) => span.name === 'notice send' && span.attributes['plaint.notice.outcome'] === 'sent'),
      (span) => span !== undefined,
      { timeoutMs: 45_000, intervalMs: 200, what: 'the span of the notice sent' },
    );
    expect(sent!.service).toBe('plaint-notifier');
    expect(sent!.attributes).toMatchObject({ 'plaint.notice.channel': 'web_form', 'plaint.notice.route': 'email' });

    // From the notice sent back to the root: each step's parent is the step before it. The
    // services export on their own schedules: wait until every ancestor has come in.
    const chain = await waitFor(
      () => ancestry(sent!, receiver.spans.filter((span) => span.traceId === sent!.traceId)),
      (spans) => spans.at(-1)?.parentSpanId === '',
      { timeoutMs: 10_000, intervalMs: 200, what: 'every ancestor of the notice sent' },
    );
    expect(chain.map(({ service, name }) => `${service}: ${name}`)).toEqual([
      'plaint-notifier: notice send',
      'plaint-notifier: notice created',
      `plaint-notifier: process ${COMPLAINT_EVENTS_TOPIC}`,
      `plaint-core: send ${COMPLAINT_EVENTS_TOPIC}`,
      `plaint-core: process ${INBOUND_TOPIC}`,
      `plaint-ingest-web: send ${INBOUND_TOPIC}`,
      'plaint-ingest-web: web form posted',
    ]);

    // Nothing the customer gave leaves in a span: no address, number, name or text.
    const exported = receiver.bodies.join('\n');
    for (const personal of [customer.email, '+994503217654', customer.phone, customer.fullName, customer.message, 'Tracerova']) {
      expect(exported).not.toContain(personal);
    }
  });
});

/** The span and its ancestors, nearest first, as far up as the spans received go. */
function ancestry(span: ReceivedSpan, trace: ReceivedSpan[]): ReceivedSpan[] {
  const byId = new Map(trace.map((s) => [s.spanId, s]));
  const chain = [span];
  for (let parent = byId.get(span.parentSpanId); parent; parent = byId.get(parent.parentSpanId)) chain.push(parent);
  return chain;
}
