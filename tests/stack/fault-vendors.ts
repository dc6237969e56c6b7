import demoForms from '../../demo-forms.json';
import type { SimulatorUrls } from '../simulators/simulators';
import testForms from '../test-forms.json';
import { crmControl, type SimulatorClient, simulatorClient, virtuagymControl } from './simulator-client';

/**
 * One vendor form as the shared fault suite drives it: everything vendor-specific the cases
 * need, so the cases themselves read the same for every vendor.
 */
export interface FaultVendor {
  /** Its `test-faults-<vendor>` form in tests/test-forms.json. */
  readonly form: string;
  /** The form's vendor timeout (ms): a `hang` longer than this is a lost answer. */
  readonly timeoutMs: number;
  /** The simulator's control API. */
  readonly sim: SimulatorClient;
  /** The tenant as the simulator's request log and faults name it. */
  readonly tenant: string;
  /** The endpoint, as the request log names it, whose request creates the lead. */
  readonly create: string;
  /** A lead the form accepts: a new person each call, or the one with `email`. */
  lead(email?: string): { readonly email: string } & Record<string, unknown>;
  /** The leads the simulator stores for the tenant. */
  storedLeads(): Promise<readonly unknown[]>;
  /** How many leads the simulator stores for an email: the number that must be exactly 1. */
  leadsFor(email: string): Promise<number>;
}

/** The fault suite's forms, one per vendor, in tests/test-forms.json. */
export const FAULT_FORMS = [
  'test-faults-perfectgym-next',
  'test-faults-magicline-open',
  'test-faults-virtuagym',
  'test-faults-magicline-connect',
  'test-faults-intercode-crm',
  'test-faults-perfectgym-classic',
  'test-faults-echo',
] as const;
export type FaultForm = (typeof FAULT_FORMS)[number];

type Row = Pick<FaultVendor, 'sim' | 'tenant' | 'create' | 'lead' | 'storedLeads'> & {
  /** Where a stored lead keeps its email. */
  emailOf(lead: never): unknown;
};

let n = 0;
const newEmail = (who: string) => `${who}.${Date.now()}.${++n}@example.com`;
const same = (a: unknown, b: string) => typeof a === 'string' && a.trim().toLowerCase() === b.toLowerCase();

/** The timeout a form's connection names in demo-forms.json or tests/test-forms.json. */
function timeoutOf(form: string): number {
  const found = [...demoForms.forms, ...testForms.forms].find((f) => f.id === form)?.connection as { timeoutMs?: number } | undefined;
  if (found?.timeoutMs === undefined) throw new Error(`${form} needs a connection.timeoutMs in its forms file`);
  return found.timeoutMs;
}

/**
 * The vendor forms of the shared fault suite (edge/fault-suite.test.ts and the restart test):
 * every vendor, each through a form of its own with a short timeout.
 */
export function faultVendors(urls: SimulatorUrls): readonly FaultVendor[] {
  const pg = simulatorClient(urls['perfectgym-next']);
  const vg = virtuagymControl(urls.virtuagym);
  const connect = simulatorClient(urls['magicline-connect']);
  const crm = crmControl(urls['intercode-crm']);
  const classic = simulatorClient(urls['perfectgym-classic']);
  const echo = simulatorClient(urls.echo);
  type OpenApiLead = { request: { leadCustomer: { email?: string } } };
  type FlatLead = { email?: string };

  const rows: Record<FaultForm, Row> = {
    'test-faults-perfectgym-next': {
      sim: pg,
      tenant: 'demo-gym',
      create: 'create',
      lead: (email) => ({
        firstName: 'Max',
        lastName: 'Mustermann',
        email: email ?? newEmail('max'),
        phone: '+49 30 1234567',
        custom: { '1246357243': false },
        consent: { privacy: true },
      }),
      storedLeads: () => pg.leads('demo-gym'),
      emailOf: (l: OpenApiLead) => l.request.leadCustomer.email,
    },
    'test-faults-magicline-open': {
      sim: pg,
      tenant: 'ml-demo',
      create: 'create',
      lead: (email) => ({
        firstName: 'Ana',
        lastName: 'García',
        email: email ?? newEmail('ana'),
        custom: { '1310042871': 'Abnehmen' },
        consent: { privacy: true },
      }),
      storedLeads: () => pg.leads('ml-demo'),
      emailOf: (l: OpenApiLead) => l.request.leadCustomer.email,
    },
    'test-faults-virtuagym': {
      sim: vg,
      tenant: '41234',
      create: 'create',
      lead: (email) => ({ firstName: 'Sanne', lastName: 'de Vries', email: email ?? newEmail('sanne'), consent: { privacy: true } }),
      storedLeads: () => vg.clubLeads(41234),
      emailOf: (l: FlatLead) => l.email,
    },
    'test-faults-magicline-connect': {
      sim: connect,
      tenant: 'connectdemo',
      create: 'lead',
      lead: (email) => ({
        studioId: '1229489601',
        firstName: 'Jonas',
        lastName: 'Becker',
        email: email ?? newEmail('jonas'),
        birthDate: '1990-01-02',
        consent: { privacy: true },
      }),
      storedLeads: () => connect.leads('connectdemo'),
      emailOf: (l: { request: FlatLead }) => l.request.email,
    },
    'test-faults-intercode-crm': {
      sim: crm,
      tenant: 'gym-crm',
      create: 'create',
      lead: (email) => ({
        firstName: 'Lena',
        lastName: 'Koch',
        email: email ?? newEmail('lena'),
        phone: '+49 40 1234567',
        consent: { privacy: true },
      }),
      storedLeads: () => crm.instanceLeads('gym-crm'),
      emailOf: (l: FlatLead) => l.email,
    },
    'test-faults-perfectgym-classic': {
      sim: classic,
      tenant: 'ironharbor',
      create: 'add-lead',
      lead: (email) => ({ firstName: 'Lena', lastName: 'Koch', email: email ?? newEmail('koch'), consent: { privacy: true } }),
      storedLeads: () => classic.leads('ironharbor'),
      emailOf: (l: FlatLead) => l.email,
    },
    'test-faults-echo': {
      sim: echo,
      tenant: 'echo-demo',
      create: 'create',
      lead: (email) => ({ firstName: 'Ada', lastName: 'Lovelace', email: email ?? newEmail('ada'), consent: { privacy: true } }),
      storedLeads: () => echo.leads('echo-demo'),
      emailOf: (l: FlatLead) => l.email,
    },
  };
  return FAULT_FORMS.map((form) => {
    const { emailOf, ...row } = rows[form];
    const leadsFor = async (email: string) => (await row.storedLeads()).filter((lead) => same((emailOf as (lead: unknown) => unknown)(lead), email)).length;
    return { form, timeoutMs: timeoutOf(form), ...row, leadsFor };
  });
}

/** The forms `npm run bench:delivery` can send to: the demo's PerfectGym form and every fault-suite form. */
export const BENCH_FORMS = ['demo-perfectgym', ...FAULT_FORMS] as const;
export type BenchForm = (typeof BENCH_FORMS)[number];

/** One of `BENCH_FORMS` with what the bench needs to drive and count it. */
export function benchVendor(urls: SimulatorUrls, form: BenchForm): FaultVendor {
  const vendors = faultVendors(urls);
  // The demo form sends to the same tenant as the PerfectGym fault form, with its own timeout.
  const found = vendors.find((v) => v.form === (form === 'demo-perfectgym' ? 'test-faults-perfectgym-next' : form))!;
  return { ...found, form, timeoutMs: timeoutOf(form) };
}
