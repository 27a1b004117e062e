// The checker's diagnostics as LSP diagnostics, with their stable codes.
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver-types';
import { toLspRange, type VisitDocument } from './document';

const unnecessary = new Set(['unused-let', 'unused-param']);

export function getDiagnostics(doc: VisitDocument): Diagnostic[] {
  return doc.checked.diagnostics.map((d) => ({
    range: toLspRange(d.range),
    severity: d.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    code: d.code,
    source: 'visit',
    message: d.message,
    ...(unnecessary.has(d.code) ? { tags: [DiagnosticTag.Unnecessary] } : {}),
  }));
}
