// What the server leaves on disk: the data directory is 0700 and every database file 0600,
// also when the directory already existed with looser modes (an upgrade, a hand-made dir).
import { describe, it, expect } from '@col/harness';
import { chmod, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer, seedBasics } from './helpers.js';

const mode = async (path: string) => (await stat(path)).mode & 0o777;

describe('data directory permissions', () => {
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
