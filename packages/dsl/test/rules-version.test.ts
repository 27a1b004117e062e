// rulesVersion: "sha256:" + the SHA-256 of the rule file's UTF-8 bytes, the same as node:crypto's.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rulesVersion } from '../src/index';

const nodeSha256 = (s: string) => `sha256:${createHash('sha256').update(Buffer.from(s, 'utf8')).digest('hex')}`;

describe('rulesVersion', () => {
  it.each([
    ['empty text', '', 'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc (FIPS 180-2 vector)', 'abc', 'sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    [
      'two blocks (FIPS 180-2 vector)',
      'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
      'sha256:248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    ],
  ])('%s', (_name, source, expected) => {
    expect(rulesVersion(source)).toBe(expected);
  });

  it('hashes UTF-8 bytes (æøå are two bytes each), not UTF-16 code units', () => {
    const source = 'group unge = alder < 30 "Unge under 30 år, ledige på dagpenge"\n';
    expect(rulesVersion(source)).toBe(nodeSha256(source));
  });

  it('equals node:crypto on generated text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
        expect(rulesVersion(s)).toBe(nodeSha256(s));
      }),
      { numRuns: 300 },
    );
  });

  it('equals node:crypto on texts around the block boundaries (55, 56, 63, 64, 65 bytes)', () => {
    for (const n of [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000]) {
      const s = 'x'.repeat(n);
      expect(rulesVersion(s)).toBe(nodeSha256(s));
    }
  });

  it('changes when one character changes', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 200 }), fc.nat(), (s, i) => {
        const at = i % s.length;
        const other = s.slice(0, at) + (s[at] === 'a' ? 'b' : 'a') + s.slice(at + 1);
        expect(rulesVersion(other)).not.toBe(rulesVersion(s));
      }),
    );
  });

  it('is "sha256:" and 64 lowercase hex digits', () => {
    expect(rulesVersion('param p = 1 year\n')).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});
