/** CloudFormation's short-form tags as js-yaml types, read as the importer reads them (`!GetAtt A.B` as a pair). */
import { Type } from 'js-yaml';
import { SHORT_FORMS } from '../../src/interop/cloudformation/template.js';

export function shortFormTypes(): Type[] {
    return Object.entries(SHORT_FORMS).flatMap(([tag, name]) =>
        (['scalar', 'sequence', 'mapping'] as const).map(
            kind =>
                new Type(tag, {
                    kind,
                    construct: (data: unknown) => {
                        if (name === 'Fn::GetAtt' && typeof data === 'string') {
                            const dot = data.indexOf('.');
                            return { [name]: dot < 0 ? [data] : [data.slice(0, dot), data.slice(dot + 1)] };
                        }
                        return { [name]: data ?? '' };
                    }
                })
        )
    );
}
