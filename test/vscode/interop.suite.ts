/**
 * The import and export commands inside a real VS Code, through the `vscode` API. File dialogs
 * cannot be driven here: each command is given its inputs (and a target folder where the test
 * wants one) as arguments, which skips the pickers, and the rest is as a person gets it.
 */
/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { VpcLabApi } from '../../src/extension/main.js';
import type { ExportResult, ImportResult } from '../../src/protocol.js';
import { twoTier } from '../fixtures/aws/two-tier.js';

function root(): string {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(folder, 'the tests run with the test workspace open');
    return folder.fsPath;
}

async function api(): Promise<VpcLabApi> {
    const extension = vscode.extensions.getExtension<VpcLabApi>('vpc-lab.vpc-lab');
    assert.ok(extension, 'the extension is installed');
    return extension.activate();
}

/** A folder outside the workspace holding `files` (objects as JSON). */
function source(files: Record<string, object | string>): string {
    const dir = mkdtempSync(join(tmpdir(), 'vpc-source-'));
    for (const [name, content] of Object.entries(files))
        writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    return dir;
}

/** The imported file is open in the editor and the preview beside it. */
async function assertOpenedWithPreview(path: string): Promise<void> {
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, path);
    const lab = await api();
    assert.ok(lab.preview(), 'the preview is open');
}

const TEMPLATE = `Parameters:
  VpcCidr:
    Type: String
Resources:
  Network:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: !Ref VpcCidr
  Web:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Network
      AvailabilityZone: !Select [0, !GetAZs '']
      CidrBlock: !Select [0, !Cidr [!GetAtt Network.CidrBlock, 2, 8]]
`;

suite('vpc-lab in VS Code', () => {
    const made: string[] = [];
    suiteTeardown(() => {
        for (const path of made) rmSync(path, { recursive: true, force: true });
    });

    test('VPC: Import from CloudFormation… writes a folder of the workspace, opens the first file with the preview, and never writes over a file', async () => {
        const dir = source({ 'net.yaml': TEMPLATE });
        made.push(dir, join(root(), 'net-vpc'), join(root(), 'net-vpc-2'));
        const template = vscode.Uri.file(join(dir, 'net.yaml'));
        const result = await vscode.commands.executeCommand<ImportResult>('vpc-lab.importCloudFormation', [template], {
            parameters: { VpcCidr: '10.7.0.0/16' }
        });
        assert.equal(result.error, undefined);
        assert.deepEqual(result.written, [join(root(), 'net-vpc', 'Network.vpc')]);
        assert.match(readFileSync(result.written[0]!, 'utf8'), /cidr 10\.7\.0\.0\/24/);
        await assertOpenedWithPreview(result.written[0]!);

        // Again: a new folder beside the first, the first untouched.
        const first = readFileSync(result.written[0]!, 'utf8');
        const again = await vscode.commands.executeCommand<ImportResult>('vpc-lab.importCloudFormation', [template], {
            parameters: { VpcCidr: '10.8.0.0/16' }
        });
        assert.deepEqual(again.written, [join(root(), 'net-vpc-2', 'Network.vpc')]);
        assert.equal(readFileSync(result.written[0]!, 'utf8'), first);

        // Into the first folder on purpose: nothing written, the file said.
        const clash = await vscode.commands.executeCommand<ImportResult>('vpc-lab.importCloudFormation', [template], {
            parameters: { VpcCidr: '10.9.0.0/16' },
            target: join(root(), 'net-vpc')
        });
        assert.deepEqual(clash.written, []);
        assert.match(clash.error ?? '', /Network\.vpc' already exists; nothing was written$/);
        assert.equal(readFileSync(result.written[0]!, 'utf8'), first);
    });

    test('VPC: Import from AWS CLI Output… reads a folder of describe-* output into the workspace', async () => {
        const dir = source(twoTier);
        made.push(dir);
        const target = join(root(), 'imported-aws');
        made.push(target);
        const result = await vscode.commands.executeCommand<ImportResult>('vpc-lab.importAws', vscode.Uri.file(dir), { target });
        assert.equal(result.error, undefined);
        assert.deepEqual([...result.written].sort(), [join(target, 'two-tier.vpc'), join(target, 'workspace.vpc')]);
        for (const path of result.written) assert.ok(existsSync(path), path);
        // The VPC's file is the one opened, not workspace.vpc.
        await assertOpenedWithPreview(join(target, 'two-tier.vpc'));
    });

    test('VPC: Import from Terraform… reads a configuration with the variables given', async () => {
        const dir = source({
            'main.tf': 'variable "cidr" {\n  type = string\n}\n\nresource "aws_vpc" "main" {\n  cidr_block = var.cidr\n}\n'
        });
        made.push(dir, join(root(), `${dir.split('/').pop()}-vpc`));
        const result = await vscode.commands.executeCommand<ImportResult>('vpc-lab.importTerraform', vscode.Uri.file(dir), {
            vars: { cidr: '10.30.0.0/16' }
        });
        assert.equal(result.error, undefined);
        assert.ok(result.written.length > 0);
        assert.ok(
            result.written.every(p => p.startsWith(join(root(), `${dir.split('/').pop()}-vpc`))),
            result.written.join(', ')
        );
        assert.match(readFileSync(result.written[0]!, 'utf8'), /cidr 10\.30\.0\.0\/16/);
        await assertOpenedWithPreview(result.written[0]!);
    });

    test('VPC: Export to CloudFormation… and to Terraform… write beside the file, never over a file, and refuse a design with errors', async () => {
        const tour = await vscode.workspace.openTextDocument(vscode.Uri.file(join(root(), 'tour.vpc')));
        await vscode.window.showTextDocument(tour, vscode.ViewColumn.One);
        for (const format of ['cloudformation', 'terraform'] as const) {
            const beside = join(root(), format);
            made.push(beside);
            const command = format === 'terraform' ? 'vpc-lab.exportTerraform' : 'vpc-lab.exportCloudFormation';
            const result = await vscode.commands.executeCommand<ExportResult>(command, { scope: 'active' });
            assert.equal(result.error, undefined);
            assert.ok(result.written.length > 0);
            for (const path of result.written) assert.ok(path.startsWith(`${beside}/`) && existsSync(path), path);
            const texts = result.written.map(p => readFileSync(p, 'utf8'));
            assert.ok(texts.join('\n').includes(format === 'terraform' ? 'resource "aws_vpc"' : 'AWS::EC2::VPC'));

            const again = await vscode.commands.executeCommand<ExportResult>(command, { scope: 'active' });
            assert.deepEqual(again.written, []);
            assert.match(again.error ?? '', /nothing was written \(export never writes over a file\)$/);
            assert.deepEqual(
                result.written.map(p => readFileSync(p, 'utf8')),
                texts
            );
        }
        // The whole workspace holds mistakes.vpc, whose errors AWS would refuse.
        const target = join(root(), 'refused');
        const refused = await vscode.commands.executeCommand<ExportResult>('vpc-lab.exportCloudFormation', { scope: 'workspace', target });
        assert.match(refused.error ?? '', /^the design has \d+ errors? \(first: .+\); fix them before exporting$/);
        assert.equal(existsSync(target), false);
    });
});
