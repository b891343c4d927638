import { writeAccessOf, writeKeys } from '../../src/auth';
import { loadConfig } from '../../src/config';

// Named API keys (API_KEYS) and API_KEY: who may write, and the name the versions of a study record.
describe('API keys', () => {
  it('reads API_KEYS as name:key pairs beside API_KEY, which is named "api-key"', () => {
    const config = loadConfig({
      API_KEYS: 'curator-anna:0123456789abcdef0123, registry.bot:fedcba9876543210fedc',
      API_KEY: 'single-key-0123456789',
    });
    expect(writeKeys(config).map((k) => k.name)).toEqual(['curator-anna', 'registry.bot', 'api-key']);
    expect(writeAccessOf('Bearer fedcba9876543210fedc', writeKeys(config))).toEqual({
      access: 'GRANTED',
      writer: 'registry.bot',
    });
    expect(writeAccessOf('Bearer single-key-0123456789', writeKeys(config))).toEqual({
      access: 'GRANTED',
      writer: 'api-key',
    });
    expect(writeAccessOf('Bearer not-a-key-at-all-0000', writeKeys(config))).toEqual({ access: 'WRONG', writer: null });
    expect(writeAccessOf(undefined, writeKeys(config))).toEqual({ access: 'MISSING', writer: null });
    expect(writeAccessOf('Bearer anything', writeKeys(loadConfig({})))).toEqual({ access: 'DISABLED', writer: null });
  });

  it('refuses, by name, an entry without a name, a short key and a name given twice', () => {
    expect(() => loadConfig({ API_KEYS: ':0123456789abcdef0123' })).toThrow(/API_KEYS entry 1 must be "name:key"/);
    expect(() => loadConfig({ API_KEYS: 'anna:short' })).toThrow(
      /API_KEYS key "anna" must be at least 16 characters long/,
    );
    expect(() => loadConfig({ API_KEYS: 'anna:0123456789abcdef0123,anna:fedcba9876543210fedc' })).toThrow(
      /API_KEYS names "anna" twice/,
    );
  });
});
