using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MemoryTriggers.Benchmarks.Instructions;

/// <summary>
/// Calls two libc functions that neither .NET nor this program otherwise calls, <c>getpgrp</c> before the slice and
/// <c>getppid</c> after it, so <c>valgrind --tool=callgrind --zero-before=getpgrp --dump-before=getppid</c> counts
/// exactly the instructions in between. JIT-compiled code has no symbols callgrind could toggle on, and a client
/// request would need a native helper; a named libc function is the marker callgrind can see. Both functions are
/// resolved up front and called through unmanaged function pointers, so no lazy binding runs inside the slice.
/// </summary>
internal sealed unsafe class CallgrindMarkers
{
    private readonly delegate* unmanaged<int> _start;
    private readonly delegate* unmanaged<int> _stop;

    private CallgrindMarkers(nint libc)
    {
        _start = (delegate* unmanaged<int>)NativeLibrary.GetExport(libc, "getpgrp");
        _stop = (delegate* unmanaged<int>)NativeLibrary.GetExport(libc, "getppid");

        // Compiled now, so the JIT does not run for Stop between the markers.
        RuntimeHelpers.PrepareMethod(typeof(CallgrindMarkers).GetMethod(nameof(Stop))!.MethodHandle);
    }

    /// <summary>Gets the markers, or null where there is no glibc (the slice then runs unmarked).</summary>
    public static CallgrindMarkers? TryCreate() =>
        NativeLibrary.TryLoad("libc.so.6", out var libc) ? new CallgrindMarkers(libc) : null;

    /// <summary>Calls getpgrp: callgrind zeroes its counters on entry.</summary>
    public int Start() => _start();

    /// <summary>Calls getppid: callgrind dumps the counters (the slice) on entry.</summary>
    public int Stop() => _stop();
}
