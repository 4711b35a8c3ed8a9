/**
 * The templates given together, as one workspace: their resources in order, each one's properties
 * evaluated once (a reference cycle is an error, as CloudFormation refuses it), `Fn::GetAtt` of
 * the attributes networks use, and `Fn::ImportValue` between the templates.
 */
import { ImportError } from '../common/report.js';
import { cycleIn } from './cycles.js';
import type { SourceRef } from '../common/source.js';
import { Evaluator, type Resolver, type StackSettings } from './evaluate.js';
import { StandIns } from './stand-ins.js';
import type { Template } from './template.js';
import { findNesting, STACK_TYPE, type Nesting } from './nesting.js';
import { NO_VALUE, ResourceRef, type NestedParameter, type StackOutput, Unknown } from './values.js';

/** The `Metadata` `vpc-lab` block of a template `vpc-lab export` wrote: its account and region, and which parameters other stacks fill. */
export function stackMetadata(template: Template): {
    Account?: unknown;
    AccountName?: unknown;
    Region?: unknown;
    StackParameters?: Record<string, { Account?: unknown; Region?: unknown; Output?: unknown }>;
    PrefixLists?: Record<string, unknown>;
} {
    const block = (template.body.Metadata as Record<string, unknown> | undefined)?.['vpc-lab'];
    return block && typeof block === 'object' ? block : {};
}

export interface Resource {
    template: Template;
    evaluator: Evaluator;
    logicalId: string;
    type: string;
    raw: { Type?: unknown; Properties?: unknown; Condition?: unknown; DependsOn?: unknown };
    source: SourceRef;
    /** Its properties once evaluated (see `Stacks.props`): asked for many times per resource. */
    evaluated?: Record<string, unknown>;
    /** Its `Condition`, read once: each pass asks whether the resource is active. */
    condition: unknown;
    /** The references to its `…Id` attributes made so far (a group's `GroupId` is named by each of its rules). */
    attributeRefs?: Map<string, ResourceRef>;
}

/** What a resource without a `vpc-lab` block of Metadata keeps of the design: nothing (one empty mapping, only read). */
const NO_DESIGN: Readonly<Record<string, unknown>> = Object.freeze({});

const key = (file: string, id: string) => `${file}\u0000${id}`;

export class Stacks implements Resolver {
    readonly resources: Resource[] = [];
    readonly standIns = new StandIns();
    /** Template file → logical ID → resource: two lookups, where one key joined from both would be a new string each time. */
    private readonly byFile = new Map<string, Map<string, Resource>>();
    private readonly inProgress: Resource[] = [];
    private readonly evaluators = new Map<string, Evaluator>();
    /** Nested template file → its parent and stack resource (see nesting.ts). */
    readonly nesting: ReadonlyMap<string, Nesting>;
    private readonly nestedValues = new Map<string, unknown>();
    /** Resource type → its resources in order: the passes ask for a few types each, among 80,000 resources in a large workspace. */
    private readonly byType = new Map<string, Resource[]>();

    constructor(
        readonly templates: readonly Template[],
        settings: (t: Template) => StackSettings,
        parameters: (t: Template) => ReadonlyMap<string, unknown>,
        nesting: ReadonlyMap<string, Nesting> = findNesting(templates)
    ) {
        this.nesting = nesting;
        for (const template of templates) {
            const evaluator = new Evaluator(template, settings(template), parameters(template), this);
            this.evaluators.set(template.file, evaluator);
            const byId = this.byFile.get(template.file) ?? new Map<string, Resource>();
            this.byFile.set(template.file, byId);
            const resources = template.body.Resources as Record<string, Resource['raw']>;
            // `for in` rather than entries: a template's Resources is a large object, whose entries V8 sorts and copies.
            for (const logicalId in resources) {
                const raw = resources[logicalId];
                if (typeof raw !== 'object' || raw === null || typeof raw.Type !== 'string') {
                    throw new ImportError(`${template.file}:${template.lines.get(logicalId) ?? 1}: resource ${logicalId} has no Type`);
                }
                const properties = raw.Properties;
                // CloudFormation refuses a null anywhere in a template, and Properties other than a mapping.
                if (properties !== undefined && (typeof properties !== 'object' || properties === null || Array.isArray(properties)))
                    throw new ImportError(
                        `${template.file}:${template.lines.get(logicalId) ?? 1}: resource ${logicalId}: Properties is ${properties === null ? 'empty (null)' : 'not a mapping'}`
                    );
                const resource: Resource = {
                    template,
                    evaluator,
                    logicalId,
                    type: raw.Type,
                    raw,
                    source: { file: template.file, line: template.lines.get(logicalId) },
                    evaluated: undefined,
                    attributeRefs: undefined,
                    condition: raw.Condition
                };
                this.resources.push(resource);
                byId.set(logicalId, resource);
                const ofType = this.byType.get(resource.type);
                if (ofType) ofType.push(resource);
                else this.byType.set(resource.type, [resource]);
            }
            const cycle = template.cycle === undefined ? cycleIn(template.file, resources, template.lines) : template.cycle;
            if (cycle) throw new ImportError(cycle);
        }
        this.keepDesignValues();
    }

