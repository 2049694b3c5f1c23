import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../testing/temp-dir';
import { CredentialsStore, configDirectory } from './credentials-store';

describe('configDirectory', () => {
  it('uses $XDG_CONFIG_HOME when it is absolute, else ~/.config', () => {
    expect(configDirectory({ XDG_CONFIG_HOME: '/xdg' }, '/home/u')).toBe('/xdg/estafette');
    expect(configDirectory({ XDG_CONFIG_HOME: 'relative' }, '/home/u')).toBe('/home/u/.config/estafette');
    expect(configDirectory({}, '/home/u')).toBe('/home/u/.config/estafette');
  });
});

describe('CredentialsStore', () => {
  it('writes the token readable by its owner only and reads it back', () => {
    const store = new CredentialsStore(join(tempDir('credentials-'), 'estafette'));
    expect(store.read()).toBeNull();
    store.write({ url: 'http://localhost:8080', token: 'abc', username: 'administrator', expiresAt: null });
    expect(statSync(store.path).mode & 0o777).toBe(0o600);
    expect(statSync(store.directory).mode & 0o777).toBe(0o700);
    expect(store.read()).toEqual({
      url: 'http://localhost:8080',
      token: 'abc',
      username: 'administrator',
      expiresAt: null,
    });
    expect(JSON.parse(readFileSync(store.path, 'utf8'))).toMatchObject({ token: 'abc' });
  });

  it('tightens the mode of a file that was readable by others', () => {
    const dir = tempDir('credentials-');
    const store = new CredentialsStore(dir);
    writeFileSync(store.path, '{}', { mode: 0o644 });
    store.write({ url: 'http://x', token: 't' });
    expect(statSync(store.path).mode & 0o777).toBe(0o600);
  });

  it('removes the file, and says whether there was one', () => {
    const store = new CredentialsStore(tempDir('credentials-'));
    store.write({ url: 'http://x', token: 't' });
    expect(store.remove()).toBe(true);
    expect(store.remove()).toBe(false);
    expect(store.read()).toBeNull();
  });

  it('reports a damaged file instead of failing with a parse error', () => {
    const dir = join(tempDir('credentials-'), 'estafette');
    mkdirSync(dir);
    const store = new CredentialsStore(dir);
    writeFileSync(store.path, 'not json');
    expect(() => store.read()).toThrow(/damaged: run estafette login again/);
    writeFileSync(store.path, '{"url": 1}');
    expect(() => store.read()).toThrow(/damaged/);
  });
});
