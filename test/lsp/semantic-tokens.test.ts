/** Semantic tokens: declarations and references by the kind they name, addresses as numbers. */
import { EmptyFileSystem } from 'langium';
import { highlightHelper } from 'langium/test';
import { describe, expect, it } from 'vitest';
import { createVpcLspServices } from '../../src/language-server/vpc-lsp-module.js';

const services = createVpcLspServices(EmptyFileSystem).Vpc;
const highlight = highlightHelper(services);

const TEXT = `vpc app {
  cidr 10.0.0.0/16
  subnet web az us-east-1a { cidr 10.0.1.0/24 route-table public }
  internet-gateway igw
  route-table public { route 0.0.0.0/0 -> igw }
  security-group web-sg { ingress tcp 443 from 0.0.0.0/0 }
  instance web-1 subnet web { ip 10.0.1.10 security-groups web-sg }
}
`;

describe('semantic tokens', () => {
    it('colours names by what they name, and addresses as numbers', async () => {
        const { tokens } = await highlight(TEXT);
        const seen = tokens.map(t => `${t.text}:${t.tokenType}${t.tokenModifiers ? '+decl' : ''}`);
        expect(seen).toEqual([
            'app:namespace+decl',
            '10.0.0.0/16:number',
            'web:struct+decl',
            '10.0.1.0/24:number',
            'public:type',
            'igw:interface+decl',
            'public:type+decl',
            '0.0.0.0/0:number',
            'igw:interface',
            'web-sg:class+decl',
            '0.0.0.0/0:number',
            'web-1:variable+decl',
            'web:struct',
            '10.0.1.10:number',
            'web-sg:class'
        ]);
    });
});
