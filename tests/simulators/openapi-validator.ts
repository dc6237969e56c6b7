import { BASIC } from '@hyperjump/json-schema/experimental';
import type { Validator } from '@hyperjump/json-schema/openapi-3-1';
import { registerSchema, setShouldValidateFormat, validate } from '@hyperjump/json-schema/openapi-3-1';
// Format assertions (date, uuid, …) are a separate module; without it `format` is only an annotation.
import '@hyperjump/json-schema/formats';

/** Where a problem was found: a request part, or the response. */
export type SpecPart = 'path' | 'query' | 'body' | 'response';

/** One way a request or a response fails the OpenAPI document. */
export interface SpecProblem {
  readonly in: SpecPart;
  /** The failing value as a JSON pointer into the part, e.g. `/firstname` or `/studioId` for a parameter. */
  readonly pointer: string;
  /**
   * The JSON Schema keyword that failed (`type`, `maxLength`, `required`, …), or one of the
   * request-level checks: `missing` (a required parameter or body), `json` (a body that does not
   * parse), `media-type`, `status` (a status the operation does not document).
   */
  readonly keyword: string;
  /** Developer English, naming the field, e.g. `firstname: must be at most 100 characters long`. */
  readonly message: string;
}

/** A request as the validator needs it; parameters are read as strings, as they travel. */
export interface SpecRequest {
  readonly pathParams: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly contentType: string | null;
  /** The raw body; empty when there is none. */
  readonly body: string;
}

export interface SpecResponse {
  readonly status: number;
  readonly contentType: string | null;
  /** The raw body; empty when there is none. */
  readonly body: string;
}

/** One operation of the document, with its schemas compiled. */
export interface OpenApiOperation {
  readonly method: string;
  /** The path template as the document writes it, e.g. `/connect/v1/studio/{studioId}/communication-settings`. */
  readonly path: string;
  readonly operationId: string | undefined;
  /** Path and query parameters (coerced from strings by their schema type) and the body, against the document. */
  checkRequest(request: SpecRequest): readonly SpecProblem[];
  /** Status, media type and body against the operation's documented responses. */
  checkResponse(response: SpecResponse): readonly SpecProblem[];
}

export type OperationMatch =
  | { readonly kind: 'operation'; readonly operation: OpenApiOperation; readonly pathParams: Readonly<Record<string, string>> }
  | { readonly kind: 'method-not-allowed'; readonly allowed: readonly string[] };

export interface OpenApiValidator {
  /** The operation for a method and a path as the document writes paths (without the server's base path). */
  match(method: string, path: string): OperationMatch | undefined;
  /** Checks any value against a schema of the document, named by a pointer such as `#/components/schemas/Pet`. */
  checkValue(pointer: string, value: unknown): Promise<readonly SpecProblem[]>;
}

type JsonObject = Record<string, unknown>;
type Json = Parameters<Validator>[0];

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

const escapeToken = (token: string) => token.replaceAll('~', '~0').replaceAll('/', '~1');
const unescapeToken = (token: string) => token.replaceAll('~1', '/').replaceAll('~0', '~');

/** The value at a JSON pointer (`/a/b`), or undefined. */
function resolvePointer(document: unknown, pointer: string): unknown {
  if (pointer === '') return document;
  let node = document;
  for (const token of pointer.slice(1).split('/').map(unescapeToken)) {
    if (Array.isArray(node)) node = node[Number(token)];
    else if (isObject(node)) node = node[token];
    else return undefined;
  }
  return node;
}

/** `#/a/b` names, via a local `$ref`, the object it points to. */
function dereference(document: JsonObject, node: unknown): unknown {
  let current = node;
  for (let hops = 0; isObject(current) && typeof current.$ref === 'string' && hops < 20; hops++) {
    if (!current.$ref.startsWith('#')) throw new Error(`only local references are supported: ${current.$ref}`);
    current = resolvePointer(document, decodeURIComponent(current.$ref.slice(1)));
  }
  return current;
}

/** `type/subtype` in lower case, parameters dropped; undefined for an absent or unparsable header. */
function mediaType(contentType: string | null): string | undefined {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  return type && /^[^/\s]+\/[^/\s]+$/.test(type) ? type : undefined;
}

