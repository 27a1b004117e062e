// Generates the benchmark rules file of issue 2: ~2,000 lines, 200 groups, 100 programmes.
export function generateRules({ groups = 200, programs = 100 } = {}) {
  const lines = [
    'record Citizen {',
    '  cpr: text key personal',
    '  birth_date: date',
    '  unemployed_since: date optional',
    '  weeks_unemployed: integer 0..520 in weeks optional',
    '  education: one of (none, vocational, bachelor, master)',
    '  benefit: one of (dagpenge, kontanthjaelp, sygedagpenge)',
    '  literacy: integer 1..5 optional',
    '  danish: integer 1..3 optional',
    '  motivated: boolean',
    '  hours: number 0..37 optional',
    '}',
    'let age = age_of(birth_date)',
    'let ledighed = time_since(unemployed_since)',
    'param min_ledighed = 6 months "Mindste ledighed"',
  ];
  for (let g = 0; g < groups; g++) {
    lines.push(`// Målgruppe ${g}`);
    lines.push(`group g${g} "Målgruppe ${g}" =`);
    lines.push(`  age between ${18 + (g % 30)} years and ${40 + (g % 25)} years`);
    lines.push(`  and (ledighed >= min_ledighed or weeks_unemployed >= ${26 + (g % 20)} weeks)`);
    lines.push(`  and benefit in (dagpenge, kontanthjaelp) and education != none${g > 0 ? ` and not g${g - 1}` : ''}`);
  }
  for (let p = 0; p < programs; p++) {
    lines.push(`program p${p} "Program ${p}" {`);
    lines.push(`  require g${p} or g${p + 1} "Målgruppe"`);
    lines.push(`  require literacy >= ${1 + (p % 4)} "Læsning"`);
    lines.push(`  require danish is known and danish >= 2 "Dansk"`);
    lines.push(`  require at least 2 of (motivated, hours > ${p % 30}, literacy >= 3) "Mindst to"`);
    lines.push(`  exclude benefit = sygedagpenge "Sygemeldt"`);
    lines.push('}');
  }
  return `${lines.join('\n')}\n`;
}
