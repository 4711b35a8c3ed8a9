/**
 * `vpc-lab query DIR "SQL" [--format text|json|csv]`: SQL over flow logs written by
 * `simulate --flow-logs DIR`, as a table `vpc_flow_logs` with the Athena table's columns and
 * partition columns. DuckDB is loaded here only, so nothing else pays for it.
 */
import { open, readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { constants, gunzipSync } from 'node:zlib';
import { athenaType, columnName } from '../simulator/flow-log-layout.js';
import { ExitCode, writeOut } from './output.js';
import { colorsFor } from './text-report.js';

const LOG_FILE = /AWSLogs\/\d{12}\/vpcflowlogs\/[a-z0-9-]+\/\d{4}\/\d{2}\/\d{2}\/[^/]+\.log\.gz$/;

async function findLogs(dir: string): Promise<string[]> {
    const found: string[] = [];
    const walk = async (folder: string) => {
        for (const entry of await readdir(folder, { withFileTypes: true })) {
            const path = join(folder, entry.name);
            if (entry.isDirectory()) await walk(path);
            else if (entry.isFile() && LOG_FILE.test(path.replace(/\\/g, '/'))) found.push(path);
        }
    };
    await walk(dir);
    return found.sort();
}

/** The header line of a gzip file, from its first kilobytes only. */
async function firstLine(file: string): Promise<string> {
    const handle = await open(file, 'r');
    try {
        const { buffer, bytesRead } = await handle.read(Buffer.alloc(4096), 0, 4096, 0);
        const text = gunzipSync(buffer.subarray(0, bytesRead), { finishFlush: constants.Z_SYNC_FLUSH }).toString('utf8');
        const end = text.indexOf('\n');
        return end >= 0 ? text.slice(0, end) : text;
    } finally {
        await handle.close();
    }
}

function sqlString(text: string): string {
    return `'${text.replace(/'/g, "''")}'`;
}

/**
 * A path as DuckDB reads it literally. DuckDB expands `*`, `?` and `[` in any file path, so each
 * becomes a one-character class (`[*]`); a backslash is a separator on Windows only, and elsewhere
 * an ordinary character, which DuckDB keeps in plain paths but reads as an escape in patterns.
 */
export function duckPath(path: string, platform = process.platform): string | undefined {
    const slashed = platform === 'win32' ? path.replace(/\\/g, '/') : path;
    if (!/[*?[]/.test(slashed)) return slashed;
    if (slashed.includes('\\')) return undefined;
    return slashed.replace(/[*?[]/g, c => `[${c}]`);
}

const DUCK_TYPES: Record<string, string> = { int: 'INTEGER', bigint: 'BIGINT', string: 'VARCHAR' };

/**
 * The view: every field any file has (Athena's names and types), then the partition columns
 * accid, region and day from the key, and flow_log_id (also from the key) to tell flow logs apart.
 * Files are read per header (one read_csv with explicit columns for each distinct format, no
 * sniffing), then unioned by name.
 */
export function viewSql(groups: ReadonlyMap<string, readonly string[]>, fields: readonly string[], glob?: string): string {
    const regionPartition = fields.includes('region') ? 'log_region' : 'region';
    const reads = [...groups].map(([header, files]) => {
        const columns = header.split(' ');
        const spec = columns.map(c => `${sqlString(c)}: 'VARCHAR'`).join(', ');
        // One format for every file: let DuckDB glob the layout instead of reading a list of thousands.
        const list = glob && groups.size === 1 ? sqlString(glob) : `[${files.map(f => sqlString(duckPath(f)!)).join(', ')}]`;
        const select = fields
            .map(field => {
                if (!columns.includes(field)) return `NULL AS "${field}"`;
                return `"${field}"`;
            })
            .join(', ');
        return `SELECT ${select}, filename FROM read_csv(${list}, delim = ' ', header = true, columns = {${spec}}, auto_detect = false, filename = true, compression = 'gzip', quote = '', escape = '')`;
    });
    const columns = fields.map(field => {
        const type = DUCK_TYPES[athenaType(field)]!;
        const source = `"${field}"`;
        return `${type === 'VARCHAR' ? source : `TRY_CAST(${source} AS ${type})`} AS "${columnName(field)}"`;
    });
    return `CREATE VIEW vpc_flow_logs AS SELECT ${columns.join(', ')},
  regexp_extract(filename, 'AWSLogs/([0-9]{12})/vpcflowlogs/', 1) AS accid,
  regexp_extract(filename, 'vpcflowlogs/([a-z0-9-]+)/', 1) AS "${regionPartition}",
  regexp_extract(filename, 'vpcflowlogs/[a-z0-9-]+/([0-9]{4}/[0-9]{2}/[0-9]{2})/', 1) AS day,
  regexp_extract(filename, '_(fl-[0-9a-f]+)_[0-9]{8}T[0-9]{4}Z_', 1) AS flow_log_id
FROM (${reads.join('\n  UNION ALL\n  ')})`;
}

/** DuckDB's message, first line only (the rest repeats the SQL); exit 1, as for any error found. */
function sqlError(error: unknown): number {
    const message = (error instanceof Error ? error.message : String(error)).replace(/^Failed to extract statements: /, '');
    process.stderr.write(`vpc-lab: SQL error: ${message.split('\n')[0]}\n`);
    return ExitCode.Errors;
}

function cellText(value: unknown): string {
    if (value === null || value === undefined) return '';
    if (typeof value === 'bigint') return value.toString();
    return String(value);
}

function jsonValue(value: unknown): unknown {
    if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
    if (value !== null && typeof value === 'object') return String(value);
    return value;
}

/** Column widths for the text table, in one pass (a spread over 100,000 rows overflows the stack). */
export function columnWidths(names: readonly string[], cells: readonly string[][]): number[] {
    const widths = names.map(n => n.length);
    for (const row of cells)
        row.forEach((cell, i) => {
            if (cell.length > widths[i]!) widths[i] = cell.length;
        });
    return widths;
}

function textTable(names: readonly string[], rows: readonly unknown[][], c: ReturnType<typeof colorsFor>): string {
    const cells = rows.map(row => row.map(cellText));
    const widths = columnWidths(names, cells);
    const numeric = names.map((_, i) => cells.length > 0 && cells.every(r => r[i] === '' || /^-?\d+(\.\d+)?$/.test(r[i]!)));
    const line = (values: readonly string[]) =>
        values
            .map((v, i) => (numeric[i] ? v.padStart(widths[i]!) : v.padEnd(widths[i]!)))
            .join('  ')
            .trimEnd();
    return (
        [
            c.bold(line(names)),
            widths.map(w => '-'.repeat(w)).join('  '),
            ...cells.map(line),
            c.dim(`(${rows.length} row${rows.length === 1 ? '' : 's'})`)
        ].join('\n') + '\n'
    );
}

export async function queryCommand(dir: string, sql: string, options: { format: 'text' | 'json' | 'csv' }): Promise<number> {
    if (sql.trim() === '') {
        process.stderr.write('vpc-lab: no SQL given: write a query, e.g. "SELECT action, count(*) FROM vpc_flow_logs GROUP BY 1"\n');
        return ExitCode.Usage;
    }
    try {
        if (!(await stat(dir)).isDirectory()) throw new Error('not a folder');
    } catch {
        process.stderr.write(`vpc-lab: cannot read folder '${dir}'\n`);
        return ExitCode.Usage;
    }
    const files = await findLogs(dir);
    if (files.length === 0) {
        process.stderr.write(`vpc-lab: no flow-log files under '${dir}' (write some with vpc-lab simulate PATH --flow-logs ${dir})\n`);
        return ExitCode.Usage;
    }
    const fields: string[] = [];
    const groups = new Map<string, string[]>();
    // A flow log's format is fixed when it is created, so one header per flow log (its id is in every
    // file name) stands for all its files; headers are read many at a time.
    const idOf = (file: string) => /_(fl-[0-9a-f]+)_\d{8}T\d{4}Z_/.exec(file)?.[1] ?? file;
    const representatives = [...new Map(files.map(f => [idOf(f), f])).values()];
    const headerOf = new Map<string, string>();
    for (let i = 0; i < representatives.length; i += 64) {
        const batch = representatives.slice(i, i + 64);
        (await Promise.all(batch.map(firstLine))).forEach((header, k) => headerOf.set(idOf(batch[k]!), header));
    }
    for (const file of files) {
        const header = headerOf.get(idOf(file))!.trim().split(/\s+/);
        for (const field of header) if (!fields.includes(field)) fields.push(field);
        const key = header.join(' ');
        const list = groups.get(key);
        if (list) list.push(file);
        else groups.set(key, [file]);
    }
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
        // DuckDB globs the layout faster than it reads a list of thousands, when the folder's path can be written as a pattern.
        const folder = duckPath(resolve(dir));
        const glob = folder && !folder.includes('\\') ? `${folder}/**/AWSLogs/*/vpcflowlogs/*/*/*/*/*.log.gz` : undefined;
        if (files.some(f => duckPath(f) === undefined)) {
            process.stderr.write(
                `vpc-lab: cannot query '${dir}': its path holds a backslash together with one of * ? [, which DuckDB cannot read literally; move or rename the folder\n`
            );
            return ExitCode.Usage;
        }
        try {
            await connection.run(viewSql(groups, fields, glob));
        } catch (error) {
            process.stderr.write(
                `vpc-lab: cannot read the flow-log files under '${dir}': ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}\n`
            );
            return ExitCode.Usage;
        }
        let statements;
        try {
            statements = await connection.extractStatements(sql);
        } catch (error) {
            // DuckDB fails without a parser message when there is nothing to parse.
            if (error instanceof Error && error.message.startsWith('Failed to extract statements: ')) return sqlError(error);
            statements = { count: 0 } as const;
        }
        if (statements.count === 0 || !('prepare' in statements)) {
            process.stderr.write('vpc-lab: the SQL holds no statement (only comments or semicolons)\n');
            return ExitCode.Usage;
        }
        if (statements.count > 1 && options.format !== 'text') {
            process.stderr.write(
                `vpc-lab: --format ${options.format} prints one result, and the SQL holds ${statements.count} statements: run them one at a time (or use --format text, which prints each)\n`
            );
            return ExitCode.Usage;
        }
        const c = colorsFor(process.stdout);
        for (let i = 0; i < statements.count; i++) {
            let reader;
            try {
                reader = await (await statements.prepare(i)).runAndReadAll();
            } catch (error) {
                return sqlError(error);
            }
            const names = reader.columnNames();
            const rows = reader.getRows();
            if (options.format === 'json') {
                await writeOut(
                    JSON.stringify(
                        rows.map(row => Object.fromEntries(names.map((n, k) => [n, jsonValue(row[k])]))),
                        null,
                        2
                    ) + '\n'
                );
            } else if (options.format === 'csv') {
                const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
                await writeOut(
                    [names.map(quote).join(','), ...rows.map(row => row.map(v => quote(cellText(v))).join(','))].join('\n') + '\n'
                );
            } else {
                await writeOut((i > 0 ? '\n' : '') + textTable(names, rows, c));
            }
        }
        return ExitCode.Ok;
    } finally {
        connection.closeSync?.();
    }
}
