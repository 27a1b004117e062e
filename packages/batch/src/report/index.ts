// The HTML reports: the kit (page shell, counts after suppression, tables, SVG bars) that
// `visit screen --report` and `visit diff --format html` share.
export * from './kit';
export * from './suppress';
export * from './collect';
export * from './render';
export { reportWords, type ReportWords } from './text';
