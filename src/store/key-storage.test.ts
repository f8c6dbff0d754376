// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { loadKey, saveKey } from './key-storage.ts';

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
});

describe('key storage', () => {
  it('keeps memory keys out of browser storage', () => {
    saveKey('hosted', 'https://api.axioniclabs.ai', 'ax_secret', 'memory');
    expect(localStorage.length + sessionStorage.length).toBe(0);
    expect(loadKey('hosted', 'https://api.axioniclabs.ai')).toBeUndefined();
  });

  it('stores per tab or per device, and reads back for the same origin only', () => {
    saveKey('hosted', 'https://api.axioniclabs.ai', 'ax_tab', 'session');
    expect(loadKey('hosted', 'https://api.axioniclabs.ai/v1')).toEqual({ value: 'ax_tab', kind: 'session' });
    saveKey('custom', 'https://a.example:8000', 'ax_dev', 'device');
    expect(loadKey('custom', 'https://a.example:8000')).toEqual({ value: 'ax_dev', kind: 'device' });
    // the same target pointed at another origin never gets the key
    expect(loadKey('custom', 'https://b.example:8000')).toBeUndefined();
    expect(loadKey('custom', 'http://a.example:8000')).toBeUndefined();
  });

  it('switching to memory removes a stored key', () => {
    saveKey('hosted', 'https://api.axioniclabs.ai', 'ax_x', 'device');
    saveKey('hosted', 'https://api.axioniclabs.ai', 'ax_x', 'memory');
    expect(localStorage.length).toBe(0);
  });

  it('ignores a corrupted entry', () => {
    localStorage.setItem('axplay.key.hosted', '{not json');
    expect(loadKey('hosted', 'https://api.axioniclabs.ai')).toBeUndefined();
    expect(localStorage.getItem('axplay.key.hosted')).toBeNull();
  });
});

describe('stored key versions', () => {
  it('reads a key saved by the first slice (no version) and writes the current version', () => {
    localStorage.setItem('axplay.key.hosted', JSON.stringify({ origin: 'https://api.axioniclabs.ai', value: 'ax_v1' }));
    expect(loadKey('hosted', 'https://api.axioniclabs.ai')).toEqual({ value: 'ax_v1', kind: 'device' });
    saveKey('hosted', 'https://api.axioniclabs.ai', 'ax_v2', 'device');
    expect(JSON.parse(localStorage.getItem('axplay.key.hosted') ?? '{}')).toEqual({
      v: 2,
      origin: 'https://api.axioniclabs.ai',
      value: 'ax_v2',
    });
  });

  it('drops an entry from a newer version instead of misreading it', () => {
    localStorage.setItem(
      'axplay.key.hosted',
      JSON.stringify({ v: 9, origin: 'https://api.axioniclabs.ai', value: 'x' }),
    );
    expect(loadKey('hosted', 'https://api.axioniclabs.ai')).toBeUndefined();
  });
});
