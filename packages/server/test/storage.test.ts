// What the server leaves on disk: the data directory is 0700 and every database file 0600,
// also when the directory already existed with looser modes (an upgrade, a hand-made dir); claim
// codes are stored only as hashes.
import { describe, it, expect } from '@col/harness';
import { chmod, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRawDatabase, sqliteOnly, startTestServer } from './support/test-server.js';
import { seedBasics } from './support/seed.js';

const mode = async (path: string) => (await stat(path)).mode & 0o777;

describe('data directory permissions', { skip: sqliteOnly('the modes of the SQLite database files in the data directory') }, () => {
  it('tightens an existing 0755 directory to 0700 and keeps every database file 0600', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'col-perm-'));
    const previous = process.umask(0o022);
    try {
      await chmod(dataDir, 0o755);
      const s = await startTestServer({ dataDir });
      try {
        // Write something so the write-ahead log and shared-memory files exist.
        const { achievementKey, codes } = await seedBasics(s);
        expect((await s.call('POST', '/api/v1/claims', { body: { achievement: achievementKey, code: codes[0], recipient: { email: 'perm@example.org' } }, token: null })).status).to.equal(201);
        expect(await mode(dataDir)).to.equal(0o700);
        const files = await readdir(dataDir);
        expect(files).to.include.members(['col.sqlite', 'col.sqlite-wal', 'col.sqlite-shm']);
        for (const file of files) expect(await mode(join(dataDir, file)), file).to.equal(0o600);
      } finally {
        await s.stop();
      }
    } finally {
      process.umask(previous);
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('tightens database files an older build left readable by others', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'col-perm-'));
    try {
      const first = await startTestServer({ dataDir });
      await seedBasics(first);
      await first.stop();
      for (const file of await readdir(dataDir)) await chmod(join(dataDir, file), 0o644);
      await writeFile(join(dataDir, 'col.sqlite-shm'), new Uint8Array(0), { flag: 'a', mode: 0o644 });
      await chmod(join(dataDir, 'col.sqlite-shm'), 0o644);
      const again = await startTestServer({ dataDir });
      try {
        for (const file of await readdir(dataDir)) expect(await mode(join(dataDir, file)), file).to.equal(0o600);
      } finally {
        await again.stop();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('claim codes at rest', () => {
  /** Every text value in the database, for "does this secret appear anywhere" checks. */
  const dump = async (dataDir: string): Promise<string> => {
    const db = await openRawDatabase(dataDir);
    try {
      const tables = await Promise.all(['claim_codes', 'credentials', 'idempotency'].map(async (t) => JSON.stringify(await db.all(`SELECT * FROM ${t}`))));
      return tables.join('\n');
    } finally {
      await db.close();
    }
  };

  it('stores only a hash of each code, and the code still redeems exactly as many times as it allows', async () => {
    const s = await startTestServer();
    try {
      const { achievementKey, codes } = await seedBasics(s, { uses: 1 });
      const code = codes[0]!;
      expect(await dump(s.dataDir)).to.not.contain(code);
      const claim = (email: string) => s.call('POST', '/api/v1/claims', { body: { achievement: achievementKey, code: code.toLowerCase(), recipient: { email } }, token: null });
      expect((await claim('first@example.org')).status).to.equal(201);
      expect((await claim('second@example.org')).json.code).to.equal('code-used-up');
      expect(await dump(s.dataDir)).to.not.contain(code);
    } finally {
      await s.stop();
    }
  });

  it('hashes codes an older version stored in clear, which keep working', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'col-codes-'));
    try {
      const first = await startTestServer({ dataDir });
      const { achievementKey, codes } = await seedBasics(first, { uses: 2 });
      await first.stop();
      // What an older build wrote: the code itself.
      const db = await openRawDatabase(dataDir);
      await db.run('UPDATE claim_codes SET code = ?', codes[0]!);
      await db.close();
      const again = await startTestServer({ dataDir });
      try {
        expect(await dump(dataDir)).to.not.contain(codes[0]);
        const res = await again.call('POST', '/api/v1/claims', { body: { achievement: achievementKey, code: codes[0], recipient: { email: 'legacy@example.org' } }, token: null });
        expect(res.status).to.equal(201);
      } finally {
        await again.stop();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
