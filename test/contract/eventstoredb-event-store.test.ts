import { randomBytes } from 'node:crypto';
import t from 'tap';
import {
  MaxAppendSizeExceededError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { LedgerError } from '../../ledger/errors.js';
import {
  openEventStoreDbEventStore,
  translateEventStoreDbError,
} from '../../ledger/store/eventstoredb-event-store.js';
import { eventStoreContract } from './event-store.js';

const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

if (connectionString === undefined || connectionString === '') {
  void t.test(
    'eventstoredb honours the EventStore contract',
    {
      skip: 'set EVENTSTORE_CONNECTION_STRING=esdb://host:2113?tls=false to run the EventStoreDB contract suite',
    },
    () => undefined,
  );
} else {
  // a fresh stream prefix per store: every store starts empty on a shared server
  await eventStoreContract(
    t,
    'eventstoredb',
    () =>
      openEventStoreDbEventStore({
        connectionString,
        streamPrefix: `contract_${randomBytes(6).toString('hex')}`,
      }),
    { subscriptionReadAhead: (store) => store.stats().subscriptionEvents },
  );
}

void t.test('configuration errors are LDG_ERR_CONFIG, before any connection', (t) => {
  t.throws(() => openEventStoreDbEventStore({ connectionString: 'not a connection string' }), {
    code: 'LDG_ERR_CONFIG',
  });
  t.throws(
    () =>
      openEventStoreDbEventStore({
        connectionString: 'esdb://localhost:2113?tls=false',
        streamPrefix: 'has-dash',
      }),
    { code: 'LDG_ERR_CONFIG' },
  );
  t.end();
});

void t.test('with no server, input checks still answer and close is clean', async (t) => {
  // port 1 refuses connections; nothing here may need the server
  const store = openEventStoreDbEventStore({ connectionString: 'esdb://127.0.0.1:1?tls=false' });
  await t.rejects(
    store.append([
      { eventId: 'X', tenantId: '', sessionId: 's', type: 't', data: new Uint8Array() },
    ]),
    {
      code: 'LDG_ERR_VALIDATION',
    },
  );
  t.same(await store.append([]), []);
  await t.rejects(store.read({ after: -2 }), { code: 'LDG_ERR_VALIDATION' });
  await store.close();
  await store.close();
  await t.rejects(store.append([]), { code: 'LDG_ERR_STORE_CLOSED' });
  await t.rejects(store.head(), { code: 'LDG_ERR_STORE_CLOSED' });
});

void t.test('driver errors are translated to ledger codes', (t) => {
  const wev = new WrongExpectedVersionError(undefined, {
    streamName: 'ledger-a-b',
    expected: 3n,
    current: 4n,
  });
  t.equal(translateEventStoreDbError(wev, 'x').code, 'LDG_ERR_WRONG_EXPECTED_VERSION');
  t.equal(
    translateEventStoreDbError(new UnavailableError(), 'x').code,
    'LDG_ERR_STORE_UNAVAILABLE',
  );
  t.equal(
    translateEventStoreDbError(MaxAppendSizeExceededError.fromMaxAppendSize(1024), 'x').code,
    'LDG_ERR_PAYLOAD_TOO_LARGE',
  );
  t.equal(
    translateEventStoreDbError(new Error('socket hang up'), 'x').code,
    'LDG_ERR_STORE_UNAVAILABLE',
  );
  const own = new LedgerError('LDG_ERR_CONFIG', 'kept');
  t.equal(translateEventStoreDbError(own, 'x'), own, 'a LedgerError passes through');
  t.end();
});
