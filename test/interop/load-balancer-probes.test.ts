/**
 * Probes to a load balancer in both exports. AWS's Reachability Analyzer guide lists the resource
 * types a path may start and end at (instances, internet gateways, network interfaces, transit
 * gateways and their attachments, VPC endpoint services and endpoints, peering connections, VPN
 * gateways; IP addresses as destinations): no load balancer, whose addresses AWS assigns when it
 * creates it. Such probes are listed as not exported with that reason; the probes beside them still
 * become paths.
 */
import { describe, expect, it } from 'vitest';
import { exportCloudFormation } from '../../src/interop/cloudformation/export/index.js';
import { LOAD_BALANCER_DESTINATION } from '../../src/interop/common/export-plan.js';
import { exportTerraform } from '../../src/interop/terraform/export/index.js';
import { check } from '../helpers.js';

const DESIGN = `vpc app region us-east-1 {
  cidr 10.0.0.0/16
  subnet a az us-east-1a { cidr 10.0.1.0/24 }
  subnet b az us-east-1b { cidr 10.0.2.0/24 }
  security-group web-sg { ingress tcp 8080 from 10.0.0.0/16 }
  security-group lb-sg { ingress tcp 80 from 10.0.0.0/16 }
  instance client subnet a { ip 10.0.1.5 }
  instance web subnet b { ip 10.0.2.10  security-groups web-sg }
  load-balancer front type application scheme internal {
    subnets a, b
    security-groups lb-sg
    listener http 80 -> web port 8080
  }
}
probe to-lb: app.client -> load-balancer front tcp 80 expect accept
probe to-web: app.client -> app.web tcp 8080 expect accept`;

async function topology() {
    const checked = await check(DESIGN);
    return checked.services.workspace.WorkspaceModel.get().topology;
}

describe('probes to a load balancer', () => {
    it("the reason quotes AWS's list of what a path may start and end at, which has no load balancer", () => {
        expect(LOAD_BALANCER_DESTINATION).toContain(
            '"Reachability Analyzer supports the following resource types as sources and destinations: Instances, Internet gateways, Network interfaces, Transit gateways, Transit gateway attachments, VPC endpoint services, VPC endpoints, VPC peering connections, VPN gateways. In addition, Reachability Analyzer supports IP addresses as destinations."'
        );
    });

    it('CloudFormation: listed as not exported with that reason; the probe to the instance is a path', async () => {
        const t = await topology();
        const { templates, notExported } = exportCloudFormation(t);
        expect(notExported.map(n => [n.element, n.why])).toEqual([['to-lb', LOAD_BALANCER_DESTINATION]]);
        const paths = Object.values(
            (templates[0]!.json as { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> }).Resources
        )
            .filter(r => r.Type === 'AWS::EC2::NetworkInsightsPath')
            .map(r => [r.Properties.Protocol, r.Properties.DestinationPort]);
        expect(paths).toEqual([['tcp', 8080]]);
    });

    it('Terraform: the same, with one aws_ec2_network_insights_path for the probe to the instance', async () => {
        const t = await topology();
        const { files, notExported } = await exportTerraform(t);
        expect(notExported.map(n => [n.element, n.why])).toEqual([['to-lb', LOAD_BALANCER_DESTINATION]]);
        const paths = files.flatMap(f => f.blocks).filter(b => b.labels[0] === 'aws_ec2_network_insights_path');
        expect(paths.map(b => b.labels[1])).toEqual(['to-web']);
    });
});
