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
  /** A lead the form accepts; each call gives a new person. */
  lead(): { readonly email: string } & Record<string, unknown>;
  /** How many leads the simulator stores for an email: the number that must be exactly 1. */
  leadsFor(email: string): Promise<number>;
}

type Row = Omit<FaultVendor, 'form' | 'timeoutMs' | 'sim'> & { readonly sim: SimulatorClient };

let n = 0;
const email = (who: string) => `${who}.${Date.now()}.${++n}@example.com`;
const same = (email: string) => (stored: unknown) => typeof stored === 'string' && stored.toLowerCase() === email.toLowerCase();
const count = async <T>(leads: Promise<readonly T[]>, emailOf: (lead: T) => unknown, wanted: string) => (await leads).map(emailOf).filter(same(wanted)).length;

/** The timeout a form's connection names in tests/test-forms.json. */
function timeoutOf(form: string): number {
  const found = testForms.forms.find((f) => f.id === form)?.connection as { timeoutMs?: number } | undefined;
  if (found?.timeoutMs === undefined) throw new Error(`${form} in tests/test-forms.json needs a connection.timeoutMs`);
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

  const rows: Record<string, Row> = {
    'test-faults-perfectgym-next': {
      sim: pg,
      tenant: 'demo-gym',
      create: 'create',
      lead: () => ({
        firstName: 'Max',
        lastName: 'Mustermann',
        email: email('max'),
        phone: '+49 30 1234567',
        custom: { '1246357243': false },
        consent: { privacy: true },
      }),
      leadsFor: (wanted) => count(pg.leads('demo-gym') as Promise<OpenApiLead[]>, (l) => l.request.leadCustomer.email, wanted),
    },
    'test-faults-magicline-open': {
      sim: pg,
      tenant: 'ml-demo',
      create: 'create',
      lead: () => ({ firstName: 'Ana', lastName: 'García', email: email('ana'), custom: { '1310042871': 'Abnehmen' }, consent: { privacy: true } }),
      leadsFor: (wanted) => count(pg.leads('ml-demo') as Promise<OpenApiLead[]>, (l) => l.request.leadCustomer.email, wanted),
    },
    'test-faults-virtuagym': {
      sim: vg,
      tenant: '41234',
      create: 'create',
      lead: () => ({ firstName: 'Sanne', lastName: 'de Vries', email: email('sanne'), consent: { privacy: true } }),
      leadsFor: (wanted) => count(vg.clubLeads(41234), (l) => l.email, wanted),
    },
    'test-faults-magicline-connect': {
      sim: connect,
      tenant: 'connectdemo',
      create: 'lead',
      lead: () => ({
        studioId: '1229489601',
        firstName: 'Jonas',
        lastName: 'Becker',
        email: email('jonas'),
        birthDate: '1990-01-02',
        consent: { privacy: true },
      }),
      leadsFor: (wanted) => count(connect.leads('connectdemo') as Promise<{ request: { email?: string } }[]>, (l) => l.request.email, wanted),
    },
    'test-faults-intercode-crm': {
      sim: crm,
      tenant: 'gym-crm',
      create: 'create',
      lead: () => ({ firstName: 'Lena', lastName: 'Koch', email: email('lena'), consent: { privacy: true } }),
      leadsFor: (wanted) => count(crm.instanceLeads('gym-crm'), (l) => l.email, wanted),
    },
    'test-faults-perfectgym-classic': {
      sim: classic,
      tenant: 'ironharbor',
      create: 'add-lead',
      lead: () => ({ firstName: 'Lena', lastName: 'Koch', email: email('koch'), consent: { privacy: true } }),
      leadsFor: (wanted) => count(classic.leads('ironharbor') as Promise<{ email?: string }[]>, (l) => l.email, wanted),
    },
    'test-faults-echo': {
      sim: echo,
      tenant: 'echo-demo',
      create: 'create',
      lead: () => ({ firstName: 'Ada', lastName: 'Lovelace', email: email('ada'), consent: { privacy: true } }),
      leadsFor: (wanted) => count(echo.leads('echo-demo') as Promise<{ email?: string }[]>, (l) => l.email, wanted),
    },
  };
  return Object.entries(rows).map(([form, row]) => ({ form, timeoutMs: timeoutOf(form), ...row }));
}
