import { describe, expect, it } from 'vitest';
import { validateBaseUrl, validateColour, validateName, validateRefreshSeconds } from '../../../src-main/profiles/profile-fields.ts';

describe('profile fields', () => {
  it('normalises base URLs and allows plain http on this computer only', () => {
    expect(validateBaseUrl(' https://futures.kraken.com/ ')).toBe('https://futures.kraken.com');
    expect(validateBaseUrl('http://127.0.0.1:41234')).toBe('http://127.0.0.1:41234');
    expect(validateBaseUrl('http://localhost:8080/proxy/')).toBe('http://localhost:8080/proxy');
    expect(validateBaseUrl('http://[::1]:9000')).toBe('http://[::1]:9000');
    expect(() => validateBaseUrl('http://futures.kraken.com')).toThrow(/must start with https/);
    expect(() => validateBaseUrl('ftp://futures.kraken.com')).toThrow(/must start with https/);
    expect(() => validateBaseUrl('futures.kraken.com')).toThrow(/not a valid address/);
    expect(() => validateBaseUrl('https://user:pw@futures.kraken.com')).toThrow(/user name, password/);
    expect(() => validateBaseUrl('https://futures.kraken.com/?a=1')).toThrow(/query/);
  });

  it('checks name, colour and refresh interval', () => {
    expect(validateName('  Main  ')).toBe('Main');
    expect(() => validateName('   ')).toThrow(/name is empty/);
    expect(() => validateName('x'.repeat(41))).toThrow(/longer than 40/);
    expect(validateColour('#A1B2C3')).toBe('#a1b2c3');
    expect(() => validateColour('red')).toThrow(/colour/);
    expect(validateRefreshSeconds(15)).toBe(15);
    for (const bad of [4, 3601, 7.5, Number.NaN]) expect(() => validateRefreshSeconds(bad)).toThrow(/whole number of seconds/);
  });
});
