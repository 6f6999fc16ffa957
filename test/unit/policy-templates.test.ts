import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { parse as parsePlist } from 'plist';
import { describe, expect, it } from 'vitest';
import { checkPolicyDocument, policyKeyKinds, policyKeys } from '../../main/core/settings/policy/policy-document';
import { locales } from '../../preload/contract/constants';
import { repoRoot } from '../support/app-process';

const read = (path: string) => readFileSync(join(repoRoot, 'resources/policy', path), 'utf8');

/** Parses XML, failing on any error instead of recovering. */
const parseXml = (text: string) => {
  const errors: string[] = [];
  const doc = new DOMParser({ onError: (level, message) => void errors.push(`${level}: ${message}`) }).parseFromString(text, 'text/xml');
  expect(errors).toEqual([]);
  return doc;
};

const elements = (doc: ReturnType<typeof parseXml>, name: string) => Array.from(doc.getElementsByTagName(name));

describe('policy templates for IT', () => {
  it('are what the generator makes from the JSON Schema (no hand edits drift)', () => {
    const before = [read('admx/PilotSoftphone.admx'), read('admx/en-US/PilotSoftphone.adml')];
    execFileSync(process.execPath, ['scripts/make-policy-templates.mjs'], { cwd: repoRoot, stdio: 'ignore' });
    expect([read('admx/PilotSoftphone.admx'), read('admx/en-US/PilotSoftphone.adml')]).toEqual(before);
  });

  it('ADMX offers every key Enforced (machine) and as a Default, at the registry places the app reads, with every string in the ADML', () => {
    const admx = parseXml(read('admx/PilotSoftphone.admx'));
    const adml = parseXml(read('admx/en-US/PilotSoftphone.adml'));
    const policies = elements(admx, 'policy');
    const strings = new Set(elements(adml, 'string').map((s) => s.getAttribute('id')));
    const presentations = new Set(elements(adml, 'presentation').map((p) => p.getAttribute('id')));
    const root = 'Software\\Policies\\PilotStatus\\PilotSoftphone';
    for (const key of policyKeys) {
      const enforced = policies.find((p) => p.getAttribute('name') === key);
      const defaults = policies.find((p) => p.getAttribute('name') === `${key}_Defaults`);
      expect(enforced?.getAttribute('key'), key).toBe(root);
      expect(enforced?.getAttribute('class'), key).toBe('Machine');
      expect(defaults?.getAttribute('key'), key).toBe(`${root}\\Defaults`);
      for (const policy of [enforced!, defaults!]) {
        const valueNames = [policy.getAttribute('valueName'), ...Array.from(policy.getElementsByTagName('*')).map((e) => e.getAttribute('valueName') ?? e.getAttribute('id'))];
        expect(valueNames, key).toContain(key);
        if (policyKeyKinds[key] === 'list') expect(policy.getElementsByTagName('list')[0]?.getAttribute('key')).toBe(`${policy.getAttribute('key')}\\${key}`);
        for (const attribute of ['displayName', 'explainText', 'presentation']) {
          const ref = /^\$\((string|presentation)\.(.+)\)$/.exec(policy.getAttribute(attribute) ?? '');
          if (ref) expect(ref[1] === 'string' ? strings.has(ref[2]!) : presentations.has(ref[2]!), `${policy.getAttribute('name')} ${attribute}`).toBe(true);
        }
      }
    }
  });

  it('the schema offers exactly the languages the app speaks', () => {
    const schema = JSON.parse(read('policy.schema.json')) as { definitions: { values: { properties: { Language: { enum: string[] } } } } };
    expect(schema.definitions.values.properties.Language.enum.sort()).toEqual([...locales].sort());
  });

  it('the .mobileconfig example carries a valid policy for the app id', () => {
    const profile = parsePlist(read('pilot-softphone.mobileconfig')) as { PayloadContent: Record<string, unknown>[] };
    const payload = profile.PayloadContent.find((p) => p.PayloadType === 'br.com.pilotstatus.softphone')!;
    const document = Object.fromEntries(Object.entries(payload).filter(([key]) => !key.startsWith('Payload')));
    expect(checkPolicyDocument(document)).toMatchObject({ ok: true });
  });
});
