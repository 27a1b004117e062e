// Loading records: the file picker (NDJSON) and drag-and-drop (Danish Excel CSV: `;`, decimal
// comma, ja/nej, Windows-1252). Rows that do not fit are counted as invalid, never dropped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appReady, canRunBrowser, openEditor, setRules, type EditorSession } from './support/browser';

const rules = `record Borger {
  cpr:   text key personal
  timer: number 0..37
  by:    text optional
  aktiv: boolean
}

program praktik "Praktik" {
  require timer >= 15 "Mindst 15 timer"
  require aktiv
}
`;

describe.runIf(canRunBrowser)('loading records', () => {
  let s: EditorSession;
  const total = () => s.page.locator('.visit-total').innerText();
  const chips = () => s.page.locator('.visit-count-card[data-program="praktik"] .visit-chip').evaluateAll((cs) => cs.map((c) => c.textContent?.trim()));
  beforeAll(async () => {
    s = await openEditor();
    await appReady(s.page);
    await setRules(s.page, rules);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('an NDJSON file from the file picker', async () => {
    const ndjson = ['{"cpr":"0101701234","timer":20,"aktiv":true}', '{"cpr":"0202801234","timer":10,"aktiv":true}', '{"cpr":"0303901234","timer":99,"aktiv":true}', 'not json'].join('\n');
    await s.page.locator('.visit-file-input').setInputFiles({ name: 'borgere.ndjson', mimeType: 'application/x-ndjson', buffer: Buffer.from(ndjson) });
    await expect.poll(total).toContain('4 records');
    expect(await total()).toContain('2 invalid');
    await expect.poll(chips, { timeout: 10_000 }).toEqual(['1 eligible', '1 ineligible', '0 undetermined']);
    expect(await s.page.locator('.visit-source').innerText()).toContain('borgere.ndjson: 4 NDJSON rows');
  });

  it('a Danish Excel CSV dropped on the editor', async () => {
    // Windows-1252: "Århus" with Å as byte 0xC5; decimal comma; ja/nej.
    const csv = Buffer.concat([Buffer.from('cpr;timer;by;aktiv\r\n0101701234;15,5;'), Buffer.from([0xc5]), Buffer.from('rhus;ja\r\n0202801234;14,5;;ja\r\n0303901234;20;;nej\r\n')]);
    const transfer = await s.page.evaluateHandle((bytes) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(bytes)], 'borgere.csv', { type: 'text/csv' }));
      return dt;
    }, [...csv]);
    await s.page.dispatchEvent('.visit-app', 'dragover', { dataTransfer: transfer });
    await s.page.dispatchEvent('.visit-app', 'drop', { dataTransfer: transfer });
    await expect.poll(() => s.page.locator('.visit-source').innerText()).toContain('borgere.csv: 3 CSV rows');
    // The source line changes when the file is read, the counts when its screening ends: wait for both
    // (a quickstart run on a busy machine read the counts of the file before).
    await expect.poll(chips, { timeout: 10_000 }).toEqual(['1 eligible', '2 ineligible', '0 undetermined']);
    expect(await total()).not.toContain('invalid');
    expect(s.errors).toEqual([]);
  });
});
