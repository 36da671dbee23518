// A real PostgreSQL 18 (PGlite, WASM) with pgvector behind the wire-protocol socket server, for the pgvector store tests.
// PGDATA_DIR: data folder (default: in memory). PGPORT: port (default 5439). Prints "ready" when it accepts connections.
// One backend session only: clients must use a pool of 1 connection. Never use COPY ... FROM STDIN against it.
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const port = +(process.env.PGPORT || 5439);
const db = await PGlite.create(process.env.PGDATA_DIR || 'memory://', { extensions: { vector } });
await db.exec('CREATE EXTENSION IF NOT EXISTS vector');
const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port, maxConnections: 1 });
await server.start();
console.log('ready');

const stop = async () => { try { await server.stop(); await db.close(); } finally { process.exit(0); } };
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