    /** The resources of a type, in template and resource order. */
    ofType(type: string): readonly Resource[] {
        return this.byType.get(type) ?? [];
    }

    /** What `vpc-lab export` kept of the design in a resource's `Metadata` (`vpc-lab` block). */
    design(resource: Resource): Record<string, unknown> {
        const metadata = (resource.raw as { Metadata?: Record<string, unknown> }).Metadata?.['vpc-lab'];
        return metadata && typeof metadata === 'object' ? (metadata as Record<string, unknown>) : NO_DESIGN;
    }

    private keepDesignValues(): void {
        const resources = this.resources;
        for (let i = 0; i < resources.length; i++) {
            const resource = resources[i]!;
            const design = this.design(resource);
            if (typeof design.DesignPublicIp === 'string')
                this.standIns.keepPublicIp(key(resource.template.file, resource.logicalId), design.DesignPublicIp);
            if (typeof design.DesignIpv6CidrBlock === 'string' && resource.type === 'AWS::EC2::VPCCidrBlock') {
                const vpc = referenced((resource.raw.Properties as Record<string, unknown> | undefined)?.VpcId);
                if (vpc !== undefined) this.standIns.keepIpv6Block(key(resource.template.file, vpc), design.DesignIpv6CidrBlock);
            }
        }
    }

    /** A template whose `Metadata` `vpc-lab` block says it is the stack of this account and region. */
    templateOf(account: string, region: string): Template | undefined {
        return this.templates.find(t => {
            if (this.nesting.has(t.file)) return false;
            const unit = stackMetadata(t);
            return unit.Account === account && unit.Region === region;
        });
    }

    /** A parameter another stack's output fills (see `StackOutput`): that output's value, when its template is given. */
    stackOutput(value: StackOutput): unknown {
        const template = this.templateOf(value.account, value.region);
        const output = (template?.body.Outputs as Record<string, { Value?: unknown }> | undefined)?.[value.output];
        if (!template || !output)
            return new Unknown(
                `parameter ${value.parameter} takes the output ${value.output} of the stack of account ${value.account} in ${value.region}; give its template too, or --parameter ${value.parameter}=VALUE`
            );
        return this.evaluators.get(template.file)!.evaluate(output.Value);
    }

    /** A nested stack's parameter: what its parent gives it, else its Default. */
    nestedParameter(value: NestedParameter): unknown {
        const cacheKey = key(value.parentFile, `${value.stackLogicalId}\u0000${value.parameter}`);
        if (this.nestedValues.has(cacheKey)) return this.nestedValues.get(cacheKey);
        const stack = this.find(value.parentFile, value.stackLogicalId);
        const given = ((stack?.raw.Properties as Record<string, unknown> | undefined)?.Parameters ?? {}) as Record<string, unknown>;
        let result: unknown = value.fallback;
        if (stack && Object.prototype.hasOwnProperty.call(given, value.parameter)) {
            const evaluated = stack.evaluator.evaluate(given[value.parameter]);
            if (evaluated !== NO_VALUE) result = evaluated;
        }
        this.nestedValues.set(cacheKey, result);
        return result;
    }

    private childOf?: Map<string, Template>;

