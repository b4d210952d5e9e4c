import { describe, expect, it } from 'vitest';
import { hardenSession, hardenWebContents, openExternalUrl, validateExternalUrl } from '../../../electron/security.js';
import { FakeSession, FakeWebContents } from '../../fakes/electron.js';

function guarded() {
  const contents = new FakeWebContents(new FakeSession(), 'app://simpul/index.html#/');
  const opened: string[] = [];
  let reportsOpened = 0;
  hardenWebContents(contents as unknown as Parameters<typeof hardenWebContents>[0], {
    openExternal: (url) => opened.push(url),
    openReports: () => reportsOpened++,
  });
  return { contents, opened, reportsOpened: () => reportsOpened };
}

describe('navigation guards', () => {
  const foreign = [
    'https://evil.example',
    'https://evil.example/app://simpul/',
    'http://127.0.0.1:8080/',
    'file:///etc/passwd',
    'file:///C:/Windows/System32/calc.exe',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'app://simpul.evil.example/index.html',
    'app://attacker@simpul/index.html',
    'app://other/index.html',
    'not a url',
    '',
  ];

  it.each(['will-navigate', 'will-redirect', 'will-frame-navigate'] as const)('%s to a foreign URL is prevented', (eventName) => {
    const { contents } = guarded();
    for (const url of foreign) expect(contents.attempt(eventName, url), `${eventName} ${url}`).toBe(true);
  });

  it.each(['will-navigate', 'will-redirect', 'will-frame-navigate'] as const)('%s within app://simpul is allowed', (eventName) => {
    const { contents } = guarded();
    for (const url of ['app://simpul/index.html#/reports', 'app://simpul/', 'app://simpul/index.html?x=1#/customers/42']) {
      expect(contents.attempt(eventName, url), url).toBe(false);
    }
  });

  it('falls back to the deprecated url argument when the event has none', () => {
    const { contents } = guarded();
    const event = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    contents.emit('will-navigate', event, 'https://evil.example');
    expect(event.defaultPrevented).toBe(true);
  });

  it('refuses to attach a <webview>', () => {
    const { contents } = guarded();
    expect(contents.attempt('will-attach-webview')).toBe(true);
  });
});

describe('window.open', () => {
  it('is denied for every URL, including our own', () => {
    const { contents } = guarded();
    for (const url of ['app://simpul/index.html#/reports', 'https://example.com', 'file:///etc/passwd', 'about:blank']) {
      expect(contents.windowOpenHandler!({ url })).toEqual({ action: 'deny' });
    }
  });

  it('a request for #/reports makes main open its reports window, and the page still gets no window', async () => {
    const { contents, opened, reportsOpened } = guarded();
    expect(contents.windowOpenHandler!({ url: 'app://simpul/index.html#/reports' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'app://simpul/index.html?x=1#/reports/rfm' })).toEqual({ action: 'deny' });
    expect(reportsOpened()).toBe(2);
    for (const url of ['app://simpul/index.html#/customers', 'https://evil.example/#/reports', 'app://simpul.evil/index.html#/reports']) {
      contents.windowOpenHandler!({ url });
    }
    expect(reportsOpened()).toBe(2);
    await new Promise((resolve) => setImmediate(resolve));
    expect(opened).toEqual(['https://evil.example/#/reports']);
  });

  it('hands a plain web link to the OS browser, and nothing else', async () => {
    const { contents, opened } = guarded();
    for (const url of ['https://simpul.id/bantuan', 'file:///etc/passwd', 'app://simpul/index.html', 'javascript:alert(1)', 'smb://server/share', 'https://user:pw@example.com/']) {
      contents.windowOpenHandler!({ url });
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(opened).toEqual(['https://simpul.id/bantuan']);
  });
});

describe('external URL validation', () => {
  it('accepts http(s) with a host and normalises it', () => {
    expect(validateExternalUrl('https://Example.COM/a b')).toBe('https://example.com/a%20b');
    expect(validateExternalUrl('http://example.com')).toBe('http://example.com/');
  });

  it('rejects other schemes, credentials and garbage', () => {
    for (const url of ['file:///etc/passwd', 'ftp://example.com', 'javascript:alert(1)', 'ms-msdt:/id', 'https://a:b@example.com', 'http://', '//example.com', 'example.com']) {
      expect(validateExternalUrl(url), url).toBeNull();
    }
  });

  it('does not call the opener for a rejected URL, and survives an opener that fails', async () => {
    const calls: string[] = [];
    expect(openExternalUrl('file:///etc/passwd', (url) => calls.push(url))).toBe(false);
    expect(openExternalUrl('https://example.com/', () => Promise.reject(new Error('no browser')))).toBe(true);
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toEqual([]);
  });
});

describe('session permissions', () => {
  it('denies every permission request and every permission check', () => {
    const session = new FakeSession();
    hardenSession(session as unknown as Parameters<typeof hardenSession>[0]);
    const answers: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      session.permissionRequestHandler!({}, permission, (granted: boolean) => answers.push(granted), {});
      expect(session.permissionCheckHandler!({}, permission, 'app://simpul', {})).toBe(false);
    }
    expect(answers).toEqual([false, false, false, false, false, false]);
  });
});
