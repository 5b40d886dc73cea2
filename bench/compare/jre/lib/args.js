'use strict';

/** Bad arguments or an input file that cannot be used: the tools print one line and exit 2. */
class BadInput extends Error {}

/**
 * Parses `--name value` pairs like the .NET HarnessOptions: every name in `required` must be given; numbers in
 * `positive` must be positive when given; other names are kept as given (strings).
 */
function parseArgs(argv, required, positive) {
  const values = {};
  for (let i = 0; i < argv.length; i++) {
    if (!argv[i].startsWith('--') || i + 1 >= argv.length) {
      throw new BadInput(`expected '--name value' pairs, got '${argv[i]}'`);
    }
    values[argv[i].slice(2)] = argv[++i];
  }
  for (const name of required) {
    if (values[name] === undefined) {
      throw new BadInput(`--${name} is required`);
    }
  }
  for (const name of positive) {
    if (values[name] !== undefined) {
      const text = values[name];
      const number = Number(text);
      if (text.trim() === '' || !Number.isFinite(number) || number <= 0) {
        throw new BadInput(`--${name} must be a positive number, got '${text}'`);
      }
      values[name] = number;
    }
  }
  return values;
}

module.exports = { BadInput, parseArgs };
