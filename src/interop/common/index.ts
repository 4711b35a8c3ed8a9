/**
 * What every importer shares (AWS CLI JSON, CloudFormation, Terraform):
 * - `TopologyDraft`: the model being built, with `names` (the naming rules and clash suffixes),
 *   `origin()` (the comment naming each element's source) and `report` (left out / stand-in);
 *   `finish()` gives the `ImportResult` the command prints.
 * - `writeImportFiles`: writes OUT's files all or nothing, never over an existing file.
 * - `ImportError`: unreadable input, one line, exit 2.
 * - `importExitCode`: 0 all imported (stand-ins allowed), 1 something left out.
 */
export { TopologyDraft, type ImportResult, type VpcFields } from './draft.js';
export { NameTable, namespaceOf, sanitizeName } from './names.js';
export { writeImportFiles, type OutputFile } from './output.js';
export { ImportError, ImportReport, type ImportNote } from './report.js';
export { formatSource, type SourceRef } from './source.js';
import type { ImportReport } from './report.js';

export function importExitCode(report: ImportReport): 0 | 1 {
    return report.hasLeftOut ? 1 : 0;
}
