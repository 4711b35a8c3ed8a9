/** Go to definition and find references through langium/test's helpers. */
import { EmptyFileSystem } from 'langium';
import { expectFindReferences, expectGoToDefinition } from 'langium/test';
import { describe, it } from 'vitest';
import { createVpcLspServices } from '../../src/language-server/vpc-lsp-module.js';

const services = createVpcLspServices(EmptyFileSystem).Vpc;
const definition = expectGoToDefinition(services);
const references = expectFindReferences(services);

// <|> marks where the request is made, <|...|> the ranges expected back.
const TEXT = `vpc app {
  cidr 10.0.0.0/16
  subnet web az us-east-1a { cidr 10.0.1.0/24 route-table <|>public }
  route-table <|public|> { route 0.0.0.0/0 -> igw }
  internet-gateway igw
}
`;

describe('navigation', () => {
    it('goes from a route-table reference to its declaration', async () => {
        await definition({ text: TEXT, index: 0, rangeIndex: 0, disposeAfterCheck: true });
    });

    it('finds every reference to a gateway, declaration included', async () => {
        await references({
            text: `vpc app {
  cidr 10.0.0.0/16
  internet-gateway <|<|>igw|>
  route-table a { route 0.0.0.0/0 -> <|igw|> }
  route-table b { route ::/0 -> <|app.igw|> }
}
`,
            includeDeclaration: true,
            disposeAfterCheck: true
        });
    });
});
