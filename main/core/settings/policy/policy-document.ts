import { Ajv } from 'ajv';
import schema from '../../../../resources/policy/policy.schema.json';
import type { PolicyDocument } from './policy-keys';

export * from './policy-keys';

export const policySchema = schema;

const validate = new Ajv({ allErrors: true, strict: false }).compile<PolicyDocument>(schema);

/** Checks one policy document against the schema. */
export type CheckPolicy = (document: unknown) => { ok: true; document: PolicyDocument } | { ok: false; problems: string[] };

/**
 * Checks a document against the published JSON Schema (the same file IT
 * validates against); returns it, or one sentence per problem.
 */
export const checkPolicyDocument: CheckPolicy = (document) => {
  if (validate(document)) return { ok: true, document };
  return {
    ok: false,
    problems: (validate.errors ?? []).map((error) => {
      const where = error.instancePath.replace(/^\//, '').replaceAll('/', '.') || '(the document)';
      const extra = error.params && 'additionalProperty' in error.params ? ` "${String(error.params.additionalProperty)}"` : '';
      const allowed = error.params && 'allowedValues' in error.params ? ` (${(error.params.allowedValues as unknown[]).join(', ')})` : '';
      return `${where} ${error.message ?? 'is not valid'}${extra}${allowed}`;
    }),
  };
};
