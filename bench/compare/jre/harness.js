'use strict';
// The json-rules-engine harness of the side-by-side comparison. Same phases, match lines and result JSON as the
// shared .NET runner (bench/compare/MemoryTriggers.Compare.Harness, contract in bench/compare/PROTOCOL.md):
//   node harness.js --rules jre/rules-N.json --events events-V.jsonl --matches OUT --result OUT.json
//                   [--check-seconds S] [--warmup-seconds S] [--measure-seconds S] [--run K] [--variant fixed|varied]
//                   [--path-resolver jsonpath|dotted]   (not in the protocol; default jsonpath, json-rules-engine's own)
// Exit codes: 0 done, 2 bad arguments or unusable files (one line on stderr), 1 the engine failed.

const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const { Worker, isMainThread, parentPort, workerData } = require('node:worker_threads');
const { BadInput, parseArgs } = require('./lib/args.js');
const { engineVersion, loadEngine } = require('./lib/engine.js');
const { AllocationMeter } = require('./lib/allocation.js');

const ENGINE = 'json-rules-engine';
const MAX_LATENCY_SAMPLES = 20_000_000;
const THREADS = 2;

const now = () => process.hrtime.bigint();
const toNs = (seconds) => BigInt(Math.round(seconds * 1e9));
const round = (value, digits) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Reads the JSON lines (empty lines skipped, as File.ReadAllLines + filter does) and parses each into a plain object. */
function readEvents(file) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new BadInput(`cannot read ${file}: ${e.code || e.message}`);
  }
  const lines = [];
  const events = [];
  text.split('\n').forEach((raw, number) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.length === 0) {
      return;
    }
    let event;
    try {
      event = JSON.parse(line);
    } catch (e) {
      throw new BadInput(`${file}:${number + 1}: not JSON (${e.message})`);
    }
    if (event === null || typeof event !== 'object' || Array.isArray(event)) {
      throw new BadInput(`${file}:${number + 1}: an event must be a JSON object`);
    }
    lines.push(line);
    events.push(event);
  });
  if (events.length === 0) {
    throw new BadInput(`${file}: no events`);
  }
  return { lines, events };
}

/** Calls `body(index)` (async) over the stream, cycling from `start`, until `seconds` have passed. */
async function measureLoop(body, count, seconds, start = 0) {
  let index = start % count;
  let done = 0;
  const begin = now();
  const deadline = begin + toNs(seconds);
  let time;
  do {
    await body(index);
    index = index + 1 === count ? 0 : index + 1;
    done++;
    time = now();
  } while (time < deadline);
  const elapsed = Number(time - begin) / 1e9;
  return { events: done, seconds: elapsed, eps: elapsed > 0 ? done / elapsed : 0 };
}

/** Nearest-rank percentile of sorted nanosecond samples. */
function percentile(sorted, level) {
  if (sorted.length === 0) {
    return 0;
  }
  const index = Math.min(Math.max(Math.ceil(level * sorted.length) - 1, 0), sorted.length - 1);
  return sorted[index];
}

async function measureLatency(evaluate, events, seconds, throughputEps) {
  const capacity = Math.floor(Math.min(MAX_LATENCY_SAMPLES, Math.max(1024, throughputEps * seconds * 1.5)));
  const samples = new Float64Array(capacity);
  let count = 0;
  let index = 0;
  const deadline = now() + toNs(seconds);
  while (count < capacity) {
    const before = now();
    await evaluate(events[index]);
    const after = now();
    samples[count++] = Number(after - before);
    index = index + 1 === events.length ? 0 : index + 1;
    if (after >= deadline) {
      break;
    }
  }
  const sorted = samples.subarray(0, count).sort();
  return { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), p999: percentile(sorted, 0.999) };
}

/**
 * Two workers, each with its own engine over the same rules file and its own parsed copy of the events (a Node
 * engine cannot be shared between threads). Each warms up for `warmupSeconds`, then all run for `seconds`.
 */
