'use strict';
// Node has no allocated-bytes counter (nothing like GC.GetTotalAllocatedBytes), so this approximates one from the
// young generation, where V8 puts (almost) every new object: the bytes allocated over a window are the growth of
// the young spaces between collections, i.e. for each GC (young used before it) - (young used after the previous
// one), plus the growth after the last GC. v8.GCProfiler reports the space sizes before and after every GC.
// Not counted: objects V8 allocates straight into old space (pretenured allocation sites), and memory outside the
// JS heap (Buffers, strings' external data). This isolate only, so the main thread only.

const v8 = require('node:v8');

const YOUNG = new Set(['new_space', 'new_large_object_space']);

function youngFromNode() {
  return v8.getHeapSpaceStatistics().reduce((sum, s) => (YOUNG.has(s.space_name) ? sum + s.space_used_size : sum), 0);
}

function youngFromProfile(spaces) {
  return spaces.reduce((sum, s) => (YOUNG.has(s.spaceName) ? sum + s.spaceUsedSize : sum), 0);
}

class AllocationMeter {
  start() {
    this.profiler = typeof v8.GCProfiler === 'function' ? new v8.GCProfiler() : null;
    if (this.profiler === null) {
      return;
    }
    this.profiler.start();
    this.begin = youngFromNode();
  }

  /** Returns { bytes, gcs }, or null when this Node has no v8.GCProfiler. */
  stop() {
    if (this.profiler === null) {
      return null;
    }
    const end = youngFromNode();
    const { statistics } = this.profiler.stop();
    let bytes = 0;
    let after = this.begin;
    for (const gc of statistics) {
      bytes += youngFromProfile(gc.beforeGC.heapSpaceStatistics) - after;
      after = youngFromProfile(gc.afterGC.heapSpaceStatistics);
    }
    bytes += end - after;
    return { bytes, gcs: statistics.length };
  }
}

module.exports = { AllocationMeter };
