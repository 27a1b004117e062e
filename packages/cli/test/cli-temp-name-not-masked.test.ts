// The temporary file's name that `visit screen --out` reports when it removes a killed run's
// leftover (`visit: removed .out.ndjson.visit-TAG-PID-RANDOM.tmp, …`) must be shown as it is: the
// CLI masks anything shaped like a CPR number in its messages, and random hex digits once looked
// like one in about a hundred runs (a flaky cli-out-stale-temp test showed it).
import { describe, expect, it } from 'vitest';
import { temporaryPathFor } from '@visit/batch/node';
import { maskCpr } from '../src/terminal-text';

describe('temporary file names are never masked as CPR numbers', () => {
  it('20,000 names of one target', () => {
    for (let i = 0; i < 20_000; i++) {
      const name = temporaryPathFor('/data/out.ndjson');
      expect(maskCpr(name), name).toBe(name);
    }
  });

  it.each(['/data/0101701234.ndjson', '/data/x'])('and the target\'s own name is still masked where it is one: %s', (target) => {
    const name = temporaryPathFor(target);
    expect(maskCpr(name)).toBe(target.includes('0101701234') ? name.replace('0101701234', '••••••-••••') : name);
  });
});