    /** The template of an `AWS::CloudFormation::Stack` resource, when it is among those given. */
    nestedTemplate(stack: Resource): Template | undefined {
        this.childOf ??= new Map(
            [...this.nesting].map(([file, n]) => [key(n.parent.file, n.logicalId), this.templates.find(t => t.file === file)!])
        );
        return this.childOf.get(key(stack.template.file, stack.logicalId));
    }

    /** `Fn::GetAtt Stack.Outputs.X` of a nested stack whose template is given: that output's value. */
    private nestedOutput(stack: Resource, output: string): unknown {
        const template = this.nestedTemplate(stack);
        if (!template) return new Unknown(`${stack.logicalId} is a nested stack whose template is not given`);
        const value = (template.body.Outputs as Record<string, { Value?: unknown }> | undefined)?.[output];
        if (!value) throw new ImportError(`${stack.template.file}:${stack.source.line ?? 1}: ${template.file} has no output ${output}`);
        return this.evaluators.get(template.file)!.evaluate(value.Value);
    }

    resource(ref: ResourceRef): Resource | undefined {
        return (ref.resolved ??= this.find(ref.templateFile, ref.logicalId)) as Resource | undefined;
    }

    private find(file: string, logicalId: string): Resource | undefined {
        return this.byFile.get(file)?.get(logicalId);
    }

    /** Whether the resource's Condition holds (an unknown condition counts as true, with why). */
    active(resource: Resource): boolean | Unknown {
        if (resource.condition === undefined) return true;
        resource.evaluator.resource = resource.logicalId;
        return resource.evaluator.condition(String(resource.condition));
    }

    /** The resource's properties with every intrinsic applied, evaluated once. */
    props(resource: Resource): Record<string, unknown> {
        const cached = resource.evaluated;
        if (cached) return cached;
        if (this.inProgress.includes(resource)) {
            const cycle = [...this.inProgress.slice(this.inProgress.indexOf(resource)), resource].map(r => r.logicalId).join(' → ');
            throw new ImportError(`${resource.template.file}:${resource.source.line ?? 1}: reference cycle: ${cycle}`);
        }
        this.inProgress.push(resource);
        const evaluator = resource.evaluator;
        const previous = evaluator.resource;
        evaluator.resource = resource.logicalId;
        const value = evaluator.evaluate(resource.raw.Properties ?? {});
        evaluator.resource = previous;
        this.inProgress.pop();
        const props = (typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {}) as Record<string, unknown>;
        resource.evaluated = props;
        return props;
    }

    refText(ref: ResourceRef): string {
        const resource = this.resource(ref);
        if (resource?.type === 'AWS::S3::Bucket' && !ref.attribute) return this.bucketName(resource);
        return ref.logicalId;
    }

    /** A bucket's name: BucketName, else (CloudFormation generates one) the logical ID lower-cased. */
    bucketName(resource: Resource): string {
        const name = this.props(resource).BucketName;
        return typeof name === 'string' ? name : resource.logicalId.toLowerCase();
    }

    /** The Amazon-provided IPv6 block of a VPC, when a VPCCidrBlock asks for one: a stand-in. */
    amazonIpv6(vpc: Resource): string | undefined {
        const asks = this.cidrBlocksOf(vpc).some(r => truthy((r.raw.Properties as Record<string, unknown>).AmazonProvidedIpv6CidrBlock));
        return asks ? this.standIns.ipv6Block(key(vpc.template.file, vpc.logicalId)) : undefined;
    }

    private cidrBlocks?: Map<string, Resource[]>;
    /** The VPCCidrBlock resources that name a VPC (found from the raw properties, before evaluation). */
    private cidrBlocksOf(vpc: Resource): Resource[] {
        if (!this.cidrBlocks) {
            this.cidrBlocks = new Map();
            for (const r of this.ofType('AWS::EC2::VPCCidrBlock')) {
                const named = referenced((r.raw.Properties as Record<string, unknown> | undefined)?.VpcId);
                const target = named === undefined ? undefined : this.find(r.template.file, named);
                if (!target) continue;
                const k = key(target.template.file, target.logicalId);
                this.cidrBlocks.set(k, [...(this.cidrBlocks.get(k) ?? []), r]);
            }
        }
        return this.cidrBlocks.get(key(vpc.template.file, vpc.logicalId)) ?? [];
    }

