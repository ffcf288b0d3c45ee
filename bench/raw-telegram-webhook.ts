/**
 * The benchmark's raw baseline for the Telegram webhook (bench/telegram.bench.ts): a bare Node
 * HTTP handler that checks nothing but the secret header, parses the update and produces it to
 * Kafka with kafkajs (acks from all replicas, as Plaint's bus asks), answering 200 once Kafka
 * has it. What the webhook costs at the least. Prints `listening <port>` when ready.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Kafka, logLevel, Partitioners } from 'kafkajs';

const brokers = (process.env.PLAINT_KAFKA_BROKERS ?? '').split(',');
const topic = process.env.RAW_TOPIC ?? 'bench-raw-telegram-updates';
const secret = process.env.RAW_SECRET ?? '';

async function main(): Promise<void> {
  const kafka = new Kafka({ clientId: 'raw-telegram-webhook', brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 6 }] });
  await admin.disconnect();
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const server = createServer((req, res) => {
    if (req.headers['x-telegram-bot-api-secret-token'] !== secret) {
      res.writeHead(401).end();
      return;
    }
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const update = JSON.parse(body) as { update_id: number; message?: { chat?: { id?: number } } };
      producer
        .send({ topic, acks: -1, messages: [{ key: String(update.message?.chat?.id ?? update.update_id), value: body }] })
        .then(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'))
        .catch(() => res.writeHead(503).end());
    });
  });
  server.listen(0, '127.0.0.1', () => process.stdout.write(`listening ${(server.address() as AddressInfo).port}\n`));
  process.once('SIGTERM', () => {
    server.close();
    void producer.disconnect().then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`raw webhook failed: ${(error as Error).message}\n`);
  process.exit(1);
});