async function measureWorkers(options, seconds) {
  const stop = new Int32Array(new SharedArrayBuffer(4));
  const workers = [];
  const ready = [];
  const finished = [];
  for (let t = 0; t < THREADS; t++) {
    const worker = new Worker(__filename, {
      workerData: {
        rules: options.rules,
        events: options.events,
        pathResolver: options['path-resolver'],
        warmupSeconds: options['warmup-seconds'],
        thread: t,
        threads: THREADS,
        stop,
      },
    });
    const failed = new Promise((_, reject) => {
      worker.on('error', reject);
      worker.on('exit', (code) => code !== 0 && reject(new Error(`worker ${t} exited with code ${code}`)));
    });
    const message = (type) => Promise.race([failed, new Promise((resolve) => {
      const listener = (m) => {
        if (m.type === type) {
          worker.off('message', listener);
          resolve(m);
        }
      };
      worker.on('message', listener);
    })]);
    ready.push(message('ready'));
    finished.push(message('done'));
    workers.push(worker);
  }
  try {
    await Promise.all(ready);
    workers.forEach((w) => w.postMessage({ type: 'go' }));
    const begin = now();
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    Atomics.store(stop, 0, 1);
    const counts = (await Promise.all(finished)).map((m) => m.count);
    const elapsed = Number(now() - begin) / 1e9;
    const total = counts.reduce((a, b) => a + b, 0);
    return { events: total, seconds: elapsed, eps: total / elapsed };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

async function runWorker() {
  const { rules, events: file, pathResolver, warmupSeconds, thread, threads, stop } = workerData;
  const { events } = readEvents(file);
  const { evaluate } = loadEngine(rules, pathResolver);
  const start = Math.floor((thread * events.length) / threads);
  await measureLoop((i) => evaluate(events[i]), events.length, warmupSeconds, start);
  const go = new Promise((resolve) => parentPort.once('message', resolve));
  parentPort.postMessage({ type: 'ready' });
  await go;
  let index = start;
  let count = 0;
  while (Atomics.load(stop, 0) === 0) {
    await evaluate(events[index]);
    index = index + 1 === events.length ? 0 : index + 1;
    count++;
  }
  parentPort.postMessage({ type: 'done', count });
}

function parseOptions(argv) {
  const options = parseArgs(argv, ['rules', 'events', 'matches', 'result'], ['check-seconds', 'warmup-seconds', 'measure-seconds', 'run']);
  options['check-seconds'] ??= 10;
  options['warmup-seconds'] ??= 2;
  options['measure-seconds'] ??= 3;
  options.run = Math.trunc(options.run ?? 1);
  options.variant ??= path.basename(options.events, path.extname(options.events)).includes('varied') ? 'varied' : 'fixed';
  // Not part of the protocol: 'dotted' swaps json-rules-engine's default JSONPath resolver for a plain one.
  options['path-resolver'] ??= 'jsonpath';
  if (!['jsonpath', 'dotted'].includes(options['path-resolver'])) {
    throw new BadInput(`--path-resolver must be 'jsonpath' (the default) or 'dotted', got '${options['path-resolver']}'`);
  }
  return options;
}

async function measure(options, lines, events) {
  const result = {
    engine: ENGINE,
    engine_version: engineVersion(),
    runtime: `Node ${process.version}`,
    rules: path.basename(options.rules, path.extname(options.rules)).replace('.canonical', ''),
    rule_count: 0,
    variant: options.variant,
    run: options.run,
  };
  const extra = {};
  const phase = (name) => process.stderr.write(`${ENGINE} ${result.rules} ${result.variant} run ${result.run}: ${name}\n`);

  phase('cold start');
  let start = now();
  const loaded = loadEngine(options.rules, options['path-resolver']);
  const loadedAt = now();
  await loaded.evaluate(events[0]);
  const end = now();
  result.cold_start_ms = Number(end - start) / 1e6;
  result.rule_count = loaded.ruleCount;
  extra.cold_start_load_ms = Number(loadedAt - start) / 1e6;
  extra.cold_start_first_run_ms = Number(end - loadedAt) / 1e6;
  if (options['path-resolver'] === 'dotted') {
    extra.dotted_path_resolver = 1;
  }
  const { evaluate } = loaded;

  phase('correctness pass');
  const hash = crypto.createHash('sha256');
  const output = [];
  start = now();
  const deadline = start + toNs(options['check-seconds']);
  for (let i = 0; i < events.length; i++) {
    const ids = await evaluate(events[i]);
    // Rule ids are ASCII, so the default (UTF-16 code unit) sort is the ordinal byte order.
    const line = `${i}\t${ids.sort().join(',')}\n`;
    hash.update(line);
    output.push(line);
    if (now() >= deadline) {
      break;
    }
  }
  fs.mkdirSync(path.dirname(path.resolve(options.matches)), { recursive: true });
  fs.writeFileSync(options.matches, output.join(''));
  result.checked_events = output.length;
  result.matches_sha256 = hash.digest('hex');
  extra.correctness_eps = output.length / (Number(now() - start) / 1e9);

  phase('warm-up');
  await measureLoop((i) => evaluate(events[i]), events.length, options['warmup-seconds']);

  phase('throughput');
  const meter = new AllocationMeter();
  meter.start();
  const throughput = await measureLoop((i) => evaluate(events[i]), events.length, options['measure-seconds']);
  const allocation = meter.stop();
  result.throughput_eps = throughput.eps;
  result.bytes_per_event = allocation === null ? null : allocation.bytes / throughput.events;
  if (allocation !== null) {
    extra.bytes_per_event_gcs = allocation.gcs;
  }

  phase('latency');
  result.latency_ns = await measureLatency(evaluate, events, options['measure-seconds'], result.throughput_eps);

  phase('two threads');
  result.two_thread_eps = (await measureWorkers(options, options['measure-seconds'])).eps;

  phase('end to end');
  result.end_to_end_eps = (await measureLoop((i) => evaluate(JSON.parse(lines[i])), lines.length, options['measure-seconds'])).eps;

  result.extra = extra;
  return result;
}

/** Writes the result in the .NET runner's field order and rounding. */
function writeResult(file, r) {
  const ordered = {
    engine: r.engine,
    engine_version: r.engine_version,
    runtime: r.runtime,
    rules: r.rules,
    rule_count: r.rule_count,
    variant: r.variant,
    run: r.run,
    cold_start_ms: round(r.cold_start_ms, 3),
    checked_events: r.checked_events,
    matches_sha256: r.matches_sha256,
    throughput_eps: round(r.throughput_eps, 1),
    bytes_per_event: r.bytes_per_event === null ? null : round(r.bytes_per_event, 1),
    latency_ns: { p50: Math.round(r.latency_ns.p50), p99: Math.round(r.latency_ns.p99), p999: Math.round(r.latency_ns.p999) },
    two_thread_eps: round(r.two_thread_eps, 1),
    end_to_end_eps: round(r.end_to_end_eps, 1),
    extra: Object.fromEntries(Object.entries(r.extra).map(([k, v]) => [k, round(v, 3)])),
  };
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(ordered, null, 2));
}

async function main(argv) {
  let options;
  let lines;
  let events;
  try {
    options = parseOptions(argv);
    ({ lines, events } = readEvents(options.events));
    fs.accessSync(options.rules, fs.constants.R_OK);
  } catch (e) {
    process.stderr.write(`${ENGINE} harness: ${e instanceof BadInput ? e.message : `cannot read ${e.path}: ${e.code}`}\n`);
    return 2;
  }
  try {
    writeResult(options.result, await measure(options, lines, events));
    return 0;
  } catch (e) {
    if (e instanceof BadInput) {
      process.stderr.write(`${ENGINE} harness: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`${ENGINE} harness failed on ${options.rules}: ${e && e.name}: ${e && e.message}\n`);
    return 1;
  }
}

if (isMainThread) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
} else {
  // A failure is an unhandled rejection, which ends the worker and reaches the main thread as its 'error' event.
  runWorker();
}