    getAtt(template: Template, logicalId: string, attribute: string): unknown {
        const resource = this.find(template.file, logicalId)!;
        if (resource.type === STACK_TYPE && attribute.startsWith('Outputs.')) return this.nestedOutput(resource, attribute.slice(8));
        const p = () => this.props(resource);
        const type = resource.type;
        // By attribute first: most asked for are ids (`GroupId` of every rule), which no case takes.
        switch (attribute) {
            case 'CidrBlock':
                if (type === 'AWS::EC2::VPC' || type === 'AWS::EC2::Subnet') return p().CidrBlock;
                break;
            case 'Ipv6CidrBlocks':
                if (type === 'AWS::EC2::VPC') {
                    const explicit = this.cidrBlocksOf(resource)
                        .map(r => this.props(r).Ipv6CidrBlock)
                        .filter(b => typeof b === 'string');
                    const amazon = this.amazonIpv6(resource);
                    return amazon ? [amazon, ...explicit] : explicit;
                }
                if (type === 'AWS::EC2::Subnet') return p().Ipv6CidrBlock !== undefined ? [p().Ipv6CidrBlock] : [];
                break;
            case 'CidrBlockAssociations':
                if (type === 'AWS::EC2::VPC') return [new Unknown(`${logicalId}.CidrBlockAssociations are assigned at deployment`)];
                break;
            case 'AvailabilityZone':
                if (type === 'AWS::EC2::Subnet')
                    return p().AvailabilityZone ?? new Unknown(`the AZ of ${logicalId} is chosen at deployment`);
                break;
            case 'VpcId':
                if (type === 'AWS::EC2::Subnet' || type === 'AWS::EC2::SecurityGroup') return p().VpcId;
                break;
            case 'PrivateIp':
                if (type === 'AWS::EC2::Instance')
                    return this.instanceIp(resource) ?? new Unknown(`the address of ${logicalId} is assigned at deployment`);
                break;
            case 'PublicIp':
                if (type === 'AWS::EC2::Instance' || type === 'AWS::EC2::EIP') return this.standIns.publicIp(key(template.file, logicalId));
                break;
            case 'PrimaryPrivateIpAddress':
                if (type === 'AWS::EC2::NetworkInterface')
                    return p().PrivateIpAddress ?? new Unknown(`the address of ${logicalId} is assigned at deployment`);
                break;
            case 'NetworkInterfaceIds':
                // One interface per subnet, its id assigned at deployment: each stands for the endpoint.
                if (type === 'AWS::EC2::VPCEndpoint')
                    return (Array.isArray(p().SubnetIds) ? (p().SubnetIds as unknown[]) : []).map(
                        () => new ResourceRef(template.file, logicalId, attribute)
                    );
                break;
            case 'Arn':
                if (type === 'AWS::S3::Bucket') return `arn:aws:s3:::${this.bucketName(resource)}`;
                break;
            case 'DomainName':
                if (type === 'AWS::S3::Bucket') return `${this.bucketName(resource)}.s3.amazonaws.com`;
                break;
        }
        if (attribute.endsWith('Id') || attribute === 'DefaultSecurityGroup' || attribute === 'DefaultNetworkAcl') {
            resource.attributeRefs ??= new Map();
            let ref = resource.attributeRefs.get(attribute);
            if (ref === undefined) resource.attributeRefs.set(attribute, (ref = new ResourceRef(template.file, logicalId, attribute)));
            return ref;
        }
        return new Unknown(`${logicalId}.${attribute} is known only after deployment`);
    }

    /**
     * An instance's primary network interface (`DeviceIndex` 0): as written inline, or the
     * `AWS::EC2::NetworkInterface` it names by `NetworkInterfaceId`, with that resource's properties.
     */
    primaryInterface(instance: Resource): Record<string, unknown> | undefined {
        if (instance.type !== 'AWS::EC2::Instance') return undefined;
        const props = this.props(instance);
        const primary = (Array.isArray(props.NetworkInterfaces) ? props.NetworkInterfaces : []).find(
            n => String((n as Record<string, unknown>).DeviceIndex) === '0'
        ) as Record<string, unknown> | undefined;
        const named = primary?.NetworkInterfaceId instanceof ResourceRef ? this.resource(primary.NetworkInterfaceId) : undefined;
        return named?.type === 'AWS::EC2::NetworkInterface' ? { ...this.props(named), ...primary } : primary;
    }

