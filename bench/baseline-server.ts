/**
 * The ingest benchmark's baseline: a bare fastify + JWT + better-sqlite3
 * insert service with no validation and no protobuf. It takes
 * `{"events":[{"event_id": "...", ...}]}` as JSON, verifies the bearer token
 * and inserts each event's JSON text in one durable transaction per request
 * (WAL, synchronous=FULL), the way a straightforward service would.
 * Run: node dist/bench/baseline-server.js <db-path> <secret>; prints "listening on URL".
 */
import fastifyJwt from '@fastify/jwt';
import Database from 'better-sqlite3';
import Fastify from 'fastify';

const [dbPath, secret] = process.argv.slice(2);
if (!dbPath || !secret) {
  process.stderr.write('usage: baseline-server <db-path> <secret>\n');
  process.exit(2);
}
const db = new Database(dbPath);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec(
  'CREATE TABLE IF NOT EXISTS events (position INTEGER PRIMARY KEY, event_id TEXT UNIQUE, body TEXT)',
);
const insert = db.prepare('INSERT OR IGNORE INTO events (event_id, body) VALUES (?, ?)');
const insertAll = db.transaction((events: { event_id: string }[]) => {
  for (const e of events) insert.run(e.event_id, JSON.stringify(e));
});

const app = Fastify({ logger: false, bodyLimit: 16 * 1024 * 1024 });
await app.register(fastifyJwt, { secret, verify: { algorithms: ['HS256'], cache: 10_000 } });
app.post('/v1/events', async (request) => {
  await request.jwtVerify();
  const events = (request.body as { events: { event_id: string }[] }).events;
  insertAll(events);
  return { stored: events.length };
});
await app.listen({ host: '127.0.0.1', port: 0 });
const addr = app.server.address();
process.stderr.write(
  `listening on http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}\n`,
);
