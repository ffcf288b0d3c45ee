import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@plaint/config';
import { COMPLIANCE_REPORT_STYLE_SOURCE } from '../../core/src/reports/compliance-report-html';
import { headerSetter } from './security-headers';

/** The headers headerSetter gives an answer for `path`. */
function headersFor(env: Record<string, string>, path: string): Record<string, string> {
  const config = loadConfig({ PLAINT_DATA_DIR: mkdtempSync(join(tmpdir(), 'headers-')), ...env });
  // What an earlier listener set: the setter must take X-Frame-Options off the widget frame.
  const headers: Record<string, string> = { 'X-Frame-Options': 'DENY' };
  headerSetter(config)(path, {
    setHeader: (name: string, value: string) => {
      headers[name] = value;
      return undefined as never;
    },
    removeHeader: (name: string) => {
      delete headers[name];
    },
  });
  return headers;
}

const ancestors = (headers: Record<string, string>) => /frame-ancestors ([^;]*)/.exec(headers['Content-Security-Policy'] ?? '')?.[1];

describe('security headers', () => {
  const shops = { PLAINT_WIDGET_ALLOWED_ORIGINS: 'https://shop.example.com, http://localhost:8080' };

  it('lets the configured sites, and no other, frame the widget frame', () => {
    const frame = headersFor(shops, '/widget-frame.html?lang=ru');
    expect(ancestors(frame)).toBe("'self' https://shop.example.com http://localhost:8080");
    expect(frame['X-Frame-Options']).toBeUndefined();
    expect(frame['Content-Security-Policy']).toMatch(/script-src 'self'; style-src 'self';/);
    // Without a configured site, only Plaint's own pages may embed it.
    expect(ancestors(headersFor({}, '/widget-frame.html'))).toBe("'self'");
  });

  it('keeps every other answer unframeable, the page, the widget loader and look-alike paths included', () => {
    for (const path of ['/', '/index.html', '/widget.js', '/widget-frame.js', '//widget-frame.html', '/widget-frame.html/', '/widget%2Dframe.html']) {
      const headers = headersFor(shops, path);
      expect([path, ancestors(headers), headers['X-Frame-Options']]).toEqual([path, "'none'", 'DENY']);
    }
  });

  it('allows inline styles on the OpenAPI page only', () => {
    expect(headersFor({}, '/api/v1/openapi')['Content-Security-Policy']).toContain("style-src 'self' 'unsafe-inline'");
    expect(headersFor({}, '/')['Content-Security-Policy']).toContain("style-src 'self';");
  });

  it('lets the desk apply the printable compliance report’s one stylesheet, by its hash, and no other page', () => {
    for (const path of ['/desk', '/desk/dashboard', '/desk/assets/index.js']) {
      expect(headersFor({}, path)['Content-Security-Policy']).toContain(`style-src 'self' ${COMPLIANCE_REPORT_STYLE_SOURCE};`);
    }
    for (const path of ['/', '/desktop', '/api/v1/agent/reports/compliance/complaints']) {
      expect(headersFor({}, path)['Content-Security-Policy']).toContain("style-src 'self';");
    }
    expect(COMPLIANCE_REPORT_STYLE_SOURCE).toMatch(/^'sha256-[A-Za-z0-9+/]{43}='$/);
  });
});
