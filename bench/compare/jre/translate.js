'use strict';
// Translates a canonical rule set (bench/compare/PROTOCOL.md) into json-rules-engine rules:
//   node translate.js --canonical rules-N.canonical.json --out jre/rules-N.json
// Exit codes: 0 written, 2 bad arguments or a file that cannot be read, parsed or translated.

const fs = require('node:fs');
const path = require('node:path');
const { parseArgs, BadInput } = require('./lib/args.js');

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The fact (first path segment) and, for deeper paths, the JSONPath json-rules-engine resolves in it. */
function factAndPath(where, dotted) {
  if (typeof dotted !== 'string' || dotted.length === 0) {
    throw new BadInput(`${where}: "path" must be a non-empty string`);
  }
  const segments = dotted.split('.');
  if (segments.some((s) => s.length === 0)) {
    throw new BadInput(`${where}: path "${dotted}" has an empty segment`);
  }
  const [fact, ...rest] = segments;
  if (rest.length === 0) {
    return { fact };
  }
  if (rest.some((s) => s.includes("'") || s.includes('\\'))) {
    throw new BadInput(`${where}: path "${dotted}" has a quote or backslash in a segment`);
  }
  const jsonPath = '$' + rest.map((s) => (IDENTIFIER.test(s) ? `.${s}` : `['${s}']`)).join('');
  return { fact, path: jsonPath };
}

function required(where, condition, name, check, expected) {
  const value = condition[name];
  if (!check(value)) {
    throw new BadInput(`${where}: "${name}" must be ${expected}`);
  }
  return value;
}

const isString = (v) => typeof v === 'string';
const isNumber = (v) => typeof v === 'number' && Number.isFinite(v);
const isStringList = (v) => Array.isArray(v) && v.length > 0 && v.every(isString);

const LEAF_OPERATORS = {
  eq: ['equal', 'value', isString, 'a string'],
  ne: ['notEqual', 'value', isString, 'a string'],
  gt: ['greaterThan', 'value', isNumber, 'a number'],
  lt: ['lessThan', 'value', isNumber, 'a number'],
  in: ['in', 'values', isStringList, 'a non-empty list of strings'],
  contains: ['includesText', 'value', isString, 'a string'],
  regex: ['matches', 'pattern', isString, 'a string'],
};

function translateCondition(where, condition) {
  if (condition === null || typeof condition !== 'object' || Array.isArray(condition)) {
    throw new BadInput(`${where}: a condition must be an object`);
  }
  const op = condition.op;
  if (op === 'all' || op === 'any') {
    const children = required(where, condition, 'conditions', (v) => Array.isArray(v) && v.length > 0, 'a non-empty list');
    return { [op]: children.map((c, i) => translateCondition(`${where}.conditions[${i}]`, c)) };
  }
  if (op === 'between') {
    const target = factAndPath(where, condition.path);
    const min = required(where, condition, 'min', isNumber, 'a number');
    const max = required(where, condition, 'max', isNumber, 'a number');
    return {
      all: [
        { ...target, operator: 'greaterThanInclusive', value: min },
        { ...target, operator: 'lessThanInclusive', value: max },
      ],
    };
  }
  const leaf = LEAF_OPERATORS[op];
  if (leaf === undefined) {
    throw new BadInput(`${where}: unknown op ${JSON.stringify(op)}`);
  }
  const [operator, field, check, expected] = leaf;
  const target = factAndPath(where, condition.path);
  const value = required(where, condition, field, check, expected);
  if (op === 'regex') {
    try {
      new RegExp(value);
    } catch (e) {
      throw new BadInput(`${where}: pattern ${JSON.stringify(value)} is not a JavaScript regular expression (${e.message})`);
    }
  }
  return { ...target, operator, value };
}

/** Translates the parsed canonical document into an array of json-rules-engine rule objects. */
function translate(canonical, source) {
  if (canonical === null || typeof canonical !== 'object' || !Array.isArray(canonical.rules)) {
    throw new BadInput(`${source}: expected an object with a "rules" list`);
  }
  const seen = new Set();
  return canonical.rules.map((rule, index) => {
    const id = rule && rule.id;
    if (typeof id !== 'string' || id.length === 0) {
      throw new BadInput(`${source}: rules[${index}] has no "id"`);
    }
    if (seen.has(id)) {
      throw new BadInput(`${source}: rule id ${id} appears twice`);
    }
    seen.add(id);
    const where = `${source}: rule ${id}`;
    const conditions = required(where, rule, 'conditions', (v) => Array.isArray(v) && v.length > 0, 'a non-empty list');
    return {
      name: id,
      priority: 1,
      conditions: { all: conditions.map((c, i) => translateCondition(`${where} conditions[${i}]`, c)) },
      event: { type: id },
    };
  });
}

function main(argv) {
  const options = parseArgs(argv, ['canonical', 'out'], []);
  let text;
  try {
    text = fs.readFileSync(options.canonical, 'utf8');
  } catch (e) {
    throw new BadInput(`cannot read ${options.canonical}: ${e.code || e.message}`);
  }
  let canonical;
  try {
    canonical = JSON.parse(text);
  } catch (e) {
    throw new BadInput(`${options.canonical}: not JSON (${e.message})`);
  }
  const rules = translate(canonical, options.canonical);
  // One rule per line: small diffs, and still a plain JSON array.
  const body = rules.length === 0 ? '[]\n' : '[\n' + rules.map((r) => JSON.stringify(r)).join(',\n') + '\n]\n';
  try {
    fs.mkdirSync(path.dirname(path.resolve(options.out)), { recursive: true });
    fs.writeFileSync(options.out, body);
  } catch (e) {
    throw new BadInput(`cannot write ${options.out}: ${e.code || e.message}`);
  }
  process.stderr.write(`translate: ${rules.length} rules -> ${options.out}\n`);
}

if (require.main === module) {
  try {
    main(process.argv.slice(2));
  } catch (e) {
    if (e instanceof BadInput) {
      process.stderr.write(`translate: ${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
}

module.exports = { translate };
