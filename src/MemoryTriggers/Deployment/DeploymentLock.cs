namespace MemoryTriggers.Deployment;

/// <summary>
/// The root's exclusive lock: the file <c>.lock</c> held open with <see cref="FileShare.None"/>
/// (an advisory <c>flock</c> on Unix). The operating system releases it when the process ends, so a
/// crashed deploy never leaves a stale lock behind.
/// </summary>
internal sealed class DeploymentLock : IDisposable
{
    public const string FileName = ".lock";

    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(50);

    private readonly FileStream _stream;

    private DeploymentLock(FileStream stream) => _stream = stream;

    public static DeploymentLock Acquire(string root, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(root);
        var path = Path.Combine(root, FileName);
        var started = time.GetTimestamp();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                return new DeploymentLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException ex)
            {
                if (time.GetElapsedTime(started) >= timeout)
                {
                    throw new DeploymentException(
                        $"{path}: another deployment operation holds the lock ({ex.Message}); gave up after {timeout.TotalSeconds:0.#} s, try again when it has finished", ex);
                }
            }

            cancellationToken.WaitHandle.WaitOne(s_pollInterval);
        }
    }

    public void Dispose() => _stream.Dispose();
}
