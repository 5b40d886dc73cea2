using MemoryTriggers.Memory.Mem0;
using Microsoft.Data.Sqlite;

namespace MemoryTriggers.Memory.Backends;

/// <summary>Tells failures that mean "the store cannot be reached now" from failures of the call itself.</summary>
internal static class StoreAvailability
{
    /// <summary>
    /// Whether <paramref name="error"/> means the store is unavailable: a transport failure, a
    /// timeout, 429 or 5xx after the client's retries, an open circuit, a busy or unwritable SQLite
    /// file. Not: 4xx answers, invalid arguments, or cancellation by the caller.
    /// </summary>
    public static bool IsUnavailable(Exception error, CancellationToken callerToken) => error switch
    {
        OperationCanceledException => !callerToken.IsCancellationRequested,
        Mem0ApiException mem0 => mem0.IsTransient,
        MemoryStoreUnavailableException or TimeoutException or HttpRequestException or IOException => true,
        // SQLITE_BUSY, LOCKED, IOERR, FULL, CANTOPEN
        SqliteException sqlite => sqlite.SqliteErrorCode is 5 or 6 or 10 or 13 or 14,
        _ => false,
    };
}
