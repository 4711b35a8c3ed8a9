/** `vpc-lab matrix PATH... [--protocol P] [--port N] [--format text|json|csv]` */
import type { RejectReason } from '../model/reasons.js';
import type { Protocol } from '../model/topology.js';
import { computeMatrix, type Matrix } from '../simulator/matrix.js';
import { collectDiagnostics } from './diagnostics.js';
import { ExitCode, reportLoadErrors, writeOut } from './output.js';
import { colorsFor, type Colors } from './text-report.js';
import { loadWorkspace } from './workspace.js';

export interface MatrixCliOptions {
    protocol: Protocol;
    port?: string;
    format: 'text' | 'json' | 'csv';
}

const SHORT: Record<RejectReason, string> = {
    NO_ROUTE: 'nr',
    SG_EGRESS: 'se',
    SG_INGRESS: 'si',
    NACL_OUTBOUND: 'no',
    NACL_INBOUND: 'ni',
    NACL_RETURN: 'nb',
    NO_PUBLIC_IP: 'ip',
    NOT_TRANSITIVE: 'tr',
    NO_RETURN_ROUTE: 'rr',
    EIGW_INBOUND: 'eg',
    NAT_NO_INTERNET: 'na',
    ENDPOINT_POLICY: 'ep',
    BUCKET_POLICY: 'bp',
    ENDPOINT_PROTOCOL: 'pr',
    CROSS_REGION_ENDPOINT: 'cr',
    TGW_NO_ROUTE: 'tn',
    TGW_BLACKHOLE: 'tb',
    TGW_NO_ATTACHMENT_AZ: 'ta',
    LB_NO_LISTENER: 'ln',
    ENDPOINT_SERVICE_NOT_ALLOWED: 'sa'
};

export async function matrixCommand(paths: string[], options: MatrixCliOptions): Promise<number> {
    const port = options.port === undefined ? undefined : Number(options.port);
    if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) {
        process.stderr.write(`vpc-lab: --port takes a port from 0 to 65535, not '${options.port}'\n`);
        return ExitCode.Usage;
    }
    const workspace = await loadWorkspace(paths);
    reportLoadErrors(workspace.errors);
    const matrix = computeMatrix(workspace.model().compiled(), { protocol: options.protocol, port });
    const columns = [...matrix.instances, ...matrix.targets];
    if (options.format === 'json') {
        await writeOut(
            JSON.stringify(
                {
                    protocol: matrix.protocol,
                    port: matrix.port,
                    sources: matrix.instances,
                    destinations: columns,
                    classes: matrix.classes,
                    cells: matrix.cells
                },
                null,
                2
            ) + '\n'
        );
    } else if (options.format === 'csv') {
        const rows = ['source,destination,verdict,reason'];
        matrix.cells.forEach((row, i) =>
            row.forEach((cell, j) => rows.push(`${matrix.instances[i]},${columns[j]},${cell.verdict},${cell.reason ?? ''}`))
        );
        await writeOut(rows.join('\n') + '\n');
    } else {
        await writeOut(formatMatrix(matrix, colorsFor(process.stdout)) + '\n');
    }
    const errors = collectDiagnostics(workspace).filter(d => d.severity === 'error');
    if (errors.length > 0)
        process.stderr.write(
            `vpc-lab: the workspace has ${errors.length} error${errors.length === 1 ? '' : 's'}; run vpc-lab check for details\n`
        );
    if (workspace.errors.length > 0) return ExitCode.Usage;
    return errors.length > 0 ? ExitCode.Errors : ExitCode.Ok;
}

export function formatMatrix(matrix: Matrix, c: Colors): string {
    const traffic = matrix.protocol === 'tcp' || matrix.protocol === 'udp' ? `${matrix.protocol} ${matrix.port}` : matrix.protocol;
    const out = [c.bold(`Who can reach whom over ${traffic} (${matrix.instances.length} instances in ${matrix.classes} classes)`), ''];
    const numbers = matrix.instances.map((_, i) => String(i + 1));
    const heads = [...numbers, ...matrix.targets];
    const widths = heads.map(h => Math.max(2, h.length));
    const labelWidth = Math.max(...matrix.instances.map((name, i) => `${i + 1} ${name}`.length), 4);
    out.push(`${' '.repeat(labelWidth)}  ${heads.map((h, k) => h.padStart(widths[k]!)).join(' ')}`);
    const used = new Set<RejectReason>();
    matrix.cells.forEach((row, i) => {
        const cells = row.map((cell, k) => {
            if (cell.verdict === 'ACCEPT') return c.green('✓'.padStart(widths[k]!));
            used.add(cell.reason!);
            return c.red(SHORT[cell.reason!].padStart(widths[k]!));
        });
        out.push(`${`${i + 1} ${matrix.instances[i]}`.padEnd(labelWidth)}  ${cells.join(' ')}`);
    });
    out.push(
        '',
        `${c.green('✓')} accepted` +
            [...used]
                .sort()
                .map(r => `   ${c.red(SHORT[r])} ${r}`)
                .join('')
    );
    out.push(
        c.dim(
            'Rows are sources, columns destinations: the numbered instances, then the internet (8.8.8.8), each service by its default DNS name and each load balancer by its own (its listeners decide the port).'
        )
    );
    return out.join('\n');
}
