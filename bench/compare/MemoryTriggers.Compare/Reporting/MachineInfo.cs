using System.Runtime.InteropServices;

namespace MemoryTriggers.Compare.Reporting;

/// <summary>The machine a report describes.</summary>
/// <param name="Cpu">The CPU model.</param>
/// <param name="Cores">The number of logical cores.</param>
/// <param name="Os">The operating system.</param>
/// <param name="ReportRuntime">The runtime that wrote the report.</param>
internal sealed record MachineInfo(string Cpu, int Cores, string Os, string ReportRuntime)
{
    /// <summary>Describes this machine: the CPU model from /proc/cpuinfo (or "unknown"), cores, OS.</summary>
    public static MachineInfo Current()
    {
        var cpu = "unknown";
        try
        {
            cpu = File.ReadLines("/proc/cpuinfo")
                .Where(l => l.StartsWith("model name", StringComparison.Ordinal) || l.StartsWith("Hardware", StringComparison.Ordinal))
                .Select(l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim())
                .FirstOrDefault(m => m.Length > 0) ?? cpu;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not Linux, or /proc hidden: the report says "unknown".
        }

        return new MachineInfo(cpu, Environment.ProcessorCount, RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription);
    }
}