/** The most specific key of an OpenAPI `content` map matching a media type (`a/b`, then `a/*`, then `*\/*`). */
function pickMediaRange(content: JsonObject, type: string): string | undefined {
  const keys = Object.keys(content);
  const [main] = type.split('/');
  return [type, `${main}/*`, '*/*'].map((range) => keys.find((key) => mediaType(key) === range)).find((key) => key !== undefined);
}

const isJsonMediaType = (type: string) => /^application\/(?:[\w.+-]+\+)?json$/.test(type);

/** `/a/0/b` as `a[0].b`, the way a developer names a field. */
function fieldName(pointer: string): string {
  if (pointer === '') return '';
  return pointer
    .slice(1)
    .split('/')
    .map(unescapeToken)
    .map((token, index) => (/^\d+$/.test(token) ? `[${token}]` : index === 0 ? token : `.${token}`))
    .join('');
}

const list = (values: unknown) => (Array.isArray(values) ? values.map((v) => JSON.stringify(v)).join(', ') : JSON.stringify(values));

/** A message for one failed keyword, from the keyword's own value in the document. */
function describeKeyword(keyword: string, value: unknown): string {
  switch (keyword) {
    case 'type':
      return `must be of type ${Array.isArray(value) ? value.join(' or ') : String(value)}`;
    case 'enum':
      return `must be one of ${list(value)}`;
    case 'const':
      return `must be ${JSON.stringify(value)}`;
    case 'maxLength':
      return `must be at most ${String(value)} characters long`;
    case 'minLength':
      return `must be at least ${String(value)} characters long`;
    case 'maximum':
      return `must be at most ${String(value)}`;
    case 'minimum':
      return `must be at least ${String(value)}`;
    case 'exclusiveMaximum':
      return `must be less than ${String(value)}`;
    case 'exclusiveMinimum':
      return `must be greater than ${String(value)}`;
    case 'maxItems':
      return `must have at most ${String(value)} items`;
    case 'minItems':
      return `must have at least ${String(value)} items`;
    case 'uniqueItems':
      return 'must not contain duplicate items';
    case 'pattern':
      return `must match the pattern ${String(value)}`;
    case 'format':
      return `must be a valid ${String(value)}`;
    case 'oneOf':
      return 'must match exactly one of the allowed shapes';
    case 'anyOf':
      return 'must match at least one of the allowed shapes';
    case 'additionalProperties':
    case 'unevaluatedProperties':
      return 'has a property that is not allowed';
    default:
      return `fails the ${keyword} keyword`;
  }
}

function prefixed(part: SpecPart, pointer: string, message: string): string {
  const field = fieldName(pointer);
  if (field !== '') return `${field}: ${message}`;
  return `${part === 'response' ? 'the response body' : part === 'body' ? 'the request body' : 'the value'} ${message}`;
}

