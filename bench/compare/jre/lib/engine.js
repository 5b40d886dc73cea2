'use strict';
// Loads a translated rules file (translate.js) into a json-rules-engine Engine with the two custom operators the
// translation uses. Shared by the harness's main thread and its workers.

const fs = require('node:fs');
const path = require('node:path');
const { BadInput } = require('./args.js');

/** The installed json-rules-engine version, read from its package.json (not from our package.json's range). */
function engineVersion() {
  const file = require.resolve('json-rules-engine/package.json', { paths: [path.join(__dirname, '..')] });
  return JSON.parse(fs.readFileSync(file, 'utf8')).version;
}

/** Walks a jre condition tree, calling `visit` on every leaf. */
function forEachLeaf(condition, visit) {
  for (const key of ['all', 'any']) {
    if (Array.isArray(condition[key])) {
      condition[key].forEach((child) => forEachLeaf(child, visit));
      return;
    }
  }
  if (condition.not !== undefined) {
    forEachLeaf(condition.not, visit);
    return;
  }
  visit(condition);
}

const DOTTED = /^\$(\.[A-Za-z_][A-Za-z0-9_]*)+$/;

/**
 * A plain `$.a.b` resolver for the engine's `pathResolver` option (not the default: see the README). Same answers
 * as jsonpath-plus on these paths: the value, or undefined when a segment is missing or its parent is not an object.
 */
function dottedPathResolver() {
  const segments = new Map();
  return (value, jsonPath) => {
    let names = segments.get(jsonPath);
    if (names === undefined) {
      names = jsonPath.slice(2).split('.');
      segments.set(jsonPath, names);
    }
    let current = value;
    for (const name of names) {
      if (current === null || typeof current !== 'object' || Array.isArray(current) || !Object.hasOwn(current, name)) {
        return undefined;
      }
      current = current[name];
    }
    return current;
  };
}

/**
 * Reads the rules file, creates the engine and adds the operators and rules. Throws BadInput when the file cannot be
 * read or is not a JSON array; whatever json-rules-engine throws on a rule it rejects passes through.
 * `pathResolver` is 'jsonpath' (json-rules-engine's default, jsonpath-plus) or 'dotted' (dottedPathResolver).
 * Returns { engine, ruleCount, evaluate(event) -> Promise<string[]> }.
 */
function loadEngine(rulesPath, pathResolver = 'jsonpath') {
  let text;
  try {
    text = fs.readFileSync(rulesPath, 'utf8');
  } catch (e) {
    throw new BadInput(`cannot read ${rulesPath}: ${e.code || e.message}`);
  }
  let rules;
  try {
    rules = JSON.parse(text);
  } catch (e) {
    throw new BadInput(`${rulesPath}: not JSON (${e.message})`);
  }
  if (!Array.isArray(rules)) {
    throw new BadInput(`${rulesPath}: expected a JSON array of json-rules-engine rules`);
  }

  // Required here, not at the top, so that the cold start includes loading the library.
  const { Engine } = require('json-rules-engine');
  // allowUndefinedFacts: a missing top-level field resolves to undefined (the leaf is false) instead of throwing.
  const engine = new Engine([], {
    allowUndefinedFacts: true,
    ...(pathResolver === 'dotted' ? { pathResolver: dottedPathResolver() } : {}),
  });

  const patterns = new Map();
  const compiled = (pattern) => {
    let regex = patterns.get(pattern);
    if (regex === undefined) {
      regex = new RegExp(pattern);
      patterns.set(pattern, regex);
    }
    return regex;
  };
  // Both custom operators are false for anything but a string (missing, number, object), as PROTOCOL.md requires.
  engine.addOperator('includesText', (factValue, text) => typeof factValue === 'string' && factValue.includes(text));
  engine.addOperator('matches', (factValue, pattern) => typeof factValue === 'string' && compiled(pattern).test(factValue));

  for (const rule of rules) {
    forEachLeaf(rule.conditions || {}, (leaf) => {
      if (leaf.operator === 'matches') {
        compiled(leaf.value);
      }
      if (pathResolver === 'dotted' && leaf.path !== undefined && !DOTTED.test(leaf.path)) {
        throw new BadInput(`${rulesPath}: rule ${rule.name}: path ${leaf.path} is not a plain $.a.b path (use the default resolver)`);
      }
    });
    engine.addRule(rule);
  }

  return {
    engine,
    ruleCount: rules.length,
    async evaluate(event) {
      const { events } = await engine.run(event);
      return events.map((e) => e.type);
    },
  };
}

module.exports = { engineVersion, loadEngine };
