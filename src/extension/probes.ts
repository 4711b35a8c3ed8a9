/** Probe results outside the preview: the status-bar item (`✓ 12 probes · ✗ 1`) and the output channel. */
import * as vscode from 'vscode';
import { probeAsExpected, probeCounts, type ProbesResult } from '../protocol.js';

export class ProbeStatus implements vscode.Disposable {
    readonly item = vscode.window.createStatusBarItem('vpcLab.probes', vscode.StatusBarAlignment.Left, 50);
    readonly output = vscode.window.createOutputChannel('VPC Probes');

    constructor() {
        this.item.name = 'VPC probes';
        this.item.command = 'vpc-lab.runProbes';
    }

    show(probes: ProbesResult): void {
        const { passed, failed } = probeCounts(probes);
        this.item.text = `✓ ${passed} probe${passed === 1 ? '' : 's'} · ✗ ${failed}`;
        this.item.tooltip =
            failed === 0
                ? 'Every probe meets its expectation. Click to list them.'
                : `${failed} probe${failed === 1 ? '' : 's'} rejected or not as expected. Click to list them.`;
        this.item.backgroundColor = failed > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
        this.item.show();
    }

    /** One line per probe, with the deciding hop of those that are rejected. */
    write(probes: ProbesResult): void {
        this.output.clear();
        for (const probe of probes) {
            const good = probeAsExpected(probe);
            const where = probe.loc
                ? ` (${vscode.workspace.asRelativePath(vscode.Uri.parse(probe.loc.uri))}:${probe.loc.range.start.line + 1})`
                : '';
            this.output.appendLine(
                `${good ? '✓' : '✗'} ${probe.name}: ${probe.text}  ${probe.verdict}${probe.reason ? ` ${probe.reason}` : ''}${probe.met === false ? `  expected ${probe.expected}: NOT MET` : ''}${where}`
            );
            const blocker = probe.blockers[0];
            if (blocker) this.output.appendLine(`    hop ${blocker.hop + 1} (${probe.hops[blocker.hop]?.kind ?? '?'}): ${blocker.detail}`);
        }
        const { passed, failed } = probeCounts(probes);
        this.output.appendLine(`${probes.length} probes: ${passed} as expected, ${failed} not`);
    }

    dispose(): void {
        this.item.dispose();
        this.output.dispose();
    }
}