/** Turns the library's BASIC output into problems, reading each failed keyword's value from the document. */
function toProblems(document: JsonObject, output: ReturnType<Validator>, part: SpecPart, instance: unknown, basePointer = ''): SpecProblem[] {
  if (output.valid) return [];
  const problems: SpecProblem[] = [];
  for (const unit of output.errors ?? []) {
    const keyword = unit.keyword.slice(unit.keyword.lastIndexOf('/') + 1);
    const hash = unit.absoluteKeywordLocation.indexOf('#');
    const keywordValue = hash === -1 ? undefined : resolvePointer(document, decodeURIComponent(unit.absoluteKeywordLocation.slice(hash + 1)));
    const at = decodeURIComponent(unit.instanceLocation.replace(/^#/, ''));
    const pointer = `${basePointer}${at}`;
    if (keyword === 'required' && Array.isArray(keywordValue)) {
      // BASIC output names the object, not the property: find the missing ones.
      const node = resolvePointer(instance, at);
      for (const name of keywordValue.map(String)) {
        if (isObject(node) && name in node) continue;
        const missing = `${pointer}/${escapeToken(name)}`;
        problems.push({ in: part, pointer: missing, keyword, message: prefixed(part, missing, 'is required') });
      }
      continue;
    }
    problems.push({ in: part, pointer, keyword, message: prefixed(part, pointer, describeKeyword(keyword, keywordValue)) });
  }
  return problems;
}

/** A parameter value read from its string form by its schema's type; left as a string when it does not read. */
function coerce(raw: string, type: unknown): unknown {
  const types = Array.isArray(type) ? type : [type];
  if ((types.includes('integer') && /^-?\d+$/.test(raw)) || (types.includes('number') && /^-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?$/.test(raw))) {
    return Number(raw);
  }
  if (types.includes('boolean') && (raw === 'true' || raw === 'false')) return raw === 'true';
  return raw;
}

interface CompiledParameter {
  readonly name: string;
  readonly in: 'path' | 'query';
  readonly required: boolean;
  readonly schema: JsonObject;
  readonly validate: Validator;
}

interface CompiledResponse {
  /** Per media range of `content`; empty when the response has no body. */
  readonly content: Readonly<Record<string, Validator>>;
}

const DIALECTS_31: Readonly<Record<string, string>> = {
  'https://spec.openapis.org/oas/3.1/dialect/base': 'https://spec.openapis.org/oas/3.1/schema-base',
  'https://json-schema.org/draft/2020-12/schema': 'https://spec.openapis.org/oas/3.1/schema-draft-2020-12',
};

// The library's registry is global: register each document once per process.
const registered = new Map<string, string>();

function register(document: JsonObject, retrievalUri: string) {
  const text = JSON.stringify(document);
  const earlier = registered.get(retrievalUri);
  if (earlier !== undefined) {
    if (earlier !== text) throw new Error(`another OpenAPI document is already registered as ${retrievalUri}`);
    return;
  }
  if (typeof document.openapi !== 'string' || !/^3\.1\.\d+/.test(document.openapi)) {
    throw new Error(`only OpenAPI 3.1 documents are supported, got ${String(document.openapi)}`);
  }
  const dialect = DIALECTS_31[typeof document.jsonSchemaDialect === 'string' ? document.jsonSchemaDialect : 'https://spec.openapis.org/oas/3.1/dialect/base'];
  if (dialect === undefined) throw new Error(`unsupported jsonSchemaDialect ${String(document.jsonSchemaDialect)}`);
  // As the library's own loader does for a `*.openapi.json` file: the document's schemas are in the OAS 3.1 dialect.
  registerSchema(document as Parameters<typeof registerSchema>[0], retrievalUri, dialect);
  registered.set(retrievalUri, text);
}

/**
 * Validates requests and responses against an OpenAPI 3.1 document with `@hyperjump/json-schema`
 * (OAS 3.1 dialect, JSON Schema 2020-12, format assertions on). Every schema comes from the document
 * itself; the document is checked against the OAS 3.1 meta-schema when the schemas compile. Path
 * and query parameters use the default styles (`simple`, `form` with `explode`); other styles,
 * header and cookie parameters and non-local references are refused at creation.
 *
 * @example
 * const spec = await createOpenApiValidator(JSON.parse(readFileSync('api.json', 'utf8')), 'https://api.example.com/api.json');
 * const found = spec.match('GET', '/pets/7');
 * if (found?.kind === 'operation') found.operation.checkRequest({ pathParams: found.pathParams, query, contentType: null, body: '' });
 */
export async function createOpenApiValidator(document: JsonObject, retrievalUri: string): Promise<OpenApiValidator> {
  register(document, retrievalUri);
  // A global switch of the library; every simulator wants formats asserted.
  setShouldValidateFormat(true);
  const compiled = new Map<string, Promise<Validator>>();
  const compile = (pointer: string): Promise<Validator> => {
    let validator = compiled.get(pointer);
    if (!validator) {
      validator = validate(`${retrievalUri}#${encodeURI(pointer)}`);
      compiled.set(pointer, validator);
    }
    return validator;
  };

  const paths = isObject(document.paths) ? document.paths : {};
  const routes: { path: string; pattern: RegExp; names: string[]; literals: number; operations: Map<string, OpenApiOperation> }[] = [];

  for (const [path, rawItem] of Object.entries(paths)) {
    const item = dereference(document, rawItem);
    if (!isObject(item)) continue;
    const operations = new Map<string, OpenApiOperation>();
    for (const method of METHODS) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      operations.set(method, await compileOperation(document, compile, path, method, item, operation));
    }
    const names: string[] = [];
    const segments = path.split('/').map((segment) =>
      segment.replace(/\{([^}]+)\}|[^{}]+/g, (part, name?: string) => {
        if (name === undefined) return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
        names.push(name);
        return '([^/]+)';
      }),
    );
    routes.push({
      path,
      pattern: new RegExp(`^${segments.join('/')}$`),
      names,
      literals: path.split('/').filter((segment) => segment !== '' && !segment.includes('{')).length,
      operations,
    });
  }
  // A literal segment wins over a template, as in every router: `/a/details` before `/a/{id}`.
  routes.sort((a, b) => b.literals - a.literals);

  return {
    match(method, path) {
      for (const route of routes) {
        const found = route.pattern.exec(path);
        if (!found) continue;
        const pathParams: Record<string, string> = {};
        route.names.forEach((name, index) => {
          const raw = found[index + 1] ?? '';
          try {
            pathParams[name] = decodeURIComponent(raw);
          } catch {
            pathParams[name] = raw;
          }
        });
        const operation = route.operations.get(method.toLowerCase());
        if (operation) return { kind: 'operation', operation, pathParams };
        return { kind: 'method-not-allowed', allowed: [...route.operations.keys()].map((m) => m.toUpperCase()) };
      }
      return undefined;
    },
    async checkValue(pointer, value) {
      const fragment = pointer.replace(/^#/, '');
      const validator = await compile(fragment);
      return toProblems(document, validator(value as Json, BASIC), 'body', value);
    },
  };
}

async function compileOperation(
  document: JsonObject,
  compile: (pointer: string) => Promise<Validator>,
  path: string,
  method: string,
  item: JsonObject,
  operation: JsonObject,
): Promise<OpenApiOperation> {
  const at = `/paths/${escapeToken(path)}/${method}`;
  const where = `${method.toUpperCase()} ${path}`;

  const parameters: CompiledParameter[] = [];
  const declared = [
    ...(Array.isArray(item.parameters) ? item.parameters.map((p, i) => [p, `/paths/${escapeToken(path)}/parameters/${i}`] as const) : []),
    ...(Array.isArray(operation.parameters) ? operation.parameters.map((p, i) => [p, `${at}/parameters/${i}`] as const) : []),
  ];
  for (const [raw, pointer] of declared) {
    if (isObject(raw) && '$ref' in raw) throw new Error(`${where}: referenced parameters are not supported`);
    if (!isObject(raw) || typeof raw.name !== 'string' || !isObject(raw.schema)) throw new Error(`${where}: a parameter without name or schema`);
    if (raw.in !== 'path' && raw.in !== 'query') throw new Error(`${where}: ${String(raw.in)} parameters are not supported`);
    const defaultStyle = raw.in === 'path' ? 'simple' : 'form';
    if ((raw.style !== undefined && raw.style !== defaultStyle) || raw.explode === false) {
      throw new Error(`${where}: parameter ${raw.name} uses a style that is not supported`);
    }
    const schema = dereference(document, raw.schema);
    if (!isObject(schema)) throw new Error(`${where}: parameter ${raw.name} has an unreadable schema`);
    // An operation's parameter replaces a path item's parameter of the same name and location.
    const existing = parameters.findIndex((p) => p.name === raw.name && p.in === raw.in);
    const parameter: CompiledParameter = {
      name: raw.name,
      in: raw.in,
      required: raw.required === true,
      schema,
      validate: await compile(`${pointer}/schema`),
    };
    if (existing === -1) parameters.push(parameter);
    else parameters[existing] = parameter;
  }

  const requestBody = dereference(document, operation.requestBody);
  const bodyContent: Record<string, Validator> = {};
  if (isObject(requestBody) && isObject(requestBody.content)) {
    for (const [range, media] of Object.entries(requestBody.content)) {
      if (isObject(media) && media.schema !== undefined) bodyContent[range] = await compile(`${at}/requestBody/content/${escapeToken(range)}/schema`);
    }
  }
  const bodyRequired = isObject(requestBody) && requestBody.required === true;

  const responses = new Map<string, CompiledResponse>();
  for (const [status, rawResponse] of Object.entries(isObject(operation.responses) ? operation.responses : {})) {
    const response = dereference(document, rawResponse);
    if (!isObject(response)) continue;
    const content: Record<string, Validator> = {};
    for (const [range, media] of Object.entries(isObject(response.content) ? response.content : {})) {
      if (isObject(media) && media.schema !== undefined)
        content[range] = await compile(`${at}/responses/${escapeToken(status)}/content/${escapeToken(range)}/schema`);
    }
    responses.set(status.toUpperCase(), { content });
  }

  function readParameter(parameter: CompiledParameter, request: SpecRequest): { present: false } | { present: true; value: unknown } {
    const itemsType = isObject(parameter.schema.items) ? dereference(document, parameter.schema.items) : undefined;
    if (parameter.in === 'path') {
      const raw = request.pathParams[parameter.name];
      return raw === undefined ? { present: false } : { present: true, value: coerce(raw, parameter.schema.type) };
    }
    const values = request.query.getAll(parameter.name);
    const isArray = parameter.schema.type === 'array' || (Array.isArray(parameter.schema.type) && parameter.schema.type.includes('array'));
    if (isArray) {
      return values.length === 0
        ? { present: false }
        : { present: true, value: values.map((v) => coerce(v, isObject(itemsType) ? itemsType.type : undefined)) };
    }
    const raw = values[0];
    // GUESS (server-side frameworks agree): an empty value for a non-string parameter counts as absent.
    if (raw === undefined || (raw === '' && parameter.schema.type !== 'string')) return { present: false };
    return { present: true, value: coerce(raw, parameter.schema.type) };
  }

  return {
    method: method.toUpperCase(),
    path,
    operationId: typeof operation.operationId === 'string' ? operation.operationId : undefined,
    checkRequest(request) {
      const problems: SpecProblem[] = [];
      for (const parameter of parameters) {
        const read = readParameter(parameter, request);
        const pointer = `/${escapeToken(parameter.name)}`;
        if (!read.present) {
          if (parameter.required) {
            problems.push({ in: parameter.in, pointer, keyword: 'missing', message: `${parameter.name}: the required ${parameter.in} parameter is missing` });
          }
          continue;
        }
        problems.push(...toProblems(document, parameter.validate(read.value as Json, BASIC), parameter.in, read.value, pointer));
      }
      if (Object.keys(bodyContent).length === 0) return problems;
      if (request.body === '') {
        if (bodyRequired) problems.push({ in: 'body', pointer: '', keyword: 'missing', message: 'the request body is required' });
        return problems;
      }
      const type = mediaType(request.contentType);
      const range = type === undefined ? undefined : pickMediaRange(bodyContent, type);
      const validator = range === undefined ? undefined : bodyContent[range];
      if (type === undefined || validator === undefined) {
        problems.push({
          in: 'body',
          pointer: '',
          keyword: 'media-type',
          message: `the request body must be sent as ${Object.keys(bodyContent).join(' or ')}, not ${request.contentType ?? 'without a Content-Type'}`,
        });
        return problems;
      }
      if (!isJsonMediaType(type)) return problems;
      let body: unknown;
      try {
        body = JSON.parse(request.body) as unknown;
      } catch {
        problems.push({ in: 'body', pointer: '', keyword: 'json', message: 'the request body is not valid JSON' });
        return problems;
      }
      problems.push(...toProblems(document, validator(body as Json, BASIC), 'body', body));
      return problems;
    },
    checkResponse(response) {
      const status = String(response.status);
      const documented = responses.get(status) ?? responses.get(`${status[0]}XX`) ?? responses.get('DEFAULT');
      if (!documented) {
        return [{ in: 'response', pointer: '', keyword: 'status', message: `status ${status} is not documented for ${where}` }];
      }
      const ranges = Object.keys(documented.content);
      if (ranges.length === 0) {
        return response.body === '' ? [] : [{ in: 'response', pointer: '', keyword: 'media-type', message: `a ${status} of ${where} has no body` }];
      }
      if (response.body === '') {
        return [{ in: 'response', pointer: '', keyword: 'missing', message: `a ${status} of ${where} needs a body` }];
      }
      const type = mediaType(response.contentType);
      const range = type === undefined ? undefined : pickMediaRange(documented.content, type);
      const validator = range === undefined ? undefined : documented.content[range];
      if (type === undefined || validator === undefined) {
        return [
          {
            in: 'response',
            pointer: '',
            keyword: 'media-type',
            message: `a ${status} of ${where} must be ${ranges.join(' or ')}, not ${response.contentType ?? 'untyped'}`,
          },
        ];
      }
      if (!isJsonMediaType(type)) return [];
      let body: unknown;
      try {
        body = JSON.parse(response.body) as unknown;
      } catch {
        return [{ in: 'response', pointer: '', keyword: 'json', message: 'the response body is not valid JSON' }];
      }
      return toProblems(document, validator(body as Json, BASIC), 'response', body);
    },
  };
}