    /** Network interface resource → the instance whose primary interface it is (one instance in the language). */
    primaryOf(networkInterface: Resource): Resource | undefined {
        if (!this.primaries) {
            this.primaries = new Map();
            for (const r of this.ofType('AWS::EC2::Instance')) {
                const raw = (r.raw.Properties as Record<string, unknown> | undefined)?.NetworkInterfaces;
                for (const n of Array.isArray(raw) ? raw : []) {
                    const named = referenced((n as Record<string, unknown>)?.NetworkInterfaceId);
                    const target = named === undefined ? undefined : this.find(r.template.file, named);
                    if (target && String((n as Record<string, unknown>).DeviceIndex) === '0') this.primaries.set(target, r);
                }
            }
        }
        return this.primaries.get(networkInterface);
    }
    private primaries?: Map<Resource, Resource>;

    /** An instance's private address: written, else a stand-in from its subnet (see StandIns). */
    instanceIp(instance: Resource): string | undefined {
        const props = this.props(instance);
        if (typeof props.PrivateIpAddress === 'string') return props.PrivateIpAddress;
        const primary = this.primaryInterface(instance);
        if (typeof primary?.PrivateIpAddress === 'string') return primary.PrivateIpAddress;
        const cidr = this.subnetCidr(props.SubnetId ?? primary?.SubnetId);
        if (cidr === undefined) return undefined;
        this.reserveWritten();
        return this.standIns.privateIp(key(instance.template.file, instance.logicalId), cidr);
    }

    private subnetCidr(subnetRef: unknown): string | undefined {
        const subnet = subnetRef instanceof ResourceRef ? this.resource(subnetRef) : undefined;
        const cidr = subnet ? this.props(subnet).CidrBlock : undefined;
        return typeof cidr === 'string' ? cidr : undefined;
    }

    /** The addresses the templates write (NAT gateways, interfaces, instances): no stand-in takes them. */
    private reserveWritten(): void {
        if (this.reserved) return;
        this.reserved = true;
        const resources = this.resources;
        for (let i = 0; i < resources.length; i++) {
            const resource = resources[i]!;
            if (
                resource.type !== 'AWS::EC2::NatGateway' &&
                resource.type !== 'AWS::EC2::NetworkInterface' &&
                resource.type !== 'AWS::EC2::Instance'
            )
                continue;
            const props = this.props(resource);
            const interfaces = (Array.isArray(props.NetworkInterfaces) ? props.NetworkInterfaces : []) as Array<Record<string, unknown>>;
            for (const ends of [props, ...interfaces]) {
                const cidr = this.subnetCidr(ends.SubnetId);
                if (cidr !== undefined && typeof ends.PrivateIpAddress === 'string') this.standIns.takePrivate(cidr, ends.PrivateIpAddress);
            }
        }
    }
    private reserved = false;

    importValue(name: string, from: Template): unknown {
        for (const template of this.templates) {
            for (const [outputId, output] of Object.entries(
                (template.body.Outputs ?? {}) as Record<string, { Value?: unknown; Export?: { Name?: unknown } }>
            )) {
                if (!output?.Export) continue;
                const evaluator = this.evaluators.get(template.file)!;
                const exported = evaluator.evaluate(output.Export.Name);
                if (exported === name) {
                    if (template === from) throw new ImportError(`${template.file}: output ${outputId} is imported by its own template`);
                    return evaluator.evaluate(output.Value);
                }
            }
        }
        return new Unknown(`Fn::ImportValue ${name}: no template given exports it`);
    }
}

function truthy(value: unknown): boolean {
    return value === true || value === 'true';
}

/** The resource a raw value names by Ref or GetAtt (read before evaluation, to find a VPC's VPCCidrBlocks). */
function referenced(raw: unknown): string | undefined {
    const value = raw as Record<string, unknown> | undefined;
    if (!value || typeof value !== 'object') return undefined;
    if (typeof value.Ref === 'string') return value.Ref;
    const att = value['Fn::GetAtt'];
    return Array.isArray(att) ? String(att[0]) : typeof att === 'string' ? att.split('.')[0] : undefined;
}
